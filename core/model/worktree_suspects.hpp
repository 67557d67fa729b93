// The paths a diff against the working tree must look at, found by a stat
// walk (model/worktree_stat.hpp) over what libgit2 read from the index.
// Internal to model (it speaks libgit2); see worktree_suspects.cpp.
#pragma once

#include <git2.h>

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "model/index_snapshot.hpp"
#include "model/worktree_stat.hpp"
#include "util/result.hpp"

namespace slipway::model {

struct WorktreeSuspects {
  std::vector<std::string> paths;
  IndexSnapshot index;  // what the walk read the index as (GitRepo keeps it for tracked_files())
};

// Every path whose delta in the diff of `base_tree` against the working
// tree through the index (worktree_diff.hpp) may be anything but
// "unmodified": what differs between the base tree and the index, index
// entries in conflict or marked intent-to-add or skip-worktree, and what the
// stat walk suspects. A folder stands for everything below it. Sorted,
// without repeats. The index comes from the snapshot of the last run when
// the index file is the same one (model/index_snapshot.hpp), else from
// libgit2 (and the snapshot is written anew). nullopt when the walk cannot
// run here (the caller then diffs the whole tree). `prefetched`, when given,
// is a walk of `root` started earlier (GitRepo::open); otherwise one starts
// here.
Result<std::optional<WorktreeSuspects>> worktree_suspects(git_repository* repo, const std::string& root,
                                                          const git_tree* base_tree, std::size_t threads,
                                                          std::unique_ptr<StatWalk> prefetched = nullptr);

}  // namespace slipway::model
