// The index snapshot (see index_snapshot.hpp).
//
// Why: libgit2 reads the whole index on every run: it checks the file's
// SHA-1, allocates an entry per file and fills a hash table. On a
// 20,000-file checkout that is 10-15 ms of the 50 ms a `slipway lint` with
// nothing changed may take, for data that has not changed since the last
// run. The snapshot keeps only what the stat walk and tracked_files() need,
// in fixed-size records, and is trusted only while the index file is the
// very one it was made from (same device, inode, size, mtime and ctime to
// the nanosecond: git and libgit2 replace the index by renaming a new file
// over it, so a rewritten index never keeps all of these). Anything else (no
// snapshot, another index, a damaged or foreign file) means libgit2 reads
// the index and a new snapshot is written. It lives in the repository's git
// folder (slipway/index-snapshot), so it goes away with the clone.
//
// Format, all integers in this machine's byte order (the file never
// leaves the machine): a magic line, the index file key, the tree id (a
// presence byte and 20 bytes), the counts of judged and special entries,
// one record per entry (nine 32-bit stat fields, then the path's length and
// bytes), and the SHA-256 of all of that in hex.
#include "model/index_snapshot.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <type_traits>

#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::model {

namespace {

constexpr std::string_view k_magic = "slipway index snapshot 1\n";
constexpr std::size_t k_hash_size = 64;  // SHA-256 in hex
constexpr std::size_t k_chunk = 64 * 1024;
constexpr std::uint32_t k_max_path = 64 * 1024;
constexpr std::uint32_t k_mode_submodule = 0160000;

template <typename T>
void put(std::string& out, T value) {
  static_assert(std::is_trivially_copyable_v<T>);
  char bytes[sizeof(T)];
  std::memcpy(bytes, &value, sizeof(T));
  out.append(bytes, sizeof(T));
}

class Reader {
 public:
  explicit Reader(std::string_view data) : m_data(data) {}

  template <typename T>
  T get() {
    T value{};
    if (m_pos + sizeof(T) > m_data.size()) {
      m_ok = false;
      return value;
    }
    std::memcpy(&value, m_data.data() + m_pos, sizeof(T));
    m_pos += sizeof(T);
    return value;
  }

  std::string_view bytes(std::size_t count) {
    if (count > m_data.size() - std::min(m_pos, m_data.size())) {
      m_ok = false;
      return {};
    }
    const std::string_view out = m_data.substr(m_pos, count);
    m_pos += count;
    return out;
  }

  void fail() { m_ok = false; }
  [[nodiscard]] bool ok() const { return m_ok; }
  [[nodiscard]] bool at_end() const { return m_pos == m_data.size(); }
  [[nodiscard]] std::size_t left() const { return m_data.size() - m_pos; }

 private:
  std::string_view m_data;
  std::size_t m_pos = 0;
  bool m_ok = true;
};

void put_entry(std::string& out, const IndexedFile& entry) {
  put(out, entry.mode);
  put(out, entry.stat.size);
  put(out, entry.stat.mtime_seconds);
  put(out, entry.stat.mtime_nanoseconds);
  put(out, entry.stat.ctime_seconds);
  put(out, entry.stat.ctime_nanoseconds);
  put(out, entry.stat.inode);
  put(out, entry.stat.uid);
  put(out, entry.stat.gid);
  put(out, static_cast<std::uint32_t>(entry.path.size()));
  out.append(entry.path);
}

// The fixed part of a record: ten 32-bit fields.
constexpr std::size_t k_record_size = 10 * 4;

IndexedFile get_entry(Reader& in) {
  IndexedFile entry;
  entry.mode = in.get<std::uint32_t>();
  entry.stat.size = in.get<std::uint32_t>();
  entry.stat.mtime_seconds = in.get<std::int32_t>();
  entry.stat.mtime_nanoseconds = in.get<std::uint32_t>();
  entry.stat.ctime_seconds = in.get<std::int32_t>();
  entry.stat.ctime_nanoseconds = in.get<std::uint32_t>();
  entry.stat.inode = in.get<std::uint32_t>();
  entry.stat.uid = in.get<std::uint32_t>();
  entry.stat.gid = in.get<std::uint32_t>();
  const auto length = in.get<std::uint32_t>();
  entry.path = length <= k_max_path ? in.bytes(length) : std::string_view{};
  if (entry.path.empty()) in.fail();
  return entry;
}

}  // namespace

std::optional<IndexFileKey> index_file_key(const std::string& path) {
  struct stat found {};
  if (stat(path.c_str(), &found) != 0) return std::nullopt;
  IndexFileKey key;
  key.device = found.st_dev;
  key.inode = found.st_ino;
  key.size = static_cast<std::uint64_t>(found.st_size);
  key.mtime_seconds = found.st_mtim.tv_sec;
  key.mtime_nanoseconds = static_cast<std::uint32_t>(found.st_mtim.tv_nsec);
  key.ctime_seconds = found.st_ctim.tv_sec;
  key.ctime_nanoseconds = static_cast<std::uint32_t>(found.st_ctim.tv_nsec);
  return key;
}

std::string_view IndexSnapshot::keep(std::string_view path) {
  if (m_text.empty() || m_text.back()->size() + path.size() > m_text.back()->capacity()) {
    m_text.push_back(std::make_unique<std::string>());
    m_text.back()->reserve(std::max(k_chunk, path.size()));
  }
  std::string& chunk = *m_text.back();
  const std::size_t start = chunk.size();
  chunk.append(path);  // within the reserved capacity: earlier views stay valid
  return std::string_view(chunk).substr(start, path.size());
}

void IndexSnapshot::add(const IndexedFile& entry, bool special) {
  IndexedFile kept = entry;
  kept.path = keep(entry.path);
  (special ? m_special : m_files).push_back(kept);
}

std::vector<std::string> IndexSnapshot::special_paths() const {
  std::vector<std::string> paths;
  paths.reserve(m_special.size());
  for (const IndexedFile& entry : m_special) paths.emplace_back(entry.path);
  return paths;
}

std::vector<std::string> IndexSnapshot::tracked_paths() const {
  std::vector<std::string> paths;
  paths.reserve(m_files.size() + m_special.size());
  for (const auto* list : {&m_files, &m_special}) {
    for (const IndexedFile& entry : *list) {
      if (entry.mode != k_mode_submodule) paths.emplace_back(entry.path);
    }
  }
  util::sort_unique(paths);
  return paths;
}

std::string IndexSnapshot::serialize() const {
  std::string out(k_magic);
  put(out, m_key.device);
  put(out, m_key.inode);
  put(out, m_key.size);
  put(out, m_key.mtime_seconds);
  put(out, m_key.mtime_nanoseconds);
  put(out, m_key.ctime_seconds);
  put(out, m_key.ctime_nanoseconds);
  put(out, static_cast<std::uint8_t>(m_tree ? 1 : 0));
  const TreeId tree = m_tree.value_or(TreeId{});
  out.append(reinterpret_cast<const char*>(tree.data()), tree.size());
  put(out, static_cast<std::uint32_t>(m_files.size()));
  put(out, static_cast<std::uint32_t>(m_special.size()));
  for (const IndexedFile& entry : m_files) put_entry(out, entry);
  for (const IndexedFile& entry : m_special) put_entry(out, entry);
  out += util::sha256_hex(out);
  return out;
}

std::optional<IndexSnapshot> IndexSnapshot::parse(std::string_view data) {
  if (data.size() < k_magic.size() + k_hash_size || data.substr(0, k_magic.size()) != k_magic)
    return std::nullopt;
  const std::string_view body = data.substr(0, data.size() - k_hash_size);
  if (util::sha256_hex(body) != data.substr(body.size())) return std::nullopt;
  Reader in(body.substr(k_magic.size()));
  IndexFileKey key;
  key.device = in.get<std::uint64_t>();
  key.inode = in.get<std::uint64_t>();
  key.size = in.get<std::uint64_t>();
  key.mtime_seconds = in.get<std::int64_t>();
  key.mtime_nanoseconds = in.get<std::uint32_t>();
  key.ctime_seconds = in.get<std::int64_t>();
  key.ctime_nanoseconds = in.get<std::uint32_t>();
  IndexSnapshot snapshot(key);
  const auto has_tree = in.get<std::uint8_t>();
  const std::string_view tree = in.bytes(std::tuple_size_v<TreeId>);
  if (in.ok() && has_tree == 1) {
    TreeId id{};
    std::memcpy(id.data(), tree.data(), id.size());
    snapshot.set_tree(id);
  }
  const auto files = in.get<std::uint32_t>();
  const auto special = in.get<std::uint32_t>();
  if (!in.ok() || has_tree > 1 || (std::uint64_t{files} + special) * k_record_size > in.left())
    return std::nullopt;
  snapshot.m_files.reserve(files);
  for (std::uint64_t i = 0; i < std::uint64_t{files} + special && in.ok(); ++i) {
    const IndexedFile entry = get_entry(in);
    if (in.ok()) snapshot.add(entry, i >= files);
  }
  if (!in.ok() || !in.at_end()) return std::nullopt;
  return snapshot;
}

std::optional<IndexSnapshot> load_index_snapshot(const std::string& path, const IndexFileKey& key) {
  Result<std::string> data = util::read_file(path);
  if (!data) return std::nullopt;
  std::optional<IndexSnapshot> snapshot = IndexSnapshot::parse(*data);
  if (!snapshot || !(snapshot->key() == key)) return std::nullopt;
  return snapshot;
}

void save_index_snapshot(const std::string& path, const IndexSnapshot& snapshot) {
  (void)util::write_file_atomic(path, snapshot.serialize());
}

}  // namespace slipway::model
