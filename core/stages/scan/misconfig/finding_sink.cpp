// FindingSink and snippet(): turning what a checker saw into findings.
#include "stages/scan/misconfig/finding_sink.hpp"

#include "stages/scan/scan_types.hpp"

namespace slipway::scan::misconfig {

void FindingSink::add(Rule rule, int line, std::string message, int column) {
  if (!wants(rule)) return;
  const RuleSpec& spec = spec_of(rule);
  model::Finding finding;
  finding.tool = std::string(k_tool);
  finding.rule_id = rule_id(rule);
  finding.security_severity = spec.score;
  finding.severity = to_model_severity(spec.score);
  finding.message = std::move(message);
  finding.location.path = m_path;
  finding.location.start_line = line > 0 ? line : 0;
  finding.location.start_column = column > 0 ? column : 0;
  m_out.push_back(std::move(finding));
}

namespace {

// Length of the valid UTF-8 sequence starting at text[i], or 0.
std::size_t utf8_length(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned int min_value = 0;
  unsigned int value = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    min_value = 0x80;
    value = lead & 0x1F;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    min_value = 0x800;
    value = lead & 0x0F;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    min_value = 0x10000;
    value = lead & 0x07;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    value = (value << 6) | (byte(i + k) & 0x3F);
  }
  if (value < min_value || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return 0;
  return length;
}

}  // namespace

std::string snippet(std::string_view text, std::size_t max_chars) {
  std::string out;
  std::size_t chars = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    if (chars == max_chars) {
      out += "…";
      break;
    }
    const std::size_t length = utf8_length(text, i);
    const auto lead = static_cast<unsigned char>(text[i]);
    if (length == 0) {
      out += '?';
      ++i;
    } else if (length == 1 && (lead < 0x20 || lead == 0x7F)) {
      out += '?';
      ++i;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
    ++chars;
  }
  return out;
}

}  // namespace slipway::scan::misconfig
