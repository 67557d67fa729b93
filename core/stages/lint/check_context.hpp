// What a single check sees while it looks at one file: the list of built-in
// checks (an enum, so per-file switches are a bit set rather than string
// lookups), positions in the file (line and column from a byte offset), and
// FileFindings, the sink every check writes to. The sink knows which checks are
// enabled for this file and at which severity, so checks stay free of
// configuration: they call on() before doing work and add() when they find
// something.
//
// Columns are 1-based and count characters (UTF-8 code points, i.e. bytes that
// are not continuation bytes), which is what editors show; a leading byte-order
// mark is not counted.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"

namespace slipway::lint {

enum class Check : std::uint8_t {
  trailing_whitespace,
  end_of_file_newline,
  mixed_line_endings,
  merge_conflict_marker,
  private_key,
  large_file,
  yaml_syntax,
  json_syntax,
  executable_without_shebang,
  case_conflict,
  utf8_bom,
  invalid_utf8,
};
inline constexpr std::size_t k_check_count = 12;

inline constexpr std::string_view k_tool = "slipway";
inline constexpr std::string_view k_read_error_rule = "read-error";
inline constexpr std::string_view k_write_error_rule = "write-error";
inline constexpr std::string_view k_utf8_bom = "\xEF\xBB\xBF";

// A set of checks, e.g. those enabled for one file.
class CheckSet {
 public:
  void set(Check check, bool value = true) {
    const auto bit = std::uint32_t{1} << static_cast<unsigned>(check);
    m_bits = value ? (m_bits | bit) : (m_bits & ~bit);
  }
  [[nodiscard]] bool has(Check check) const { return (m_bits >> static_cast<unsigned>(check)) & 1U; }
  [[nodiscard]] bool empty() const { return m_bits == 0; }

 private:
  std::uint32_t m_bits = 0;
};

struct TextPosition {
  int line = 1;
  int column = 1;
};

// The 1-based line and column of byte `offset` in `content`.
TextPosition locate(std::string_view content, std::size_t offset);
// The 1-based column of `offset` within the line starting at `line_start`.
int column_in_line(std::string_view content, std::size_t line_start, std::size_t offset);

using SeverityTable = std::array<model::Severity, k_check_count>;

// Collects the findings of one file.
class FileFindings {
 public:
  FileFindings(std::string_view path, CheckSet enabled, const SeverityTable& severities)
      : m_path(path), m_enabled(enabled), m_severities(&severities) {}

  [[nodiscard]] bool on(Check check) const { return m_enabled.has(check); }
  [[nodiscard]] std::string_view path() const { return m_path; }
  [[nodiscard]] CheckSet enabled() const { return m_enabled; }

  // Adds a finding of `check` (ignored when the check is off for this file).
  // line 0 = the whole file; column 0 = unknown.
  void add(Check check, int line, int column, std::string message,
           std::optional<std::string> fix = std::nullopt);
  // Adds a read-error / write-error finding (always on, severity error).
  void add_io_error(std::string_view rule_id, std::string message);

  // The checks that reported at least one finding so far.
  [[nodiscard]] CheckSet fired() const { return m_fired; }
  [[nodiscard]] std::vector<model::Finding>& findings() { return m_findings; }

 private:
  std::string_view m_path;
  CheckSet m_enabled;
  CheckSet m_fired;
  const SeverityTable* m_severities;
  std::vector<model::Finding> m_findings;
};

}  // namespace slipway::lint
