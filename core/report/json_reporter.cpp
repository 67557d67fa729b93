// The JSON format: Slipway's own schema, for scripts and dashboards.
//
// Unlike SARIF it is flat and small: the run (tool, stage, CI platform and
// commit), the summary counts, every finding with its location and
// fingerprint, the notes and the files --fix rewrote. Absent optional values
// (security_severity, fix, properties) are left out rather than written as
// null. The schema is documented in docs/json-report.md and carries a
// "version" that changes only when a field is removed or changes meaning.
#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

namespace {

constexpr int k_json_schema_version = 1;

nlohmann::ordered_json finding_json(const model::Finding& finding) {
  const auto& location = finding.location;
  nlohmann::ordered_json entry;
  entry["tool"] = finding.tool;
  entry["rule"] = finding.rule_id;
  entry["severity"] = model::to_string(finding.severity);
  if (finding.security_severity) entry["security_severity"] = *finding.security_severity;
  entry["message"] = finding.message;
  entry["path"] = location.path;
  entry["line"] = location.start_line;
  entry["column"] = location.start_column;
  entry["end_line"] = location.end_line > 0 ? location.end_line : location.start_line;
  entry["end_column"] = location.end_column;
  entry["fingerprint"] = finding.fingerprint;
  if (finding.fix) entry["fix"] = *finding.fix;
  if (!finding.properties.empty()) {
    auto& properties = entry["properties"] = nlohmann::ordered_json::object();
    for (const auto& [key, value] : finding.properties) properties[key] = value;
  }
  return entry;
}

}  // namespace

std::string render_json(const model::ReportInput& input) {
  const auto findings = sorted_findings(input);
  const auto counts = count_severities(findings);

  nlohmann::ordered_json report;
  report["version"] = k_json_schema_version;
  report["tool"] = {{"name", input.tool_name}, {"version", input.tool_version}};
  report["stage"] = input.stage;
  report["ci"] = {{"platform", model::to_string(input.ci.platform)},
                  {"commit", input.ci.commit},
                  {"branch", input.ci.branch},
                  {"change_number", input.ci.change_number}};

  bool failed = false;
  for (const auto& finding : findings) failed = failed || input.fail_on.fails(finding.severity);
  report["summary"] = {
      {"total", counts.total()},
      {"errors", counts.errors},
      {"warnings", counts.warnings},
      {"notes", counts.notes},
      {"files_checked", input.files_selected},
      {"fixed_files", input.fixed_files.size()},
      {"duration_ms", input.duration.count()},
      {"fail_on",
       input.fail_on.threshold ? std::string(model::to_string(*input.fail_on.threshold)) : "never"},
      {"failed", failed},
  };

  auto& entries = report["findings"] = nlohmann::ordered_json::array();
  for (const auto& finding : findings) entries.push_back(finding_json(finding));
  report["notes"] = input.notes;
  report["fixed_files"] = input.fixed_files;
  return json_text(report);
}

}  // namespace slipway::report
