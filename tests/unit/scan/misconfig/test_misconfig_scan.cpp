// Tests of the scan driver (stages/scan/misconfig/misconfig_scan.cpp): which
// files are checked, the GitLab include graph, notes for skipped files, and
// malformed input seen through the whole scan.
#include <catch2/catch.hpp>
#include <set>

#include "../../util/temp_folder.hpp"
#include "misconfig_test_support.hpp"

using namespace slipway;

namespace {

scan::ScanOutcome scan_files(const test::TempFolder& folder, const std::vector<std::string>& files,
                             const model::Config* config = nullptr) {
  scan::ScanOptions options;
  options.root = folder.path().string();
  options.files = files;
  options.all_files = test::files_below(folder.path());
  options.config = config;
  Result<scan::ScanOutcome> outcome = scan::scan_misconfiguration(options);
  REQUIRE(outcome.ok());
  return std::move(outcome).value();
}

std::set<std::string> checked_paths(const scan::ScanOutcome& outcome) {
  std::set<std::string> paths;
  for (const auto& file : outcome.checked) {
    CHECK(file.tool == "slipway-scan");
    paths.insert(file.path);
  }
  return paths;
}

std::set<std::string> finding_paths(const scan::ScanOutcome& outcome) {
  std::set<std::string> paths;
  for (const auto& finding : outcome.findings) paths.insert(finding.location.path);
  return paths;
}

const std::string k_printing_job = "job:\n  script:\n    - echo $CI_JOB_TOKEN\n";

}  // namespace

TEST_CASE("only selected files are checked, and only recognised ones count", "[scan][misconfig][scan]") {
  test::TempFolder folder;
  folder.write("Dockerfile", "FROM alpine\n");
  folder.write("other/Dockerfile", "FROM alpine\n");
  folder.write("notes.yaml", "title: not kubernetes\n");
  folder.write("vars/helper.groovy", "def call() { echo 'hi' }\n");
  folder.write("vars/deploy.groovy", "def call() { withCredentials([]) { sh 'x' } }\n");
  const auto outcome = scan_files(
      folder, {"Dockerfile", "notes.yaml", "vars/helper.groovy", "vars/deploy.groovy", "deleted/Dockerfile"});
  CHECK(checked_paths(outcome) == std::set<std::string>{"Dockerfile", "vars/deploy.groovy"});
  CHECK(finding_paths(outcome) == std::set<std::string>{"Dockerfile"});
  CHECK(outcome.notes.empty());
}

TEST_CASE("GitLab: included files are checked when selected, through the root file",
          "[scan][misconfig][scan]") {
  test::TempFolder folder;
  folder.write(".gitlab-ci.yml",
               "include:\n  - local: /ci/a.yml\n  - local: ci/more/*.yml\n" + k_printing_job);
  folder.write("ci/a.yml", "include: ci/b.yml\n" + k_printing_job);
  folder.write("ci/b.yml", "include: /ci/a.yml\n" + k_printing_job);  // a loop
  folder.write("ci/more/c.yml", k_printing_job);
  folder.write("ci/unused.yml", k_printing_job);

  SECTION("everything selected: every file of the graph, each once") {
    const auto outcome = scan_files(folder, test::files_below(folder.path()));
    const std::set<std::string> graph{".gitlab-ci.yml", "ci/a.yml", "ci/b.yml", "ci/more/c.yml"};
    CHECK(checked_paths(outcome) == graph);
    CHECK(finding_paths(outcome) == graph);
    CHECK(outcome.findings.size() == 4);
  }
  SECTION("only an included file selected: it alone is reported") {
    const auto outcome = scan_files(folder, {"ci/b.yml"});
    CHECK(checked_paths(outcome) == std::set<std::string>{"ci/b.yml"});
    CHECK(finding_paths(outcome) == std::set<std::string>{"ci/b.yml"});
  }
  SECTION("only the root selected: the includes are read but not reported") {
    const auto outcome = scan_files(folder, {".gitlab-ci.yml"});
    CHECK(checked_paths(outcome) == std::set<std::string>{".gitlab-ci.yml"});
    CHECK(finding_paths(outcome) == std::set<std::string>{".gitlab-ci.yml"});
  }
}

TEST_CASE("GitLab: includes that match nothing or leave the repository give a note",
          "[scan][misconfig][scan]") {
  test::TempFolder folder;
  folder.write(".gitlab-ci.yml", "include:\n  - local: missing.yml\n  - local: ../outside.yml\n");
  const auto outcome = scan_files(folder, {".gitlab-ci.yml"});
  CHECK(outcome.notes.size() == 2);
  CHECK(checked_paths(outcome) == std::set<std::string>{".gitlab-ci.yml"});
}

TEST_CASE("malformed files give parse-error findings with path and line", "[scan][misconfig][scan]") {
  test::TempFolder folder;
  folder.write(".github/workflows/ci.yml", "on: push\njobs:\n  a: {runs-on: x\n");
  folder.write(".gitlab-ci.yml", "include: [ci/a.yml]\n");
  folder.write("ci/a.yml", "job:\n  script: [\n");
  folder.write("k8s/pod.yaml", "apiVersion: v1\nkind: Pod\nspec: [\n");
  folder.write("Jenkinsfile", "pipeline {\n  sh \"open\n}\n");
  folder.write("action.yml", "runs: {\n");
  const auto outcome = scan_files(folder, test::files_below(folder.path()));
  INFO(test::describe(outcome.findings));
  REQUIRE(outcome.findings.size() == 5);
  for (const auto& finding : outcome.findings) {
    CHECK(finding.rule_id == "config/parse-error");
    CHECK(finding.location.start_line > 0);
  }
  CHECK(finding_paths(outcome) == std::set<std::string>{".github/workflows/ci.yml", "ci/a.yml",
                                                        "k8s/pod.yaml", "Jenkinsfile", "action.yml"});
}

TEST_CASE("binary, oversized, template and invalid UTF-8 files never crash the scan",
          "[scan][misconfig][scan]") {
  test::TempFolder folder;
  folder.write("Dockerfile", std::string("FROM alpine\0\x01\x02", 15));
  folder.write("big/Dockerfile", "FROM alpine:3.19\n" + std::string(2 * 1024 * 1024, '#') + "\n");
  folder.write("chart/templates/deploy.yaml",
               "apiVersion: apps/v1\nkind: Deployment\nspec: {{ .Values.spec }}\n");
  folder.write("utf8/Dockerfile", "FROM \xc3\x28\xa0\xa1:latest\nUSER \xff\n");
  folder.write(".github/workflows/x.yml",
               "on: push\njobs:\n  a:\n    steps:\n      - run: \"\xff\xfe ${{ github.head_ref }}\"\n");
  folder.write("deep.yaml", "apiVersion: v1\nkind: Pod\nspec: " + std::string(5000, '[') + "\n");
  const auto outcome = scan_files(folder, test::files_below(folder.path()));
  CHECK(outcome.notes.size() == 3);  // binary, too large, one template
  for (const auto& finding : outcome.findings) {
    for (const char c : finding.message) CHECK(static_cast<unsigned char>(c) != 0xff);
  }
  CHECK(test::count_rule(outcome.findings, "config/dockerfile/unpinned-base-image") == 1);
  CHECK(test::count_rule(outcome.findings, "config/github-actions/expression-injection") == 1);
  CHECK(test::count_rule(outcome.findings, "config/parse-error") == 1);  // deep.yaml
}
