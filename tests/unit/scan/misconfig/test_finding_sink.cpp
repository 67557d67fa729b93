// Tests of FindingSink and snippet() (stages/scan/misconfig/finding_sink.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/finding_sink.hpp"
#include "stages/scan/scan_types.hpp"

using namespace slipway;
using namespace slipway::scan::misconfig;

TEST_CASE("FindingSink fills the finding from the rule table and drops disabled rules",
          "[scan][misconfig][sink]") {
  std::vector<model::Finding> findings;
  RuleSet enabled;
  enabled.set();
  enabled.reset(static_cast<std::size_t>(Rule::dockerfile_sudo));
  FindingSink sink(findings, enabled, "Dockerfile");
  sink.add(Rule::kubernetes_privileged, 7, "message", 3);
  sink.add(Rule::dockerfile_sudo, 2, "dropped");
  sink.for_path("other.yml").add(Rule::parse_error, 0, "no line");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].tool == "slipway-scan");
  CHECK(findings[0].rule_id == "config/kubernetes/privileged");
  CHECK(findings[0].location.path == "Dockerfile");
  CHECK(findings[0].location.start_line == 7);
  CHECK(findings[0].location.start_column == 3);
  CHECK(findings[0].security_severity == spec_of(Rule::kubernetes_privileged).score);
  CHECK(findings[0].severity == model::Severity::error);
  CHECK(findings[1].rule_id == "config/parse-error");
  CHECK(findings[1].location.path == "other.yml");
  CHECK(findings[1].location.start_line == 0);
  CHECK(findings[1].severity == scan::to_model_severity(spec_of(Rule::parse_error).score));
}

TEST_CASE("snippet keeps valid UTF-8, replaces the rest and truncates", "[scan][misconfig][sink]") {
  CHECK(snippet("plain text") == "plain text");
  CHECK(snippet("caf\xc3\xa9") == "caf\xc3\xa9");
  CHECK(snippet("bad\xff\xfe byte") == "bad?? byte");
  CHECK(snippet("tab\tnew\nline") == "tab?new?line");
  CHECK(snippet("\xe2\x82") == "??");       // truncated sequence
  CHECK(snippet("\xc0\xaf") == "??");       // overlong encoding
  CHECK(snippet("\xed\xa0\x80") == "???");  // surrogate
  CHECK(snippet("abcdef", 3) == "abc…");
  CHECK(snippet("", 3).empty());
}
