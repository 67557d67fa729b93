// --history: every blob reachable from the repository's refs, read through
// libgit2's object database and scanned exactly once.
//
// Commits are walked oldest first (topological, parents before children), and
// each commit's tree is walked skipping trees and blobs already seen, so a
// blob is attributed to the first commit whose tree contains it: the commit
// that introduced it. Identical secrets at the same path in later blobs (the
// file was edited, the secret stayed) are reported once, for that first
// commit. With a base commit only base..HEAD is walked, everything in the
// base's own tree counts as already seen, and a secret the base already had
// at the same path is not reported (the file was edited, not the secret).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "stages/scan/secrets/input_scanner.hpp"

namespace slipway::scan::secrets {

struct CommitInfo {
  std::string sha;  // full
  std::string author;
  std::string date;  // YYYY-MM-DD, the author date in the author's time zone
};

struct HistorySecret {
  LocatedSecret secret;
  std::string path;    // the blob's path in the introducing commit
  std::size_t commit;  // index into HistoryResult::commits
};

struct HistoryResult {
  std::vector<CommitInfo> commits;  // oldest first
  std::vector<HistorySecret> secrets;
  std::size_t blobs_scanned = 0;
  std::size_t blobs_binary = 0;
  std::size_t blobs_too_large = 0;
  std::size_t blobs_missing = 0;  // not in the object database (partial clone)
  bool shallow = false;
};

// `root` is the work tree (or .git) path; `base` a revision or "" for all refs.
Result<HistoryResult> scan_history(const SecretMatcher& matcher, const std::string& root,
                                   const std::string& base, int jobs);

}  // namespace slipway::scan::secrets
