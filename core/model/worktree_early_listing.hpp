// Listing the working tree before the index is known, so that the stat walk
// (model/worktree_stat.cpp) has part of its work done by the time libgit2
// has read the index. Pure POSIX, no libgit2.
#pragma once

#include <sys/stat.h>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "model/worktree_stat.hpp"

namespace slipway::model {

// The part of what lstat says that the walk compares with the index (a
// fifth of a struct stat: the early listing keeps one per name).
struct FileStat {
  std::uint32_t mode = 0;  // st_mode
  StatFields stat;
};

FileStat file_stat(const struct stat& found);

// One name in a folder: its type (DT_DIR, DT_REG, DT_LNK or DT_UNKNOWN for
// anything else) and, for all but folders, what lstat said.
struct ListedEntry {
  std::string name;
  unsigned char type = 0;
  bool stat_ok = false;
  FileStat status;
};

// Complete listings by folder path ("" for the root).
using FolderListings = std::unordered_map<std::string, std::vector<ListedEntry>>;

// Lists folders breadth-first from the root on a thread of its own, every
// folder but the root's .git, and lstats every name that is not a folder.
// It cannot tell tracked folders from ignored ones yet, so it is stopped as
// soon as the index is read, and it keeps at most a fixed number of names.
class EarlyListing {
 public:
  // `root_fd` is an open folder that outlives this object.
  explicit EarlyListing(int root_fd);
  ~EarlyListing();
  EarlyListing(const EarlyListing&) = delete;
  EarlyListing& operator=(const EarlyListing&) = delete;

  // Lets the listing run to its end (tests use it to check the listings alone).
  void wait();
  // Stops the listing and hands over the folders it listed completely.
  FolderListings take();

 private:
  void run();
  // Lists one folder; false when it was stopped or could not be read.
  bool list(const std::string& folder, std::vector<ListedEntry>& entries,
            std::vector<std::string>& subfolders);

  const int m_root_fd;
  std::atomic<bool> m_stop{false};
  std::size_t m_names = 0;
  FolderListings m_listings;
  std::thread m_thread;
};

}  // namespace slipway::model
