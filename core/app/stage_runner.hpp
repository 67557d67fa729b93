// What every stage command shares once the stage has produced its findings:
// fingerprints, inline suppressions, baseline, --new-only, the reports and
// the exit code. A stage command builds a StageOutcome and hands it here.
#pragma once

#include <chrono>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "app/app_context.hpp"
#include "app/file_selection.hpp"
#include "model/finding.hpp"
#include "model/report_input.hpp"

namespace slipway::app {

struct StageOutcome {
  std::string stage;  // "lint", ...
  std::vector<model::Finding> findings;
  std::vector<model::RuleInfo> rules;
  std::vector<model::CheckedFile> checked;
  std::vector<std::string> notes;
  std::vector<std::string> fixed_files;
  // A fail threshold per tool (lint.linters.<id>.fail-on) for findings whose
  // `tool` is the key; other findings use the stage's fail-on.
  std::map<std::string, model::FailOn> tool_fail_on;
  bool stage_failed = false;  // the stage itself failed (not just findings)
  std::chrono::milliseconds duration{0};
};

struct StageOptions {
  bool write_baseline = false;  // --write-baseline: record findings instead of failing on them
  bool fail_if_fixed = false;   // lint.fail-if-fixed
  // When set, decides which findings fail the stage instead of fail-on
  // (the scan stage compares security severities with scan.fail-on).
  std::function<bool(const model::Finding&)> fails;
};

// Filters, reports and returns the exit code (0, 1 or 2 on a reporting error).
int finish_stage(const AppContext& context, const FileSelection& selection, StageOutcome outcome,
                 const StageOptions& options);

}  // namespace slipway::app
