// The SARIF report parser (output_parsers/sarif_parser.cpp) on realistic logs.
#include <catch2/catch.hpp>

#include "stages/lint/plugins/output_parsers.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

// Shaped like the SARIF that eslint's @microsoft/eslint-formatter-sarif and
// hadolint write: a driver with rules, results pointing at them by index and
// id, a file:// URI, a uriBaseId resolved through originalUriBaseIds, a
// message with arguments and a "pass" result.
const char* const k_log = R"sarif({
  "version": "2.1.0",
  "$schema": "http://json.schemastore.org/sarif-2.1.0-rtm.5",
  "runs": [{
    "tool": {"driver": {"name": "demo", "rules": [
      {"id": "no-unused-vars", "defaultConfiguration": {"level": "error"}},
      {"id": "DL3008", "messageStrings": {"pin": {"text": "Pin versions in apt get install ({0})"}}}
    ]}},
    "originalUriBaseIds": {"SRCROOT": {"uri": "file:///work/repo/"}},
    "results": [
      {"ruleId": "no-unused-vars", "ruleIndex": 0, "message": {"text": "'x' is assigned a value but never used."},
       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "file:///work/repo/src/app.js"},
                       "region": {"startLine": 3, "startColumn": 7, "endLine": 3, "endColumn": 8}}}]},
      {"ruleId": "DL3008", "level": "warning", "message": {"id": "pin", "arguments": ["curl"]},
       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "docker/My%20File", "uriBaseId": "SRCROOT"},
                       "region": {"startLine": 12}}}]},
      {"ruleId": "style", "level": "note", "message": {"text": "Consider {0} over {1}.", "arguments": ["a", "b"]},
       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "lib/x.js"}}}]},
      {"ruleId": "ok-rule", "kind": "pass", "message": {"text": "fine"}},
      {"ruleId": "no-location", "message": {"text": "repository-wide"}}
    ]
  }]
})sarif";

}  // namespace

TEST_CASE("SARIF results become findings with rule, level, message and location", "[plugins][sarif]") {
  ParsedFindings parsed = parse_sarif(k_log, SeverityMap{});
  REQUIRE(parsed.ok());
  const auto& findings = *parsed;
  REQUIRE(findings.size() == 4);

  CHECK(findings[0].rule_id == "no-unused-vars");
  CHECK(findings[0].severity == model::Severity::error);  // the rule's default level
  CHECK(findings[0].message == "'x' is assigned a value but never used.");
  CHECK(findings[0].location.path == "/work/repo/src/app.js");  // made relative by the runner
  CHECK(findings[0].location.start_line == 3);
  CHECK(findings[0].location.start_column == 7);
  CHECK(findings[0].location.end_line == 3);
  CHECK(findings[0].location.end_column == 8);

  CHECK(findings[1].rule_id == "DL3008");
  CHECK(findings[1].severity == model::Severity::warning);
  CHECK(findings[1].message == "Pin versions in apt get install (curl)");
  CHECK(findings[1].location.path == "/work/repo/docker/My File");
  CHECK(findings[1].location.start_line == 12);

  CHECK(findings[2].severity == model::Severity::note);
  CHECK(findings[2].message == "Consider a over b.");
  CHECK(findings[2].location.path == "lib/x.js");
  CHECK(findings[2].location.start_line == 0);

  CHECK(findings[3].rule_id == "no-location");
  CHECK(findings[3].severity == model::Severity::warning);  // no level anywhere: the default severity
  CHECK(findings[3].location.path.empty());
}

TEST_CASE("SARIF levels go through the severity map", "[plugins][sarif]") {
  SeverityMap map;
  map.entries["warning"] = model::Severity::error;
  map.default_severity = model::Severity::note;
  ParsedFindings parsed = parse_sarif(
      R"({"runs": [{"results": [{"ruleId": "a", "level": "warning", "message": {"text": "m"}},
                                {"ruleId": "b", "message": {"text": "m"}}]}]})",
      map);
  REQUIRE(parsed.ok());
  CHECK((*parsed)[0].severity == model::Severity::error);
  CHECK((*parsed)[1].severity == model::Severity::note);
}

TEST_CASE("an artifact index and an empty run are understood", "[plugins][sarif]") {
  ParsedFindings parsed = parse_sarif(
      R"({"runs": [{"results": []},
                   {"artifacts": [{"location": {"uri": "a.c"}}, {"location": {"uri": "file://host/abs/b.c"}}],
                    "results": [{"ruleId": "r", "message": {"text": "m"},
                                 "locations": [{"physicalLocation": {"artifactLocation": {"index": 1}}}]}]}]})",
      SeverityMap{});
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 1);
  CHECK((*parsed)[0].location.path == "/abs/b.c");
}

TEST_CASE("text that is not a SARIF log is an error, not zero findings", "[plugins][sarif]") {
  CHECK_FALSE(parse_sarif("", SeverityMap{}).ok());
  CHECK_FALSE(parse_sarif("Segmentation fault", SeverityMap{}).ok());
  CHECK_FALSE(parse_sarif(R"({"version": "2.1.0"})", SeverityMap{}).ok());
  CHECK_FALSE(parse_sarif(R"({"runs": [{"results": {"a": 1}}]})", SeverityMap{}).ok());
  CHECK_FALSE(parse_sarif(R"({"runs": [{"results": [1]}]})", SeverityMap{}).ok());
  // Odd but valid shapes do not throw.
  ParsedFindings odd = parse_sarif(
      R"({"runs": [{"results": [{"ruleId": 5, "message": "x", "locations": [{"physicalLocation": 3}]}]}]})",
      SeverityMap{});
  REQUIRE(odd.ok());
  CHECK((*odd)[0].rule_id == "5");
}
