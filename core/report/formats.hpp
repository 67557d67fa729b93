// The individual report formats behind write_reports() (reporters.hpp).
//
// Each file format has a pure render function (ReportInput in, file content
// out) so that tests can check the text without touching the disk; the
// dispatcher in reporters.cpp writes it atomically under its file name. The
// stream formats (console, github, gitlab) write to the console stream and,
// for github, to the files GitHub names in the environment.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>
#include <string_view>

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
