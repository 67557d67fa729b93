// The suspects of a working-tree diff: the stat walk plus what only the
// index and the base tree can tell.
//
// The walk compares the working tree with the index; what the base tree
// adds comes from the tree the index would commit (append_tree_to_index),
// which reads objects and no files.
// Entries the walk cannot judge by stat data go straight to the list. The
// index file's mtime is read before libgit2 reads the index, so if the index
// is rewritten in between, the stamp is older than the entries libgit2
// holds and more of them count as racy, never fewer.
#include "model/worktree_suspects.hpp"

#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <sys/stat.h>

#include <string_view>

#include "model/index_snapshot.hpp"
#include "model/libgit2_handles.hpp"
#include "model/worktree_diff.hpp"
#include "model/worktree_stat.hpp"

namespace slipway::model {

namespace {

using namespace libgit2;

IndexedFile indexed(const git_index_entry& entry) {
  IndexedFile file;
  file.path = entry.path;
  file.mode = entry.mode;
  file.stat.size = entry.file_size;
  file.stat.mtime_seconds = entry.mtime.seconds;
  file.stat.mtime_nanoseconds = entry.mtime.nanoseconds;
  file.stat.ctime_seconds = entry.ctime.seconds;
  file.stat.ctime_nanoseconds = entry.ctime.nanoseconds;
  file.stat.inode = entry.ino;
  file.stat.uid = entry.uid;
  file.stat.gid = entry.gid;
  return file;
}

void append_delta_paths(const git_diff* diff, std::vector<std::string>& paths) {
  const std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta == nullptr) continue;
    if (delta->old_file.path != nullptr) paths.emplace_back(delta->old_file.path);
    if (delta->new_file.path != nullptr) paths.emplace_back(delta->new_file.path);
  }
}

// The id of the tree the index would commit. When the index's cached tree
// is valid (as after a checkout or a commit) that is one read of the
// cache; otherwise libgit2 builds the folders that changed, and any object
// it writes goes to an in-memory pack of a scratch repository that reads
// this one's objects, never to the repository. nullopt when it cannot be
// had (a conflict, a missing object).
std::optional<TreeId> index_tree_id(git_repository* repo, git_index* index) {
  git_odb* raw_odb = nullptr;
  if (git_odb_new(&raw_odb) != 0) return std::nullopt;
  const OdbPtr odb(raw_odb);
  const std::string objects = std::string(git_repository_commondir(repo)) + "objects";
  if (git_odb_add_disk_alternate(odb.get(), objects.c_str()) != 0) return std::nullopt;
  git_odb_backend* memory = nullptr;
  if (git_mempack_new(&memory) != 0) return std::nullopt;
  // Above the alternate, so that it takes the writes; the odb owns it now.
  if (git_odb_add_backend(odb.get(), memory, 1000) != 0) {
    memory->free(memory);
    return std::nullopt;
  }
  git_repository* raw_scratch = nullptr;
  if (git_repository_wrap_odb(&raw_scratch, odb.get()) != 0) return std::nullopt;
  const RepoPtr scratch(raw_scratch);
  git_oid id;
  if (git_index_write_tree_to(&id, index, scratch.get()) != 0) {
    git_error_clear();
    return std::nullopt;
  }
  TreeId raw{};
  std::copy(std::begin(id.id), std::end(id.id), raw.begin());
  return raw;
}

// What the walk needs from libgit2's index, with the tree it would commit.
IndexSnapshot snapshot_of(git_repository* repo, git_index* index, const IndexFileKey& key) {
  IndexSnapshot snapshot(key);
  const std::size_t entries = git_index_entrycount(index);
  for (std::size_t i = 0; i < entries; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index, i);
    if (entry == nullptr) continue;
    const bool special =
        GIT_INDEX_ENTRY_STAGE(entry) != 0 || (entry->flags_extended & GIT_INDEX_ENTRY_EXTENDED_FLAGS) != 0;
    snapshot.add(indexed(*entry), special);
  }
  if (std::optional<TreeId> tree = index_tree_id(repo, index); tree) snapshot.set_tree(*tree);
  return snapshot;
}

// Both paths of every difference between the base tree and the index. The
// common cases are cheap: the index holds the base tree (nothing to add),
// or it holds a committed tree, which libgit2 compares with the base
// folder by folder, skipping folders with the same id. Otherwise every
// entry of the base tree is compared with the index.
Result<void> append_tree_to_index(git_repository* repo, const git_tree* base_tree, git_index* index,
                                  const std::optional<TreeId>& indexed_tree,
                                  std::vector<std::string>& paths) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;
  // libgit2 takes the trees non-const but does not change them.
  auto* base = const_cast<git_tree*>(base_tree);
  git_diff* raw = nullptr;
  if (indexed_tree) {
    git_oid indexed_id;
    git_oid_fromraw(&indexed_id, indexed_tree->data());
    if (git_oid_equal(&indexed_id, git_tree_id(base_tree)) != 0) return {};
    git_tree* raw_tree = nullptr;
    if (git_tree_lookup(&raw_tree, repo, &indexed_id) == 0) {
      const TreePtr index_tree(raw_tree);
      if (git_diff_tree_to_tree(&raw, repo, base, index_tree.get(), &options) != 0) {
        return make_error(last_message());
      }
      const DiffPtr diff(raw);
      append_delta_paths(diff.get(), paths);
      return {};
    }
    git_error_clear();  // the index holds a tree no commit has: compare entry by entry
  }
  if (git_diff_tree_to_index(&raw, repo, base, index, &options) != 0) return make_error(last_message());
  const DiffPtr diff(raw);
  append_delta_paths(diff.get(), paths);
  return {};
}

}  // namespace

Result<std::optional<WorktreeSuspects>> worktree_suspects(git_repository* repo, const std::string& root,
                                                          const git_tree* base_tree, std::size_t threads,
                                                          std::unique_ptr<StatWalk> prefetched) {
  using Found = std::optional<WorktreeSuspects>;
  // Listing starts now (unless it started earlier), on its own thread,
  // while the index is read.
  std::unique_ptr<StatWalk> walk = prefetched ? std::move(prefetched) : std::make_unique<StatWalk>(root);
  const std::string git_dir = git_repository_path(repo);
  const std::string index_path = git_dir + "index";
  // No index file yet, or none that can be stat'ed: the whole diff answers.
  const std::optional<IndexFileKey> key = index_file_key(index_path);
  if (!key) return Found{};

  IndexPtr index;
  auto read_index = [&]() -> Result<bool> {
    git_index* raw_index = nullptr;
    if (git_repository_index(&raw_index, repo) != 0) return make_error(last_message());
    index.reset(raw_index);
    if (git_index_read(index.get(), /*force=*/0) != 0) return make_error(last_message());
    const char* read_from = git_index_path(index.get());
    return read_from != nullptr && index_path == read_from;
  };
  const std::string snapshot_path = git_dir + "slipway/index-snapshot";
  std::optional<IndexSnapshot> snapshot = load_index_snapshot(snapshot_path, *key);
  if (!snapshot) {
    Result<bool> usable = read_index();
    if (!usable) return usable.error();
    if (!*usable) return Found{};
    snapshot.emplace(snapshot_of(repo, index.get(), *key));
    save_index_snapshot(snapshot_path, *snapshot);
  }

  std::vector<std::string> suspects = snapshot->special_paths();
  if (base_tree != nullptr) {
    const std::optional<TreeId>& indexed_tree = snapshot->tree();
    const bool same_tree =
        indexed_tree && std::equal(indexed_tree->begin(), indexed_tree->end(), git_tree_id(base_tree)->id);
    if (!same_tree) {
      if (!index) {
        Result<bool> usable = read_index();
        if (!usable) return usable.error();
        if (!*usable) return Found{};
      }
      if (Result<void> appended = append_tree_to_index(repo, base_tree, index.get(), indexed_tree, suspects);
          !appended) {
        return appended.error();
      }
    }
  }
  std::optional<std::vector<std::string>> walked = walk->suspects(snapshot->files(), key->stamp(), threads);
  if (!walked) return Found{};
  suspects.insert(suspects.end(), std::make_move_iterator(walked->begin()),
                  std::make_move_iterator(walked->end()));
  sort_unique(suspects);
  return Found{WorktreeSuspects{std::move(suspects), std::move(*snapshot)}};
}

}  // namespace slipway::model
