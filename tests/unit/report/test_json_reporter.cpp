// Tests for core/report/json_reporter.cpp: the documented schema
// (docs/json-report.md) parsed back with nlohmann-json.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("json report has version, tool, stage, summary, findings and notes", "[json]") {
  const auto report = nlohmann::json::parse(render_json(test::sample_input()));
  CHECK(report["version"] == 1);
  CHECK(report["tool"]["name"] == "slipway");
  CHECK(report["tool"]["version"] == "0.1.0");
  CHECK(report["stage"] == "lint");
  CHECK(report["ci"]["platform"] == "local");
  CHECK(report["ci"]["commit"] == "0123456789abcdef0123456789abcdef01234567");

  const auto& summary = report["summary"];
  CHECK(summary["total"] == 5);
  CHECK(summary["errors"] == 2);
  CHECK(summary["warnings"] == 2);
  CHECK(summary["notes"] == 1);
  CHECK(summary["files_checked"] == 40);
  CHECK(summary["fixed_files"] == 1);
  CHECK(summary["duration_ms"] == 210);
  CHECK(summary["fail_on"] == "error");
  CHECK(summary["failed"] == true);

  CHECK(report["notes"] ==
        nlohmann::json::array({"history too shallow to find the merge base: linted all files"}));
  CHECK(report["fixed_files"] == nlohmann::json::array({"src/fixed.sh"}));
}

TEST_CASE("json findings carry every field, sorted, optional ones only when set", "[json]") {
  const auto report = nlohmann::json::parse(render_json(test::sample_input()));
  const auto& findings = report["findings"];
  REQUIRE(findings.size() == 5);
  CHECK(findings[0]["path"] == "");
  CHECK(findings[1]["path"] == "config/.env");
  CHECK(findings[4]["rule"] == "SC2086");

  const auto& secret = findings[1];
  CHECK(secret["tool"] == "slipway");
  CHECK(secret["rule"] == "secret/aws-access-key");
  CHECK(secret["severity"] == "error");
  CHECK(secret["security_severity"] == 9.5);
  CHECK(secret["line"] == 2);
  CHECK(secret["column"] == 1);
  CHECK(secret["end_line"] == 2);  // 0 in the model means "same as line"
  CHECK(secret["end_column"] == 0);
  CHECK(secret["fingerprint"] == "fp-secret");
  CHECK_FALSE(secret.contains("fix"));

  const auto& trailing = findings[3];
  CHECK(trailing["rule"] == "trailing-whitespace");
  CHECK(trailing["end_column"] == 12);
  CHECK(trailing["fix"] == "remove 2 trailing spaces");
  CHECK_FALSE(trailing.contains("security_severity"));

  CHECK(findings[4]["message"] == "Double quote <$x> & \"y\" 'z'");
}

TEST_CASE("json findings carry their properties as an object, only when there are some", "[json]") {
  auto input = test::sample_input();
  input.findings[0].properties = {{"package", "lodash"}, {"version", "4.17.20"}, {"aliases", "CVE-1,GHSA-2"}};
  const auto report = nlohmann::ordered_json::parse(render_json(input));
  std::size_t with_properties = 0;
  for (const auto& finding : report["findings"]) {
    if (!finding.contains("properties")) continue;
    ++with_properties;
    CHECK(finding["rule"] == "trailing-whitespace");
    CHECK(
        finding["properties"] ==
        nlohmann::ordered_json({{"package", "lodash"}, {"version", "4.17.20"}, {"aliases", "CVE-1,GHSA-2"}}));
    // In the model's order.
    CHECK(finding["properties"].begin().key() == "package");
  }
  CHECK(with_properties == 1);
}

TEST_CASE("json summary says not failed when fail_on is never", "[json]") {
  auto input = test::sample_input();
  input.fail_on = model::FailOn{};
  const auto report = nlohmann::json::parse(render_json(input));
  CHECK(report["summary"]["fail_on"] == "never");
  CHECK(report["summary"]["failed"] == false);
}
