// The Markdown format: the GitHub job summary and a readable file report.
//
// A heading with the summary sentence, a table of counts per severity and
// files checked, the notes and fixed files, then one table row per finding
// (location, severity, rule, message). GitHub refuses a step summary over
// 1 MiB, so the text is cut to a size cap given by the caller: rows are added
// while they fit, and a last line says how many findings were left out. Cells are escaped so a message can
// neither break the table ('|', newlines) nor inject markup (HTML, emphasis, links).
#include <string_view>

#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

namespace {

constexpr std::size_t k_max_cell_bytes = 1000;
constexpr std::size_t k_max_listed_fixed_files = 50;
// Room kept for the "N findings not shown" line.
constexpr std::size_t k_footer_reserve = 256;

constexpr std::string_view k_cross = "\xE2\x9C\x96";  // ✖
constexpr std::string_view k_check = "\xE2\x9C\x94";  // ✔

// Escapes text for one table cell (or one list item).
std::string cell(std::string_view text) {
  const std::string cut = truncate_utf8(printable(text), k_max_cell_bytes);
  std::string out;
  out.reserve(cut.size());
  for (char c : cut) {
    switch (c) {
      case '\n':
        out += "<br>";
        break;
      case '\t':
        out += ' ';
        break;
      case '&':
        out += "&amp;";
        break;
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '#':
        out += '\\';
        out += c;
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string finding_row(const model::ReportInput& input, const model::Finding& finding) {
  return "| " + cell(location_text(finding.location)) + " | " +
         std::string(model::to_string(finding.severity)) + " | " + cell(qualified_rule_id(input, finding)) +
         " | " + cell(finding.message) + " |\n";
}

std::string head(const model::ReportInput& input, const SeverityCounts& counts) {
  std::string out;
  out += "### " + std::string(counts.total() == 0 ? k_check : k_cross) + " " + cell(input.tool_name) + " " +
         cell(stage_name(input)) + ": " + summary_sentence(input, counts) + "\n\n";
  out += "| | Count |\n| --- | ---: |\n";
  out += "| Errors | " + std::to_string(counts.errors) + " |\n";
  out += "| Warnings | " + std::to_string(counts.warnings) + " |\n";
  out += "| Notes | " + std::to_string(counts.notes) + " |\n";
  out += "| Files checked | " + std::to_string(input.files_selected) + " |\n\n";

  for (const auto& note : input.notes) out += "> **Note:** " + cell(note) + "\n\n";
  if (!input.fixed_files.empty()) {
    out += "**Fixed " + count_noun(input.fixed_files.size(), "file", "files") + "**";
    if (input.fixed_files.size() <= k_max_listed_fixed_files) {
      out += ":\n";
      for (const auto& path : input.fixed_files) out += "- " + cell(path) + "\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_markdown(const model::ReportInput& input, std::size_t max_bytes) {
  const auto findings = sorted_findings(input);
  const auto counts = count_severities(findings);
  std::string out = head(input, counts);
  if (out.size() > max_bytes) return truncate_utf8(out, max_bytes);
  if (findings.empty()) return out;

  const std::string table_head = "| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n";
  std::size_t shown = 0;
  if (out.size() + table_head.size() + k_footer_reserve <= max_bytes) {
    out += table_head;
    for (const auto& finding : findings) {
      std::string row = finding_row(input, finding);
      if (out.size() + row.size() + k_footer_reserve > max_bytes) break;
      out += row;
      ++shown;
    }
  }
  const std::size_t left_out = findings.size() - shown;
  if (left_out > 0) {
    const std::string footer = "\n_" + count_noun(left_out, "more finding is", "more findings are") +
                               " not shown here, to stay under the size limit._\n";
    if (out.size() + footer.size() <= max_bytes) out += footer;
  }
  return out;
}

}  // namespace slipway::report
