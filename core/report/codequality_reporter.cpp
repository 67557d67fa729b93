// The GitLab Code Quality format (artifacts:reports:codequality), which
// GitLab shows in merge request widgets and diffs.
//
// A JSON array of CodeClimate-style issues. GitLab matches issues between the
// source and target branch by `fingerprint`, and drops or mixes up entries
// whose fingerprints repeat, so each entry's fingerprint is a hash of the
// finding's fingerprint (which survives line shifts) and, for the second and
// later identical findings, its occurrence number. Severities map onto
// GitLab's five: note -> info, warning -> minor, error -> major, and a
// security severity of 9.0 or more -> critical. GitLab requires a path and a
// line of at least 1, so repository-wide findings point at "." line 1.
#include <map>
#include <set>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "util/hash.hpp"

namespace slipway::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr double k_critical_security_severity = 9.0;

std::string_view codequality_severity(const model::Finding& finding) {
  if (finding.security_severity && *finding.security_severity >= k_critical_security_severity)
    return "critical";
  switch (finding.severity) {
    case model::Severity::error:
      return "major";
    case model::Severity::warning:
      return "minor";
    case model::Severity::note:
      return "info";
  }
  return "minor";
}

// What identifies a finding when it has no fingerprint (not assigned yet).
std::string identity(const model::ReportInput& input, const model::Finding& finding) {
  if (!finding.fingerprint.empty()) return finding.fingerprint;
  return qualified_rule_id(input, finding) + "\n" + finding.location.path + "\n" +
         std::to_string(finding.location.start_line) + "\n" + finding.message;
}

}  // namespace

std::string render_codequality(const model::ReportInput& input) {
  const auto findings = sorted_findings(input);
  std::map<std::string, std::size_t> occurrences;
  std::set<std::string> emitted;
  Json issues = Json::array();
  for (const auto& finding : findings) {
    const std::string key = identity(input, finding);
    std::string fingerprint;
    do {  // the loop guards against a finding whose fingerprint is another's "<fp>:<n>"
      const std::size_t occurrence = occurrences[key]++;
      fingerprint = util::sha256_hex(occurrence == 0 ? key : key + ":" + std::to_string(occurrence));
    } while (!emitted.insert(fingerprint).second);
    const auto& location = finding.location;

    Json issue;
    issue["type"] = "issue";
    issue["description"] = finding.message.empty() ? qualified_rule_id(input, finding) : finding.message;
    issue["check_name"] = qualified_rule_id(input, finding);
    issue["engine_name"] = finding.tool.empty() ? input.tool_name : finding.tool;
    issue["fingerprint"] = fingerprint;
    issue["severity"] = codequality_severity(finding);
    issue["location"] = Json{{"path", location.path.empty() ? std::string(".") : location.path},
                             {"lines", Json{{"begin", location.start_line > 0 ? location.start_line : 1}}}};
    issues.push_back(issue);
  }
  return json_text(issues);
}

}  // namespace slipway::report
