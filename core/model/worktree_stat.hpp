// The working tree checked against the index by stat data alone: which
// paths may have changed since the index was written. No libgit2 here (the
// caller copies what it needs out of the index); see worktree_stat.cpp for
// why and for what counts as unchanged.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::model {

// The stat fields git records per file besides its mode, truncated to 32
// bits as the index keeps them.
struct StatFields {
  std::uint32_t size = 0;
  std::int32_t mtime_seconds = 0;
  std::uint32_t mtime_nanoseconds = 0;
  std::int32_t ctime_seconds = 0;
  std::uint32_t ctime_nanoseconds = 0;
  std::uint32_t inode = 0;
  std::uint32_t uid = 0;
  std::uint32_t gid = 0;

  bool operator==(const StatFields&) const = default;
};

// What the index recorded about one file when it was last written: the git
// mode (0100644, 0100755, 0120000 or 0160000) and the stat fields.
struct IndexedFile {
  std::string_view path;  // repository-relative, '/'-separated
  std::uint32_t mode = 0;
  StatFields stat;
};

// When the index file was written (its mtime, read before the index was).
struct IndexStamp {
  std::int64_t seconds = 0;
  std::uint32_t nanoseconds = 0;
};

class EarlyListing;

// The walk, started before the index is known: constructing it opens
// `root` and starts listing folders on a thread of its own
// (worktree_early_listing.hpp), so that reading the index and listing the
// tree overlap; suspects() then goes on guided by the index.
class StatWalk {
 public:
  explicit StatWalk(const std::string& root);
  ~StatWalk();
  StatWalk(const StatWalk&) = delete;
  StatWalk& operator=(const StatWalk&) = delete;

  // Lets the early listing run to its end first (for tests).
  void wait_for_listing();
  // What stat_suspects() says, from the early listing and a walk of the
  // rest. Call once.
  std::optional<std::vector<std::string>> suspects(const std::vector<IndexedFile>& files,
                                                   IndexStamp index_written, std::size_t threads);

 private:
  int m_root_fd;
  std::unique_ptr<EarlyListing> m_early;
};

// The paths under `root` that may differ from `files` (one entry per path,
// any order): tracked files whose stat data differ or that were written no
// earlier than the index (racy), tracked files that are gone, and every name
// the index does not know, ignored or not (a folder of them as the folder's
// path). Only folders that hold tracked files are read, so an untracked or
// ignored folder costs one name. Unsorted, without repeats. Runs on up to
// `threads` threads (0: one per core, at most four). nullopt when `root`
// cannot be opened.
std::optional<std::vector<std::string>> stat_suspects(const std::string& root,
                                                      const std::vector<IndexedFile>& files,
                                                      IndexStamp index_written, std::size_t threads);

}  // namespace slipway::model
