// The diffs against the working tree that GitRepo shares: a base tree
// against it through the index (changed_files, added_lines) and the index
// against it (the untracked files of tracked_and_untracked_files): their
// options, which deltas count, and both listings split across threads. Internal to model (it speaks libgit2);
// see git_repo.hpp for the questions it answers.
#pragma once

#include <git2.h>

#include <string>
#include <thread>
#include <vector>

#include "util/result.hpp"
#include "util/strings.hpp"

namespace slipway::model {

// Path listings are sorted and uniqued with util::sort_unique (the index
// keeps path order unless core.ignorecase says otherwise, so checking first
// is cheaper than sorting).
using util::sort_unique;

// Staged, unstaged and untracked-not-ignored changes, untracked folders
// walked, type changes kept apart, submodules ignored, no context lines.
git_diff_options worktree_diff_options(bool with_untracked_content);

// Added, modified, renamed, copied, untracked, type-changed and conflicted:
// a file that is there and differs from the base. Deletions do not count.
bool is_kept_delta(git_delta_t status);

// Appends the new path of every kept delta (submodules left out).
void append_changed_paths(const git_diff* diff, std::vector<std::string>& paths);
// Appends the path of every untracked (not ignored) file.
void append_untracked_paths(const git_diff* diff, std::vector<std::string>& paths);

// The changed paths (unsorted, possibly repeated) of the diff of `base_tree`
// against the working tree, restricted to `paths` taken literally (a folder
// stands for everything below it); an empty `paths` means everything. A null
// `base_tree` diffs the index against the working tree instead and lists
// only the untracked files (what git status calls untracked). No
// rename or copy detection: it changes no new path (see worktree_diff.cpp).
Result<std::vector<std::string>> changed_paths_in(git_repository* repo, const git_tree* base_tree,
                                                  const std::vector<std::string>& paths);

// changed_paths_in over the whole tree, split into up to `parts` disjoint
// path lists (model/worktree_split.hpp) diffed at the same time, each on its
// own repository handle opened at `root`. `min_entries_per_part` keeps small
// indexes in fewer parts (a thread and a second index read are not free).
// Sorted, without repeats. The threads have handed back their part but may
// still be releasing their handles: they are added to `releasing`, to be
// joined later (GitRepo joins them when it is destroyed).
Result<std::vector<std::string>> changed_paths_split(git_repository* repo, const std::string& root,
                                                     const git_oid& base_commit, std::size_t parts,
                                                     std::size_t min_entries_per_part,
                                                     std::vector<std::thread>& releasing);

// The untracked, not ignored files, split across threads the same way.
Result<std::vector<std::string>> untracked_paths_split(git_repository* repo, const std::string& root,
                                                       std::size_t parts, std::size_t min_entries_per_part,
                                                       std::vector<std::thread>& releasing);

}  // namespace slipway::model
