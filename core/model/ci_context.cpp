// Platform detection and the reading of each platform's variables into one
// CiContext.
//
// Each platform gets its own small reader, and each reader follows the same
// order: identity (workspace, runner, event), what is being built (branch,
// tag, change number), then the base to diff against. The base is the part
// that matters most and goes wrong most often elsewhere, so every reader
// records in `base_source` where the base came from (or why there is none):
// the lint stage prints it when it falls back to the full file set, and
// `slipway ci-info` shows it.
//
// Rules about the base, and why:
//  - GitHub pull requests: the event file's pull_request.base.sha is the
//    target branch tip the PR was compared against; the caller takes the
//    merge base of it and HEAD. When the file is missing or malformed we fall
//    back to "origin/$GITHUB_BASE_REF", a ref the caller may or may not have.
//  - Pushes (GitHub "before", GitLab CI_COMMIT_BEFORE_SHA): the previous tip,
//    unless it is all zeros, which means a new branch or tag with no previous
//    tip; the base then stays empty and the caller falls back to the upstream.
//  - Jenkins never offers a trustworthy sha (GIT_COMMIT can be the shared
//    library's commit), so only a ref from CHANGE_TARGET.
// Nothing here fails: a variable that is missing or unreadable leaves its
// field empty.
#include "model/ci_context.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>

#include "util/files.hpp"

namespace slipway::model {

namespace {

using Json = nlohmann::json;

std::string get(const util::EnvMap& env, const std::string& name) {
  return util::env_get(env, name);
}

// Returns `text` without `prefix`, or nullopt when it does not start with it.
std::optional<std::string> strip_prefix(const std::string& text, std::string_view prefix) {
  if (text.size() < prefix.size() || text.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
  return text.substr(prefix.size());
}

// A sha of zeros is how GitHub and GitLab say "there was no previous commit".
bool is_null_sha(const std::string& sha) {
  return !sha.empty() && std::all_of(sha.begin(), sha.end(), [](char c) { return c == '0'; });
}

// The event payload, or nullopt when the file is missing or not a JSON object.
std::optional<Json> read_event_file(const std::string& path) {
  if (path.empty()) return std::nullopt;
  Result<std::string> text = util::read_file(path);
  if (!text) return std::nullopt;
  Json event = Json::parse(*text, nullptr, /*allow_exceptions=*/false);
  if (event.is_discarded() || !event.is_object()) return std::nullopt;
  return event;
}

// The value at a path of object keys, as text: strings as they are, integers
// printed; "" for anything missing or of another type.
std::string json_text(const Json& root, std::initializer_list<const char*> keys) {
  const Json* node = &root;
  for (const char* key : keys) {
    if (!node->is_object()) return {};
    auto it = node->find(key);
    if (it == node->end()) return {};
    node = &*it;
  }
  if (node->is_string()) return node->get<std::string>();
  if (node->is_number_integer()) return std::to_string(node->get<long long>());
  return {};
}

// "refs/pull/12/merge" (or ".../head") -> "12".
std::string pull_number_from_ref(const std::string& ref) {
  auto rest = strip_prefix(ref, "refs/pull/");
  if (!rest) return {};
  auto slash = rest->find('/');
  std::string number = rest->substr(0, slash);
  bool digits = !number.empty() &&
                std::all_of(number.begin(), number.end(), [](char c) { return c >= '0' && c <= '9'; });
  return digits ? number : std::string{};
}

void read_github(const util::EnvMap& env, CiContext& ctx) {
  ctx.workspace = get(env, "GITHUB_WORKSPACE");
  ctx.runner = get(env, "RUNNER_NAME");
  ctx.event_name = get(env, "GITHUB_EVENT_NAME");

  const std::string ref = get(env, "GITHUB_REF");
  if (auto branch = strip_prefix(ref, "refs/heads/")) {
    ctx.branch = *branch;
  } else if (auto tag = strip_prefix(ref, "refs/tags/")) {
    ctx.tag = *tag;
  } else if (ref.empty()) {
    const std::string name = get(env, "GITHUB_REF_NAME");
    (get(env, "GITHUB_REF_TYPE") == "tag" ? ctx.tag : ctx.branch) = name;
  }

  const std::string event_path = get(env, "GITHUB_EVENT_PATH");
  const std::optional<Json> event = read_event_file(event_path);

  // pull_request, pull_request_target, and the review events that carry the
  // same pull_request payload.
  if (strip_prefix(ctx.event_name, "pull_request")) {
    ctx.target_branch = get(env, "GITHUB_BASE_REF");
    if (ctx.target_branch.empty() && event)
      ctx.target_branch = json_text(*event, {"pull_request", "base", "ref"});
    // For pull_request_target GITHUB_REF names the base branch; the source is the head.
    std::string head = get(env, "GITHUB_HEAD_REF");
    if (head.empty() && event) head = json_text(*event, {"pull_request", "head", "ref"});
    ctx.branch = head;
    if (event) ctx.change_number = json_text(*event, {"pull_request", "number"});
    if (ctx.change_number.empty()) ctx.change_number = pull_number_from_ref(ref);

    const std::string base_sha = event ? json_text(*event, {"pull_request", "base", "sha"}) : std::string{};
    if (!base_sha.empty()) {
      ctx.base_commit = base_sha;
      ctx.base_source = "pull_request.base.sha from $GITHUB_EVENT_PATH";
    } else if (!ctx.target_branch.empty()) {
      ctx.base_ref = "origin/" + ctx.target_branch;
      ctx.base_source = event_path.empty() ? "origin/$GITHUB_BASE_REF ($GITHUB_EVENT_PATH is not set)"
                        : event ? "origin/$GITHUB_BASE_REF ($GITHUB_EVENT_PATH has no pull_request.base.sha)"
                                : "origin/$GITHUB_BASE_REF ($GITHUB_EVENT_PATH is missing or not valid JSON)";
    } else {
      ctx.base_source = "none: pull request event without a base sha or $GITHUB_BASE_REF";
    }
    return;
  }

  if (ctx.event_name == "push") {
    const std::string before = event ? json_text(*event, {"before"}) : std::string{};
    if (is_null_sha(before)) {
      ctx.base_source = "none: push of a new branch or tag (\"before\" in $GITHUB_EVENT_PATH is all zeros)";
    } else if (!before.empty()) {
      ctx.base_commit = before;
      ctx.base_source = "\"before\" from $GITHUB_EVENT_PATH (previous tip of the pushed branch)";
    } else {
      ctx.base_source = "none: $GITHUB_EVENT_PATH is missing or has no \"before\"";
    }
  } else {
    ctx.base_source = "none: a \"" + ctx.event_name + "\" event names no base";
  }
}

void read_gitlab(const util::EnvMap& env, CiContext& ctx) {
  ctx.workspace = get(env, "CI_PROJECT_DIR");
  ctx.runner = get(env, "CI_RUNNER_DESCRIPTION");
  ctx.event_name = get(env, "CI_PIPELINE_SOURCE");
  ctx.tag = get(env, "CI_COMMIT_TAG");
  ctx.branch = get(env, "CI_COMMIT_BRANCH");
  // CI_COMMIT_REF_NAME is the tag name in tag pipelines, so only a branch otherwise.
  if (ctx.branch.empty() && ctx.tag.empty()) ctx.branch = get(env, "CI_COMMIT_REF_NAME");

  ctx.change_number = get(env, "CI_MERGE_REQUEST_IID");
  ctx.target_branch = get(env, "CI_MERGE_REQUEST_TARGET_BRANCH_NAME");
  if (ctx.is_change_request()) {
    const std::string source = get(env, "CI_MERGE_REQUEST_SOURCE_BRANCH_NAME");
    if (!source.empty()) ctx.branch = source;
  }

  const std::string diff_base = get(env, "CI_MERGE_REQUEST_DIFF_BASE_SHA");
  if (!diff_base.empty()) {
    ctx.base_commit = diff_base;
    ctx.base_source = "$CI_MERGE_REQUEST_DIFF_BASE_SHA";
    return;
  }
  if (!ctx.target_branch.empty()) {
    ctx.base_ref = "origin/" + ctx.target_branch;
    ctx.base_source =
        "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME ($CI_MERGE_REQUEST_DIFF_BASE_SHA is not set)";
    return;
  }
  const std::string before = get(env, "CI_COMMIT_BEFORE_SHA");
  if (is_null_sha(before)) {
    ctx.base_source = "none: $CI_COMMIT_BEFORE_SHA is all zeros (new branch, tag or first pipeline)";
  } else if (!before.empty()) {
    ctx.base_commit = before;
    ctx.base_source = "$CI_COMMIT_BEFORE_SHA (previous tip of the pushed branch)";
  } else {
    ctx.base_source = "none: $CI_COMMIT_BEFORE_SHA is not set";
  }
}

void read_jenkins(const util::EnvMap& env, CiContext& ctx) {
  ctx.workspace = get(env, "WORKSPACE");
  ctx.runner = get(env, "NODE_NAME");
  ctx.tag = get(env, "TAG_NAME");
  ctx.change_number = get(env, "CHANGE_ID");
  ctx.target_branch = get(env, "CHANGE_TARGET");

  // In a multibranch pull request build BRANCH_NAME is "PR-12" and
  // CHANGE_BRANCH is the source branch; in a tag build BRANCH_NAME is the tag.
  std::string branch = get(env, "CHANGE_BRANCH");
  if (branch.empty()) branch = get(env, "BRANCH_NAME");
  if (branch.empty()) {
    branch = get(env, "GIT_BRANCH");  // "origin/main" from the git plugin
    if (auto local = strip_prefix(branch, "refs/heads/")) branch = *local;
    if (auto local = strip_prefix(branch, "origin/")) branch = *local;
  }
  if (!ctx.tag.empty() && branch == ctx.tag) branch.clear();
  ctx.branch = branch;

  // Jenkins has no event name; these say which kind of build it is.
  ctx.event_name = !ctx.change_number.empty() ? "change_request" : !ctx.tag.empty() ? "tag" : "branch";

  if (!ctx.target_branch.empty()) {
    ctx.base_ref = "origin/" + ctx.target_branch;
    ctx.base_source = "origin/$CHANGE_TARGET";
  } else {
    ctx.base_source = "none: not a change request build (GIT_COMMIT is not trusted as a base)";
  }
}

}  // namespace

std::string_view to_string(CiPlatform platform) {
  switch (platform) {
    case CiPlatform::local:
      return "local";
    case CiPlatform::github:
      return "github";
    case CiPlatform::gitlab:
      return "gitlab";
    case CiPlatform::jenkins:
      return "jenkins";
  }
  return "local";
}

CiContext detect_ci(const util::EnvMap& env) {
  CiContext ctx;
  if (get(env, "GITHUB_ACTIONS") == "true") {
    ctx.platform = CiPlatform::github;
    read_github(env, ctx);
  } else if (!get(env, "GITLAB_CI").empty()) {
    ctx.platform = CiPlatform::gitlab;
    read_gitlab(env, ctx);
  } else if (!get(env, "JENKINS_URL").empty()) {
    ctx.platform = CiPlatform::jenkins;
    read_jenkins(env, ctx);
  }
  return ctx;
}

}  // namespace slipway::model
