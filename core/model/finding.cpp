// Names and parsing for severities and the fail threshold, and the one sort
// order of findings every reporter uses.
#include "model/finding.hpp"

#include <algorithm>
#include <tuple>

namespace slipway::model {

std::string_view to_string(Severity severity) {
  switch (severity) {
    case Severity::note:
      return "note";
    case Severity::warning:
      return "warning";
    case Severity::error:
      return "error";
  }
  return "warning";
}

std::optional<Severity> parse_severity(std::string_view text) {
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "note") return Severity::note;
  return std::nullopt;
}

std::optional<FailOn> parse_fail_on(std::string_view text) {
  if (text == "never") return FailOn{std::nullopt};
  if (auto severity = parse_severity(text)) return FailOn{*severity};
  return std::nullopt;
}

void sort_findings(std::vector<Finding>& findings) {
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    return std::tie(a.location.path, a.location.start_line, a.location.start_column, a.rule_id) <
           std::tie(b.location.path, b.location.start_line, b.location.start_column, b.rule_id);
  });
}

}  // namespace slipway::model
