// Which working-tree paths may differ from the index, by stat data alone.
//
// Why: libgit2's diff of the index against the working tree is one lstat
// per tracked file by absolute path, a readdir per folder and the
// bookkeeping of its iterators, on one thread; on a 20,000-file checkout
// with nothing changed that is most of `slipway lint`. Here each folder
// that holds tracked files is read once and its files are stat'ed by name
// relative to the open folder, on several threads. What comes out is only
// a list of suspects: the caller hands them to libgit2's own diff as a
// literal path list, and with none the diff is not run at all. So the
// answer is libgit2's; this only decides which paths it must look at.
//
// A tracked file is left out only when libgit2 would call it unmodified
// without reading it: same mode, size, mtime and ctime (to the nanosecond),
// inode, uid and gid as the index recorded, and modified before the index
// was written (a file written in the same instant as the index is "racy":
// its content may have changed without its stat data showing it). That is
// libgit2's own stat check with every optional part switched on, so a
// setting that relaxes it (core.trustctime, core.filemode) can only make
// more suspects, never fewer. Submodules are left out while they are
// folders (the listings skip submodules). Names the index does not know go
// to the diff too, ignored or not: libgit2 decides what is ignored.
//
// The walk does not wait for the index: StatWalk starts an early listing
// (worktree_early_listing.hpp) that reads folders breadth-first while the
// index is read. Once the index is known, the listings of tracked folders
// are judged from memory (adopt) and the walk goes on from the tracked
// folders the early listing had not reached; listings of untracked
// folders are dropped.
#include "model/worktree_stat.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstring>
#include <memory>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <utility>

#include "model/worktree_early_listing.hpp"

namespace slipway::model {

namespace {

constexpr std::uint32_t k_mode_file = 0100644;
constexpr std::uint32_t k_mode_executable = 0100755;
constexpr std::uint32_t k_mode_link = 0120000;
constexpr std::uint32_t k_mode_submodule = 0160000;

// The git mode libgit2 gives what lstat saw (0 for anything git cannot hold).
std::uint32_t git_mode(mode_t mode) {
  if (S_ISREG(mode)) return (mode & S_IXUSR) != 0 ? k_mode_executable : k_mode_file;
  if (S_ISLNK(mode)) return k_mode_link;
  return 0;
}

bool written_before(std::int32_t seconds, std::uint32_t nanoseconds, IndexStamp stamp) {
  return seconds < stamp.seconds || (seconds == stamp.seconds && nanoseconds < stamp.nanoseconds);
}

bool unchanged(const IndexedFile& file, const FileStat& found, IndexStamp index_written) {
  if (file.mode == k_mode_submodule) return S_ISDIR(found.mode);
  return git_mode(found.mode) == file.mode && found.stat == file.stat &&
         written_before(file.stat.mtime_seconds, file.stat.mtime_nanoseconds, index_written);
}

// The tracked files of one folder and its folders that hold tracked files,
// each sorted by name, as the index lists them.
struct Folder {
  std::string_view path;                                          // "" for the root
  std::vector<std::pair<std::string_view, std::size_t>> files;    // name, position in `files`
  std::vector<std::pair<std::string_view, std::size_t>> folders;  // name, folder number
};

template <typename Named>
const Named* find_name(const std::vector<Named>& sorted, std::string_view name) {
  auto found =
      std::lower_bound(sorted.begin(), sorted.end(), name,
                       [](const Named& item, std::string_view wanted) { return item.first < wanted; });
  return found != sorted.end() && found->first == name ? &*found : nullptr;
}

// The index as a tree of folders, built in one pass over the entries.
class FolderTree {
 public:
  explicit FolderTree(const std::vector<IndexedFile>& files) {
    m_folders.emplace_back();  // the root
    m_ids.emplace(std::string_view{}, 0);
    std::string_view last_parent;
    std::size_t parent_id = 0;
    for (std::size_t i = 0; i < files.size(); ++i) {
      const std::string_view path = files[i].path;
      const std::size_t slash = path.rfind('/');
      const std::string_view parent =
          slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
      if (i == 0 || parent != last_parent) {
        parent_id = folder_id(parent);
        last_parent = parent;
      }
      const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
      m_folders[parent_id].files.emplace_back(name, i);
    }
    for (Folder& folder : m_folders) {
      // Sorted already unless core.ignorecase sorted the index another way.
      auto by_name = [](const auto& a, const auto& b) { return a.first < b.first; };
      if (!std::is_sorted(folder.files.begin(), folder.files.end(), by_name)) {
        std::sort(folder.files.begin(), folder.files.end(), by_name);
      }
      if (!std::is_sorted(folder.folders.begin(), folder.folders.end(), by_name)) {
        std::sort(folder.folders.begin(), folder.folders.end(), by_name);
      }
    }
  }

  const Folder& operator[](std::size_t id) const { return m_folders[id]; }

 private:
  // The number of `path`'s folder, made (with the folders above it) on first use.
  std::size_t folder_id(std::string_view path) {
    if (auto found = m_ids.find(path); found != m_ids.end()) return found->second;
    const std::size_t slash = path.rfind('/');
    const std::size_t parent =
        folder_id(slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash));
    const std::size_t id = m_folders.size();
    m_folders.emplace_back();
    m_folders[id].path = path;
    m_folders[parent].folders.emplace_back(slash == std::string_view::npos ? path : path.substr(slash + 1),
                                           id);
    m_ids.emplace(path, id);
    return id;
  }

  std::vector<Folder> m_folders;
  std::unordered_map<std::string_view, std::size_t> m_ids;
};

// Folders are handed out from one shared stack; a thread that lists a
// folder pushes the tracked folders it finds there. The walk is over when
// the stack is empty and no thread is still listing.
class Walk {
 public:
  Walk(int root_fd, const std::vector<IndexedFile>& files, IndexStamp index_written)
      : m_root_fd(root_fd),
        m_files(files),
        m_tree(files),
        m_index_written(index_written),
        m_seen(files.size(), 0) {}

  // Takes what the early listing read (tracked folders only, from the root
  // down) and queues the tracked folders it did not reach; then walks those
  // on `threads` threads.
  void run(const FolderListings& listed, std::size_t threads) {
    adopt(listed);
    {
      std::vector<std::jthread> helpers;
      for (std::size_t i = 1; i < threads; ++i) helpers.emplace_back([this] { work(); });
      work();
    }
    for (std::size_t i = 0; i < m_files.size(); ++i) {
      if (m_seen[i] == 0) m_suspects.emplace_back(m_files[i].path);
    }
  }

  std::vector<std::string> take_suspects() { return std::move(m_suspects); }

 private:
  void adopt(const FolderListings& listed) {
    std::vector<std::size_t> folders{0};  // the root
    std::string path;
    while (!folders.empty()) {
      const std::size_t id = folders.back();
      folders.pop_back();
      const Folder& folder = m_tree[id];
      path.assign(folder.path);
      auto listing = listed.find(path);
      if (listing == listed.end()) {
        m_pending.push_back(id);
        continue;
      }
      for (const ListedEntry& entry : listing->second) {
        if (const auto* file = find_name(folder.files, entry.name)) {
          m_seen[file->second] = 1;
          FileStat found = entry.status;
          if (!entry.stat_ok && entry.type == DT_DIR) found.mode = S_IFDIR;  // a submodule's folder
          if ((entry.stat_ok || entry.type == DT_DIR) &&
              unchanged(m_files[file->second], found, m_index_written)) {
            continue;
          }
        } else if (const auto* child = find_name(folder.folders, entry.name);
                   child != nullptr && entry.type == DT_DIR) {
          folders.push_back(child->second);
          continue;
        }
        m_suspects.push_back(path.empty() ? entry.name : path + "/" + entry.name);
      }
    }
  }

  void work() {
    std::vector<std::string> suspects;
    std::vector<std::size_t> subfolders;
    for (;;) {
      std::size_t folder = 0;
      {
        std::unique_lock lock(m_mutex);
        m_changed.wait(lock, [this] { return !m_pending.empty() || m_listing == 0; });
        if (m_pending.empty()) break;
        folder = m_pending.back();
        m_pending.pop_back();
        ++m_listing;
      }
      list(m_tree[folder], subfolders, suspects);
      {
        const std::lock_guard lock(m_mutex);
        m_pending.insert(m_pending.end(), subfolders.begin(), subfolders.end());
        --m_listing;
      }
      subfolders.clear();
      m_changed.notify_all();
    }
    const std::lock_guard lock(m_mutex);
    for (std::string& path : suspects) m_suspects.push_back(std::move(path));
  }

  // Reads one folder: stats its tracked files, queues its tracked
  // subfolders and takes every other name as a suspect. A folder that
  // cannot be opened leaves its files unseen, so they become suspects.
  void list(const Folder& folder, std::vector<std::size_t>& subfolders, std::vector<std::string>& suspects) {
    const bool root = folder.path.empty();
    const int fd = root ? openat(m_root_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                        : openat(m_root_fd, std::string(folder.path).c_str(),
                                 O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
    if (fd < 0) return;
    DIR* dir = fdopendir(fd);
    if (dir == nullptr) {
      close(fd);
      return;
    }
    while (const dirent* entry = readdir(dir)) {
      const std::string_view name = entry->d_name;
      if (name == "." || name == ".." || (root && name == ".git")) continue;
      if (const auto* file = find_name(folder.files, name)) {
        m_seen[file->second] = 1;
        struct stat found {};
        if (fstatat(fd, entry->d_name, &found, AT_SYMLINK_NOFOLLOW) == 0 &&
            unchanged(m_files[file->second], file_stat(found), m_index_written)) {
          continue;
        }
      } else if (const auto* child = find_name(folder.folders, name);
                 child != nullptr && is_folder(fd, *entry)) {
        subfolders.push_back(child->second);
        continue;
      }
      suspects.push_back(root ? std::string(name) : std::string(folder.path) + "/" + std::string(name));
    }
    closedir(dir);
  }

  static bool is_folder(int fd, const dirent& entry) {
    if (entry.d_type != DT_UNKNOWN) return entry.d_type == DT_DIR;
    struct stat found {};
    return fstatat(fd, entry.d_name, &found, AT_SYMLINK_NOFOLLOW) == 0 && S_ISDIR(found.st_mode);
  }

  const int m_root_fd;
  const std::vector<IndexedFile>& m_files;
  const FolderTree m_tree;
  const IndexStamp m_index_written;
  // One byte per file, each written by the one thread that met its name.
  std::vector<char> m_seen;

  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<std::size_t> m_pending;
  std::size_t m_listing = 0;
  std::vector<std::string> m_suspects;
};

}  // namespace

StatWalk::StatWalk(const std::string& root)
    : m_root_fd(open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
  if (m_root_fd >= 0) m_early = std::make_unique<EarlyListing>(m_root_fd);
}

StatWalk::~StatWalk() {
  m_early.reset();  // stops and joins its thread before the folder closes
  if (m_root_fd >= 0) close(m_root_fd);
}

void StatWalk::wait_for_listing() {
  if (m_early) m_early->wait();
}

std::optional<std::vector<std::string>> StatWalk::suspects(const std::vector<IndexedFile>& files,
                                                           IndexStamp index_written, std::size_t threads) {
  if (m_root_fd < 0) return std::nullopt;
  const FolderListings listed = m_early ? m_early->take() : FolderListings{};
  if (threads == 0) threads = std::clamp<std::size_t>(std::thread::hardware_concurrency(), 1, 4);
  Walk walk(m_root_fd, files, index_written);
  walk.run(listed, threads);
  return walk.take_suspects();
}

std::optional<std::vector<std::string>> stat_suspects(const std::string& root,
                                                      const std::vector<IndexedFile>& files,
                                                      IndexStamp index_written, std::size_t threads) {
  StatWalk walk(root);
  return walk.suspects(files, index_written, threads);
}

}  // namespace slipway::model
