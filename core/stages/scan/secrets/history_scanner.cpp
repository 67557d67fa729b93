// The history walk (see history_scanner.hpp). Two parts that run at once: a
// single-threaded walk that lists each new blob with its introducing commit
// and path, and `jobs` threads that read and scan those blobs as they are
// listed (blob_queue.hpp), each thread with its own libgit2 repository handle
// (libgit2 objects are not shared across threads) and its own Vectorscan
// scratch. Results are merged in walk order, so the output does not depend on
// thread timing.
//
// The commit graph is walked by hand rather than with git_revwalk: libgit2
// 1.5 does not honour a shallow clone's boundary and fails on the first
// missing parent, while a CI clone is shallow more often than not. Commits
// are ordered parents first (Kahn's algorithm), older first among those ready.
#include "stages/scan/secrets/history_scanner.hpp"

#include <git2.h>

#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <queue>
#include <set>
#include <thread>
#include <tuple>
#include <unordered_map>
#include <unordered_set>

#include "model/libgit2_handles.hpp"
#include "stages/scan/secrets/blob_queue.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"

namespace slipway::scan::secrets {
namespace {

using namespace model::libgit2;
using OdbObjectPtr = Handle<git_odb_object, git_odb_object_free>;
using RefIterPtr = Handle<git_reference_iterator, git_reference_iterator_free>;

constexpr std::size_t k_binary_sniff = 8192;

// libgit2 is reference-counted: init here, shut down when the scan ends.
// The walk reads every tree once, so libgit2's object cache (256 MiB by
// default) buys nothing and only raises the peak memory: keep it small.
constexpr std::size_t k_object_cache_bytes = 16u << 20;

struct LibGit2 {
  LibGit2() {
    git_libgit2_init();
    git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, static_cast<ssize_t>(k_object_cache_bytes));
  }
  ~LibGit2() { git_libgit2_shutdown(); }
  LibGit2(const LibGit2&) = delete;
  LibGit2& operator=(const LibGit2&) = delete;
};

Error git_error(const std::string& what) {
  return make_error("history scan: " + what + ": " + last_message());
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

// The commits to walk: everything reachable from the start commits, minus
// everything reachable from the hidden ones. Parents missing from the object
// database (the boundary of a shallow clone) end the walk there.
struct CommitNode {
  git_time_t time = 0;
  std::vector<git_oid> parents;  // those inside the walk
  std::vector<git_oid> children;
  std::size_t waiting = 0;  // parents not yet emitted
};
using CommitGraph = std::unordered_map<git_oid, CommitNode, OidHash, OidEqual>;

Result<std::vector<git_oid>> start_commits(git_repository* repo) {
  std::vector<git_oid> starts;
  git_reference_iterator* raw = nullptr;
  if (git_reference_iterator_new(&raw, repo) != 0) return git_error("cannot list references");
  RefIterPtr refs(raw);
  std::vector<std::string> names;
  const char* name = nullptr;
  while (git_reference_next_name(&name, refs.get()) == 0) names.emplace_back(name);
  names.emplace_back("HEAD");
  for (const std::string& ref_name : names) {
    // Refs to trees or blobs, broken refs and an unborn HEAD have no history to walk.
    git_reference* raw_ref = nullptr;
    if (git_reference_lookup(&raw_ref, repo, ref_name.c_str()) != 0) {
      git_error_clear();
      continue;
    }
    ReferencePtr ref(raw_ref);
    git_object* peeled = nullptr;
    if (git_reference_peel(&peeled, ref.get(), GIT_OBJECT_COMMIT) != 0) {
      git_error_clear();
      continue;
    }
    ObjectPtr commit(peeled);
    starts.push_back(*git_object_id(commit.get()));
  }
  return starts;
}

// Every commit reachable from `starts` that is in the object database.
Result<OidSet> reachable(git_repository* repo, git_odb* odb, const std::vector<git_oid>& starts,
                         const OidSet& stop, CommitGraph* graph, bool& truncated) {
  OidSet seen;
  std::vector<git_oid> pending(starts.begin(), starts.end());
  while (!pending.empty()) {
    const git_oid oid = pending.back();
    pending.pop_back();
    if (stop.count(oid) != 0 || !seen.insert(oid).second) continue;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) return git_error("cannot read commit " + oid_text(oid));
    CommitPtr commit(raw);
    CommitNode node;
    node.time = git_commit_time(commit.get());
    for (unsigned int i = 0; i < git_commit_parentcount(commit.get()); ++i) {
      const git_oid* parent = git_commit_parent_id(commit.get(), i);
      if (git_odb_exists(odb, parent) == 0) {
        truncated = true;  // beyond a shallow boundary
        continue;
      }
      if (stop.count(*parent) != 0) continue;
      node.parents.push_back(*parent);
      pending.push_back(*parent);
    }
    if (graph != nullptr) graph->emplace(oid, std::move(node));
  }
  return seen;
}

// Parents before children, older before newer among commits that are ready.
std::vector<git_oid> oldest_first(CommitGraph& graph) {
  for (auto& [oid, node] : graph) {
    node.waiting = node.parents.size();
    for (const git_oid& parent : node.parents) graph.at(parent).children.push_back(oid);
  }
  auto later = [&](const git_oid& a, const git_oid& b) {
    const git_time_t ta = graph.at(a).time;
    const git_time_t tb = graph.at(b).time;
    return ta != tb ? ta > tb : git_oid_cmp(&a, &b) > 0;
  };
  std::priority_queue<git_oid, std::vector<git_oid>, decltype(later)> ready(later);
  for (const auto& [oid, node] : graph) {
    if (node.waiting == 0) ready.push(oid);
  }
  std::vector<git_oid> order;
  while (!ready.empty()) {
    const git_oid oid = ready.top();
    ready.pop();
    order.push_back(oid);
    for (const git_oid& child : graph.at(oid).children) {
      if (--graph.at(child).waiting == 0) ready.push(child);
    }
  }
  return order;
}

struct WalkResult {
  std::vector<CommitInfo> commits;
  bool truncated = false;  // some parent was missing (shallow)
  std::optional<git_oid> base_tree;
};

// Walks the history, handing each commit's new blobs to `queue` as it goes.
Result<WalkResult> list_blobs(git_repository* repo, const std::string& base, BlobQueue& queue) {
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo) != 0) return git_error("cannot open the object database");
  OdbPtr odb(raw_odb);

  OidSet seen_trees;
  OidSet seen_blobs;
  WalkResult result;
  std::vector<BlobTask> batch;
  std::vector<git_oid> starts;
  OidSet hidden;
  if (base.empty()) {
    auto refs = start_commits(repo);
    if (!refs) return refs.error();
    starts = std::move(*refs);
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
    result.base_tree = *git_tree_id(base_tree.get());
    if (auto marked = walk_tree(repo, base_tree.get(), "", -1, seen_trees, seen_blobs, batch); !marked) {
      return marked.error();
    }
    auto ancestors =
        reachable(repo, odb.get(), {*git_commit_id(base_commit.get())}, {}, nullptr, result.truncated);
    if (!ancestors) return ancestors.error();
    hidden = std::move(*ancestors);
    git_oid head;
    if (git_reference_name_to_id(&head, repo, "HEAD") != 0) return git_error("cannot read HEAD");
    starts.push_back(head);
  }

  CommitGraph graph;
  auto walked = reachable(repo, odb.get(), starts, hidden, &graph, result.truncated);
  if (!walked) return walked.error();
  for (const git_oid& oid : oldest_first(graph)) {
    git_commit* raw_commit = nullptr;
    if (git_commit_lookup(&raw_commit, repo, &oid) != 0)
      return git_error("cannot read commit " + oid_text(oid));
    CommitPtr commit(raw_commit);
    const git_signature* author = git_commit_author(commit.get());
    result.commits.push_back(CommitInfo{oid_text(oid),
                                        author != nullptr && author->name != nullptr ? author->name : "",
                                        author_date(author)});
    git_tree* raw_tree = nullptr;
    if (git_commit_tree(&raw_tree, commit.get()) != 0)
      return git_error("cannot read the tree of " + oid_text(oid));
    TreePtr tree(raw_tree);
    if (auto added = walk_tree(repo, tree.get(), "", static_cast<long>(result.commits.size() - 1), seen_trees,
                               seen_blobs, batch);
        !added) {
      return added.error();
    }
    queue.push(batch);
  }
  return result;
}

struct TaskOutcome {
  std::vector<LocatedSecret> secrets;
  bool binary = false;
  bool too_large = false;
  bool missing = false;
};

// Scans the blobs `queue` hands out, with its own repository; each outcome
// goes to `outcomes` with the blob's index in walk order.
Result<void> scan_tasks(const SecretMatcher& matcher, const std::string& root, BlobQueue& queue,
                        std::vector<std::pair<std::size_t, TaskOutcome>>& outcomes) {
  git_repository* raw_repo = nullptr;
  if (git_repository_open_ext(&raw_repo, root.c_str(), 0, nullptr) != 0)
    return git_error("cannot open " + root);
  RepoPtr repo(raw_repo);
  git_odb* raw_odb = nullptr;
  if (git_repository_odb(&raw_odb, repo.get()) != 0) return git_error("cannot open the object database");
  OdbPtr odb(raw_odb);
  auto scratch = matcher.make_scratch();
  if (!scratch) return scratch.error();

  while (const auto item = queue.next()) {
    const BlobTask& task = *item->task;
    TaskOutcome& outcome = outcomes.emplace_back(item->index, TaskOutcome{}).second;
    std::size_t size = 0;
    git_object_t type = GIT_OBJECT_INVALID;
    if (const int status = git_odb_read_header(&size, &type, odb.get(), &task.oid); status != 0) {
      if (status != GIT_ENOTFOUND)
        return git_error("cannot read blob " + oid_text(task.oid) + " (" + task.path + ")");
      git_error_clear();
      outcome.missing = true;  // a partial clone (--filter=blob:none) does not have it
      continue;
    }
    if (size > static_cast<std::size_t>(matcher.max_file_size())) {
      outcome.too_large = true;
      continue;
    }
    git_odb_object* raw_object = nullptr;
    if (git_odb_read(&raw_object, odb.get(), &task.oid) != 0) {
      return git_error("cannot read blob " + oid_text(task.oid) + " (" + task.path + ")");
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

// (rule, sha256(secret)) of every secret in the base commit's version of
// `path` (none when the path is new, binary or too large).
Result<std::set<std::pair<std::size_t, std::string>>> secrets_at_base(const SecretMatcher& matcher,
                                                                      git_repository* repo,
                                                                      const git_oid& base_tree,
                                                                      const std::string& path) {
  std::set<std::pair<std::size_t, std::string>> found;
  git_tree* raw_tree = nullptr;
  if (git_tree_lookup(&raw_tree, repo, &base_tree) != 0) return git_error("cannot read the base tree");
  TreePtr tree(raw_tree);
  git_tree_entry* raw_entry = nullptr;
  if (git_tree_entry_bypath(&raw_entry, tree.get(), path.c_str()) != 0) {
    git_error_clear();
    return found;
  }
  Handle<git_tree_entry, git_tree_entry_free> entry(raw_entry);
  if (git_tree_entry_type(entry.get()) != GIT_OBJECT_BLOB) return found;
  git_blob* raw_blob = nullptr;
  if (git_blob_lookup(&raw_blob, repo, git_tree_entry_id(entry.get())) != 0)
    return git_error("cannot read " + path);
  Handle<git_blob, git_blob_free> blob(raw_blob);
  const std::string_view data(static_cast<const char*>(git_blob_rawcontent(blob.get())),
                              static_cast<std::size_t>(git_blob_rawsize(blob.get())));
  if (data.size() > static_cast<std::size_t>(matcher.max_file_size()) ||
      util::looks_binary(data.substr(0, k_binary_sniff))) {
    return found;
  }
  auto scratch = matcher.make_scratch();
  if (!scratch) return scratch.error();
  auto scanned = scan_bytes(matcher, *scratch, data, path);
  if (!scanned) return scanned.error();
  for (const LocatedSecret& secret : scanned->secrets)
    found.emplace(secret.rule, util::sha256_hex(secret.secret));
  return found;
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

  // This thread walks; `jobs` threads scan what the walk has listed so far.
  BlobQueue queue;
  const auto threads = static_cast<std::size_t>(std::max(jobs, 1));
  std::vector<Result<void>> statuses(threads);
  std::vector<std::vector<std::pair<std::size_t, TaskOutcome>>> found(threads);
  std::optional<Result<WalkResult>> walked;
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 0; t < threads; ++t) {
      workers.emplace_back([&, t] {
        statuses[t] = scan_tasks(matcher, root, queue, found[t]);
        if (!statuses[t]) queue.abandon();
      });
    }
    walked.emplace(list_blobs(repo.get(), base, queue));
    queue.close();
  }
  if (!*walked) return walked->error();
  for (const Result<void>& status : statuses) {
    if (!status) return status.error();
  }
  result.shallow = git_repository_is_shallow(repo.get()) == 1 || (*walked)->truncated;
  result.commits = std::move((*walked)->commits);
  const std::deque<BlobTask>& tasks = queue.tasks();
  std::vector<TaskOutcome> outcomes(tasks.size());
  for (auto& outcomes_of_thread : found) {
    for (auto& [index, outcome] : outcomes_of_thread) outcomes[index] = std::move(outcome);
  }

  // Walk order = oldest introduction first: keep the first of each (rule, secret, path).
  // With a base, a secret the base already had at that path was not introduced since.
  std::map<std::string, std::set<std::pair<std::size_t, std::string>>> at_base;
  std::set<std::tuple<std::size_t, std::string, std::string>> reported;
  for (std::size_t i = 0; i < tasks.size(); ++i) {
    TaskOutcome& outcome = outcomes[i];
    if (outcome.binary) ++result.blobs_binary;
    if (outcome.too_large) ++result.blobs_too_large;
    if (outcome.missing) ++result.blobs_missing;
    if (!outcome.binary && !outcome.too_large && !outcome.missing) ++result.blobs_scanned;
    for (LocatedSecret& secret : outcome.secrets) {
      const std::string hash = util::sha256_hex(secret.secret);
      if (!reported.emplace(secret.rule, hash, tasks[i].path).second) continue;
      if ((*walked)->base_tree) {
        auto cached = at_base.find(tasks[i].path);
        if (cached == at_base.end()) {
          auto scanned = secrets_at_base(matcher, repo.get(), *(*walked)->base_tree, tasks[i].path);
          if (!scanned) return scanned.error();
          cached = at_base.emplace(tasks[i].path, std::move(*scanned)).first;
        }
        if (cached->second.count({secret.rule, hash}) != 0) continue;
      }
      result.secrets.push_back(HistorySecret{std::move(secret), tasks[i].path, tasks[i].commit});
    }
  }
  return result;
}

}  // namespace slipway::scan::secrets
