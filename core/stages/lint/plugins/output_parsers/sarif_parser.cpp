// Reading SARIF 2.1.0 logs written by linters (clang-tidy via converters,
// eslint's SARIF formatter, semgrep, hadolint, ...).
//
// Only what a finding needs is read, tolerantly: each run's results with
// their rule id (ruleId, rule.id, or ruleIndex into the driver's rules), the
// level (or the rule's defaultConfiguration level; the descriptor's default
// severity when neither is given), the message text with its {0}-style
// arguments filled in (or the rule's message string named by message.id),
// and the first location. Paths come as URIs: "file://" is stripped,
// %-escapes are decoded, and a relative URI with a uriBaseId is resolved
// against the run's originalUriBaseIds when that gives a file:// base.
// Results of kind "pass" and "notApplicable" are not problems and are skipped.
#include <nlohmann/json.hpp>

#include "stages/lint/plugins/output_parsers.hpp"
#include "stages/lint/plugins/output_parsers/json_access.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

using json_access::Json;
using json_access::member;
using json_access::member_number;
using json_access::member_text;

constexpr int k_max_base_depth = 8;  // originalUriBaseIds may chain; stop a loop

int hex_value(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

std::string percent_decode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size()) {
      const int high = hex_value(text[i + 1]);
      const int low = hex_value(text[i + 2]);
      if (high >= 0 && low >= 0) {
        out.push_back(static_cast<char>(high * 16 + low));
        i += 2;
        continue;
      }
    }
    out.push_back(text[i]);
  }
  return out;
}

// "file:///a/b" -> "/a/b", "file://host/a" -> "/a"; other URIs unchanged.
std::string strip_file_scheme(const std::string& uri) {
  if (!util::starts_with(uri, "file://")) return uri;
  const std::string rest = uri.substr(7);
  if (util::starts_with(rest, "/")) return rest;
  const std::size_t slash = rest.find('/');
  return slash == std::string::npos ? std::string() : rest.substr(slash);
}

// The URI of an artifact location, its uriBaseId resolved when possible.
std::string resolve_uri(const Json& location, const Json& run, int depth = 0) {
  std::string uri = member_text(location, "uri");
  const std::string base_id = member_text(location, "uriBaseId");
  if (!base_id.empty() && depth < k_max_base_depth && !util::starts_with(uri, "file:")) {
    const Json* bases = member(run, "originalUriBaseIds");
    const Json* base = bases != nullptr ? member(*bases, base_id.c_str()) : nullptr;
    if (base != nullptr) {
      std::string prefix = resolve_uri(*base, run, depth + 1);
      if (!prefix.empty()) {
        if (!util::ends_with(prefix, "/")) prefix += "/";
        uri = prefix + uri;
      }
    }
  }
  return uri;
}

std::string location_path(const Json& artifact, const Json& run) {
  std::string uri = resolve_uri(artifact, run);
  if (uri.empty()) {
    // An index into run.artifacts[] instead of a uri.
    const Json* index = member(artifact, "index");
    const Json* artifacts = member(run, "artifacts");
    if (index != nullptr && index->is_number_integer() && artifacts != nullptr && artifacts->is_array()) {
      const auto position = index->get<std::int64_t>();
      if (position >= 0 && static_cast<std::size_t>(position) < artifacts->size()) {
        const Json* nested = member((*artifacts)[static_cast<std::size_t>(position)], "location");
        if (nested != nullptr) uri = resolve_uri(*nested, run);
      }
    }
  }
  return percent_decode(strip_file_scheme(uri));
}

// The rule object a result refers to, or nullptr.
const Json* rule_of(const Json& result, const Json& run, const std::string& rule_id) {
  const Json* tool = member(run, "tool");
  const Json* driver = tool != nullptr ? member(*tool, "driver") : nullptr;
  const Json* rules = driver != nullptr ? member(*driver, "rules") : nullptr;
  if (rules == nullptr || !rules->is_array()) return nullptr;
  const Json* index = member(result, "ruleIndex");
  if (index != nullptr && index->is_number_integer()) {
    const auto position = index->get<std::int64_t>();
    if (position >= 0 && static_cast<std::size_t>(position) < rules->size()) {
      return &(*rules)[static_cast<std::size_t>(position)];
    }
  }
  for (const Json& rule : *rules) {
    if (!rule_id.empty() && member_text(rule, "id") == rule_id) return &rule;
  }
  return nullptr;
}

std::string fill_arguments(std::string text, const Json& message) {
  const Json* arguments = member(message, "arguments");
  if (arguments == nullptr || !arguments->is_array()) return text;
  for (std::size_t i = 0; i < arguments->size(); ++i) {
    text = util::replace_all(std::move(text), "{" + std::to_string(i) + "}",
                             json_access::text_of((*arguments)[i]));
  }
  return text;
}

std::string message_text(const Json& result, const Json* rule) {
  const Json* message = member(result, "message");
  if (message == nullptr) return {};
  std::string text = member_text(*message, "text");
  if (text.empty()) text = member_text(*message, "markdown");
  if (text.empty() && rule != nullptr) {
    // message.id names one of the rule's messageStrings.
    const std::string id = member_text(*message, "id");
    const Json* strings = member(*rule, "messageStrings");
    const Json* entry = strings != nullptr && !id.empty() ? member(*strings, id.c_str()) : nullptr;
    if (entry != nullptr) text = member_text(*entry, "text");
  }
  return fill_arguments(std::move(text), *message);
}

void read_location(const Json& result, const Json& run, model::Location& location) {
  const Json* locations = member(result, "locations");
  if (locations == nullptr || !locations->is_array() || locations->empty()) return;
  const Json* physical = member((*locations)[0], "physicalLocation");
  if (physical == nullptr) return;
  if (const Json* artifact = member(*physical, "artifactLocation"))
    location.path = location_path(*artifact, run);
  if (const Json* region = member(*physical, "region")) {
    location.start_line = member_number(*region, "startLine");
    location.start_column = member_number(*region, "startColumn");
    location.end_line = member_number(*region, "endLine");
    location.end_column = member_number(*region, "endColumn");
  }
}

}  // namespace

ParsedFindings parse_sarif(std::string_view text, const SeverityMap& severities) {
  Json log;
  try {
    log = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return make_error(std::string("output is not valid SARIF JSON: ") + error.what());
  }
  const Json* runs = member(log, "runs");
  if (runs == nullptr || !runs->is_array()) {
    return make_error("output is not a SARIF log: no \"runs\" array at the top level");
  }
  std::vector<model::Finding> findings;
  try {
    for (const Json& run : *runs) {
      const Json* results = member(run, "results");
      if (results == nullptr) continue;
      if (!results->is_array()) return make_error("output is not a SARIF log: \"results\" is not an array");
      for (const Json& result : *results) {
        if (!result.is_object()) return make_error("output is not a SARIF log: a result is not an object");
        const std::string kind = member_text(result, "kind");
        if (kind == "pass" || kind == "notApplicable") continue;
        model::Finding finding;
        finding.rule_id = member_text(result, "ruleId");
        if (finding.rule_id.empty()) {
          if (const Json* reference = member(result, "rule")) finding.rule_id = member_text(*reference, "id");
        }
        const Json* rule = rule_of(result, run, finding.rule_id);
        if (finding.rule_id.empty() && rule != nullptr) finding.rule_id = member_text(*rule, "id");
        std::string level = member_text(result, "level");
        if (level.empty() && rule != nullptr) {
          if (const Json* configuration = member(*rule, "defaultConfiguration")) {
            level = member_text(*configuration, "level");
          }
        }
        finding.severity = map_severity(severities, level);
        finding.message = message_text(result, rule);
        read_location(result, run, finding.location);
        findings.push_back(std::move(finding));
      }
    }
  } catch (const Json::exception& error) {
    return make_error(std::string("cannot read the SARIF log: ") + error.what());
  }
  return findings;
}

}  // namespace slipway::lint
