// The git repository through libgit2: open it, resolve revisions, find the
// merge base, list tracked files, list the paths changed since a base commit
// (added, modified, renamed, copied; never deleted) up to the working tree,
// and the lines each changed file added (for --new-only).
#pragma once

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace slipway::model {

class StatWalk;

struct LineRange {
  int first = 0;  // 1-based, inclusive
  int last = 0;   // inclusive
};

// Paths (repository-relative) mapped to the line ranges added in them.
using AddedLines = std::map<std::string, std::vector<LineRange>>;

bool line_added(const AddedLines& added, const std::string& path, int line);

class GitRepo {
 public:
  // Opens the repository containing `path` (searching upwards). With
  // `prefetch_worktree`, listing the working tree for changed_files() starts
  // before libgit2 is even initialised (model/worktree_stat.hpp), to be used
  // by the first changed_files() when `path` is the repository root; any
  // other listing, or closing the repository, stops it.
  static Result<GitRepo> open(const std::string& path, bool prefetch_worktree = false);
  GitRepo(GitRepo&&) noexcept;
  GitRepo& operator=(GitRepo&&) noexcept;
  ~GitRepo();

  [[nodiscard]] std::string root() const;  // absolute work tree path, no trailing '/'
  [[nodiscard]] bool is_shallow() const;
  Result<std::string> head_commit() const;  // full sha
  Result<std::string> head_branch() const;  // short name, "" when detached
  // Resolves any revision ("origin/main", "HEAD~2", a sha) to a full sha.
  Result<std::string> resolve(const std::string& revision) const;
  Result<std::string> merge_base(const std::string& a, const std::string& b) const;
  // The upstream of the current branch ("origin/main"), or "" when none.
  [[nodiscard]] std::string upstream_of_head() const;

  // Tracked files (the index), sorted, repository-relative; from the index
  // snapshot changed_files() read while the index file is unchanged.
  Result<std::vector<std::string>> tracked_files() const;
  // Tracked files plus untracked files that are not ignored, sorted. The
  // untracked ones are looked for on several threads like changed_files().
  Result<std::vector<std::string>> tracked_and_untracked_files(int threads = 0) const;
  // Paths changed between `base` and the working tree (index included,
  // untracked-not-ignored included), deletions left out, sorted. With
  // `stat_first` a stat walk over the working tree on `threads` threads
  // (model/worktree_stat.cpp) picks the paths the diff must look at, and
  // with none it does not run; the index comes from the snapshot the last
  // run left in .git/slipway when the index file is the same one
  // (model/index_snapshot.hpp). Otherwise, or past a thousand suspects,
  // on a large index the whole working tree is diffed in parts on several
  // threads (model/worktree_diff.cpp); `threads` 0 chooses by the cores and
  // the index size, 1 diffs in one piece, n > 1 splits into up to n parts.
  Result<std::vector<std::string>> changed_files(const std::string& base, int threads = 0,
                                                 bool stat_first = true) const;
  // Lines added between `base` and the working tree, per path.
  Result<AddedLines> added_lines(const std::string& base) const;

 private:
  // changed_files with the stat walk first; nullopt when the walk cannot
  // run or suspects too much, and the whole diff must answer.
  Result<std::optional<std::vector<std::string>>> changed_files_stat_first(
      const std::string& base, int threads, std::unique_ptr<StatWalk> prefetched) const;

  struct Impl;
  explicit GitRepo(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace slipway::model
