// Reading the commit graph reachable from HEAD (see commit_graph.hpp).
#include "stages/build/version/commit_graph.hpp"

#include <memory>
#include <queue>
#include <tuple>

#include "model/libgit2_handles.hpp"

namespace slipway::build::version {

using namespace model::libgit2;

Result<CommitGraph> CommitGraph::load(git_repository* repo, const git_oid& head, bool shallow) {
  CommitGraph graph;
  git_odb* odb = nullptr;
  if (git_repository_odb(&odb, repo) != 0) return make_error("cannot open the git object database");
  const OdbPtr odb_owner(odb);

  std::vector<git_oid> pending = {head};
  while (!pending.empty()) {
    const git_oid oid = pending.back();
    pending.pop_back();
    if (graph.contains(oid)) continue;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) {
      return make_error("cannot read commit " + oid_text(oid) + ": " + last_message());
    }
    const CommitPtr commit(raw);
    Node node;
    node.time = static_cast<std::int64_t>(git_commit_time(commit.get()));
    node.order = graph.m_order.size();
    node.parent_count = git_commit_parentcount(commit.get());
    for (unsigned int i = 0; i < node.parent_count; ++i) {
      const git_oid* parent = git_commit_parent_id(commit.get(), i);
      if (git_odb_exists(odb, parent) == 0) {
        if (!shallow) {
          return make_error("commit " + oid_text(*parent) + " (a parent of " + oid_text(oid) + ") is missing",
                            "the repository is incomplete; run `git fsck`");
        }
        if (graph.m_cut.empty() || !git_oid_equal(&graph.m_cut.back(), &oid)) graph.m_cut.push_back(oid);
        continue;
      }
      node.parents.push_back(*parent);
    }
    // Parents pushed in reverse so the first parent is visited first.
    for (auto it = node.parents.rbegin(); it != node.parents.rend(); ++it) pending.push_back(*it);
    graph.m_nodes.emplace(oid, std::move(node));
    graph.m_order.push_back(oid);
  }
  return graph;
}

std::size_t CommitGraph::parent_count(const git_oid& oid) const {
  const auto found = m_nodes.find(oid);
  return found == m_nodes.end() ? 0 : found->second.parent_count;
}

OidSet CommitGraph::ancestors(const git_oid& from) const {
  OidSet seen;
  std::vector<git_oid> pending = {from};
  while (!pending.empty()) {
    const git_oid oid = pending.back();
    pending.pop_back();
    const auto found = m_nodes.find(oid);
    if (found == m_nodes.end() || !seen.insert(oid).second) continue;
    for (const git_oid& parent : found->second.parents) pending.push_back(parent);
  }
  return seen;
}

std::vector<git_oid> CommitGraph::newest_first(const OidSet& excluded) const {
  // Kahn's algorithm over the kept commits: a commit is ready once all its
  // kept children are out; among ready ones the newest (then the first
  // reached) goes next.
  std::unordered_map<git_oid, std::size_t, OidHash, OidEqual> children;
  for (const git_oid& oid : m_order) {
    if (excluded.count(oid) > 0) continue;
    children.emplace(oid, 0);
  }
  for (const auto& [oid, count] : children) {
    for (const git_oid& parent : m_nodes.at(oid).parents) {
      if (const auto found = children.find(parent); found != children.end()) ++found->second;
    }
  }
  const auto later_first = [this](const git_oid& a, const git_oid& b) {
    const Node& x = m_nodes.at(a);
    const Node& y = m_nodes.at(b);
    return std::tie(x.time, y.order) < std::tie(y.time, x.order);  // max-heap: newest, then first reached
  };
  std::priority_queue<git_oid, std::vector<git_oid>, decltype(later_first)> ready(later_first);
  for (const auto& [oid, count] : children) {
    if (count == 0) ready.push(oid);
  }
  std::vector<git_oid> out;
  out.reserve(children.size());
  while (!ready.empty()) {
    const git_oid oid = ready.top();
    ready.pop();
    out.push_back(oid);
    for (const git_oid& parent : m_nodes.at(oid).parents) {
      const auto found = children.find(parent);
      if (found != children.end() && --found->second == 0) ready.push(parent);
    }
  }
  return out;
}

}  // namespace slipway::build::version
