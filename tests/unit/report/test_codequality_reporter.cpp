// Tests for core/report/codequality_reporter.cpp: GitLab Code Quality fields,
// severity mapping and fingerprints unique per entry.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>

#include "report/formats.hpp"
#include "report_test_support.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("codequality is an array of issues with the fields GitLab requires", "[codequality]") {
  const std::string text = render_codequality(test::sample_input());
  CHECK(text.rfind("[", 0) == 0);  // no byte-order mark, starts with the array
  const auto issues = nlohmann::json::parse(text);
  REQUIRE(issues.is_array());
  REQUIRE(issues.size() == 5);
  for (const auto& issue : issues) {
    CHECK(issue["description"].is_string());
    CHECK(issue["check_name"].is_string());
    CHECK(issue["fingerprint"].is_string());
    CHECK(issue["location"]["path"].is_string());
    CHECK(issue["location"]["lines"]["begin"].get<int>() >= 1);
  }
  // Sorted like every report: the repository-wide finding first.
  CHECK(issues[0]["location"]["path"] == ".");
  CHECK(issues[0]["location"]["lines"]["begin"] == 1);
  CHECK(issues[4]["check_name"] == "shellcheck/SC2086");
  CHECK(issues[4]["engine_name"] == "shellcheck");
  CHECK(issues[4]["description"] == "Double quote <$x> & \"y\" 'z'");
  CHECK(issues[4]["location"] == nlohmann::json({{"path", "src/a.sh"}, {"lines", {{"begin", 5}}}}));
  CHECK(issues[4]["fingerprint"] == util::sha256_hex("fp-sc2086"));
}

TEST_CASE("codequality maps severities onto GitLab's", "[codequality]") {
  const auto issues = nlohmann::json::parse(render_codequality(test::sample_input()));
  std::map<std::string, std::string> by_rule;
  for (const auto& issue : issues) by_rule[issue["check_name"]] = issue["severity"];
  CHECK(by_rule["final-newline"] == "info");
  CHECK(by_rule["trailing-whitespace"] == "minor");
  CHECK(by_rule["shellcheck/SC2086"] == "major");
  CHECK(by_rule["secret/aws-access-key"] == "critical");  // security severity 9.5
}

TEST_CASE("codequality fingerprints are unique even for identical findings", "[codequality]") {
  auto input = test::sample_input();
  const auto duplicate = input.findings[0];
  input.findings.push_back(duplicate);
  input.findings.push_back(duplicate);
  auto unfingerprinted = test::make_finding("t", "r", model::Severity::warning, "x", 1, 1, "same", "");
  input.findings.push_back(unfingerprinted);
  input.findings.push_back(unfingerprinted);

  const auto issues = nlohmann::json::parse(render_codequality(input));
  REQUIRE(issues.size() == 9);
  std::set<std::string> fingerprints;
  for (const auto& issue : issues) fingerprints.insert(issue["fingerprint"].get<std::string>());
  CHECK(fingerprints.size() == issues.size());
  // The first occurrence keeps the plain hash, so it is stable across runs.
  CHECK(fingerprints.count(util::sha256_hex("fp-trailing")) == 1);
  CHECK(fingerprints.count(util::sha256_hex("fp-trailing:1")) == 1);
  CHECK(fingerprints.count(util::sha256_hex("fp-trailing:2")) == 1);
}

TEST_CASE("codequality of no findings is an empty array", "[codequality]") {
  auto input = test::sample_input();
  input.findings.clear();
  CHECK(nlohmann::json::parse(render_codequality(input)) == nlohmann::json::array());
}
