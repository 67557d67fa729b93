// The JSON report parser with pointer mappings (output_parsers/json_parser.cpp),
// and the rule rewriting of parse_output().
#include <catch2/catch.hpp>

#include "plugin_test_support.hpp"
#include "stages/lint/plugins/output_parsers.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

// Captured from `eslint -f json` (8.x), shortened: file objects with
// messages[], numeric severities, a fatal parse error with ruleId null.
const char* const k_eslint = R"json([
  {"filePath": "/work/repo/src/app.js", "messages": [
     {"ruleId": "no-unused-vars", "severity": 2, "message": "'x' is assigned a value but never used.",
      "line": 3, "column": 7, "nodeType": "Identifier", "messageId": "unusedVar", "endLine": 3, "endColumn": 8},
     {"ruleId": "semi", "severity": 1, "message": "Missing semicolon.", "line": 5, "column": 12,
      "fix": {"range": [40, 40], "text": ";"}}],
   "errorCount": 1, "warningCount": 1, "source": "..."},
  {"filePath": "/work/repo/src/clean.js", "messages": [], "errorCount": 0},
  {"filePath": "/work/repo/src/broken.js", "messages": [
     {"ruleId": null, "fatal": true, "severity": 2, "message": "Parsing error: Unexpected token )",
      "line": 2, "column": 4}]}
])json";

JsonMapping eslint_mapping() {
  JsonMapping mapping;
  mapping.each = "/messages";
  mapping.file_path = "/filePath";
  mapping.line = "/line";
  mapping.column = "/column";
  mapping.end_line = "/endLine";
  mapping.end_column = "/endColumn";
  mapping.rule = "/ruleId";
  mapping.severity = "/severity";
  mapping.message = "/message";
  return mapping;
}

SeverityMap eslint_severities() {
  SeverityMap map;
  map.entries["2"] = model::Severity::error;
  map.entries["1"] = model::Severity::warning;
  return map;
}

// Captured from `shellcheck -f json1 a.sh` (0.9.0).
const char* const k_shellcheck =
    R"({"comments":[{"file":"a.sh","line":3,"endLine":3,"column":6,"endColumn":8,"level":"info","code":2086,)"
    R"("message":"Double quote to prevent globbing and word splitting.","fix":{"replacements":[]}},)"
    R"({"file":"a.sh","line":4,"endLine":4,"column":1,"endColumn":7,"level":"warning","code":2164,)"
    R"("message":"Use 'cd ... || exit' or 'cd ... || return' in case cd fails.","fix":null}]})";

}  // namespace

TEST_CASE("eslint-style JSON: file objects each holding messages", "[plugins][json]") {
  ParsedFindings parsed = parse_json(k_eslint, eslint_mapping(), eslint_severities());
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 3);
  const model::Finding& unused = (*parsed)[0];
  CHECK(unused.location.path == "/work/repo/src/app.js");
  CHECK(unused.rule_id == "no-unused-vars");
  CHECK(unused.severity == model::Severity::error);
  CHECK(unused.location.start_line == 3);
  CHECK(unused.location.start_column == 7);
  CHECK(unused.location.end_column == 8);
  CHECK((*parsed)[1].severity == model::Severity::warning);
  CHECK((*parsed)[1].location.end_line == 0);
  CHECK((*parsed)[2].location.path == "/work/repo/src/broken.js");
  CHECK((*parsed)[2].rule_id.empty());
  CHECK((*parsed)[2].message == "Parsing error: Unexpected token )");
}

TEST_CASE("shellcheck json1: an array under a key, numeric rule codes", "[plugins][json]") {
  const Descriptor shellcheck = plugin_test::must_parse(
      "id: shellcheck\nfile-patterns: ['*.sh']\ncommand: [shellcheck, -f, json1, '{files}']\n"
      "output:\n  parser: json\n  rule-format: 'SC{rule}'\n"
      "  mapping: {root: /comments, path: /file, line: /line, column: /column, end-line: /endLine,\n"
      "            end-column: /endColumn, rule: /code, severity: /level, message: /message}\n");
  ParsedFindings parsed = parse_output(k_shellcheck, shellcheck);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[0].rule_id == "SC2086");
  CHECK((*parsed)[0].severity == model::Severity::note);
  CHECK((*parsed)[0].location.path == "a.sh");
  CHECK((*parsed)[1].rule_id == "SC2164");
  CHECK((*parsed)[1].severity == model::Severity::warning);
  CHECK((*parsed)[1].location.end_column == 7);
}

TEST_CASE("a top-level array with numeric strings and a stripped rule prefix", "[plugins][json]") {
  const Descriptor d = plugin_test::must_parse(
      "id: demo\nfile-patterns: ['*']\ncommand: [demo, '{files}']\n"
      "output:\n  parser: json\n  strip-rule-prefix: 'demo.rules.'\n"
      "  mapping: {root: '', path: /location/path, line: /location/line, rule: /check, message: /text}\n");
  ParsedFindings parsed = parse_output(
      R"([{"location": {"path": "x.py", "line": "12"}, "check": "demo.rules.E1", "text": "bad"},
          {"location": {"path": "y.py"}, "check": "other.E2", "text": "worse"}])",
      d);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[0].location.start_line == 12);
  CHECK((*parsed)[0].rule_id == "E1");
  CHECK((*parsed)[1].rule_id == "other.E2");
  CHECK((*parsed)[1].severity == model::Severity::warning);
}

TEST_CASE("JSON that does not fit the mapping is an error", "[plugins][json]") {
  JsonMapping mapping;
  mapping.root = "/results";
  mapping.message = "/m";
  CHECK_FALSE(parse_json("not json", mapping, SeverityMap{}).ok());
  CHECK_FALSE(parse_json("", mapping, SeverityMap{}).ok());
  CHECK(parse_json(R"({"other": []})", mapping, SeverityMap{}).error().message ==
        "the JSON output has nothing at \"/results\"");
  CHECK(parse_json(R"({"results": {"a": 1}})", mapping, SeverityMap{}).error().message ==
        "the JSON output has no array at \"/results\"");
  ParsedFindings empty = parse_json(R"({"results": []})", mapping, SeverityMap{});
  REQUIRE(empty.ok());
  CHECK(empty->empty());
  JsonMapping two_level = eslint_mapping();
  CHECK_FALSE(parse_json(R"([{"filePath": "a", "messages": 3}])", two_level, SeverityMap{}).ok());
}
