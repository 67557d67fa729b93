// Which files a stage looks at: every file of the repository, or only those
// changed since the merge base (pull/merge requests, local branches, --base).
//
// The base is taken from, in order: --base / `base:`, the CI platform's base
// commit, the CI platform's target branch, the local branch's upstream. When
// changed-only is wanted but no merge base can be found (shallow clone,
// missing ref), one warning line says why and how to fix it, and every file
// is selected: never lint nothing by accident.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "model/git_repo.hpp"

namespace slipway::app {

struct FileSelection {
  std::vector<std::string> files;      // selected, repository-relative, existing regular files
  std::vector<std::string> all_files;  // every tracked or untracked-not-ignored file
  bool changed_only = false;           // true when `files` is the changed set
  std::string base_commit;             // merge base used ("" when none)
  std::string description;             // "changed since abc1234 (merge base with origin/main)" / "all files"
  std::vector<std::string> warnings;   // one line each, already worded for the user
};

Result<FileSelection> select_files(const AppContext& context);

// Lines added since the selection's base (for --new-only); nullopt when
// there is no base (then every line counts as new).
Result<std::optional<model::AddedLines>> added_lines_since_base(const AppContext& context,
                                                                const FileSelection& selection);

}  // namespace slipway::app
