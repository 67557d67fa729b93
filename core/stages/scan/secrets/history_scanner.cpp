// The history walk (see history_scanner.hpp). Two phases: a single-threaded
// walk that lists each new blob with its introducing commit and path, then
// `jobs` threads that read and scan those blobs, each thread with its own
// libgit2 repository handle (libgit2 objects are not shared across threads)
// and its own Vectorscan scratch. Results are merged in walk order, so the
// output does not depend on thread timing.
#include "stages/scan/secrets/history_scanner.hpp"

#include <git2.h>

#include <atomic>
#include <cstring>
#include <ctime>
#include <memory>
#include <mutex>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_set>

#include "util/files.hpp"
#include "util/hash.hpp"

namespace slipway::scan::secrets {
namespace {

template <auto FreeFn>
struct GitFree {
  template <typename T>
  void operator()(T* handle) const {
    FreeFn(handle);
  }
};

using RepoPtr = std::unique_ptr<git_repository, GitFree<git_repository_free>>;
using WalkPtr = std::unique_ptr<git_revwalk, GitFree<git_revwalk_free>>;
using CommitPtr = std::unique_ptr<git_commit, GitFree<git_commit_free>>;
using TreePtr = std::unique_ptr<git_tree, GitFree<git_tree_free>>;
using ObjectPtr = std::unique_ptr<git_object, GitFree<git_object_free>>;
using OdbPtr = std::unique_ptr<git_odb, GitFree<git_odb_free>>;
using OdbObjectPtr = std::unique_ptr<git_odb_object, GitFree<git_odb_object_free>>;
using RefIterPtr = std::unique_ptr<git_reference_iterator, GitFree<git_reference_iterator_free>>;

constexpr std::size_t k_binary_sniff = 8192;

// libgit2 is reference-counted: init here, shut down when the scan ends.
struct LibGit2 {
  LibGit2() { git_libgit2_init(); }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

std::string git_message() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

Error git_error(const std::string& what) {
  return make_error("history scan: " + what + ": " + git_message());
}

struct OidHash {
  std::size_t operator()(const git_oid& oid) const {
    std::size_t value = 0;
    std::memcpy(&value, oid.id, sizeof value);
    return value;
  }
};
struct OidEqual {
  bool operator()(const git_oid& a, const git_oid& b) const { return git_oid_equal(&a, &b) != 0; }
};
using OidSet = std::unordered_set<git_oid, OidHash, OidEqual>;

struct BlobTask {
  git_oid oid;
  std::size_t commit;
  std::string path;
};

std::string oid_hex(const git_oid& oid) {
  char buffer[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(buffer, sizeof buffer, &oid);
  return buffer;
}

std::string author_date(const git_signature* signature) {
  if (signature == nullptr) return {};
  const std::time_t local = static_cast<std::time_t>(signature->when.time + signature->when.offset * 60);
  std::tm parts{};
  gmtime_r(&local, &parts);
  char buffer[16] = {};
  std::strftime(buffer, sizeof buffer, "%Y-%m-%d", &parts);
  return buffer;
}

// Lists the blobs of `tree` not seen before; `commit` < 0 only marks them.
Result<void> walk_tree(git_repository* repo, const git_tree* tree, const std::string& prefix, long commit,
                       OidSet& seen_trees, OidSet& seen_blobs, std::vector<BlobTask>& tasks) {
  const std::size_t count = git_tree_entrycount(tree);
  for (std::size_t i = 0; i < count; ++i) {
    const git_tree_entry* entry = git_tree_entry_byindex(tree, i);
    const git_oid* oid = git_tree_entry_id(entry);
    const std::string path = prefix + git_tree_entry_name(entry);
    switch (git_tree_entry_type(entry)) {
      case GIT_OBJECT_TREE: {
        if (!seen_trees.insert(*oid).second) break;
        git_tree* raw = nullptr;
        if (git_tree_lookup(&raw, repo, oid) != 0) return git_error("cannot read tree " + path);
        TreePtr subtree(raw);
        if (auto walked = walk_tree(repo, subtree.get(), path + "/", commit, seen_trees, seen_blobs, tasks);
            !walked) {
          return walked;
        }
        break;
      }
      case GIT_OBJECT_BLOB:
        if (!seen_blobs.insert(*oid).second) break;
        if (commit >= 0) tasks.push_back(BlobTask{*oid, static_cast<std::size_t>(commit), path});
        break;
      default:  // submodule commits
        break;
    }
  }
  return {};
}

Result<void> push_refs(git_revwalk* walk, git_repository* repo) {
  git_reference_iterator* raw = nullptr;
  if (git_reference_iterator_new(&raw, repo) != 0) return git_error("cannot list references");
  RefIterPtr refs(raw);
  const char* name = nullptr;
  while (git_reference_next_name(&name, refs.get()) == 0) {
    // Refs to trees or blobs (and broken refs) have no history to walk.
    if (git_revwalk_push_ref(walk, name) != 0) git_error_clear();
  }
  if (git_revwalk_push_head(walk) != 0) git_error_clear();  // unborn or detached-and-missing HEAD
  return {};
}

struct WalkResult {
  std::vector<CommitInfo> commits;
  std::vector<BlobTask> tasks;
};

Result<WalkResult> list_blobs(git_repository* repo, const std::string& base) {
  git_revwalk* raw_walk = nullptr;
  if (git_revwalk_new(&raw_walk, repo) != 0) return git_error("cannot walk the history");
  WalkPtr walk(raw_walk);
  git_revwalk_sorting(walk.get(), GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME | GIT_SORT_REVERSE);

  OidSet seen_trees;
  OidSet seen_blobs;
  WalkResult result;
  if (base.empty()) {
    if (auto pushed = push_refs(walk.get(), repo); !pushed) return pushed.error();
  } else {
    git_object* raw_base = nullptr;
    if (git_revparse_single(&raw_base, repo, base.c_str()) != 0)
      return git_error("cannot resolve base " + base);
    ObjectPtr base_object(raw_base);
    git_object* raw_commit = nullptr;
    if (git_object_peel(&raw_commit, base_object.get(), GIT_OBJECT_COMMIT) != 0) {
      return git_error("base " + base + " is not a commit");
    }
    CommitPtr base_commit(reinterpret_cast<git_commit*>(raw_commit));
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, base_commit.get()) != 0)
      return git_error("cannot read the tree of " + base);
    TreePtr base_tree(raw_tree);
    if (auto marked = walk_tree(repo, base_tree.get(), "", -1, seen_trees, seen_blobs, result.tasks);
        !marked) {
      return marked.error();
    }
    if (git_revwalk_push_head(walk.get()) != 0) return git_error("cannot read HEAD");
    if (git_revwalk_hide(walk.get(), git_commit_id(base_commit.get())) != 0)
      return git_error("cannot hide base");
  }

  git_oid oid;
  int status = 0;
  while ((status = git_revwalk_next(&oid, walk.get())) == 0) {
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo, &oid) != 0)
      return git_error("cannot read commit " + oid_hex(oid));
    CommitPtr commit(raw_commit);
    const git_signature* author = git_commit_author(commit.get());
    result.commits.push_back(CommitInfo{
        oid_hex(oid), author != nullptr && author->name != nullptr ? author->name : "", author_date(author)});
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit.get()) != 0)
      return git_error("cannot read the tree of " + oid_hex(oid));
    TreePtr tree(raw_tree);
    if (auto walked = walk_tree(repo, tree.get(), "", static_cast<long>(result.commits.size() - 1),
                                seen_trees, seen_blobs, result.tasks);
        !walked) {
      return walked.error();
    }
  }
  if (status != GIT_ITEROVER) return git_error("cannot walk the history");
  return result;
}

struct TaskOutcome {
  std::vector<LocatedSecret> secrets;
  bool binary = false;
  bool too_large = false;
};

// Scans tasks[i] for every i handed out by `next`, with its own repository.
Result<void> scan_tasks(const SecretMatcher& matcher, const std::string& root,
                        const std::vector<BlobTask>& tasks, std::atomic<std::size_t>& next,
                        std::vector<TaskOutcome>& outcomes) {
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, root.c_str(), 0, nullptr) != 0)
    return git_error("cannot open " + root);
  RepoPtr repo(raw_repo);
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo.get()) != 0) return git_error("cannot open the object database");
  OdbPtr odb(raw_odb);
  auto scratch = matcher.make_scratch();
  if (!scratch) return scratch.error();

  for (std::size_t index = next++; index < tasks.size(); index = next++) {
    const BlobTask& task = tasks[index];
    TaskOutcome& outcome = outcomes[index];
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (git_odb_read_header(&size, &type, odb.get(), &task.oid) != 0) {
      return git_error("cannot read blob " + oid_hex(task.oid) + " (" + task.path + ")");
    }
    if (size > static_cast<std::size_t>(matcher.max_file_size())) {
      outcome.too_large = true;
      continue;
    }
    git_odb_object* raw_object = nullptr;
    if (git_odb_read(&raw_object, odb.get(), &task.oid) != 0) {
      return git_error("cannot read blob " + oid_hex(task.oid) + " (" + task.path + ")");
    }
    OdbObjectPtr object(raw_object);
    const std::string_view data(static_cast<const char*>(git_odb_object_data(object.get())),
                                git_odb_object_size(object.get()));
    if (util::looks_binary(data.substr(0, k_binary_sniff))) {
      outcome.binary = true;
      continue;
    }
    auto scanned = scan_bytes(matcher, *scratch, data, task.path);
    if (!scanned) return scanned.error();
    outcome.secrets = std::move(scanned->secrets);
  }
  return {};
}

}  // namespace

Result<HistoryResult> scan_history(const SecretMatcher& matcher, const std::string& root,
                                   const std::string& base, int jobs) {
  const LibGit2 libgit2;
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, root.c_str(), 0, nullptr) != 0) {
    return git_error("cannot open the repository at " + root);
  }
  RepoPtr repo(raw_repo);
  HistoryResult result;
  result.shallow = git_repository_is_shallow(repo.get()) == 1;

  auto walked = list_blobs(repo.get(), base);
  if (!walked) return walked.error();
  result.commits = std::move(walked->commits);
  const std::vector<BlobTask>& tasks = walked->tasks;

  std::vector<TaskOutcome> outcomes(tasks.size());
  std::atomic<std::size_t> next{0};
  const std::size_t threads = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(jobs, 1)), tasks.size()));
  std::vector<Result<void>> statuses(threads);
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) {
      workers.emplace_back([&, t] { statuses[t] = scan_tasks(matcher, root, tasks, next, outcomes); });
    }
    statuses[0] = scan_tasks(matcher, root, tasks, next, outcomes);
  }
  for (const Result<void>& status : statuses) {
    if (!status) return status.error();
  }

  // Walk order = oldest introduction first: keep the first of each (rule, secret, path).
  std::set<std::tuple<std::size_t, std::string, std::string>> reported;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    TaskOutcome& outcome = outcomes[i];
    if (outcome.binary) ++result.blobs_binary;
    if (outcome.too_large) ++result.blobs_too_large;
    if (!outcome.binary && !outcome.too_large) ++result.blobs_scanned;
    for (LocatedSecret& secret : outcome.secrets) {
      if (!reported.emplace(secret.rule, util::sha256_hex(secret.secret), tasks[i].path).second) continue;
      result.secrets.push_back(HistorySecret{std::move(secret), tasks[i].path, tasks[i].commit});
    }
  }
  return result;
}

}  // namespace slipway::scan::secrets
