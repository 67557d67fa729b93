// The common tail of every stage: post-process findings, report, decide.
#include "app/stage_runner.hpp"

#include <filesystem>
#include <iostream>

#include "app/exit_codes.hpp"
#include "model/finding_filters.hpp"
#include "report/reporters.hpp"

namespace slipway::app {

namespace fs = std::filesystem;

namespace {

report::ColorMode color_mode(const std::string& text) {
  if (text == "always") return report::ColorMode::always;
  if (text == "never") return report::ColorMode::never;
  return report::ColorMode::automatic;
}

std::string absolute_in(const std::string& root, const std::string& path) {
  fs::path p(path);
  return (p.is_absolute() ? p : fs::path(root) / p).lexically_normal().string();
}

}  // namespace

int finish_stage(const AppContext& context, const FileSelection& selection, StageOutcome outcome,
                 const StageOptions& options) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  const auto& config = context.config;

  model::SourceLines sources(context.root);
  model::assign_fingerprints(outcome.findings, sources);
  std::size_t suppressed = model::apply_inline_suppressions(outcome.findings, sources);
  if (suppressed > 0) outcome.notes.push_back(std::to_string(suppressed) + " finding(s) suppressed inline");

  if (config.get_bool("new-only")) {
    auto added = added_lines_since_base(context, selection);
    if (!added) {
      err << "slipway: " << added.error().to_string() << "\n";
      return k_exit_usage;
    }
    if (added->has_value()) {
      std::size_t dropped = model::keep_added_lines(outcome.findings, **added);
      if (dropped > 0)
        outcome.notes.push_back(std::to_string(dropped) +
                                " finding(s) on unchanged lines not shown (--new-only)");
    }
  }

  std::string baseline_path = absolute_in(context.root, config.get_string("baseline"));
  if (options.write_baseline) {
    if (auto written = model::write_baseline(baseline_path, outcome.findings); !written) {
      err << "slipway: " << written.error().to_string() << "\n";
      return k_exit_usage;
    }
    out << "slipway: wrote " << outcome.findings.size() << " finding(s) to the baseline " << baseline_path
        << "\n";
    return k_exit_passed;
  }
  auto baseline = model::read_baseline(baseline_path);
  if (!baseline) {
    err << "slipway: " << baseline.error().to_string() << "\n";
    return k_exit_usage;
  }
  std::size_t known = model::apply_baseline(outcome.findings, *baseline);
  if (known > 0) outcome.notes.push_back(std::to_string(known) + " finding(s) in the baseline not shown");
  model::sort_findings(outcome.findings);

  model::ReportInput input;
  input.tool_version = SLIPWAY_VERSION;
  input.stage = outcome.stage;
  input.repo_root = context.root;
  input.findings = std::move(outcome.findings);
  input.rules = std::move(outcome.rules);
  input.checked = std::move(outcome.checked);
  input.notes = std::move(outcome.notes);
  input.fixed_files = std::move(outcome.fixed_files);
  input.files_selected = selection.files.size();
  input.fail_on =
      model::parse_fail_on(config.get_string("fail-on")).value_or(model::FailOn{model::Severity::error});
  input.duration = outcome.duration;
  input.ci = context.ci;

  report::ReportOptions report_options;
  report_options.output_dir = absolute_in(context.root, config.get_string("output-dir"));
  report_options.color = color_mode(config.get_string("color"));
  report_options.quiet = config.get_bool("quiet");
  report_options.verbose = config.get_bool("verbose");
  report_options.env = context.env;
  report_options.out = &out;
  auto formats = config.get_list("format");
  if (formats.empty()) formats = report::default_formats(context.ci.platform);
  auto written = report::write_reports(input, formats, report_options);
  if (!written) {
    err << "slipway: " << written.error().to_string() << "\n";
    return k_exit_usage;
  }
  if (!report_options.quiet) {
    for (const auto& report : *written) {
      if (!report.path.empty()) out << "report: " << report.format << " -> " << report.path << "\n";
    }
  }

  bool failed = outcome.stage_failed;
  for (const auto& finding : input.findings) {
    if (options.fails) {
      failed = failed || options.fails(finding);
      continue;
    }
    auto own = outcome.tool_fail_on.find(finding.tool);
    const model::FailOn& threshold = own == outcome.tool_fail_on.end() ? input.fail_on : own->second;
    failed = failed || threshold.fails(finding.severity);
  }
  if (options.fail_if_fixed && !input.fixed_files.empty()) {
    err << "slipway: " << input.fixed_files.size()
        << " file(s) were rewritten by --fix and lint.fail-if-fixed is set\n";
    failed = true;
  }
  return failed ? k_exit_findings : k_exit_passed;
}

}  // namespace slipway::app
