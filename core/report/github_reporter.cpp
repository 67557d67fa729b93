// The github format: what a GitHub Actions step shows and hands on.
//
// 1. Annotations: "::error file=...,line=...::message" workflow commands,
//    which GitHub attaches to the diff. GitHub keeps at most 10 errors, 10
//    warnings and 10 notices per step and silently drops the rest, so we
//    print at most that many and then one notice with the exact number left
//    out. That notice is itself a notice: when it is needed, only 9 finding
//    notices are printed so that it is never the one dropped.
// 2. The job summary: the Markdown report appended (never replaced: other
//    steps' summaries share the file) to $GITHUB_STEP_SUMMARY, cut so that the
//    file stays under GitHub's 1 MiB limit.
// 3. Step outputs appended to $GITHUB_OUTPUT: findings, errors, warnings,
//    notes, sarif (path of the SARIF report, or empty) and report-dir.
// A missing variable skips its part; we may be run outside a workflow.
//
// Escaping follows GitHub's runner: in message data % \r \n become %25 %0D
// %0A; property values also escape ':' and ','.
#include <filesystem>
#include <random>
#include <system_error>

#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_step_summary_limit = std::size_t{1} << 20;
// Below this much room a summary would be only a truncated heading: skip it.
constexpr std::size_t k_min_summary_room = 1024;

std::string_view command_name(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "error";
    case model::Severity::warning:
      return "warning";
    case model::Severity::note:
      return "notice";
  }
  return "warning";
}

std::string annotation(const model::ReportInput& input, const model::Finding& finding) {
  const auto& location = finding.location;
  std::vector<std::string> properties;
  if (!location.path.empty()) properties.push_back("file=" + escape_workflow_property(location.path));
  if (location.start_line > 0) {
    properties.push_back("line=" + std::to_string(location.start_line));
    if (location.start_column > 0) properties.push_back("col=" + std::to_string(location.start_column));
    if (location.end_line > location.start_line)
      properties.push_back("endLine=" + std::to_string(location.end_line));
    if (location.end_column > 0 && location.start_column > 0) {
      properties.push_back("endColumn=" + std::to_string(location.end_column));
    }
  }
  properties.push_back("title=" + escape_workflow_property(qualified_rule_id(input, finding)));

  std::string line = "::" + std::string(command_name(finding.severity));
  for (std::size_t i = 0; i < properties.size(); ++i) line += (i == 0 ? " " : ",") + properties[i];
  line += "::" + escape_workflow_data(finding.message) + "\n";
  return line;
}

std::string output_line(const std::string& name, const std::string& value) {
  if (value.find_first_of("\r\n") == std::string::npos) return name + "=" + value + "\n";
  // Multi-line values need GitHub's heredoc syntax with a delimiter that
  // cannot occur in the value.
  std::random_device random;
  std::string delimiter;
  do {
    delimiter = "ghadelimiter_" + std::to_string(random()) + std::to_string(random());
  } while (value.find(delimiter) != std::string::npos);
  return name + "<<" + delimiter + "\n" + value + "\n" + delimiter + "\n";
}

std::string absolute_text(const fs::path& path) {
  std::error_code error;
  const fs::path absolute = fs::absolute(path, error);
  return (error ? path : absolute).lexically_normal().string();
}

Result<bool> append_step_summary(const model::ReportInput& input, const std::string& summary_file) {
  std::error_code error;
  const auto existing = fs::exists(summary_file, error) ? fs::file_size(summary_file, error) : 0;
  const std::size_t used = error ? 0 : static_cast<std::size_t>(existing);
  const std::size_t separator = used > 0 ? 1 : 0;
  if (used + separator + k_min_summary_room >= k_step_summary_limit) return false;
  const std::size_t room = k_step_summary_limit - used - separator - 1;
  std::string text = (separator != 0 ? "\n" : "") + render_markdown(input, room);
  auto appended = append_to_file(summary_file, text);
  if (!appended) return appended.error();
  return true;
}

}  // namespace

std::string escape_workflow_data(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '%':
        out += "%25";
        break;
      case '\r':
        out += "%0D";
        break;
      case '\n':
        out += "%0A";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string escape_workflow_property(std::string_view text) {
  std::string out;
  for (char c : escape_workflow_data(text)) {
    switch (c) {
      case ':':
        out += "%3A";
        break;
      case ',':
        out += "%2C";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string render_github_annotations(const model::ReportInput& input, std::string_view more_hint) {
  const auto findings = sorted_findings(input);
  const auto counts = count_severities(findings);
  const std::size_t cap = k_github_annotations_per_kind;
  const bool overflow = counts.errors > cap || counts.warnings > cap || counts.notes > cap;
  // The overflow notice takes one of the notice slots.
  const std::size_t notice_cap = overflow ? cap - 1 : cap;

  std::string out;
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notices = 0;
  std::size_t shown = 0;
  for (const auto& finding : findings) {
    std::size_t& printed = finding.severity == model::Severity::error     ? errors
                           : finding.severity == model::Severity::warning ? warnings
                                                                          : notices;
    const std::size_t limit = finding.severity == model::Severity::note ? notice_cap : cap;
    if (printed >= limit) continue;
    ++printed;
    ++shown;
    out += annotation(input, finding);
  }
  if (shown < findings.size()) {
    std::string message = count_noun(findings.size() - shown, "more finding is", "more findings are") +
                          " not shown as annotations (GitHub shows at most " + std::to_string(cap) +
                          " of each kind per step)";
    if (!more_hint.empty()) message += "; " + std::string(more_hint);
    out += "::notice::" + escape_workflow_data(message) + "\n";
  }
  return out;
}

Result<WrittenReport> write_github_report(const model::ReportInput& input, const ReportOptions& options,
                                          const std::string& sarif_path) {
  const std::string summary_file = util::env_get(options.env, "GITHUB_STEP_SUMMARY");
  const std::string output_file = util::env_get(options.env, "GITHUB_OUTPUT");

  bool summary_written = false;
  if (!summary_file.empty()) {
    auto appended = append_step_summary(input, summary_file);
    if (!appended) return appended.error();
    summary_written = *appended;
  }

  std::string hint;
  if (summary_written) hint = "the job summary lists them";
  if (!sarif_path.empty()) {
    hint +=
        std::string(hint.empty() ? "" : " and ") + "the SARIF report " + sarif_path + " has every finding";
  }
  std::ostream& out = console_stream(options);
  out << render_github_annotations(input, hint);
  out.flush();

  if (!output_file.empty()) {
    const auto counts = count_severities(input.findings);
    const fs::path report_dir = options.output_dir.empty() ? fs::path(".") : fs::path(options.output_dir);
    std::string outputs;
    outputs += output_line("findings", std::to_string(counts.total()));
    outputs += output_line("errors", std::to_string(counts.errors));
    outputs += output_line("warnings", std::to_string(counts.warnings));
    outputs += output_line("notes", std::to_string(counts.notes));
    outputs += output_line("sarif", sarif_path.empty() ? std::string() : absolute_text(sarif_path));
    outputs += output_line("report-dir", absolute_text(report_dir));
    auto appended = append_to_file(output_file, outputs);
    if (!appended) return appended.error();
  }
  return WrittenReport{"github", ""};
}

}  // namespace slipway::report
