// Everything a reporter needs from a finished run, in one value. Reporters read
// this and nothing else, so they know no stage.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "model/ci_context.hpp"
#include "model/finding.hpp"

namespace slipway::model {

struct ReportInput {
  std::string tool_name = "slipway";
  std::string tool_version;
  std::string information_uri = "https://github.com/slipway-ci/slipway";
  std::string stage;                     // "lint", "scan", ... (report file names use it)
  std::string repo_root;                 // absolute path of the repository
  std::vector<Finding> findings;         // already filtered (suppressions, baseline, changed-only)
  std::vector<RuleInfo> rules;           // every rule that ran (not only those that fired)
  std::vector<CheckedFile> checked;      // every (tool, file) pair looked at
  std::vector<std::string> notes;        // one-line remarks for the user (fallbacks, skips)
  std::vector<std::string> fixed_files;  // files --fix rewrote
  std::size_t files_selected = 0;
  FailOn fail_on;
  std::chrono::milliseconds duration{0};
  CiContext ci;
};

}  // namespace slipway::model
