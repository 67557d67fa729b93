// The acceptance test of the misconfiguration scan: the fixture folder bad/
// holds one marked violation per rule, good/ a clean twin of every file.
// Every rule of the rule table must fire exactly once in bad/, on the line its
// `expect:` marker names, and nothing may fire in good/. The expectations come
// from the rule table and the markers, so a rule added without a fixture
// fails here.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/misconfig_rules.hpp"
#include "util/strings.hpp"

using namespace slipway;
using scan::misconfig::Rule;
using scan::misconfig::rule_id;
using scan::misconfig::rule_specs;

namespace {

struct Marker {
  std::string rule;
  std::string path;
  int line = 0;  // where the finding must be
};

bool is_marker_only(const std::string& line) {
  const std::string_view body = util::trim(line);
  return (util::starts_with(body, "#") || util::starts_with(body, "//")) &&
         body.find("expect: ") != std::string_view::npos;
}

// The `expect: <rule>` markers of every file below `root` (see the fixtures' README.md).
std::vector<Marker> read_markers(const std::filesystem::path& root) {
  static const std::regex k_marker(R"(expect: (config/[a-z0-9/-]+))");
  std::vector<Marker> markers;
  for (const std::string& path : test::files_below(root)) {
    if (path == "README.md") continue;
    std::ifstream in(root / path);
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      std::smatch match;
      if (!std::regex_search(lines[i], match, k_marker)) continue;
      std::size_t target = i;
      if (is_marker_only(lines[i])) {
        target = i + 1;
        while (target < lines.size() && is_marker_only(lines[target])) ++target;
      }
      markers.push_back(Marker{match[1].str(), path, static_cast<int>(target) + 1});
    }
  }
  return markers;
}

std::vector<std::string> fixture_rules() {
  std::vector<std::string> ids;
  for (const auto& spec : rule_specs()) {
    if (spec.rule != Rule::parse_error) ids.push_back(rule_id(spec.rule));  // malformed-input tests cover it
  }
  return ids;
}

}  // namespace

TEST_CASE("every rule has exactly one marked violation in the bad fixtures", "[scan][misconfig][fixtures]") {
  const std::vector<Marker> markers = read_markers(test::k_misconfig_fixtures / "bad");
  const std::vector<std::string> rules = fixture_rules();
  for (const std::string& rule : rules) {
    INFO("rule " << rule);
    CHECK(std::count_if(markers.begin(), markers.end(), [&](const Marker& m) { return m.rule == rule; }) ==
          1);
  }
  for (const Marker& marker : markers) {
    INFO("marker " << marker.rule << " in " << marker.path << ":" << marker.line);
    CHECK(std::find(rules.begin(), rules.end(), marker.rule) != rules.end());
  }
  CHECK(markers.size() == rules.size());
}

TEST_CASE("the good fixtures are a twin of every bad fixture file", "[scan][misconfig][fixtures]") {
  CHECK(test::files_below(test::k_misconfig_fixtures / "bad") ==
        test::files_below(test::k_misconfig_fixtures / "good"));
  CHECK(read_markers(test::k_misconfig_fixtures / "good").empty());
}

TEST_CASE("every rule fires exactly once on the bad fixtures, on the marked line",
          "[scan][misconfig][fixtures]") {
  const std::filesystem::path root = test::k_misconfig_fixtures / "bad";
  const scan::ScanOutcome outcome = test::scan_folder(root);
  INFO("findings:\n" << test::describe(outcome.findings));
  const std::vector<Marker> markers = read_markers(root);
  for (const Marker& marker : markers) {
    const std::vector<model::Finding> found = test::with_rule(outcome.findings, marker.rule);
    INFO("rule " << marker.rule << " expected at " << marker.path << ":" << marker.line);
    REQUIRE(found.size() == 1);
    CHECK(found.front().location.path == marker.path);
    CHECK(found.front().location.start_line == marker.line);
    CHECK(found.front().tool == "slipway-scan");
    REQUIRE(found.front().security_severity.has_value());
    CHECK(found.front().severity == scan::to_model_severity(*found.front().security_severity));
    CHECK_FALSE(found.front().message.empty());
  }
  CHECK(outcome.findings.size() == markers.size());
  CHECK(outcome.rules.size() == rule_specs().size());
}

TEST_CASE("the good fixtures yield no finding and every file is checked", "[scan][misconfig][fixtures]") {
  const std::filesystem::path root = test::k_misconfig_fixtures / "good";
  const scan::ScanOutcome outcome = test::scan_folder(root);
  INFO("findings:\n" << test::describe(outcome.findings));
  CHECK(outcome.findings.empty());
  std::set<std::string> checked;
  for (const model::CheckedFile& file : outcome.checked) checked.insert(file.path);
  for (const std::string& path : test::files_below(root)) {
    if (path == "README.md") continue;
    INFO("file " << path);
    CHECK(checked.count(path) == 1);
  }
}

TEST_CASE("no finding message repeats a secret value from the fixtures", "[scan][misconfig][fixtures]") {
  const scan::ScanOutcome outcome = test::scan_folder(test::k_misconfig_fixtures / "bad");
  for (const model::Finding& finding : outcome.findings) {
    INFO(finding.rule_id << ": " << finding.message);
    CHECK(finding.message.find("not-a-real") == std::string::npos);
  }
}
