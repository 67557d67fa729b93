// Cutting a working tree into disjoint path lists of about equal weight, so
// that several threads can each diff one of them (model/worktree_diff.cpp).
//
// A list holds literal repository-relative paths ("docs", "src/app",
// "README.md"); a path stands for itself and, when it is a folder,
// everything below it. Together the lists must cover every path the diff
// could report: every index entry and every entry of the working tree. So
// the pieces start as the entries of the root folder (what is on disk, so
// untracked files and folders are covered) plus the first component of every
// index entry (so a tracked file whose folder is gone still is). A piece
// that weighs more than its share (weight = index entries below it) is
// replaced by its children, found the same way, but only when it is a real
// folder on disk: otherwise a file standing where the index has a folder
// would be in no list. The pieces, in path order, are then cut into
// consecutive lists of about equal weight.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::model {

// The names in a working-tree folder ("" is the root), or nullopt when the
// path is not a real folder there (missing, a file, a symbolic link).
using FolderLister = std::function<std::optional<std::vector<std::string>>(const std::string& folder)>;

// Splits into at most `parts` non-empty lists. `index_paths` are the index
// entries (any order; the conflict stages of a path may repeat it). Returns
// no list at all when the root cannot be listed (then nothing may be split).
// ".git" is never a piece: it is the repository, not part of the tree.
std::vector<std::vector<std::string>> split_worktree(const std::vector<std::string_view>& index_paths,
                                                     const FolderLister& list_folder, std::size_t parts);

}  // namespace slipway::model
