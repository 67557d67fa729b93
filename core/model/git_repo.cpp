// GitRepo over libgit2: everything Slipway asks of git, without running git.
//
// Each libgit2 handle lives in a unique_ptr with its matching free function,
// so every early return releases what it took. libgit2 is initialised once,
// by a function-local static, and never shut down (the handles a static
// GitRepo might hold would outlive a shutdown).
//
// The changed-file and added-line questions share one diff: the base commit's
// tree against the working tree *through the index* (so staged, unstaged and
// untracked-not-ignored changes all count, as a developer expects before
// committing), with rename and copy detection so a renamed file reports its
// new path and only the lines that really changed. Deleted paths are never
// reported: there is nothing left to lint or scan.
//
// Speed matters on large repositories (tens of thousands of files):
// tracked_files() reads only the index; changed_files() first walks the
// working tree on several threads comparing stat data with the index
// (model/worktree_stat.cpp, worktree_suspects.cpp) and lets libgit2 diff
// only the paths that walk suspects, none when nothing changed; the whole
// diff, and tracked_and_untracked_files(), are spread over threads
// (model/worktree_diff.cpp).
// Submodules (gitlinks) are left out everywhere: they are folders of another
// repository, not files of this one.
#include "model/git_repo.hpp"

#include <git2.h>
#include <stdlib.h>  // realpath

#include <algorithm>
#include <iterator>
#include <thread>
#include <utility>

#include "model/index_snapshot.hpp"
#include "model/libgit2_handles.hpp"
#include "model/worktree_diff.hpp"
#include "model/worktree_stat.hpp"
#include "model/worktree_suspects.hpp"

namespace slipway::model {

namespace {

using namespace libgit2;

Error git_failure(const std::string& what, std::string hint = {}) {
  return make_error(what + ": " + last_message(), std::move(hint));
}

constexpr const char* k_fetch_hint =
    "check the name; in a shallow or single-branch clone fetch it first "
    "(e.g. `git fetch origin <branch>`, or fetch-depth: 0 in actions/checkout)";

constexpr const char* k_shallow_hint =
    "this clone is shallow and the history needed is missing; fetch more of it "
    "(`git fetch --unshallow`, fetch-depth: 0 in actions/checkout, GIT_DEPTH: 0 in GitLab)";

// Merges sorted-or-not line numbers into sorted, disjoint, non-adjacent ranges.
std::vector<LineRange> to_ranges(std::vector<int> lines) {
  std::sort(lines.begin(), lines.end());
  std::vector<LineRange> ranges;
  for (int line : lines) {
    if (!ranges.empty() && line <= ranges.back().last + 1) {
      ranges.back().last = std::max(ranges.back().last, line);
    } else {
      ranges.push_back({line, line});
    }
  }
  return ranges;
}

// Below this many index entries per part a thread and a second index read
// cost more than they save (measured: ~3 us of diff per entry, ~0.25 us to
// read an entry into a second index, under a millisecond to start a handle).
constexpr std::size_t k_min_entries_per_part = 1000;

// More suspects than this after the stat walk and the whole diff, split
// across threads, answers sooner than one thread over the list: a suspect
// whose stat data moved but whose content did not is hashed (measured on
// the 20,000-file benchmark tree, 10 KB files: 4,000 touched files took
// 466 ms as one list, 4,200 took 416 ms split in two).
constexpr std::size_t k_max_suspects = 1000;

struct SplitPlan {
  std::size_t parts;
  std::size_t min_entries_per_part;
};

// How a working-tree listing is split for `threads`: 0 chooses two to four
// parts when the hardware runs threads side by side and libgit2 was built
// thread-safe (one otherwise), and keeps a small index whole; n > 0 asks for
// up to n parts even on a small index (the tests do).
SplitPlan split_plan(int threads) {
  if (threads > 0) return {static_cast<std::size_t>(threads), 1};
  if ((git_libgit2_features() & GIT_FEATURE_THREADS) == 0) return {1, k_min_entries_per_part};
  const unsigned cores = std::thread::hardware_concurrency();
  return {std::clamp<std::size_t>(cores, 1, 4), k_min_entries_per_part};
}

}  // namespace

bool line_added(const AddedLines& added, const std::string& path, int line) {
  auto file = added.find(path);
  if (file == added.end()) return false;
  const std::vector<LineRange>& ranges = file->second;
  // The last range starting at or before `line`.
  auto after = std::upper_bound(ranges.begin(), ranges.end(), line,
                                [](int value, const LineRange& range) { return value < range.first; });
  if (after == ranges.begin()) return false;
  return line <= std::prev(after)->last;
}

struct GitRepo::Impl {
  RepoPtr repo;
  std::string root;
  // Threads of the split listings that have answered and may still be
  // releasing their own repository handles; joined when this closes.
  std::vector<std::thread> releasing;
  // The working-tree listing open() started, until changed_files() takes it
  // or another listing makes it useless. Mutable: taking it changes no answer.
  mutable std::unique_ptr<StatWalk> prefetched;
  // The index as the last stat walk read it; tracked_files() answers from it
  // while the index file is still the same one.
  mutable std::optional<IndexSnapshot> index_snapshot;

  Impl() = default;
  Impl(const Impl&) = delete;
  Impl& operator=(const Impl&) = delete;
  ~Impl() {
    prefetched.reset();
    for (std::thread& thread : releasing) thread.join();
  }

  Result<CommitPtr> commit_of(const std::string& revision) const {
    if (revision.empty()) return make_error("empty revision", "name a branch, tag or commit");
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo.get(), revision.c_str()) != 0) {
      return git_failure("unknown revision '" + revision + "'", k_fetch_hint);
    }
    ObjectPtr object(raw);
    git_object* peeled = nullptr;
    if (git_object_peel(&peeled, object.get(), GIT_OBJECT_COMMIT) != 0) {
      return git_failure("revision '" + revision + "' does not name a commit",
                         "name a branch, tag or commit");
    }
    return CommitPtr(reinterpret_cast<git_commit*>(peeled));
  }

  // The base commit's tree against the working tree through the index.
  Result<DiffPtr> diff_to_worktree(const std::string& base, bool with_untracked_content) const {
    Result<CommitPtr> commit = commit_of(base);
    if (!commit) return commit.error();
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit->get()) != 0) {
      return git_failure("cannot read the tree of '" + base + "'", k_shallow_hint);
    }
    TreePtr tree(raw_tree);

    git_diff_options options = worktree_diff_options(with_untracked_content);
    git_diff* raw_diff = nullptr;
    if (git_diff_tree_to_workdir_with_index(&raw_diff, repo.get(), tree.get(), &options) != 0) {
      return git_failure("cannot diff '" + base + "' against the working tree");
    }
    DiffPtr diff(raw_diff);

    git_diff_find_options find = GIT_DIFF_FIND_OPTIONS_INIT;
    find.flags = GIT_DIFF_FIND_RENAMES | GIT_DIFF_FIND_COPIES | GIT_DIFF_FIND_FOR_UNTRACKED;
    if (git_diff_find_similar(diff.get(), &find) != 0) {
      return git_failure("cannot detect renames against '" + base + "'");
    }
    return diff;
  }
};

GitRepo::GitRepo(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
GitRepo::GitRepo(GitRepo&&) noexcept = default;
GitRepo& GitRepo::operator=(GitRepo&&) noexcept = default;
GitRepo::~GitRepo() = default;

Result<GitRepo> GitRepo::open(const std::string& path, bool prefetch_worktree) {
  // Started first: libgit2's start-up (it parses the CA certificates) and
  // the repository's discovery overlap with the listing.
  std::unique_ptr<StatWalk> prefetched;
  if (prefetch_worktree) prefetched = std::make_unique<StatWalk>(path);
  ensure_initialised();
  git_repository* raw = nullptr;
  int code = git_repository_open_ext(&raw, path.c_str(), 0, nullptr);
  if (code == GIT_ENOTFOUND) {
    return make_error("'" + path + "' is not inside a git repository",
                      "run Slipway inside a git checkout (or `git init` one first)");
  }
  if (code == GIT_EOWNER) {
    return git_failure("cannot open the git repository at '" + path + "'",
                       "the checkout belongs to another user; trust it with "
                       "`git config --global --add safe.directory <path>`");
  }
  if (code != 0) {
    return git_failure("cannot open the git repository at '" + path + "'",
                       "check that the folder is a readable git checkout");
  }
  RepoPtr repo(raw);
  const char* workdir = git_repository_workdir(repo.get());
  if (workdir == nullptr) {
    return make_error("'" + path + "' is a bare git repository (it has no working tree)",
                      "run Slipway inside a checkout with files");
  }
  auto impl = std::make_unique<Impl>();
  impl->root = workdir;
  while (impl->root.size() > 1 && impl->root.back() == '/') impl->root.pop_back();
  impl->repo = std::move(repo);
  if (prefetched) {
    // Only a listing of the root itself is of use.
    char* resolved = realpath(path.c_str(), nullptr);
    if (resolved != nullptr && impl->root == resolved) impl->prefetched = std::move(prefetched);
    std::free(resolved);
  }
  return GitRepo(std::move(impl));
}

std::string GitRepo::root() const {
  return m_impl->root;
}

bool GitRepo::is_shallow() const {
  return git_repository_is_shallow(m_impl->repo.get()) == 1;
}

Result<std::string> GitRepo::head_commit() const {
  git_oid oid;
  int code = git_reference_name_to_id(&oid, m_impl->repo.get(), "HEAD");
  if (code == GIT_ENOTFOUND || code == GIT_EUNBORNBRANCH) {
    return make_error("the repository has no commits yet (HEAD points at nothing)", "commit something first");
  }
  if (code != 0) return git_failure("cannot read HEAD", "check the repository with `git status`");
  return oid_text(oid);
}

Result<std::string> GitRepo::head_branch() const {
  git_repository* repo = m_impl->repo.get();
  int detached = git_repository_head_detached(repo);
  if (detached == 1) return std::string{};
  git_reference* raw = nullptr;
  int code = git_repository_head(&raw, repo);
  if (code == GIT_EUNBORNBRANCH) {
    // A new repository: HEAD names a branch that has no commit yet.
    git_reference* raw_head = nullptr;
    if (git_reference_lookup(&raw_head, repo, "HEAD") != 0) return git_failure("cannot read HEAD");
    ReferencePtr head(raw_head);
    const char* target = git_reference_symbolic_target(head.get());
    std::string name = target != nullptr ? target : "";
    constexpr std::string_view k_heads = "refs/heads/";
    if (name.compare(0, k_heads.size(), k_heads) == 0) name.erase(0, k_heads.size());
    return name;
  }
  if (code != 0) return git_failure("cannot read HEAD", "check the repository with `git status`");
  ReferencePtr head(raw);
  if (git_reference_is_branch(head.get()) != 1) return std::string{};
  const char* name = nullptr;
  if (git_branch_name(&name, head.get()) != 0) return git_failure("cannot read the current branch name");
  return std::string(name);
}

Result<std::string> GitRepo::resolve(const std::string& revision) const {
  Result<CommitPtr> commit = m_impl->commit_of(revision);
  if (!commit) return commit.error();
  return oid_text(*git_commit_id(commit->get()));
}

Result<std::string> GitRepo::merge_base(const std::string& a, const std::string& b) const {
  const std::string hint = is_shallow() ? k_shallow_hint : k_fetch_hint;
  Result<CommitPtr> first = m_impl->commit_of(a);
  if (!first) {
    Error error = first.error();
    error.hint = hint;
    return error;
  }
  Result<CommitPtr> second = m_impl->commit_of(b);
  if (!second) {
    Error error = second.error();
    error.hint = hint;
    return error;
  }
  git_oid base;
  int code =
      git_merge_base(&base, m_impl->repo.get(), git_commit_id(first->get()), git_commit_id(second->get()));
  if (code == GIT_ENOTFOUND) {
    return make_error("'" + a + "' and '" + b + "' have no common ancestor",
                      is_shallow() ? hint : "the two histories are unrelated; pass --base explicitly");
  }
  if (code != 0) return git_failure("cannot find the merge base of '" + a + "' and '" + b + "'", hint);
  return oid_text(base);
}

std::string GitRepo::upstream_of_head() const {
  git_reference* raw_head = nullptr;
  if (git_repository_head(&raw_head, m_impl->repo.get()) != 0) return {};
  ReferencePtr head(raw_head);
  if (git_reference_is_branch(head.get()) != 1) return {};
  git_reference* raw_upstream = nullptr;
  if (git_branch_upstream(&raw_upstream, head.get()) != 0) return {};
  ReferencePtr upstream(raw_upstream);
  const char* name = nullptr;
  if (git_branch_name(&name, upstream.get()) != 0 || name == nullptr) return {};
  return name;
}

Result<std::vector<std::string>> GitRepo::tracked_files() const {
  if (m_impl->index_snapshot) {
    const std::string index_path = std::string(git_repository_path(m_impl->repo.get())) + "index";
    const std::optional<IndexFileKey> key = index_file_key(index_path);
    if (key && *key == m_impl->index_snapshot->key()) return m_impl->index_snapshot->tracked_paths();
  }
  git_index* raw = nullptr;
  if (git_repository_index(&raw, m_impl->repo.get()) != 0) {
    return git_failure("cannot read the git index", "check the repository with `git status`");
  }
  IndexPtr index(raw);
  const std::size_t count = git_index_entrycount(index.get());
  std::vector<std::string> paths;
  paths.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    const git_index_entry* entry = git_index_get_byindex(index.get(), i);
    if (entry == nullptr || entry->mode == GIT_FILEMODE_COMMIT) continue;
    // A conflicted path has up to three entries (stages 1-3); the uniquing below keeps one.
    paths.emplace_back(entry->path);
  }
  sort_unique(paths);
  return paths;
}

Result<std::vector<std::string>> GitRepo::tracked_and_untracked_files(int threads) const {
  m_impl->prefetched.reset();  // not wanted: stop it before the listing below
  Result<std::vector<std::string>> tracked = tracked_files();
  if (!tracked) return tracked;
  std::vector<std::string> paths = std::move(tracked).value();

  // The index against the working tree, untracked files only: what
  // git_status_list_new with GIT_STATUS_SHOW_WORKDIR_ONLY lists, split like
  // changed_files() (one lstat per tracked file and a readdir per folder).
  const SplitPlan plan = split_plan(threads);
  auto untracked = untracked_paths_split(m_impl->repo.get(), m_impl->root, plan.parts,
                                         plan.min_entries_per_part, m_impl->releasing);
  if (!untracked) {
    return make_error("cannot list untracked files: " + untracked.error().message,
                      "check the repository with `git status`");
  }
  paths.insert(paths.end(), std::make_move_iterator(untracked->begin()),
               std::make_move_iterator(untracked->end()));
  sort_unique(paths);
  return paths;
}

Result<std::vector<std::string>> GitRepo::changed_files(const std::string& base, int threads,
                                                        bool stat_first) const {
  std::unique_ptr<StatWalk> prefetched = std::move(m_impl->prefetched);
  if (stat_first) {
    if (auto changed = changed_files_stat_first(base, threads, std::move(prefetched));
        !changed || changed->has_value()) {
      if (!changed) return changed.error();
      return std::move(**changed);
    }
  }
  prefetched.reset();  // when the stat walk was not wanted
  const SplitPlan plan = split_plan(threads);
  if (plan.parts > 1) {
    Result<CommitPtr> commit = m_impl->commit_of(base);
    if (!commit) return commit.error();
    auto changed = changed_paths_split(m_impl->repo.get(), m_impl->root, *git_commit_id(commit->get()),
                                       plan.parts, plan.min_entries_per_part, m_impl->releasing);
    if (!changed) {
      return make_error("cannot diff '" + base + "' against the working tree: " + changed.error().message);
    }
    return changed;
  }
  Result<DiffPtr> diff = m_impl->diff_to_worktree(base, /*with_untracked_content=*/false);
  if (!diff) return diff.error();
  std::vector<std::string> paths;
  append_changed_paths(diff->get(), paths);
  sort_unique(paths);
  return paths;
}

Result<std::optional<std::vector<std::string>>> GitRepo::changed_files_stat_first(
    const std::string& base, int threads, std::unique_ptr<StatWalk> prefetched) const {
  using Found = std::optional<std::vector<std::string>>;
  Result<CommitPtr> commit = m_impl->commit_of(base);
  if (!commit) return commit.error();
  git_tree* raw_tree = nullptr;
  if (git_commit_tree(&raw_tree, commit->get()) != 0) {
    return git_failure("cannot read the tree of '" + base + "'", k_shallow_hint);
  }
  const TreePtr tree(raw_tree);
  const std::size_t walkers = threads > 0 ? static_cast<std::size_t>(threads) : 0;
  auto suspects =
      worktree_suspects(m_impl->repo.get(), m_impl->root, tree.get(), walkers, std::move(prefetched));
  if (!suspects) {
    return make_error("cannot diff '" + base + "' against the working tree: " + suspects.error().message);
  }
  if (!suspects->has_value()) return Found{};
  m_impl->index_snapshot = std::move((*suspects)->index);
  const std::vector<std::string>& paths = (*suspects)->paths;
  if (paths.empty()) return Found{std::vector<std::string>{}};
  if (paths.size() > k_max_suspects) return Found{};
  auto changed = changed_paths_in(m_impl->repo.get(), tree.get(), paths);
  if (!changed) {
    return make_error("cannot diff '" + base + "' against the working tree: " + changed.error().message);
  }
  sort_unique(*changed);
  return Found{std::move(*changed)};
}

Result<AddedLines> GitRepo::added_lines(const std::string& base) const {
  // Untracked files come with their content, so every line of them is an addition.
  Result<DiffPtr> diff = m_impl->diff_to_worktree(base, /*with_untracked_content=*/true);
  if (!diff) return diff.error();

  std::map<std::string, std::vector<int>> lines;
  auto on_line = [](const git_diff_delta* delta, const git_diff_hunk*, const git_diff_line* line,
                    void* payload) -> int {
    if (line->origin != GIT_DIFF_LINE_ADDITION || line->new_lineno <= 0) return 0;
    if (!is_kept_delta(delta->status) || delta->new_file.mode == GIT_FILEMODE_COMMIT) return 0;
    auto& by_path = *static_cast<std::map<std::string, std::vector<int>>*>(payload);
    by_path[delta->new_file.path].push_back(line->new_lineno);
    return 0;
  };
  if (git_diff_foreach(diff->get(), nullptr, nullptr, nullptr, on_line, &lines) != 0) {
    return git_failure("cannot read the changes since '" + base + "'");
  }

  AddedLines added;
  for (auto& [path, numbers] : lines) added.emplace(path, to_ranges(std::move(numbers)));
  return added;
}

}  // namespace slipway::model
