// What happens to findings between the stage that produced them and the
// reporters: fingerprinting, inline suppressions, the baseline and the
// changed-lines filter. Every stage's findings go through the same steps, so
// suppressions and baselines work alike for built-in checks, linters and
// scanners.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/finding.hpp"
#include "model/git_repo.hpp"
#include "util/result.hpp"

namespace slipway::model {

// Line contents of repository files, read on demand and cached; lines are
// 1-based. A file that cannot be read yields no lines.
class SourceLines {
 public:
  explicit SourceLines(std::string root);
  const std::vector<std::string>& lines(const std::string& path);
  // The text of line `line` of `path`, or "" when out of range.
  std::string_view line(const std::string& path, int line);

 private:
  std::string m_root;
  std::map<std::string, std::vector<std::string>> m_cache;
};

// Fills each finding's fingerprint: SHA-256 over rule, path, the line's
// content with all white space removed, and the occurrence index among
// findings with the same rule, path and content. Line shifts do not change it.
// A finding that already has a fingerprint keeps it.
void assign_fingerprints(std::vector<Finding>& findings, SourceLines& sources);

// Drops findings suppressed inline: `slipway-ignore` or
// `slipway-ignore[rule-a, rule-b]` on the finding's line or the line above.
// Returns how many were dropped.
std::size_t apply_inline_suppressions(std::vector<Finding>& findings, SourceLines& sources);

// The baseline file: fingerprints of findings accepted as they are.
struct Baseline {
  std::set<std::string> fingerprints;
};
Result<Baseline> read_baseline(const std::string& path);  // a missing file is an empty baseline
Result<void> write_baseline(const std::string& path, const std::vector<Finding>& findings);
// Drops findings whose fingerprint is in the baseline; returns how many.
std::size_t apply_baseline(std::vector<Finding>& findings, const Baseline& baseline);

// Keeps only findings on added lines (--new-only). Findings without a line
// (whole-file problems) are kept when the file has any added line.
std::size_t keep_added_lines(std::vector<Finding>& findings, const AddedLines& added);

// Keeps only findings whose path is in `paths` (project-wide tools' results
// filtered to the selected files). Findings without a path are kept.
std::size_t keep_paths(std::vector<Finding>& findings, const std::set<std::string>& paths);

}  // namespace slipway::model
