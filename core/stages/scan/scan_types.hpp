// What the three areas of the scan stage share: the options the application
// passes in and the outcome each area hands back. Each area lives in its own
// folder and library (secrets/, deps/, misconfig/), includes only this header
// of the scan stage, and never includes another stage.
//
// Scan severities: every scan finding carries `security_severity` (0.0-10.0,
// the CVSS-like score GitHub ranks by) and a model severity derived from it
// with to_model_severity(). `scan.fail-on: critical|high|medium|low|never`
// compares against the score bands (critical >= 9.0, high >= 7.0,
// medium >= 4.0, low otherwise).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/config.hpp"
#include "model/finding.hpp"
#include "model/git_repo.hpp"

namespace slipway::scan {

struct ScanOptions {
  std::string root;                    // absolute repository root
  std::vector<std::string> files;      // repository-relative files selected (changed-only applied)
  std::vector<std::string> all_files;  // tracked and untracked-not-ignored files
  int jobs = 1;
  const model::Config* config = nullptr;                 // scan.* settings (may be null: defaults)
  const model::GitRepo* repo = nullptr;                  // for --history (may be null)
  bool history = false;                                  // secrets: scan every reachable blob too
  std::string history_base;                              // "": all refs; else only commits since this one
  std::function<void(const std::string& line)> on_note;  // may be empty
};

struct ScanOutcome {
  std::vector<model::Finding> findings;  // fingerprints not yet assigned
  std::vector<model::RuleInfo> rules;    // every rule that can fire (or at least every rule that fired)
  std::vector<model::CheckedFile> checked;
  std::vector<std::string> notes;  // e.g. "skipped big.bin: larger than scan.secrets.max-file-size"
};

// Score bands of scan.fail-on and the GitLab security reports.
enum class ScanLevel { low = 0, medium = 1, high = 2, critical = 3 };

inline ScanLevel level_of(double score) {
  if (score >= 9.0) return ScanLevel::critical;
  if (score >= 7.0) return ScanLevel::high;
  if (score >= 4.0) return ScanLevel::medium;
  return ScanLevel::low;
}

inline std::string_view to_string(ScanLevel level) {
  switch (level) {
    case ScanLevel::critical:
      return "critical";
    case ScanLevel::high:
      return "high";
    case ScanLevel::medium:
      return "medium";
    case ScanLevel::low:
      return "low";
  }
  return "low";
}

// critical/high -> error, medium -> warning, low -> note.
inline model::Severity to_model_severity(double score) {
  switch (level_of(score)) {
    case ScanLevel::critical:
    case ScanLevel::high:
      return model::Severity::error;
    case ScanLevel::medium:
      return model::Severity::warning;
    case ScanLevel::low:
      return model::Severity::note;
  }
  return model::Severity::note;
}

}  // namespace slipway::scan
