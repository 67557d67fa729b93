// Test helpers for the misconfiguration scan: running the scan over a folder
// or over files written to a temporary folder, and picking findings by rule.
#pragma once

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "stages/scan/misconfig/finding_sink.hpp"
#include "stages/scan/misconfig/misconfig_scan.hpp"
#include "stages/scan/scan_types.hpp"
#include "util/files.hpp"

namespace slipway::test {

inline const std::filesystem::path k_misconfig_fixtures =
    std::filesystem::path(SLIPWAY_SOURCE_DIR) / "tests" / "fixtures" / "scan" / "misconfig";

// Every file below `root`, repository-relative with '/' separators, sorted.
inline std::vector<std::string> files_below(const std::filesystem::path& root) {
  std::vector<std::string> files;
  for (const auto& item : std::filesystem::recursive_directory_iterator(root)) {
    if (item.is_regular_file())
      files.push_back(std::filesystem::relative(item.path(), root).generic_string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Scans every file below `root`; fails the test when the scan returns an error.
inline scan::ScanOutcome scan_folder(const std::filesystem::path& root,
                                     const model::Config* config = nullptr) {
  scan::ScanOptions options;
  options.root = root.string();
  options.files = files_below(root);
  options.all_files = options.files;
  options.config = config;
  Result<scan::ScanOutcome> outcome = scan::scan_misconfiguration(options);
  if (!outcome.ok()) throw std::runtime_error(outcome.error().to_string());
  return std::move(outcome).value();
}

inline std::vector<model::Finding> with_rule(const std::vector<model::Finding>& findings,
                                             const std::string& rule) {
  std::vector<model::Finding> selected;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(selected),
               [&](const model::Finding& finding) { return finding.rule_id == rule; });
  return selected;
}

// "rule path:line" for each finding, for readable failure messages.
inline std::string describe(const std::vector<model::Finding>& findings) {
  std::string text;
  for (const model::Finding& finding : findings) {
    text += finding.rule_id + " " + finding.location.path + ":" +
            std::to_string(finding.location.start_line) + " " + finding.message + "\n";
  }
  return text;
}

// Runs one checker with every rule enabled: check(sink) for a file named `path`.
template <typename Check>
std::vector<model::Finding> run_checker(Check&& check, const std::string& path = "file") {
  static scan::misconfig::RuleSet all = scan::misconfig::RuleSet().set();
  std::vector<model::Finding> findings;
  scan::misconfig::FindingSink sink(findings, all, path);
  check(sink);
  return findings;
}

// "rule@line" for each finding in order, the short form most tests compare.
inline std::vector<std::string> rule_lines(const std::vector<model::Finding>& findings) {
  std::vector<std::string> out;
  for (const model::Finding& finding : findings) {
    out.push_back(finding.rule_id + "@" + std::to_string(finding.location.start_line));
  }
  return out;
}

inline std::size_t count_rule(const std::vector<model::Finding>& findings, const std::string& rule) {
  return with_rule(findings, rule).size();
}

}  // namespace slipway::test
