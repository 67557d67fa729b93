// Tests of the rule table (stages/scan/misconfig/misconfig_rules.cpp), the
// RuleInfo derived from it, and docs/rules/misconfig.md, which must carry the
// same text for every rule.
#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/misconfig_rules.hpp"
#include "util/strings.hpp"

using namespace slipway;
using namespace slipway::scan::misconfig;

namespace {

// Whitespace runs become one space, so wrapped Markdown compares with one-line text.
std::string normalized(std::string_view text) {
  std::string out;
  bool space = false;
  for (const char c : text) {
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out += c;
  }
  return out;
}

// The text outside `code spans`, where a double space would be a joining mistake.
std::string prose_of(std::string_view text) {
  std::string out;
  bool in_code = false;
  for (const char c : text) {
    if (c == '`') in_code = !in_code;
    if (!in_code) out += c;
  }
  return out;
}

std::string read_doc(const std::string& relative) {
  std::ifstream in(std::filesystem::path(SLIPWAY_SOURCE_DIR) / relative);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("the rule table is in Rule order with unique, well-formed ids", "[scan][misconfig][rules]") {
  static const std::regex k_id(
      R"(config/((dockerfile|kubernetes|github-actions|gitlab-ci|jenkins)/)?[a-z0-9]+(-[a-z0-9]+)*)");
  std::set<std::string> ids;
  for (std::size_t i = 0; i < rule_specs().size(); ++i) {
    const RuleSpec& spec = rule_specs()[i];
    INFO(rule_id(spec.rule));
    CHECK(static_cast<std::size_t>(spec.rule) == i);
    CHECK(std::regex_match(rule_id(spec.rule), k_id));
    CHECK((spec.area == Area::none) == (spec.rule == Rule::parse_error));
    CHECK(spec.score >= 0.0);
    CHECK(spec.score <= 10.0);
    for (const std::string_view text : {spec.title, spec.what, spec.why, spec.fix}) {
      CHECK(text.size() > 10);
      CHECK(prose_of(text).find("  ") == std::string::npos);
      CHECK(text.front() != ' ');
      CHECK(text.back() != ' ');
    }
    ids.insert(rule_id(spec.rule));
  }
  CHECK(ids.size() == k_rule_count);
  CHECK(rule_id(Rule::parse_error) == "config/parse-error");
  CHECK(rule_id(Rule::github_unpinned_action) == "config/github-actions/unpinned-action");
  CHECK(rule_anchor(Rule::gitlab_token_printed) == "configgitlab-citoken-printed");
}

TEST_CASE("every area of the issue has its rules", "[scan][misconfig][rules]") {
  std::map<Area, int> per_area;
  for (const RuleSpec& spec : rule_specs()) ++per_area[spec.area];
  CHECK(per_area[Area::dockerfile] == 8);
  CHECK(per_area[Area::kubernetes] == 10);
  CHECK(per_area[Area::github_actions] == 8);
  CHECK(per_area[Area::gitlab_ci] == 4);
  CHECK(per_area[Area::jenkins] == 2);
}

TEST_CASE("misconfig_rules mirrors the table for SARIF and the other reports", "[scan][misconfig][rules]") {
  const std::vector<model::RuleInfo> rules = scan::misconfig_rules();
  REQUIRE(rules.size() == k_rule_count);
  for (std::size_t i = 0; i < rules.size(); ++i) {
    const RuleSpec& spec = rule_specs()[i];
    const model::RuleInfo& rule = rules[i];
    INFO(rule.id);
    CHECK(rule.id == rule_id(spec.rule));
    CHECK(rule.tool == "slipway-scan");
    CHECK(rule.short_description == spec.title);
    CHECK(rule.full_description == std::string(spec.what) + " " + std::string(spec.why));
    CHECK(rule.help == spec.fix);
    CHECK(rule.help_uri == "https://github.com/slipway-ci/slipway/blob/main/docs/rules/misconfig.md#" +
                               rule_anchor(spec.rule));
    REQUIRE(rule.security_severity.has_value());
    CHECK(*rule.security_severity == spec.score);
    CHECK(rule.default_severity == scan::to_model_severity(spec.score));
  }
}

TEST_CASE("docs/rules/misconfig.md documents every rule with the table's text",
          "[scan][misconfig][rules][docs]") {
  const std::string doc = read_doc("docs/rules/misconfig.md");
  REQUIRE_FALSE(doc.empty());
  const std::string flat = normalized(doc);
  std::set<std::string> headings;
  std::istringstream lines(doc);
  for (std::string line; std::getline(lines, line);) {
    if (util::starts_with(line, "### ")) headings.insert(line.substr(4));
  }
  std::set<std::string> ids;
  for (const RuleSpec& spec : rule_specs()) {
    const std::string id = rule_id(spec.rule);
    INFO(id);
    ids.insert(id);
    CHECK(headings.count(id) == 1);
    CHECK(flat.find(normalized(std::string("**") + std::string(spec.title) + ".**")) != std::string::npos);
    CHECK(flat.find(normalized("**What.** " + std::string(spec.what))) != std::string::npos);
    CHECK(flat.find(normalized("**Why.** " + std::string(spec.why))) != std::string::npos);
    CHECK(flat.find(normalized("**How to fix.** " + std::string(spec.fix))) != std::string::npos);
    std::ostringstream score;
    score.precision(1);
    score << std::fixed << spec.score;
    CHECK(flat.find(normalized(std::string(spec.title) + ".** Security severity " + score.str())) !=
          std::string::npos);
  }
  CHECK(headings == ids);
}

TEST_CASE("docs/scan-misconfig.md links every rule and lists every key", "[scan][misconfig][rules][docs]") {
  const std::string doc = read_doc("docs/scan-misconfig.md");
  REQUIRE_FALSE(doc.empty());
  for (const RuleSpec& spec : rule_specs()) {
    INFO(rule_id(spec.rule));
    CHECK(doc.find("(rules/misconfig.md#" + rule_anchor(spec.rule) + ")") != std::string::npos);
  }
  for (const model::ConfigKey& key : scan::misconfig_config_schema()) {
    INFO(key.path);
    CHECK(doc.find("`" + key.path + "`") != std::string::npos);
  }
}
