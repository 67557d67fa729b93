// Helpers shared by every reporter (see report_common.hpp).
#include "report/report_common.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>

#include "util/files.hpp"

namespace slipway::report {

namespace fs = std::filesystem;

namespace {

constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";               // U+2026
constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";  // U+FFFD

bool is_continuation_byte(unsigned char byte) {
  return (byte & 0xC0u) == 0x80u;
}

}  // namespace

SeverityCounts count_severities(const std::vector<model::Finding>& findings) {
  SeverityCounts counts;
  for (const auto& finding : findings) {
    switch (finding.severity) {
      case model::Severity::error:
        ++counts.errors;
        break;
      case model::Severity::warning:
        ++counts.warnings;
        break;
      case model::Severity::note:
        ++counts.notes;
        break;
    }
  }
  return counts;
}

std::vector<model::Finding> sorted_findings(const model::ReportInput& input) {
  std::vector<model::Finding> findings = input.findings;
  model::sort_findings(findings);
  return findings;
}

std::string count_noun(std::size_t count, std::string_view singular, std::string_view plural) {
  return std::to_string(count) + " " + std::string(count == 1 ? singular : plural);
}

std::string format_seconds(std::chrono::milliseconds duration) {
  const long long ms = duration.count() < 0 ? 0 : duration.count();
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%lld.%02lld s", ms / 1000, (ms % 1000) / 10);
  return buffer;
}

std::string summary_sentence(const model::ReportInput& input, const SeverityCounts& counts) {
  std::string text;
  if (counts.total() == 0) {
    text = "no problems";
  } else {
    text = count_noun(counts.total(), "problem", "problems") + " (" +
           count_noun(counts.errors, "error", "errors") + ", " +
           count_noun(counts.warnings, "warning", "warnings") + ", " +
           count_noun(counts.notes, "note", "notes") + ")";
  }
  text += " in " + count_noun(input.files_selected, "file", "files") + ", " + format_seconds(input.duration);
  return text;
}

std::string qualified_rule_id(const model::ReportInput& input, std::string_view tool,
                              std::string_view rule_id) {
  if (tool.empty() || tool == input.tool_name) return std::string(rule_id);
  // Slipway's own stages ("slipway-scan") name their rules themselves
  // ("secret/aws-access-key-id", "config/dockerfile/...").
  const std::string own = input.tool_name + "-";
  if (tool.substr(0, own.size()) == own) return std::string(rule_id);
  std::string prefix = std::string(tool) + "/";
  if (rule_id.substr(0, prefix.size()) == prefix) return std::string(rule_id);
  return prefix + std::string(rule_id);
}

std::string qualified_rule_id(const model::ReportInput& input, const model::Finding& finding) {
  return qualified_rule_id(input, finding.tool, finding.rule_id);
}

std::string location_text(const model::Location& location) {
  std::string text = location.path.empty() ? "(repository)" : location.path;
  if (location.start_line > 0) {
    text += ":" + std::to_string(location.start_line);
    if (location.start_column > 0) text += ":" + std::to_string(location.start_column);
  }
  return text;
}

std::string truncate_utf8(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  if (max_bytes < k_ellipsis.size()) return {};
  std::size_t cut = max_bytes - k_ellipsis.size();
  while (cut > 0 && is_continuation_byte(static_cast<unsigned char>(text[cut]))) --cut;
  return std::string(text.substr(0, cut)) + std::string(k_ellipsis);
}

std::string printable(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\n' && c != '\t') || byte == 0x7F) {
      out += k_replacement_character;
    } else {
      out += c;
    }
  }
  return out;
}

std::string stage_name(const model::ReportInput& input) {
  return input.stage.empty() ? "slipway" : input.stage;
}

fs::path report_path(const ReportOptions& options, const model::ReportInput& input, std::string_view suffix) {
  const fs::path dir = options.output_dir.empty() ? fs::path(".") : fs::path(options.output_dir);
  return dir / (stage_name(input) + std::string(suffix));
}

Result<void> write_report_file(const fs::path& path, std::string_view content) {
  auto written = util::write_file_atomic(path, content);
  if (!written) {
    Error error = written.error();
    if (error.file.empty()) {
      error.file = path.string();
    } else if (error.file != path.string()) {
      error.message += " (writing the report " + path.string() + ")";
    }
    if (error.hint.empty()) error.hint = "check that the report folder (--output-dir) is writable";
    return error;
  }
  return {};
}

Result<void> append_to_file(const fs::path& path, std::string_view content) {
  std::ofstream file(path, std::ios::binary | std::ios::app);
  if (!file) {
    return Error{"cannot open the file for appending", path.string(), 0, 0,
                 "check that the file the CI platform named exists and is writable"};
  }
  file.write(content.data(), static_cast<std::streamsize>(content.size()));
  file.flush();
  if (!file) return Error{"cannot append to the file (disk full?)", path.string(), 0, 0, {}};
  return {};
}

std::string json_text(const nlohmann::ordered_json& value) {
  return value.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

std::ostream& console_stream(const ReportOptions& options) {
  return options.out ? *options.out : std::cout;
}

}  // namespace slipway::report
