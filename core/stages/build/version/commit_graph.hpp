// The commits reachable from HEAD as an in-memory graph, read once through
// libgit2, for the two questions versioning asks: which commits are
// ancestors of a tag, and which commits came after it, newest first.
//
// libgit2's own revision walker (1.5, as shipped by Debian 12) stops with an
// error at the edge of a shallow clone instead of treating the missing
// parents as the end of history, and the commits just before that edge (the
// tagged one, often) are never returned. This graph is read commit by commit
// and simply notes that a parent is missing when the clone is shallow, so a
// shallow clone's available history is fully usable. In a complete clone a
// missing parent is corruption and an Error.
#pragma once

#include <git2.h>

#include <cstdint>
#include <cstring>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "util/result.hpp"

namespace slipway::build::version {

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

class CommitGraph {
 public:
  // Reads every commit reachable from `head`. In a shallow repository
  // (`shallow`), parents that are not in the object database are left out
  // and truncated() becomes true; otherwise they are an Error.
  static Result<CommitGraph> load(git_repository* repo, const git_oid& head, bool shallow);

  [[nodiscard]] bool contains(const git_oid& oid) const { return m_nodes.count(oid) > 0; }
  // True when some parent was missing (a shallow clone's edge was reached).
  [[nodiscard]] bool truncated() const { return !m_cut.empty(); }
  // The commits whose parents (some or all) are missing.
  [[nodiscard]] const std::vector<git_oid>& cut_commits() const { return m_cut; }
  // All commits of the graph, in the order they were first reached.
  [[nodiscard]] const std::vector<git_oid>& commits() const { return m_order; }
  [[nodiscard]] std::size_t parent_count(const git_oid& oid) const;

  // `from` and every ancestor of it in the graph.
  [[nodiscard]] OidSet ancestors(const git_oid& from) const;
  // The commits of the graph not in `excluded`, children before parents and
  // otherwise newest commit time first (git log's default order on a linear
  // history; ties keep the order commits were reached from HEAD).
  [[nodiscard]] std::vector<git_oid> newest_first(const OidSet& excluded) const;

 private:
  struct Node {
    std::vector<git_oid> parents;  // those present in the repository
    std::size_t parent_count = 0;  // as recorded in the commit, present or not
    std::int64_t time = 0;         // committer time
    std::size_t order = 0;         // when it was first reached
  };
  std::unordered_map<git_oid, Node, OidHash, OidEqual> m_nodes;
  std::vector<git_oid> m_order;
  std::vector<git_oid> m_cut;
};

}  // namespace slipway::build::version
