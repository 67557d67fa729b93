// `slipway lint`: select files, run the built-in checks and the enabled
// external linters (descriptors), hand the merged outcome to the common stage
// tail (filters, reports, exit code).
#include <algorithm>
#include <chrono>
#include <iterator>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"
#include "app/file_selection.hpp"
#include "app/stage_runner.hpp"
#include "report/reporters.hpp"
#include "stages/lint/builtin_checks.hpp"
#include "stages/lint/plugins/plugin_runner.hpp"
#include "util/strings.hpp"

namespace slipway::app {

Result<void> validate_run_settings(const AppContext& context) {
  const auto& known = report::known_formats();
  for (const auto& format : context.config.get_list("format")) {
    if (std::find(known.begin(), known.end(), format) == known.end()) {
      auto suggestion = util::closest_match(format, known);
      return Error{"unknown report format \"" + format + "\"", "", 0, 0,
                   (suggestion.empty() ? "" : "did you mean \"" + suggestion + "\"? ") +
                       "known formats: " + util::join(known, ", ")};
    }
  }
  return {};
}

int run_lint(const AppContext& context, const LintRequest& request) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  if (auto valid = validate_run_settings(context); !valid) {
    err << "slipway: " << valid.error().to_string() << "\n";
    return k_exit_usage;
  }
  auto started = std::chrono::steady_clock::now();
  auto selection = select_files(context);
  if (!selection) {
    err << "slipway: " << selection.error().to_string() << "\n";
    return k_exit_usage;
  }
  for (const auto& warning : selection->warnings) err << "slipway: " << warning << "\n";
  bool quiet = context.config.get_bool("quiet");
  if (context.config.get_bool("verbose")) {
    out << "slipway lint: " << selection->files.size() << " " << selection->description << "\n";
  }

  // Descriptors and the linter choice are validated before anything runs:
  // a typo in a descriptor or an unknown lint.linters id exits 2. Without
  // lint.linters and lint.auto no linter can run, so none is parsed (start-up).
  std::vector<lint::Descriptor> descriptors;
  std::vector<const lint::Descriptor*> linters;
  if (context.config.get_bool("lint.auto") || !context.config.children("lint.linters").empty()) {
    auto loaded = lint::load_descriptors(context.root);
    if (!loaded) {
      err << "slipway: " << loaded.error().to_string() << "\n";
      return k_exit_usage;
    }
    descriptors = std::move(*loaded);
    auto enabled = lint::enabled_linters(descriptors, context.config, selection->all_files, context.root);
    if (!enabled) {
      err << "slipway: " << enabled.error().to_string() << "\n";
      return k_exit_usage;
    }
    linters = std::move(*enabled);
  }

  report::LogSection section(context.ci.platform, "slipway_lint", "slipway lint", out);
  report::ProgressLine progress(!quiet && context.config.get_string("color") != "never", err);
  lint::LintOptions options;
  options.root = context.root;
  options.files = selection->files;
  options.all_files = std::move(selection->all_files);  // not needed after this
  options.jobs = effective_jobs(context.config);
  options.fix = request.fix;
  options.config = &context.config;
  options.on_progress = [&progress](std::size_t done, std::size_t total) { progress.update(done, total); };
  auto outcome = lint::run_builtin_checks(options);
  progress.finish();
  if (!outcome) {
    err << "slipway: " << outcome.error().to_string() << "\n";
    return k_exit_usage;
  }

  StageOutcome stage;
  stage.stage = "lint";
  stage.findings = std::move(outcome->findings);
  stage.rules = lint::builtin_rules();
  stage.checked = std::move(outcome->checked);
  stage.notes = std::move(outcome->notes);
  stage.fixed_files = std::move(outcome->fixed_files);

  if (!linters.empty()) {
    options.on_progress = nullptr;
    auto external = lint::run_linters(linters, options);
    if (!external) {
      err << "slipway: " << external.error().to_string() << "\n";
      return k_exit_usage;
    }
    auto append = [](auto& to, auto& from) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
    append(stage.findings, external->lint.findings);
    append(stage.rules, external->rules);
    append(stage.checked, external->lint.checked);
    append(stage.notes, external->lint.notes);
    append(stage.fixed_files, external->lint.fixed_files);
    std::sort(stage.fixed_files.begin(), stage.fixed_files.end());
    stage.fixed_files.erase(std::unique(stage.fixed_files.begin(), stage.fixed_files.end()),
                            stage.fixed_files.end());
    stage.tool_fail_on = std::move(external->fail_on);
  }
  for (const auto& warning : selection->warnings) stage.notes.push_back(warning);
  stage.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

  StageOptions stage_options;
  stage_options.write_baseline = request.write_baseline;
  stage_options.fail_if_fixed = request.fix && context.config.get_bool("lint.fail-if-fixed");
  return finish_stage(context, *selection, std::move(stage), stage_options);
}

int run_pipeline(const AppContext& context, const LintRequest& request) {
  std::ostream& out = *context.out;
  const auto& stages = context.config.get_list("stages");
  const std::vector<std::string> known = {"lint", "build", "scan"};
  for (const auto& stage : stages) {
    if (std::find(known.begin(), known.end(), stage) == known.end()) {
      *context.err << "slipway: unknown stage \"" << stage << "\" in `stages`"
                   << "\n  hint: stages available in this version: " << util::join(known, ", ") << "\n";
      return k_exit_usage;
    }
  }
  struct StageResult {
    std::string name;
    int exit_code;
    double seconds;
  };
  std::vector<StageResult> results;
  int final_code = k_exit_passed;
  for (const auto& stage : stages) {
    auto started = std::chrono::steady_clock::now();
    int code = stage == "scan"    ? run_scan(context, ScanRequest{})
               : stage == "build" ? run_build(context, BuildRequest{})
                                  : run_lint(context, request);
    double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    results.push_back({stage, code, seconds});
    if (code != k_exit_passed) {
      // A usage error stops the run even with --keep-going: later stages
      // would meet the same configuration.
      final_code = std::max(final_code, code);
      if (!request.keep_going || code != k_exit_findings) break;
    }
  }
  out << "\nslipway run summary:\n";
  for (const auto& result : results) {
    const char* verdict = result.exit_code == k_exit_passed     ? "passed"
                          : result.exit_code == k_exit_findings ? "failed"
                                                                : "error";
    char line[160];
    std::snprintf(line, sizeof line, "  %-8s %-7s %.2f s\n", result.name.c_str(), verdict, result.seconds);
    out << line;
  }
  for (std::size_t i = results.size(); i < stages.size(); ++i)
    out << "  " << stages[i] << "  skipped (an earlier stage failed)\n";
  return final_code;
}

}  // namespace slipway::app
