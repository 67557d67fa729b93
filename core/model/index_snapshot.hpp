// A compact copy of what the stat walk needs from the git index, kept
// between runs so that an unchanged repository is not re-read by libgit2
// every time (see index_snapshot.cpp for why, the format and when it is
// trusted). No libgit2 here: GitRepo fills it from libgit2's index.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/worktree_stat.hpp"

namespace slipway::model {

// The index file's identity: git and libgit2 write a new index to a lock
// file and rename it over the old one, so any change gives a new inode and
// new times.
struct IndexFileKey {
  std::uint64_t device = 0;
  std::uint64_t inode = 0;
  std::uint64_t size = 0;
  std::int64_t mtime_seconds = 0;
  std::uint32_t mtime_nanoseconds = 0;
  std::int64_t ctime_seconds = 0;
  std::uint32_t ctime_nanoseconds = 0;

  bool operator==(const IndexFileKey&) const = default;
  // When the index was written: what makes an entry racy.
  [[nodiscard]] IndexStamp stamp() const { return {mtime_seconds, mtime_nanoseconds}; }
};

// The key of the index file at `path`; nullopt when it cannot be stat'ed.
std::optional<IndexFileKey> index_file_key(const std::string& path);

using TreeId = std::array<unsigned char, 20>;

class IndexSnapshot {
 public:
  explicit IndexSnapshot(IndexFileKey key) : m_key(key) {}

  // One index entry: its stat data, and whether the walk must leave it to
  // the diff (a conflict stage, intent-to-add, skip-worktree).
  void add(const IndexedFile& entry, bool special);
  // The tree the index would commit, when known (see worktree_suspects.cpp).
  void set_tree(const TreeId& id) { m_tree = id; }

  [[nodiscard]] const IndexFileKey& key() const { return m_key; }
  [[nodiscard]] const std::optional<TreeId>& tree() const { return m_tree; }
  // The entries the walk judges by stat data.
  [[nodiscard]] const std::vector<IndexedFile>& files() const { return m_files; }
  // The paths of the other entries.
  [[nodiscard]] std::vector<std::string> special_paths() const;
  // Every tracked path, sorted, without repeats, submodules left out (what
  // GitRepo::tracked_files() lists).
  [[nodiscard]] std::vector<std::string> tracked_paths() const;

  // The file's bytes, and back: nullopt for anything damaged or written by
  // another version of the format.
  [[nodiscard]] std::string serialize() const;
  static std::optional<IndexSnapshot> parse(std::string_view data);

 private:
  IndexFileKey m_key;
  std::optional<TreeId> m_tree;
  // Paths live in chunks that never move, so the views in the entries stay
  // valid when the snapshot itself is moved.
  std::vector<std::unique_ptr<std::string>> m_text;
  std::vector<IndexedFile> m_files;
  std::vector<IndexedFile> m_special;

  std::string_view keep(std::string_view path);
};

// Reads the snapshot at `path` when it is there, intact and of the index
// `key` names; nullopt otherwise (the caller reads the index instead).
std::optional<IndexSnapshot> load_index_snapshot(const std::string& path, const IndexFileKey& key);
// Writes it atomically; a failure (a read-only .git) only costs the next
// run its speed, so it is not an error.
void save_index_snapshot(const std::string& path, const IndexSnapshot& snapshot);

}  // namespace slipway::model
