// EarlyListing (see worktree_early_listing.hpp). The thread owns
// m_listings and m_names until it is joined; the stop flag is the only
// thing shared while it runs.
#include "model/worktree_early_listing.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstring>
#include <deque>
#include <system_error>
#include <utility>

namespace slipway::model {

namespace {

// Enough for the tracked part of a large checkout (a name with its stat
// data is about 200 bytes); past it the walk guided by the index goes on.
constexpr std::size_t k_max_names = 200'000;

}  // namespace

FileStat file_stat(const struct stat& found) {
  FileStat file;
  file.mode = found.st_mode;
  file.stat.size = static_cast<std::uint32_t>(found.st_size);
  file.stat.mtime_seconds = static_cast<std::int32_t>(found.st_mtim.tv_sec);
  file.stat.mtime_nanoseconds = static_cast<std::uint32_t>(found.st_mtim.tv_nsec);
  file.stat.ctime_seconds = static_cast<std::int32_t>(found.st_ctim.tv_sec);
  file.stat.ctime_nanoseconds = static_cast<std::uint32_t>(found.st_ctim.tv_nsec);
  file.stat.inode = static_cast<std::uint32_t>(found.st_ino);
  file.stat.uid = found.st_uid;
  file.stat.gid = found.st_gid;
  return file;
}

EarlyListing::EarlyListing(int root_fd) : m_root_fd(root_fd) {
  try {
    m_thread = std::thread([this] { run(); });
  } catch (const std::system_error&) {
    // No thread: nothing is listed early and the guided walk does it all.
  }
}

EarlyListing::~EarlyListing() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
}

void EarlyListing::wait() {
  if (m_thread.joinable()) m_thread.join();
}

FolderListings EarlyListing::take() {
  m_stop = true;
  if (m_thread.joinable()) m_thread.join();
  return std::move(m_listings);
}

void EarlyListing::run() {
  std::deque<std::string> pending{std::string{}};
  std::vector<std::string> subfolders;
  while (!pending.empty() && !m_stop && m_names < k_max_names) {
    std::string folder = std::move(pending.front());
    pending.pop_front();
    std::vector<ListedEntry> entries;
    subfolders.clear();
    if (!list(folder, entries, subfolders)) continue;
    m_names += entries.size();
    for (std::string& subfolder : subfolders) pending.push_back(std::move(subfolder));
    m_listings.emplace(std::move(folder), std::move(entries));
  }
}

bool EarlyListing::list(const std::string& folder, std::vector<ListedEntry>& entries,
                        std::vector<std::string>& subfolders) {
  const bool root = folder.empty();
  const int fd = root ? openat(m_root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                      : openat(m_root_fd, folder.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
  if (fd < 0) return false;
  DIR* dir = fdopendir(fd);
  if (dir == nullptr) {
    close(fd);
    return false;
  }
  bool complete = true;
  while (const dirent* found = readdir(dir)) {
    if (m_stop) {
      complete = false;
      break;
    }
    const char* name = found->d_name;
    if (std::strcmp(name, ".") == 0 || std::strcmp(name, "..") == 0) continue;
    if (root && std::strcmp(name, ".git") == 0) continue;
    ListedEntry entry;
    entry.name = name;
    entry.type = found->d_type;
    if (entry.type != DT_DIR) {
      struct stat status {};
      entry.stat_ok = fstatat(fd, name, &status, AT_SYMLINK_NOFOLLOW) == 0;
      if (entry.stat_ok) {
        entry.status = file_stat(status);
        const mode_t mode = status.st_mode;
        entry.type = S_ISDIR(mode) ? DT_DIR : S_ISREG(mode) ? DT_REG : S_ISLNK(mode) ? DT_LNK : DT_UNKNOWN;
      }
    }
    if (entry.type == DT_DIR) subfolders.push_back(root ? entry.name : folder + "/" + entry.name);
    entries.push_back(std::move(entry));
  }
  closedir(dir);
  return complete;
}

}  // namespace slipway::model
