// Running external linters described by descriptors: the lint stage's
// entry point for everything that is not a built-in check.
//
// Usage from the application:
//   auto descriptors = lint::load_descriptors(root);                      // descriptor.hpp
//   auto linters = lint::enabled_linters(*descriptors, config, all_files, root);  // linter_selection.hpp
//   auto outcome = lint::run_linters(*linters, options);
//   auto listing = lint::list_linters(*descriptors, config, all_files, root, jobs);  // --list
//
// run_linters() selects each linter's files (file-patterns minus exclude, its
// own and lint.linters.<id>.exclude), plans the calls (per-file, batches, or
// one project call), and runs every call of every linter in ONE pool of
// `jobs` worker threads; a linter with `parallel: false` (or a fixed report
// path) has its calls run one at a time. With --fix, each linter's fix
// command runs first (linter after linter, so two formatters never write one
// file at once) and files whose SHA-256 changed are reported. Findings are
// kept only for selected files (changed-only works for every mode); a
// missing tool is a note with its install hint, or an error finding
// "<id>/missing" when required; a failing tool is an "<id>/crashed" finding.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "model/finding.hpp"
#include "stages/lint/builtin_checks.hpp"
#include "stages/lint/plugins/descriptor.hpp"
#include "stages/lint/plugins/linter_selection.hpp"
#include "util/result.hpp"

namespace slipway::lint {

struct PluginOutcome {
  LintOutcome lint;                    // findings (fingerprints not assigned), checked, fixed_files, notes
  std::vector<model::RuleInfo> rules;  // one per rule that fired, sorted by id
  // lint.linters.<id>.fail-on for the linters that set one; the stage's
  // fail-on applies to the others. Applied by the caller to findings whose
  // `tool` is the id.
  std::map<std::string, model::FailOn> fail_on;
};

// Runs the linters over options.files (options.config supplies
// lint.linters.<id>.*; may be null). Error only when it cannot run at all:
// a configured linter config file that does not exist, no temporary folder.
Result<PluginOutcome> run_linters(const std::vector<const Descriptor*>& linters, const LintOptions& options);

// One row of `slipway lint --list`.
struct LinterStatus {
  std::string id;
  std::string name;
  bool enabled = false;
  std::string reason;  // why (not) enabled
  bool installed = false;
  std::string program;      // full path when installed
  std::string version;      // first line of the version output that has a digit ("" when unknown)
  std::string config_file;  // the config file {config} would be ("" when none)
  std::string source;       // "shipped" or the user descriptor's path
};

// Every known descriptor with its status; version commands run in parallel
// (`jobs` at a time, 10 s timeout each). Error as choose_linters().
Result<std::vector<LinterStatus>> list_linters(const std::vector<Descriptor>& descriptors,
                                               const model::Config& config,
                                               const std::vector<std::string>& all_files,
                                               const std::string& root, int jobs = 4);

}  // namespace slipway::lint
