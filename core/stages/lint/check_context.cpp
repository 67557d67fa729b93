// Positions and the findings sink shared by every check (see check_context.hpp).
// Positions are computed only when a finding is reported, so the hot scanning
// loops deal in byte offsets and never count lines they do not need.
#include "stages/lint/check_context.hpp"

#include <algorithm>

#include "stages/lint/lint_schema.hpp"

namespace slipway::lint {

int column_in_line(std::string_view content, std::size_t line_start, std::size_t offset) {
  if (line_start == 0 && content.substr(0, k_utf8_bom.size()) == k_utf8_bom && offset >= 3) {
    line_start = k_utf8_bom.size();
  }
  offset = std::min(offset, content.size());
  int column = 1;
  for (std::size_t i = line_start; i < offset; ++i) {
    // Count every byte that does not continue a multi-byte UTF-8 sequence.
    if ((static_cast<unsigned char>(content[i]) & 0xC0U) != 0x80U) ++column;
  }
  return column;
}

TextPosition locate(std::string_view content, std::size_t offset) {
  offset = std::min(offset, content.size());
  const auto begin = content.begin();
  const auto line = 1 + std::count(begin, begin + static_cast<std::ptrdiff_t>(offset), '\n');
  const std::size_t newline = offset == 0 ? std::string_view::npos : content.rfind('\n', offset - 1);
  const std::size_t line_start = newline == std::string_view::npos ? 0 : newline + 1;
  return TextPosition{static_cast<int>(line), column_in_line(content, line_start, offset)};
}

void FileFindings::add(Check check, int line, int column, std::string message,
                       std::optional<std::string> fix) {
  if (!on(check)) return;
  m_fired.set(check);
  model::Finding finding;
  finding.tool = k_tool;
  finding.rule_id = check_id(check);
  finding.severity = (*m_severities)[static_cast<std::size_t>(check)];
  finding.message = std::move(message);
  finding.location.path = m_path;
  finding.location.start_line = line;
  finding.location.start_column = column;
  finding.fix = std::move(fix);
  m_findings.push_back(std::move(finding));
}

void FileFindings::add_io_error(std::string_view rule_id, std::string message) {
  model::Finding finding;
  finding.tool = k_tool;
  finding.rule_id = rule_id;
  finding.severity = model::Severity::error;
  finding.message = std::move(message);
  finding.location.path = m_path;
  m_findings.push_back(std::move(finding));
}

}  // namespace slipway::lint
