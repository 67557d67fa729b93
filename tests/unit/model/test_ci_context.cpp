// Tests of CI detection with simulated environments: each platform's pull or
// merge request and push variables, the GitHub event file (written to a
// temporary folder, also missing and malformed), all-zero "before" shas, and
// a plain laptop.
#include <stdlib.h>  // mkdtemp

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "model/ci_context.hpp"

namespace fs = std::filesystem;
using slipway::model::CiContext;
using slipway::model::CiPlatform;
using slipway::model::detect_ci;
using slipway::util::EnvMap;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "slipway-ci-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  [[nodiscard]] std::string file(const std::string& name, const std::string& content) const {
    fs::path path = m_path / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

 private:
  fs::path m_path;
};

const std::string k_base_sha = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const std::string k_before_sha = "9fceb02d0ae598e95dc970b74767f19372d61af8";
const std::string k_zero_sha = "0000000000000000000000000000000000000000";

EnvMap github_pull_request_env(const std::string& event_path) {
  return {
      {"GITHUB_ACTIONS", "true"},
      {"GITHUB_EVENT_NAME", "pull_request"},
      {"GITHUB_EVENT_PATH", event_path},
      {"GITHUB_REF", "refs/pull/42/merge"},
      {"GITHUB_REF_NAME", "42/merge"},
      {"GITHUB_BASE_REF", "main"},
      {"GITHUB_HEAD_REF", "feature/login"},
      {"GITHUB_SHA", "ffffffffffffffffffffffffffffffffffffffff"},
      {"GITHUB_WORKSPACE", "/home/runner/work/app/app"},
      {"RUNNER_NAME", "GitHub Actions 7"},
  };
}

}  // namespace

TEST_CASE("platform names", "[ci]") {
  CHECK(to_string(CiPlatform::local) == "local");
  CHECK(to_string(CiPlatform::github) == "github");
  CHECK(to_string(CiPlatform::gitlab) == "gitlab");
  CHECK(to_string(CiPlatform::jenkins) == "jenkins");
}

TEST_CASE("a laptop is local and knows nothing", "[ci]") {
  CiContext ctx = detect_ci({{"HOME", "/home/dev"}, {"GITHUB_ACTIONS", "false"}});
  CHECK(ctx.platform == CiPlatform::local);
  CHECK(ctx.branch.empty());
  CHECK(ctx.base_commit.empty());
  CHECK(ctx.base_ref.empty());
  CHECK(ctx.commit.empty());
  CHECK_FALSE(ctx.is_change_request());
}

TEST_CASE("GitHub pull_request takes the base sha from the event file", "[ci]") {
  TempDir temp;
  std::string event = temp.file("event.json", R"({
    "action": "synchronize",
    "number": 42,
    "pull_request": {
      "number": 42,
      "base": {"ref": "main", "sha": ")" + k_base_sha +
                                                  R"("},
      "head": {"ref": "feature/login", "sha": "1111111111111111111111111111111111111111"}
    }
  })");

  CiContext ctx = detect_ci(github_pull_request_env(event));
  CHECK(ctx.platform == CiPlatform::github);
  CHECK(ctx.event_name == "pull_request");
  CHECK(ctx.change_number == "42");
  CHECK(ctx.target_branch == "main");
  CHECK(ctx.branch == "feature/login");
  CHECK(ctx.tag.empty());
  CHECK(ctx.base_commit == k_base_sha);
  CHECK(ctx.base_ref.empty());
  CHECK(ctx.base_source == "pull_request.base.sha from $GITHUB_EVENT_PATH");
  CHECK(ctx.workspace == "/home/runner/work/app/app");
  CHECK(ctx.runner == "GitHub Actions 7");
  CHECK(ctx.commit.empty());  // GITHUB_SHA is the test merge commit; the caller reads HEAD
  CHECK(ctx.is_change_request());
}

TEST_CASE("GitHub pull_request_target: the head branch, not GITHUB_REF's base branch", "[ci]") {
  TempDir temp;
  std::string event =
      temp.file("event.json", R"({"pull_request": {"number": 7, "base": {"sha": ")" + k_base_sha + R"("}}})");
  EnvMap env = github_pull_request_env(event);
  env["GITHUB_EVENT_NAME"] = "pull_request_target";
  env["GITHUB_REF"] = "refs/heads/main";
  env["GITHUB_REF_NAME"] = "main";
  CiContext ctx = detect_ci(env);
  CHECK(ctx.branch == "feature/login");
  CHECK(ctx.change_number == "7");
  CHECK(ctx.base_commit == k_base_sha);
}

TEST_CASE("GitHub pull_request without a usable event file falls back to origin/GITHUB_BASE_REF", "[ci]") {
  TempDir temp;
  SECTION("missing file") {
    CiContext ctx = detect_ci(github_pull_request_env(temp.file("unused", "") + ".missing"));
    CHECK(ctx.base_commit.empty());
    CHECK(ctx.base_ref == "origin/main");
    CHECK_THAT(ctx.base_source, Catch::Contains("missing or not valid JSON"));
    CHECK(ctx.change_number == "42");  // from refs/pull/42/merge
  }
  SECTION("malformed file") {
    CiContext ctx = detect_ci(github_pull_request_env(temp.file("event.json", "{\"pull_request\": {")));
    CHECK(ctx.base_commit.empty());
    CHECK(ctx.base_ref == "origin/main");
    CHECK(ctx.change_number == "42");
  }
  SECTION("no base sha in it") {
    CiContext ctx = detect_ci(github_pull_request_env(temp.file("event.json", R"({"pull_request": {}})")));
    CHECK(ctx.base_ref == "origin/main");
    CHECK_THAT(ctx.base_source, Catch::Contains("no pull_request.base.sha"));
  }
  SECTION("no GITHUB_EVENT_PATH") {
    EnvMap env = github_pull_request_env("");
    env.erase("GITHUB_EVENT_PATH");
    CiContext ctx = detect_ci(env);
    CHECK(ctx.base_ref == "origin/main");
    CHECK_THAT(ctx.base_source, Catch::Contains("not set"));
  }
}

TEST_CASE("GitHub push diffs against the previous tip unless the branch is new", "[ci]") {
  TempDir temp;
  EnvMap env{{"GITHUB_ACTIONS", "true"},
             {"GITHUB_EVENT_NAME", "push"},
             {"GITHUB_REF", "refs/heads/release/1.x"},
             {"GITHUB_REF_NAME", "release/1.x"},
             {"GITHUB_REF_TYPE", "branch"}};

  SECTION("existing branch") {
    env["GITHUB_EVENT_PATH"] =
        temp.file("push.json", R"({"before": ")" + k_before_sha + R"(", "after": "abc"})");
    CiContext ctx = detect_ci(env);
    CHECK(ctx.platform == CiPlatform::github);
    CHECK(ctx.branch == "release/1.x");
    CHECK(ctx.base_commit == k_before_sha);
    CHECK_THAT(ctx.base_source, Catch::Contains("\"before\""));
    CHECK_FALSE(ctx.is_change_request());
  }
  SECTION("new branch: before is all zeros") {
    env["GITHUB_EVENT_PATH"] = temp.file("push.json", R"({"before": ")" + k_zero_sha + R"("})");
    CiContext ctx = detect_ci(env);
    CHECK(ctx.base_commit.empty());
    CHECK(ctx.base_ref.empty());
    CHECK_THAT(ctx.base_source, Catch::Contains("all zeros"));
  }
  SECTION("tag push") {
    env["GITHUB_REF"] = "refs/tags/v2.0.0";
    env["GITHUB_REF_NAME"] = "v2.0.0";
    env["GITHUB_EVENT_PATH"] = temp.file("push.json", R"({"before": ")" + k_zero_sha + R"("})");
    CiContext ctx = detect_ci(env);
    CHECK(ctx.tag == "v2.0.0");
    CHECK(ctx.branch.empty());
    CHECK(ctx.base_commit.empty());
  }
}

TEST_CASE("GitHub events other than push and pull requests name no base", "[ci]") {
  CiContext ctx = detect_ci({{"GITHUB_ACTIONS", "true"},
                             {"GITHUB_EVENT_NAME", "workflow_dispatch"},
                             {"GITHUB_REF", "refs/heads/main"}});
  CHECK(ctx.branch == "main");
  CHECK(ctx.base_commit.empty());
  CHECK(ctx.base_ref.empty());
  CHECK(ctx.base_source == "none: a \"workflow_dispatch\" event names no base");
}

TEST_CASE("GitLab merge request pipeline uses the diff base sha", "[ci]") {
  CiContext ctx = detect_ci({{"GITLAB_CI", "true"},
                             {"CI_PIPELINE_SOURCE", "merge_request_event"},
                             {"CI_MERGE_REQUEST_IID", "17"},
                             {"CI_MERGE_REQUEST_TARGET_BRANCH_NAME", "develop"},
                             {"CI_MERGE_REQUEST_SOURCE_BRANCH_NAME", "fix/typo"},
                             {"CI_MERGE_REQUEST_DIFF_BASE_SHA", k_base_sha},
                             {"CI_COMMIT_REF_NAME", "fix/typo"},
                             {"CI_COMMIT_BEFORE_SHA", k_zero_sha},
                             {"CI_PROJECT_DIR", "/builds/group/app"},
                             {"CI_RUNNER_DESCRIPTION", "shared-runner-3"}});
  CHECK(ctx.platform == CiPlatform::gitlab);
  CHECK(ctx.event_name == "merge_request_event");
  CHECK(ctx.change_number == "17");
  CHECK(ctx.target_branch == "develop");
  CHECK(ctx.branch == "fix/typo");
  CHECK(ctx.base_commit == k_base_sha);
  CHECK(ctx.base_source == "$CI_MERGE_REQUEST_DIFF_BASE_SHA");
  CHECK(ctx.workspace == "/builds/group/app");
  CHECK(ctx.runner == "shared-runner-3");
  CHECK(ctx.is_change_request());
}

TEST_CASE("GitLab push pipeline uses the before sha unless it is all zeros", "[ci]") {
  EnvMap env{{"GITLAB_CI", "true"},
             {"CI_PIPELINE_SOURCE", "push"},
             {"CI_COMMIT_BRANCH", "main"},
             {"CI_COMMIT_REF_NAME", "main"},
             {"CI_COMMIT_BEFORE_SHA", k_before_sha}};
  SECTION("existing branch") {
    CiContext ctx = detect_ci(env);
    CHECK(ctx.branch == "main");
    CHECK(ctx.base_commit == k_before_sha);
    CHECK(ctx.base_source == "$CI_COMMIT_BEFORE_SHA (previous tip of the pushed branch)");
    CHECK_FALSE(ctx.is_change_request());
  }
  SECTION("new branch") {
    env["CI_COMMIT_BEFORE_SHA"] = k_zero_sha;
    CiContext ctx = detect_ci(env);
    CHECK(ctx.base_commit.empty());
    CHECK_THAT(ctx.base_source, Catch::Contains("all zeros"));
  }
  SECTION("tag pipeline") {
    env.erase("CI_COMMIT_BRANCH");
    env["CI_COMMIT_REF_NAME"] = "v1.2.3";
    env["CI_COMMIT_TAG"] = "v1.2.3";
    env["CI_COMMIT_BEFORE_SHA"] = k_zero_sha;
    CiContext ctx = detect_ci(env);
    CHECK(ctx.tag == "v1.2.3");
    CHECK(ctx.branch.empty());
  }
}

TEST_CASE("Jenkins change request diffs against origin/CHANGE_TARGET, never GIT_COMMIT", "[ci]") {
  CiContext ctx = detect_ci({{"JENKINS_URL", "https://ci.example.com/"},
                             {"BRANCH_NAME", "PR-12"},
                             {"CHANGE_ID", "12"},
                             {"CHANGE_TARGET", "main"},
                             {"CHANGE_BRANCH", "feature/x"},
                             {"GIT_COMMIT", k_before_sha},
                             {"WORKSPACE", "/var/jenkins/workspace/app_PR-12"},
                             {"NODE_NAME", "agent-2"}});
  CHECK(ctx.platform == CiPlatform::jenkins);
  CHECK(ctx.change_number == "12");
  CHECK(ctx.target_branch == "main");
  CHECK(ctx.branch == "feature/x");
  CHECK(ctx.base_ref == "origin/main");
  CHECK(ctx.base_commit.empty());
  CHECK(ctx.base_source == "origin/$CHANGE_TARGET");
  CHECK(ctx.commit.empty());
  CHECK(ctx.workspace == "/var/jenkins/workspace/app_PR-12");
  CHECK(ctx.runner == "agent-2");
  CHECK(ctx.is_change_request());
}

TEST_CASE("Jenkins branch and tag builds", "[ci]") {
  SECTION("branch from GIT_BRANCH") {
    CiContext ctx = detect_ci({{"JENKINS_URL", "https://ci.example.com/"}, {"GIT_BRANCH", "origin/develop"}});
    CHECK(ctx.branch == "develop");
    CHECK(ctx.event_name == "branch");
    CHECK(ctx.base_ref.empty());
    CHECK(ctx.base_commit.empty());
    CHECK_THAT(ctx.base_source, Catch::StartsWith("none:"));
    CHECK_FALSE(ctx.is_change_request());
  }
  SECTION("tag build") {
    CiContext ctx = detect_ci(
        {{"JENKINS_URL", "https://ci.example.com/"}, {"BRANCH_NAME", "v3.1"}, {"TAG_NAME", "v3.1"}});
    CHECK(ctx.tag == "v3.1");
    CHECK(ctx.branch.empty());
  }
}
