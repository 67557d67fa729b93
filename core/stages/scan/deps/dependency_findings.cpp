// Finding and rule texts of the deps area (see dependency_findings.hpp).
// Messages name the package, its version, the ecosystem, the advisory's
// summary and ids, and the version to upgrade to.
#include "stages/scan/deps/dependency_findings.hpp"

#include "stages/scan/scan_types.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

std::string shortened(const std::string& text, std::size_t limit) {
  if (text.size() <= limit) return text;
  std::size_t cut = limit;
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;  // keep UTF-8 whole
  return text.substr(0, cut) + "…";
}

std::string one_line(std::string text) {
  for (char& c : text) {
    if (c == '\n' || c == '\r' || c == '\t') c = ' ';
  }
  return text;
}

}  // namespace

model::Finding vulnerability_finding(const Package& package, const PackageVulnerability& vulnerability) {
  model::Finding finding;
  finding.tool = std::string(k_tool);
  finding.rule_id = vulnerability.id;
  finding.security_severity = vulnerability.score;
  finding.severity = to_model_severity(vulnerability.score);
  std::string message = package.name + " " + package.version + " (" + package.ecosystem +
                        ") is affected by " + vulnerability.id;
  if (!vulnerability.other_ids.empty()) message += " (" + util::join(vulnerability.other_ids, ", ") + ")";
  if (!vulnerability.summary.empty()) message += ": " + shortened(one_line(vulnerability.summary), 200);
  message +=
      vulnerability.fixed ? ". Fixed in " + *vulnerability.fixed + "." : ". No fixed version is known.";
  finding.message = std::move(message);
  finding.location.path = package.file;
  finding.location.start_line = package.line;
  // For the GitLab dependency scanning report (model/finding.hpp lists the keys).
  finding.properties = {
      {"package", package.name}, {"version", package.version}, {"ecosystem", package.ecosystem}};
  if (vulnerability.fixed) finding.properties.emplace_back("fixed-version", *vulnerability.fixed);
  if (!vulnerability.other_ids.empty())
    finding.properties.emplace_back("aliases", util::join(vulnerability.other_ids, ","));
  return finding;
}

model::RuleInfo advisory_rule(const Package& package, const PackageVulnerability& vulnerability) {
  model::RuleInfo rule;
  rule.id = vulnerability.id;
  rule.tool = std::string(k_tool);
  rule.short_description = vulnerability.summary.empty()
                               ? "Known vulnerability in " + package.name + " (" + package.ecosystem + ")"
                               : shortened(one_line(vulnerability.summary), 200);
  rule.full_description =
      vulnerability.details.empty() ? rule.short_description : shortened(vulnerability.details, 4000);
  std::string help = "Upgrade " + package.name + " to " +
                     (vulnerability.fixed ? *vulnerability.fixed + " or later" : "a fixed version") +
                     " (each finding names the fixed version for its package) and regenerate the lockfile. "
                     "If no fixed version exists, remove or replace the package; once you have checked that "
                     "the vulnerability cannot affect you, list its id in `scan.deps.ignore`.";
  if (!vulnerability.other_ids.empty())
    help += "\n\nAlso known as: " + util::join(vulnerability.other_ids, ", ") + ".";
  rule.help = std::move(help);
  rule.help_uri = vulnerability.advisory_url.empty() ? "https://osv.dev/vulnerability/" + vulnerability.id
                                                     : vulnerability.advisory_url;
  rule.security_severity = vulnerability.score;
  rule.default_severity = to_model_severity(vulnerability.score);
  return rule;
}

model::Finding malformed_lockfile_finding(const std::string& file, std::string_view format,
                                          const LockfileProblem& problem) {
  model::Finding finding;
  finding.tool = std::string(k_tool);
  finding.rule_id = std::string(k_malformed_rule);
  finding.security_severity = k_malformed_score;
  finding.severity = to_model_severity(k_malformed_score);
  finding.message = "Cannot read this " + std::string(format) + ": " + problem.message +
                    " (packages here were not checked for vulnerabilities)";
  finding.location.path = file;
  finding.location.start_line = problem.line;
  return finding;
}

model::RuleInfo malformed_lockfile_rule() {
  model::RuleInfo rule;
  rule.id = std::string(k_malformed_rule);
  rule.tool = std::string(k_tool);
  rule.short_description = "Lockfile cannot be read";
  rule.full_description =
      "A lockfile (or part of it) does not have the format its name promises, so the packages it pins "
      "could not be checked against the advisory database. A lockfile edited by hand, a merge conflict "
      "left in it, or a file that only shares the name are the usual causes.";
  rule.help =
      "Regenerate the lockfile with its package manager (e.g. `npm install`, `cargo generate-lockfile`, "
      "`poetry lock`), or fix the reported line. Files that only share a lockfile's name can be left out "
      "with `scan.deps.exclude`. Set `scan.deps.strict: true` to make this an error that stops the scan.";
  rule.help_uri = "https://github.com/slipway-ci/slipway/blob/main/docs/scan-deps.md#depsmalformed-lockfile";
  rule.security_severity = k_malformed_score;
  rule.default_severity = to_model_severity(k_malformed_score);
  return rule;
}

}  // namespace slipway::scan::deps
