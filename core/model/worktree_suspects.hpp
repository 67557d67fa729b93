// The paths a diff against the working tree must look at, found by a stat
// walk (model/worktree_stat.hpp) over what libgit2 read from the index.
// Internal to model (it speaks libgit2); see worktree_suspects.cpp.
#pragma once

#include <git2.h>

#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace slipway::model {

// Every path whose delta in the diff of `base_tree` against the working
// tree through the index (worktree_diff.hpp) may be anything but
// "unmodified": what differs between the base tree and the index, index
// entries in conflict or marked intent-to-add or skip-worktree, and what the
// stat walk suspects. A folder stands for everything below it. Sorted,
// without repeats. nullopt when the walk cannot run here (the caller then
// diffs the whole tree).
Result<std::optional<std::vector<std::string>>> worktree_suspects(git_repository* repo,
                                                                  const std::string& root,
                                                                  const git_tree* base_tree,
                                                                  std::size_t threads);

}  // namespace slipway::model
