// Where Slipway runs (GitHub Actions, GitLab CI, Jenkins or a laptop) and what
// that platform says about the change being built: commit, branch, tag,
// pull/merge request, target branch and the base commit to diff against.
//
// Detection reads only the environment map it is given (and the GitHub event
// file it names), so tests can simulate any platform. The commit is read from
// the repository, not trusted from variables: on GitHub pull requests
// GITHUB_SHA is a test merge commit and on Jenkins GIT_COMMIT can be the
// shared library's commit.
#pragma once

#include <string>
#include <string_view>

#include "util/environment.hpp"

namespace slipway::model {

enum class CiPlatform { local, github, gitlab, jenkins };
std::string_view to_string(CiPlatform platform);

struct CiContext {
  CiPlatform platform = CiPlatform::local;
  std::string commit;         // HEAD of the repository (filled by the caller from git)
  std::string branch;         // source branch ("" when detached and unknown)
  std::string tag;            // tag being built, if any
  std::string change_number;  // pull/merge request number ("" when not one)
  std::string target_branch;  // PR/MR target branch ("" when not one)
  std::string base_commit;    // commit to diff against ("" when unknown)
  std::string base_ref;       // a ref to find the base from (e.g. "origin/main") when no sha
  std::string base_source;    // where base_commit/base_ref came from, for ci-info and messages
  std::string workspace;      // checkout folder the platform names ("" locally)
  std::string event_name;     // "pull_request", "push", "merge_request_event", ...
  std::string runner;         // runner/agent name, when the platform says
  [[nodiscard]] bool is_change_request() const { return !change_number.empty() || !target_branch.empty(); }
};

// Detects the platform and reads its variables. Never fails: whatever is
// missing stays empty.
CiContext detect_ci(const util::EnvMap& env);

}  // namespace slipway::model
