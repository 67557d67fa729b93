// The individual report formats behind write_reports() (reporters.hpp).
//
// Each file format has a pure render function (ReportInput in, file content
// out) so that tests can check the text without touching the disk; the
// dispatcher in reporters.cpp writes it atomically under its file name. The
// stream formats (console, github, gitlab) write to the console stream and,
// for github, to the files GitHub names in the environment.
#pragma once

#include <chrono>
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/report_input.hpp"
#include "report/reporters.hpp"
#include "util/result.hpp"

namespace slipway::report {

// console_reporter.cpp -------------------------------------------------------

// Whether console output is coloured: always/never as asked; automatic means
// the stream is stdout, stdout is a terminal (TERM not dumb) and NO_COLOR is
// unset or empty (https://no-color.org).
bool use_color(const ReportOptions& options);

// Findings grouped by file, fixed files, notes and the summary line (only the
// summary line when quiet).
std::string render_console(const model::ReportInput& input, bool color, bool quiet, bool verbose = false);

// json_reporter.cpp ---------------------------------------------------------- (docs/json-report.md)
std::string render_json(const model::ReportInput& input);

// sarif_reporter.cpp --------------------------------------------------------- SARIF 2.1.0
std::string render_sarif(const model::ReportInput& input);

// codequality_reporter.cpp --------------------------------------------------- GitLab Code Quality
std::string render_codequality(const model::ReportInput& input);

// gitlab_security_reporter.cpp ---------------------------------------------- GitLab security reports
// (docs/gitlab-security-reports.md)

// The security-report-schemas version every report declares in `version`.
constexpr std::string_view k_gitlab_security_schema_version = "15.0.7";

struct GitlabSecurityReport {
  std::string file_name;  // "gl-secret-detection-report.json", "gl-sast-report.json", ...
  std::string content;
};

// Secret detection (rule ids "secret/..."), SAST ("config/...") and
// dependency scanning (other slipway-scan findings naming a package)
// reports, each only when it has a finding or the stage is "scan".
// `end_time` is when the scan finished; the start is that minus the duration.
std::vector<GitlabSecurityReport> render_gitlab_security(const model::ReportInput& input,
                                                         std::chrono::system_clock::time_point end_time);

// Writes render_gitlab_security()'s files atomically into the output folder.
Result<std::vector<WrittenReport>> write_gitlab_security_reports(const model::ReportInput& input,
                                                                 const ReportOptions& options);

// Critical (>= 9.0), High (>= 7.0), Medium (>= 4.0), Low (> 0), Info (0),
// Unknown (no score).
std::string_view gitlab_severity(std::optional<double> security_severity);

// "YYYY-MM-DDTHH:MM:SS" in UTC, the schema's scan time format.
std::string gitlab_scan_time(std::chrono::system_clock::time_point time);

// A UUID (version 8, RFC 9562 variant) from the first 32 hex digits of a hash.
std::string uuid_from_hex(std::string_view hex);

// junit_reporter.cpp --------------------------------------------------------- JUnit XML
std::string render_junit(const model::ReportInput& input);

// checkstyle_reporter.cpp ---------------------------------------------------- checkstyle 4.3 XML
std::string render_checkstyle(const model::ReportInput& input);

// markdown_reporter.cpp ------------------------------------------------------

// GitHub's limit for one step's job summary.
constexpr std::size_t k_markdown_default_max_bytes = std::size_t{1} << 20;

// A summary table and a findings table, cut to stay within `max_bytes` with a
// line saying how many findings were left out.
std::string render_markdown(const model::ReportInput& input,
                            std::size_t max_bytes = k_markdown_default_max_bytes);

// github_reporter.cpp --------------------------------------------------------

// GitHub shows at most this many annotations of each kind per step.
constexpr std::size_t k_github_annotations_per_kind = 10;

// Workflow command escaping: message data, and property values.
std::string escape_workflow_data(std::string_view text);
std::string escape_workflow_property(std::string_view text);

// "::error file=...::message" lines within GitHub's caps, then one notice
// saying how many were left out, followed by `more_hint` (where to find them).
std::string render_github_annotations(const model::ReportInput& input, std::string_view more_hint = {});

// Annotations to the console stream, the Markdown summary appended to
// GITHUB_STEP_SUMMARY and findings/errors/warnings/notes/sarif/report-dir
// appended to GITHUB_OUTPUT (each skipped when its variable is unset).
// `sarif_path` is the SARIF report written in this run ("" when none).
Result<WrittenReport> write_github_report(const model::ReportInput& input, const ReportOptions& options,
                                          const std::string& sarif_path);

// gitlab_reporter.cpp --------------------------------------------------------

// Writes the Code Quality report (unless `codequality_path` says it was
// already written) and tells the user where it is and how to publish it.
Result<WrittenReport> write_gitlab_report(const model::ReportInput& input, const ReportOptions& options,
                                          const std::string& codequality_path);

}  // namespace slipway::report
