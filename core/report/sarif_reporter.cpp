// The SARIF 2.1.0 format, for GitHub code scanning, Jenkins Warnings NG and
// every other SARIF consumer.
//
// One run with one driver ("slipway"): findings of external tools keep their
// tool in the rule id ("shellcheck/SC2086", see qualified_rule_id), so rules
// of different tools never collide and every result's ruleId/ruleIndex points
// at exactly one entry of tool.driver.rules. Rules that fired but were not
// described in the input get a minimal entry, since a dangling ruleId is an
// error for consumers.
//
// The file is shaped by GitHub's ingestion rules, which the SARIF multitool
// checks as GH1001-GH1007 (see tests/unit/report/test_sarif_reporter.cpp):
//  - every result has a location with a relative URI against %SRCROOT%
//    (originalUriBaseIds gives the absolute checkout path as a file:// URI);
//    repository-wide findings point at the root folder "./";
//  - every location has a region with at least startLine, so findings about
//    a whole file say line 1;
//  - partialFingerprints.primaryLocationLineHash carries our fingerprint,
//    which survives line shifts, so alerts stay the same alert across pushes;
//  - "security-severity" is a string property of the rule (with the
//    "security" tag), which is where GitHub reads it;
//  - a finding's own facts (package, version, commit, ...) go into the
//    result's property bag as strings, next to its security-severity;
//  - a run over 25,000 results is rejected, so the least severe results past
//    that are left out and a tool notification says how many.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <regex>
#include <set>

#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_sarif_schema = "https://json.schemastore.org/sarif-2.1.0.json";
constexpr std::string_view k_source_root = "%SRCROOT%";
constexpr std::size_t k_max_results = 25000;
constexpr std::size_t k_max_rules = 25000;
constexpr std::size_t k_max_tags = 10;  // GitHub keeps only the first 10

std::string_view sarif_level(model::Severity severity) {
  switch (severity) {
    case model::Severity::error:
      return "error";
    case model::Severity::warning:
      return "warning";
    case model::Severity::note:
      return "note";
  }
  return "warning";
}

// Percent-encodes everything but unreserved characters and '/', so paths
// with spaces or '#' stay valid URI references.
std::string uri_encode_path(std::string_view path) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : path) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~' || c == '/') {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0x0F];
    }
  }
  return out;
}

std::string root_uri(const std::string& repo_root) {
  std::string path = repo_root;
  if (path.empty() || path.back() != '/') path += '/';
  if (path.front() != '/') path.insert(path.begin(), '/');
  return "file://" + uri_encode_path(path);
}

// A Pascal-case friendly name, as SARIF validators expect:
// "secret/aws-access-key" -> "SecretAwsAccessKey", "shellcheck/SC2086" ->
// "ShellcheckSc2086" (runs of capitals are lowered after their first letter).
std::string pascal_case(std::string_view id) {
  std::string out;
  bool word_start = true;
  bool previous_upper = false;
  for (char c : id) {
    const auto byte = static_cast<unsigned char>(c);
    if (!std::isalnum(byte)) {
      word_start = true;
      continue;
    }
    const bool upper = std::isupper(byte) != 0;
    if (word_start) {
      out += static_cast<char>(std::toupper(byte));
    } else {
      out += (upper && previous_upper) ? static_cast<char>(std::tolower(byte)) : c;
    }
    previous_upper = upper || word_start;
    word_start = false;
  }
  if (out.empty() || std::isdigit(static_cast<unsigned char>(out.front()))) out.insert(0, "Rule");
  return out;
}

std::string security_severity_text(double value) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "%.1f", std::clamp(value, 0.0, 10.0));
  return buffer;
}

// "v1.2.3" -> "1.2.3": validators want a version that starts with a digit.
std::string numeric_version(std::string_view version) {
  if (version.size() > 1 && (version.front() == 'v' || version.front() == 'V') &&
      std::isdigit(static_cast<unsigned char>(version[1]))) {
    version.remove_prefix(1);
  }
  return std::string(version);
}

// MAJOR.MINOR.PATCH with an optional pre-release and build suffix.
bool is_semantic_version(const std::string& version) {
  static const std::regex k_semver(
      R"(^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$)");
  return std::regex_match(version, k_semver);
}

Json text_message(std::string_view text) {
  return Json{{"text", text}};
}

Json rule_json(const model::ReportInput& input, const std::string& id, const model::RuleInfo& rule) {
  const std::string short_text = rule.short_description.empty() ? id : rule.short_description;
  const std::string full_text = rule.full_description.empty() ? short_text : rule.full_description;
  Json entry;
  entry["id"] = id;
  entry["name"] = pascal_case(id);
  entry["shortDescription"] = text_message(short_text);
  entry["fullDescription"] = text_message(full_text);
  if (rule.help.empty()) {
    entry["help"] = text_message(full_text);
  } else {
    entry["help"] = Json{{"text", rule.help}, {"markdown", rule.help}};
  }
  if (!rule.help_uri.empty()) entry["helpUri"] = rule.help_uri;
  entry["defaultConfiguration"] = Json{{"level", sarif_level(rule.default_severity)}};

  Json tags = Json::array();
  const std::string tool = rule.tool.empty() ? input.tool_name : rule.tool;
  tags.push_back(tool);
  if (rule.security_severity) tags.push_back("security");
  Json properties;
  properties["tags"] =
      tags.size() > k_max_tags ? Json(std::vector<Json>(tags.begin(), tags.begin() + k_max_tags)) : tags;
  if (rule.security_severity)
    properties["security-severity"] = security_severity_text(*rule.security_severity);
  entry["properties"] = properties;
  return entry;
}

// The rules of the run, in input order, then rules that only findings name.
struct RuleTable {
  std::vector<std::pair<std::string, model::RuleInfo>> rules;  // (qualified id, info)
  std::map<std::string, std::size_t> index;
};

RuleTable collect_rules(const model::ReportInput& input, const std::vector<model::Finding>& findings) {
  RuleTable table;
  auto add = [&table](std::string id, model::RuleInfo info) {
    if (table.index.count(id) != 0) return;
    table.index.emplace(id, table.rules.size());
    table.rules.emplace_back(std::move(id), std::move(info));
  };
  // Rules that fired come first only when the table would be too big for
  // GitHub; otherwise every rule that ran is described.
  const bool fired_only = input.rules.size() > k_max_rules;
  std::set<std::string> fired;
  for (const auto& finding : findings) fired.insert(qualified_rule_id(input, finding));
  for (const auto& rule : input.rules) {
    std::string id = qualified_rule_id(input, rule.tool, rule.id);
    if (fired_only && fired.count(id) == 0) continue;
    add(std::move(id), rule);
  }
  for (const auto& finding : findings) {
    model::RuleInfo info;
    info.id = finding.rule_id;
    info.tool = finding.tool;
    info.default_severity = finding.severity;
    info.security_severity = finding.security_severity;
    add(qualified_rule_id(input, finding), std::move(info));
  }
  return table;
}

Json location_json(const model::Location& location) {
  Json artifact;
  artifact["uri"] = location.path.empty() ? std::string("./") : uri_encode_path(location.path);
  artifact["uriBaseId"] = k_source_root;

  Json region;
  const int start_line = location.start_line > 0 ? location.start_line : 1;
  region["startLine"] = start_line;
  if (location.start_line > 0) {
    if (location.start_column > 0) region["startColumn"] = location.start_column;
    const int end_line = location.end_line >= start_line ? location.end_line : start_line;
    if (location.end_line >= start_line) region["endLine"] = end_line;
    const bool end_after_start =
        end_line > start_line || location.end_column >= std::max(location.start_column, 1);
    if (location.end_column > 0 && end_after_start) region["endColumn"] = location.end_column;
  }
  return Json{{"physicalLocation", Json{{"artifactLocation", artifact}, {"region", region}}}};
}

Json result_json(const model::ReportInput& input, const model::Finding& finding, const RuleTable& rules) {
  const std::string rule_id = qualified_rule_id(input, finding);
  Json result;
  result["ruleId"] = rule_id;
  result["ruleIndex"] = rules.index.at(rule_id);
  result["level"] = sarif_level(finding.severity);
  result["message"] = text_message(finding.message.empty() ? rule_id : finding.message);
  result["locations"] = Json::array({location_json(finding.location)});
  if (!finding.fingerprint.empty()) {
    result["partialFingerprints"] = Json{{"primaryLocationLineHash", finding.fingerprint}};
  }
  Json properties = Json::object();
  if (finding.security_severity) {
    properties["security-severity"] = security_severity_text(*finding.security_severity);
  }
  for (const auto& [key, value] : finding.properties) properties[key] = value;
  if (!properties.empty()) result["properties"] = properties;
  return result;
}

// The findings that fit in one GitHub run: all of them, or the most severe
// k_max_results (kept in the reporter order).
std::vector<model::Finding> findings_within_limit(std::vector<model::Finding> findings) {
  if (findings.size() <= k_max_results) return findings;
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return findings[a].severity > findings[b].severity; });
  order.resize(k_max_results);
  std::sort(order.begin(), order.end());
  std::vector<model::Finding> kept;
  kept.reserve(order.size());
  for (std::size_t i : order) kept.push_back(std::move(findings[i]));
  return kept;
}

}  // namespace

std::string render_sarif(const model::ReportInput& input) {
  const auto all_findings = sorted_findings(input);
  const auto findings = findings_within_limit(all_findings);
  const auto rules = collect_rules(input, findings);

  Json driver;
  driver["name"] = input.tool_name;
  if (!input.tool_version.empty()) {
    const std::string version = numeric_version(input.tool_version);
    driver["version"] = version;
    if (is_semantic_version(version)) driver["semanticVersion"] = version;
  }
  if (!input.information_uri.empty()) driver["informationUri"] = input.information_uri;
  auto& rule_entries = driver["rules"] = Json::array();
  for (const auto& [id, info] : rules.rules) rule_entries.push_back(rule_json(input, id, info));

  Json invocation;
  invocation["executionSuccessful"] = true;
  Json notifications = Json::array();
  if (findings.size() < all_findings.size()) {
    const std::size_t left_out = all_findings.size() - findings.size();
    notifications.push_back(
        Json{{"level", "warning"},
             {"message",
              text_message(count_noun(left_out, "less severe result was", "less severe results were") +
                           " left out: GitHub rejects runs with more than 25000 results. The JSON report "
                           "has every finding.")}});
  }
  for (const auto& note : input.notes) {
    notifications.push_back(Json{{"level", "note"}, {"message", text_message(note)}});
  }
  if (!notifications.empty()) invocation["toolExecutionNotifications"] = notifications;

  Json run;
  run["tool"] = Json{{"driver", driver}};
  run["automationDetails"] = Json{{"id", input.tool_name + "/" + stage_name(input) + "/"}};
  run["invocations"] = Json::array({invocation});
  if (!input.repo_root.empty()) {
    run["originalUriBaseIds"] = Json{{k_source_root, Json{{"uri", root_uri(input.repo_root)}}}};
  }
  auto& results = run["results"] = Json::array();
  for (const auto& finding : findings) results.push_back(result_json(input, finding, rules));
  run["columnKind"] = "utf16CodeUnits";

  Json sarif;
  sarif["$schema"] = k_sarif_schema;
  sarif["version"] = "2.1.0";
  sarif["runs"] = Json::array({run});
  return json_text(sarif);
}

}  // namespace slipway::report
