// The checkstyle XML format (version 4.3), which Jenkins Warnings NG,
// reviewdog, Bitbucket and many editors read.
//
// One <file> per path, holding one <error> per finding with its line, column
// (when known), severity (error, warning or info) and source
// "<tool>.<rule>". Files that were checked and are clean appear as empty
// <file> elements, so consumers can tell "checked, clean" from "not checked".
// All markup goes through XmlWriter, which escapes every value.
#include <map>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "report/xml_writer.hpp"

namespace slipway::report {

namespace {

std::string_view checkstyle_severity(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "error";
    case model::Severity::warning:
      return "warning";
    case model::Severity::note:
      return "info";
  }
  return "warning";
}

XmlAttributes error_attributes(const model::ReportInput& input, const model::Finding& finding) {
  XmlAttributes attributes;
  attributes.emplace_back("line", std::to_string(finding.location.start_line));
  if (finding.location.start_column > 0) {
    attributes.emplace_back("column", std::to_string(finding.location.start_column));
  }
  attributes.emplace_back("severity", checkstyle_severity(finding.severity));
  attributes.emplace_back("message", finding.message);
  const std::string tool = finding.tool.empty() ? input.tool_name : finding.tool;
  attributes.emplace_back("source", tool + "." + finding.rule_id);
  return attributes;
}

}  // namespace

std::string render_checkstyle(const model::ReportInput& input) {
  const auto findings = sorted_findings(input);
  std::map<std::string, std::vector<const model::Finding*>> files;  // sorted by path
  for (const auto& checked : input.checked) files[checked.path];
  for (const auto& finding : findings) files[finding.location.path].push_back(&finding);

  XmlWriter xml;
  xml.open("checkstyle", {{"version", "4.3"}});
  for (const auto& [path, file_findings] : files) {
    const XmlAttributes attributes{{"name", path.empty() ? "." : path}};
    if (file_findings.empty()) {
      xml.element("file", attributes);
      continue;
    }
    xml.open("file", attributes);
    for (const auto* finding : file_findings) xml.element("error", error_attributes(input, *finding));
    xml.close();
  }
  return xml.finish();
}

}  // namespace slipway::report
