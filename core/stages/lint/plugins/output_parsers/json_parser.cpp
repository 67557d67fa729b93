// Reading a linter's own JSON report through the descriptor's pointer mapping.
//
// Most linters with a JSON format print an array of problem objects, either
// at the top level or under a key (shellcheck: {"comments": [...]}); eslint
// and stylelint print an array of file objects, each holding its problems
// (eslint: [{"filePath": ..., "messages": [...]}]). JsonMapping covers both
// with RFC 6901 pointers: `root` to the array, optional `each` + `file-path`
// for the two-level shape, and one pointer per finding field relative to a
// problem object. Values are read tolerantly (numbers or numeric strings for
// lines, numbers or text for rules and severities); a missing root array, or
// a problem list that is not an array, is an Error rather than zero findings.
#include <nlohmann/json.hpp>
#include <optional>

#include "stages/lint/plugins/output_parsers.hpp"
#include "stages/lint/plugins/output_parsers/json_access.hpp"

namespace slipway::lint {

namespace {

using json_access::Json;
using Pointer = Json::json_pointer;

std::optional<Pointer> pointer_for(const std::string& text) {
  if (text.empty()) return std::nullopt;
  return Pointer(text);  // validated when the descriptor was read; throws json::exception otherwise
}

// The value at `pointer` inside `value`, or nullptr when it is not there.
const Json* lookup(const Json& value, const std::optional<Pointer>& pointer) {
  if (!pointer) return nullptr;
  try {
    if (!value.contains(*pointer)) return nullptr;
    return &value.at(*pointer);
  } catch (const Json::exception&) {
    return nullptr;
  }
}

std::string text_at(const Json& value, const std::optional<Pointer>& pointer) {
  const Json* found = lookup(value, pointer);
  return found == nullptr ? std::string() : json_access::text_of(*found);
}

int number_at(const Json& value, const std::optional<Pointer>& pointer) {
  const Json* found = lookup(value, pointer);
  return found == nullptr ? 0 : json_access::number_of(*found);
}

struct Pointers {
  std::optional<Pointer> path, line, column, end_line, end_column, rule, severity, message;

  explicit Pointers(const JsonMapping& mapping)
      : path(pointer_for(mapping.path)),
        line(pointer_for(mapping.line)),
        column(pointer_for(mapping.column)),
        end_line(pointer_for(mapping.end_line)),
        end_column(pointer_for(mapping.end_column)),
        rule(pointer_for(mapping.rule)),
        severity(pointer_for(mapping.severity)),
        message(pointer_for(mapping.message)) {}
};

model::Finding make_finding(const Json& problem, const Pointers& pointers, const std::string& file,
                            const SeverityMap& severities) {
  model::Finding finding;
  finding.location.path = pointers.path ? text_at(problem, pointers.path) : file;
  if (finding.location.path.empty()) finding.location.path = file;
  finding.location.start_line = number_at(problem, pointers.line);
  finding.location.start_column = number_at(problem, pointers.column);
  finding.location.end_line = number_at(problem, pointers.end_line);
  finding.location.end_column = number_at(problem, pointers.end_column);
  finding.rule_id = text_at(problem, pointers.rule);
  finding.severity = map_severity(severities, text_at(problem, pointers.severity));
  finding.message = text_at(problem, pointers.message);
  return finding;
}

std::string shown(const std::string& pointer) {
  return pointer.empty() ? "the top level" : "\"" + pointer + "\"";
}

}  // namespace

ParsedFindings parse_json(std::string_view text, const JsonMapping& mapping, const SeverityMap& severities) {
  Json document;
  try {
    document = Json::parse(text);
  } catch (const Json::parse_error& error) {
    return make_error(std::string("output is not valid JSON: ") + error.what());
  }
  std::vector<model::Finding> findings;
  try {
    const Pointers pointers(mapping);
    const Json* entries = mapping.root.empty() ? &document : lookup(document, pointer_for(mapping.root));
    if (entries == nullptr) return make_error("the JSON output has nothing at " + shown(mapping.root));
    if (!entries->is_array()) return make_error("the JSON output has no array at " + shown(mapping.root));
    if (mapping.each.empty()) {
      for (const Json& problem : *entries)
        findings.push_back(make_finding(problem, pointers, {}, severities));
      return findings;
    }
    const std::optional<Pointer> each = pointer_for(mapping.each);
    const std::optional<Pointer> file_path = pointer_for(mapping.file_path);
    for (const Json& file : *entries) {
      const Json* problems = lookup(file, each);
      if (problems == nullptr) continue;  // a file object without problems
      if (!problems->is_array()) {
        return make_error("the JSON output has a file entry whose " + shown(mapping.each) +
                          " is not an array");
      }
      const std::string path = text_at(file, file_path);
      for (const Json& problem : *problems)
        findings.push_back(make_finding(problem, pointers, path, severities));
    }
  } catch (const Json::exception& error) {
    return make_error(std::string("cannot read the JSON output: ") + error.what());
  }
  return findings;
}

}  // namespace slipway::lint
