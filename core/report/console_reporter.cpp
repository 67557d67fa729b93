// The console format: what a person reads in a terminal or a CI log.
//
// Findings are grouped under their file, one line each, columns aligned so
// the eye can run down severities and messages:
//
//   src/deploy.sh
//      3:1   error    Double quote to prevent globbing  [shellcheck/SC2086]
//     12:10  warning  Trailing whitespace  [trailing-whitespace]
//
// then the files --fix rewrote, the run's notes ("note: ...") and one summary
// line with counts per severity, files checked and time. Colour is used only
// when it will be seen: ColorMode::automatic colours stdout on a terminal
// unless NO_COLOR is set or TERM is dumb, so CI logs and pipes stay plain.
// Tool output is cleaned of control characters before it is printed.
#include <unistd.h>

#include <algorithm>
#include <iostream>
#include <sstream>

#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

namespace {

constexpr std::string_view k_reset = "\x1b[0m";
constexpr std::string_view k_bold = "\x1b[1m";
constexpr std::string_view k_dim = "\x1b[2m";
constexpr std::string_view k_underline = "\x1b[4m";
constexpr std::string_view k_red = "\x1b[31m";
constexpr std::string_view k_green = "\x1b[32m";
constexpr std::string_view k_yellow = "\x1b[33m";
constexpr std::string_view k_cyan = "\x1b[36m";

constexpr std::string_view k_cross = "\xE2\x9C\x96";  // ✖
constexpr std::string_view k_check = "\xE2\x9C\x94";  // ✔

constexpr std::size_t k_severity_width = 7;  // "warning"

class Painter {
 public:
  explicit Painter(bool enabled) : m_enabled(enabled) {}
  [[nodiscard]] std::string paint(std::string_view style, std::string_view text) const {
    if (!m_enabled) return std::string(text);
    return std::string(style) + std::string(text) + std::string(k_reset);
  }

 private:
  bool m_enabled;
};

std::string_view severity_style(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return k_red;
    case model::Severity::warning:
      return k_yellow;
    case model::Severity::note:
      return k_cyan;
  }
  return k_reset;
}

std::string line_column(const model::Location& location) {
  if (location.start_line <= 0) return "-";
  std::string text = std::to_string(location.start_line);
  if (location.start_column > 0) text += ":" + std::to_string(location.start_column);
  return text;
}

std::string padded(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

// Continuation lines of a multi-line message line up under its first line.
std::string indent_continuations(std::string_view text, std::size_t indent) {
  std::string out;
  for (char c : text) {
    out += c;
    if (c == '\n') out.append(indent, ' ');
  }
  return out;
}

void render_group(std::ostringstream& out, const model::ReportInput& input,
                  const std::vector<model::Finding>& findings, std::size_t begin, std::size_t end,
                  const Painter& painter, bool verbose) {
  const auto& path = findings[begin].location.path;
  out << painter.paint(k_underline, path.empty() ? "(repository)" : printable(path)) << "\n";

  std::size_t location_width = 0;
  for (std::size_t i = begin; i < end; ++i) {
    location_width = std::max(location_width, line_column(findings[i].location).size());
  }
  for (std::size_t i = begin; i < end; ++i) {
    const auto& finding = findings[i];
    const std::string location = line_column(finding.location);
    const std::string severity(model::to_string(finding.severity));
    const std::size_t indent = 2 + location_width + 2 + k_severity_width + 2;
    out << "  " << std::string(location_width - location.size(), ' ') << painter.paint(k_dim, location)
        << "  " << painter.paint(severity_style(finding.severity), padded(severity, k_severity_width)) << "  "
        << indent_continuations(printable(finding.message), indent) << "  "
        << painter.paint(k_dim, "[" + printable(qualified_rule_id(input, finding)) + "]") << "\n";
    if (verbose && finding.fix) {
      out << std::string(indent, ' ') << painter.paint(k_dim, "fix: " + printable(*finding.fix)) << "\n";
    }
  }
  out << "\n";
}

std::string summary_line(const model::ReportInput& input, const SeverityCounts& counts,
                         const Painter& painter) {
  const std::string sentence = summary_sentence(input, counts);
  if (counts.total() == 0) {
    return painter.paint(k_green, std::string(k_check) + " " + sentence);
  }
  const std::string_view style = counts.errors > 0 ? k_red : k_yellow;
  return painter.paint(k_bold, painter.paint(style, std::string(k_cross) + " " + sentence));
}

}  // namespace

bool stdout_is_terminal(const util::EnvMap& env) {
  if (::isatty(STDOUT_FILENO) != 1) return false;
  const auto term = env.find("TERM");
  return term == env.end() || term->second != "dumb";
}

bool use_color(const ReportOptions& options) {
  switch (options.color) {
    case ColorMode::always:
      return true;
    case ColorMode::never:
      return false;
    case ColorMode::automatic:
      break;
  }
  if (options.out != nullptr && options.out != &std::cout) return false;
  const auto no_color = options.env.find("NO_COLOR");
  if (no_color != options.env.end() && !no_color->second.empty()) return false;
  return stdout_is_terminal(options.env);
}

std::string render_console(const model::ReportInput& input, bool color, bool quiet, bool verbose) {
  const Painter painter(color);
  const auto findings = sorted_findings(input);
  std::ostringstream out;
  if (!quiet) {
    for (std::size_t begin = 0; begin < findings.size();) {
      std::size_t end = begin + 1;
      while (end < findings.size() && findings[end].location.path == findings[begin].location.path) ++end;
      render_group(out, input, findings, begin, end, painter, verbose);
      begin = end;
    }
    for (const auto& path : input.fixed_files) {
      out << painter.paint(k_green, "fixed:") << " " << printable(path) << "\n";
    }
    for (const auto& note : input.notes) {
      out << painter.paint(k_bold, "note:") << " " << printable(note) << "\n";
    }
  }
  out << summary_line(input, count_severities(findings), painter) << "\n";
  return out.str();
}

}  // namespace slipway::report
