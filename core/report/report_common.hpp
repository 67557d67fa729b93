// Helpers every reporter shares: severity counts and the summary sentence,
// the one sort order, report file names and writing, rule ids qualified by
// tool, and text clean-up (UTF-8-safe truncation, control characters).
//
// Keeping these in one place is what makes the formats agree with each other:
// the console, the Markdown summary and the GitHub outputs count the same
// findings the same way, and SARIF, Code Quality and the annotations name a
// rule the same way.
#pragma once

#include <chrono>
#include <cstddef>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "model/report_input.hpp"
#include "report/reporters.hpp"
#include "util/result.hpp"

namespace slipway::report {

struct SeverityCounts {
  std::size_t errors = 0;
  std::size_t warnings = 0;
  std::size_t notes = 0;
  [[nodiscard]] std::size_t total() const { return errors + warnings + notes; }
};

SeverityCounts count_severities(const std::vector<model::Finding>& findings);

// The findings in the one reporter order (path, line, column, rule).
std::vector<model::Finding> sorted_findings(const model::ReportInput& input);

// "3 errors", "1 error".
std::string count_noun(std::size_t count, std::string_view singular, std::string_view plural);

// "0.21 s".
std::string format_seconds(std::chrono::milliseconds duration);

// "12 problems (3 errors, 9 warnings, 0 notes) in 40 files, 0.21 s" or
// "no problems in 40 files, 0.21 s".
std::string summary_sentence(const model::ReportInput& input, const SeverityCounts& counts);

// The rule id as reports show it: the bare id for Slipway's own rules (tool
// "slipway" or "slipway-<stage>"), and
// "<tool>/<id>" for rules of external tools, so that two linters with a rule
// of the same name never collide in one SARIF run or Code Quality report.
std::string qualified_rule_id(const model::ReportInput& input, std::string_view tool,
                              std::string_view rule_id);
std::string qualified_rule_id(const model::ReportInput& input, const model::Finding& finding);

// "path:line:col", leaving out what is unknown ("(repository)" for no path).
std::string location_text(const model::Location& location);

// At most `max_bytes` of `text`, cut at a UTF-8 character boundary, with "…"
// appended when something was cut (the result stays within max_bytes).
std::string truncate_utf8(std::string_view text, std::size_t max_bytes);

// C0 control characters (except tab and newline) and DEL replaced by U+FFFD,
// so tool output cannot move the cursor or recolour a terminal.
std::string printable(std::string_view text);

// The stage name used in file names, "slipway" when the input has none.
std::string stage_name(const model::ReportInput& input);

// <output_dir>/<stage><suffix>, e.g. suffix ".sarif".
std::filesystem::path report_path(const ReportOptions& options, const model::ReportInput& input,
                                  std::string_view suffix);

// Writes a report file atomically; the error names the file.
Result<void> write_report_file(const std::filesystem::path& path, std::string_view content);

// Appends `content` to a file someone else owns (GITHUB_STEP_SUMMARY,
// GITHUB_OUTPUT) in one write; the file is created when missing.
Result<void> append_to_file(const std::filesystem::path& path, std::string_view content);

// Pretty-printed JSON text ending in a newline; invalid UTF-8 in messages is
// replaced instead of throwing.
std::string json_text(const nlohmann::ordered_json& value);

// The stream console output goes to: options.out, or std::cout.
std::ostream& console_stream(const ReportOptions& options);

}  // namespace slipway::report
