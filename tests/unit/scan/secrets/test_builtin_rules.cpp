// Tests of the built-in rule set (stages/scan/secrets/builtin_rules*.cpp):
// its size and metadata, and that every rule finds its own sample — and only
// that rule does, since overlapping secrets go to the most specific rule.
#include <catch2/catch.hpp>
#include <fstream>
#include <iterator>
#include <regex>
#include <set>

#include "rule_samples.hpp"
#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"

using namespace slipway::scan::secrets;
using namespace slipway::scan::secrets::test_support;

TEST_CASE("the built-in rule set has at least 120 rules with sound metadata") {
  const auto& rules = builtin_rules();
  CHECK(rules.size() >= 120);
  std::set<std::string> ids;
  for (const SecretRule& rule : rules) {
    INFO(rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(std::regex_match(rule.id, std::regex("secret/[a-z0-9]+(-[a-z0-9]+)*")));
    CHECK_FALSE(rule.description.empty());
    CHECK_FALSE(rule.provider.empty());
    CHECK(rule.score >= 0.0);
    CHECK(rule.score <= 10.0);
    CHECK(rule.secret_group >= 0);
    CHECK(rule.pattern.find('{' + std::string("assign}")) == std::string::npos);  // shorthands expanded
  }
}

TEST_CASE("every built-in pattern, capture group and allow list is valid") {
  CHECK(validate_rules(builtin_rules()).ok());
  CHECK_NOTHROW(default_matcher());
}

TEST_CASE("every built-in rule has a sample, and each sample is found by its rule only") {
  std::set<std::string> sampled;
  for (const RuleSample& sample : rule_samples()) sampled.insert(std::string(sample.id));
  for (const SecretRule& rule : builtin_rules()) {
    INFO(rule.id);
    CHECK(sampled.count(rule.id) == 1);
  }
  CHECK(sampled.size() == rule_samples().size());

  for (const RuleSample& sample : rule_samples()) {
    SampleBuilder builder(sample.id);
    const std::string text = "first line\n" + builder.expand(sample.text) + "\nlast line\n";
    const auto found = scan_text(text);
    INFO(sample.id << "\n" << text);
    const auto ids = rule_ids(default_matcher(), found);
    CHECK(ids == std::vector<std::string>{std::string(sample.id)});
    if (!found.empty()) CHECK(found[0].line == 1 + sample.line);
  }
}

TEST_CASE("rule families the issue names are all covered") {
  std::set<std::string> ids;
  for (const SecretRule& rule : builtin_rules()) ids.insert(rule.id);
  for (const char* id :
       {"secret/aws-access-key-id", "secret/gcp-api-key", "secret/azure-storage-account-key",
        "secret/github-pat", "secret/gitlab-pat", "secret/circleci-token", "secret/stripe-live-secret-key",
        "secret/slack-bot-token", "secret/sendgrid-api-key", "secret/npm-access-token",
        "secret/postgres-uri-password", "secret/private-key", "secret/jwt", "secret/url-with-password",
        "secret/generic-password", "secret/generic-api-key"}) {
    CHECK(ids.count(id) == 1);
  }
}

TEST_CASE("docs/scan-secrets.md lists every built-in rule") {
  std::ifstream in(std::string(SLIPWAY_SOURCE_DIR) + "/docs/scan-secrets.md");
  REQUIRE(in.good());
  const std::string doc((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  for (const SecretRule& rule : builtin_rules()) {
    INFO(rule.id);
    CHECK(doc.find("| `" + rule.id + "` | " + rule.description + " |") != std::string::npos);
  }
}
