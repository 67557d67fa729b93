// The base-tree-to-working-tree diff (changed paths) and the
// index-to-working-tree diff (untracked paths), whole or split across threads.
//
// Why split: libgit2 1.5 compares the index with the working tree on one
// thread, one lstat per tracked file and a readdir per folder, and reads the
// base tree's folders one by one. On a 20,000-file checkout with nothing
// changed that is most of `slipway lint` (git spreads the same lstats over
// threads; libgit2 has no such switch). libgit2 does take a literal path
// list (GIT_DIFF_DISABLE_PATHSPEC_MATCH), and then its tree, index and
// folder iterators skip whatever lies outside the list without reading or
// stat'ing it. So the tree is cut into disjoint lists (worktree_split.hpp)
// and each list is diffed at the same time on its own repository handle
// (a handle must not be used by two threads at once). A pathspec with
// wildcards would not do: libgit2 then walks everything and matches each
// path.
//
// Why no rename or copy detection here: for the set of new paths it changes
// nothing. Detection turns a deleted + added pair into one renamed delta
// whose new path is the added one (and an added file into a copied one with
// the same path); deletions are never reported, and without
// BREAK_REWRITES no modified file is split. A file moved from one list to
// another could not be paired anyway. GitRepo::added_lines keeps detection:
// there it decides which lines count as added.
//
// If any other handle fails (it opened a different repository, it could not
// read the index), the main thread diffs the whole tree itself: a slower
// answer, never a wrong one.
#include "model/worktree_diff.hpp"

#include <algorithm>
#include <filesystem>
#include <future>
#include <iterator>
#include <optional>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>

#include "model/libgit2_handles.hpp"
#include "model/worktree_split.hpp"

namespace slipway::model {

namespace {

using namespace libgit2;

Result<TreePtr> tree_of(git_repository* repo, const git_oid& commit_id) {
  git_commit* raw_commit = nullptr;
  if (git_commit_lookup(&raw_commit, repo, &commit_id) != 0) return make_error(last_message());
  CommitPtr commit(raw_commit);
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit.get()) != 0) return make_error(last_message());
  return TreePtr(raw_tree);
}

// The names in a working-tree folder; symbolic links are not folders here
// (the diff does not follow them either).
FolderLister working_tree_lister(const std::string& root) {
  return [root](const std::string& folder) -> std::optional<std::vector<std::string>> {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = folder.empty() ? fs::path(root) : fs::path(root) / folder;
    const fs::file_status status = folder.empty() ? fs::status(dir, ec) : fs::symlink_status(dir, ec);
    if (ec || !fs::is_directory(status)) return std::nullopt;
    std::vector<std::string> names;
    for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
      names.push_back(it->path().filename().string());
    }
    if (ec) return std::nullopt;
    return names;
  };
}

// What one of the other handles found; `failed` when it could not diff.
struct PartOutcome {
  std::vector<std::string> changed;
  bool failed = false;
};

// One of the other handles: it opens the repository and reads its index
// and base tree while the main thread reads its own, diffs the list it is
// given (an empty list: nothing to do) and hands back what it found before
// releasing its handle, so that nobody waits for the release. Everything
// it uses is its own (copies, its end of the promise and the future): the
// main thread may have moved on when it finishes.
void run_other_part(std::string root, std::string git_dir, std::optional<git_oid> base_commit,
                    std::future<std::vector<std::string>> assigned, std::promise<PartOutcome> outcome) {
  RepoPtr repo;
  TreePtr tree;
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, root.c_str(), GIT_REPOSITORY_OPEN_NO_SEARCH, nullptr) == 0) {
    repo.reset(raw);
    git_index* index = nullptr;
    if (git_repository_index(&index, repo.get()) == 0) git_index_free(index);  // the handle keeps it
    if (base_commit) {
      if (Result<TreePtr> found = tree_of(repo.get(), *base_commit); found) tree = std::move(*found);
    }
  }
  const bool ready = repo && (tree || !base_commit) && git_dir == git_repository_path(repo.get());
  const std::vector<std::string> paths = assigned.get();
  PartOutcome found;
  if (!paths.empty()) {
    Result<std::vector<std::string>> changed =
        ready ? changed_paths_in(repo.get(), tree.get(), paths) : make_error("no repository handle");
    if (changed) {
      found.changed = std::move(*changed);
    } else {
      found.failed = true;
    }
  }
  outcome.set_value(std::move(found));
}

struct OtherPart {
  std::promise<std::vector<std::string>> assigned;
  std::future<PartOutcome> outcome;
  std::thread thread;
};

}  // namespace

git_diff_options worktree_diff_options(bool with_untracked_content) {
  git_diff_options options = GIT_DIFF_OPTIONS_INIT;
  options.flags = GIT_DIFF_INCLUDE_UNTRACKED | GIT_DIFF_RECURSE_UNTRACKED_DIRS | GIT_DIFF_INCLUDE_TYPECHANGE;
  if (with_untracked_content) options.flags |= GIT_DIFF_SHOW_UNTRACKED_CONTENT;
  options.ignore_submodules = GIT_SUBMODULE_IGNORE_ALL;
  options.context_lines = 0;
  return options;
}

bool is_kept_delta(git_delta_t status) {
  switch (status) {
    case GIT_DELTA_ADDED:
    case GIT_DELTA_MODIFIED:
    case GIT_DELTA_RENAMED:
    case GIT_DELTA_COPIED:
    case GIT_DELTA_UNTRACKED:
    case GIT_DELTA_TYPECHANGE:
    case GIT_DELTA_CONFLICTED:  // the file is there, with changes in it
      return true;
    default:
      return false;
  }
}

void append_changed_paths(const git_diff* diff, std::vector<std::string>& paths) {
  const std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta == nullptr || !is_kept_delta(delta->status)) continue;
    if (delta->new_file.mode == GIT_FILEMODE_COMMIT || delta->new_file.path == nullptr) continue;
    paths.emplace_back(delta->new_file.path);
  }
}

void append_untracked_paths(const git_diff* diff, std::vector<std::string>& paths) {
  const std::size_t count = git_diff_num_deltas(diff);
  for (std::size_t i = 0; i < count; ++i) {
    const git_diff_delta* delta = git_diff_get_delta(diff, i);
    if (delta == nullptr || delta->status != GIT_DELTA_UNTRACKED || delta->new_file.path == nullptr) continue;
    paths.emplace_back(delta->new_file.path);
  }
}

Result<std::vector<std::string>> changed_paths_in(git_repository* repo, const git_tree* base_tree,
                                                  const std::vector<std::string>& paths) {
  git_diff_options options = worktree_diff_options(/*with_untracked_content=*/false);
  std::vector<char*> literal;
  if (!paths.empty()) {
    literal.reserve(paths.size());
    // libgit2 only reads the strings; its struct just is not const.
    for (const std::string& path : paths) literal.push_back(const_cast<char*>(path.c_str()));
    options.flags |= GIT_DIFF_DISABLE_PATHSPEC_MATCH;
    options.pathspec.strings = literal.data();
    options.pathspec.count = literal.size();
  }
  git_diff* raw = nullptr;
  // libgit2 takes the tree non-const but does not change it.
  const int failed = base_tree != nullptr ? git_diff_tree_to_workdir_with_index(
                                                &raw, repo, const_cast<git_tree*>(base_tree), &options)
                                          : git_diff_index_to_workdir(&raw, repo, nullptr, &options);
  if (failed != 0) return make_error(last_message());
  DiffPtr diff(raw);
  std::vector<std::string> changed;
  if (base_tree != nullptr) {
    append_changed_paths(diff.get(), changed);
  } else {
    append_untracked_paths(diff.get(), changed);
  }
  return changed;
}

namespace {

// changed_paths_split and untracked_paths_split: with a base commit the
// tree-to-working-tree diff, without one the index-to-working-tree diff.
Result<std::vector<std::string>> paths_split(git_repository* repo, const std::string& root,
                                             const std::optional<git_oid>& base_commit, std::size_t parts,
                                             std::size_t min_entries_per_part,
                                             std::vector<std::thread>& releasing) {
  TreePtr tree;
  if (base_commit) {
    Result<TreePtr> found = tree_of(repo, *base_commit);
    if (!found) return found.error();
    tree = std::move(*found);
  }
  const std::string git_dir = git_repository_path(repo);

  // The other handles start first: opening a repository and reading its
  // index take about as long as the main thread's index read and split.
  std::vector<OtherPart> others(parts > 1 ? parts - 1 : 0);
  std::size_t started = 0;
  for (; started < others.size(); ++started) {
    OtherPart& part = others[started];
    std::promise<PartOutcome> outcome;
    part.outcome = outcome.get_future();
    try {
      part.thread = std::thread(run_other_part, root, git_dir, base_commit, part.assigned.get_future(),
                                std::move(outcome));
    } catch (const std::system_error&) {
      break;  // no more threads: fewer parts
    }
  }

  // From here until every outcome is in, nothing returns early: each
  // started thread is given its list (maybe empty).
  std::vector<std::vector<std::string>> lists;
  git_index* raw_index = nullptr;
  if (git_repository_index(&raw_index, repo) == 0) {
    IndexPtr index(raw_index);
    const std::size_t entries = git_index_entrycount(index.get());
    const std::size_t by_size = entries / std::max<std::size_t>(min_entries_per_part, 1);
    const std::size_t wanted = std::min(started + 1, std::max<std::size_t>(by_size, 1));
    if (wanted > 1) {
      std::vector<std::string_view> index_paths;
      index_paths.reserve(entries);
      for (std::size_t i = 0; i < entries; ++i) {
        const git_index_entry* entry = git_index_get_byindex(index.get(), i);
        if (entry != nullptr) index_paths.emplace_back(entry->path);
      }
      lists = split_worktree(index_paths, working_tree_lister(root), wanted);
    }
  }
  if (lists.size() < 2) lists.clear();  // one list: the whole tree, unrestricted
  for (std::size_t i = 0; i < started; ++i) {
    others[i].assigned.set_value(i + 1 < lists.size() ? std::move(lists[i + 1]) : std::vector<std::string>{});
  }
  Result<std::vector<std::string>> mine =
      changed_paths_in(repo, tree.get(), lists.empty() ? std::vector<std::string>{} : lists.front());
  std::vector<PartOutcome> outcomes;
  for (std::size_t i = 0; i < started; ++i) {
    outcomes.push_back(others[i].outcome.get());
    releasing.push_back(std::move(others[i].thread));
  }

  if (!mine) return mine.error();
  std::vector<std::string> changed = std::move(*mine);
  const bool any_failed =
      std::any_of(outcomes.begin(), outcomes.end(), [](const PartOutcome& part) { return part.failed; });
  if (any_failed) {
    Result<std::vector<std::string>> whole = changed_paths_in(repo, tree.get(), {});
    if (!whole) return whole.error();
    changed = std::move(*whole);
  } else {
    for (PartOutcome& part : outcomes) {
      std::move(part.changed.begin(), part.changed.end(), std::back_inserter(changed));
    }
  }
  sort_unique(changed);
  return changed;
}

}  // namespace

Result<std::vector<std::string>> changed_paths_split(git_repository* repo, const std::string& root,
                                                     const git_oid& base_commit, std::size_t parts,
                                                     std::size_t min_entries_per_part,
                                                     std::vector<std::thread>& releasing) {
  return paths_split(repo, root, base_commit, parts, min_entries_per_part, releasing);
}

Result<std::vector<std::string>> untracked_paths_split(git_repository* repo, const std::string& root,
                                                       std::size_t parts, std::size_t min_entries_per_part,
                                                       std::vector<std::thread>& releasing) {
  return paths_split(repo, root, std::nullopt, parts, min_entries_per_part, releasing);
}

}  // namespace slipway::model
