// The built-in lint checks: native, fast checks that need no external tool
// (trailing whitespace, final newline, line endings, merge-conflict markers,
// private keys, large files, YAML and JSON syntax, shebangs, case-conflicting
// paths, byte-order marks, invalid UTF-8). They run in parallel across files
// with a pool of `jobs` workers; --fix rewrites files safely.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "model/finding.hpp"
#include "util/result.hpp"

namespace slipway::lint {

struct LintOptions {
  std::string root;                    // absolute repository root
  std::vector<std::string> files;      // repository-relative files to check
  std::vector<std::string> all_files;  // every tracked file (for repository-wide checks)
  int jobs = 1;
  bool fix = false;
  const model::Config* config = nullptr;                                 // lint.checks.* settings
  std::function<void(std::size_t done, std::size_t total)> on_progress;  // may be empty
};

struct LintOutcome {
  std::vector<model::Finding> findings;     // fingerprints not yet assigned
  std::vector<model::CheckedFile> checked;  // (tool "slipway", path) per checked text file
  std::vector<std::string> fixed_files;     // files --fix rewrote
  std::vector<std::string> notes;           // e.g. files skipped as binary
};

// Runs every enabled built-in check over the selected files.
Result<LintOutcome> run_builtin_checks(const LintOptions& options);

// Rule metadata of every built-in check (for SARIF rules and docs).
std::vector<model::RuleInfo> builtin_rules();

// The lint section of the configuration schema: lint.exclude and, per check,
// lint.checks.<id>.enabled / .severity / .exclude plus check-specific keys.
model::ConfigSchema lint_config_schema();

}  // namespace slipway::lint
