// Tests of the capture-and-gate engine (stages/scan/secrets/secret_matcher.cpp)
// and of the finding text (secret_findings.cpp): entropy, placeholders,
// keywords, allow lists, specificity, word boundaries, redaction.
#include <catch2/catch.hpp>
#include <string>

#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/secret_findings.hpp"

using namespace slipway::scan::secrets;
using namespace slipway::scan::secrets::test_support;

namespace {

SecretMatcher matcher_with(std::vector<SecretRule> extra, SecretSettings settings = {}) {
  settings.rules = builtin_rules();
  for (SecretRule& rule : extra) settings.rules.push_back(std::move(rule));
  auto matcher = SecretMatcher::create(settings);
  REQUIRE(matcher.ok());
  return std::move(*matcher);
}

SecretRule user_rule(std::string id, std::string pattern) {
  SecretRule rule;
  rule.id = std::move(id);
  rule.description = "test rule";
  rule.provider = "tests";
  rule.pattern = std::move(pattern);
  rule.origin = "test";
  rule.builtin = false;
  return rule;
}

std::string github_token() {
  SampleBuilder builder("matcher-github");
  return builder.expand("ghp_{a:36}");
}

}  // namespace

TEST_CASE("Shannon entropy in bits per byte") {
  CHECK(shannon_entropy("") == 0.0);
  CHECK(shannon_entropy("aaaaaaaa") == 0.0);
  CHECK(shannon_entropy("abababab") == Approx(1.0));
  CHECK(shannon_entropy("abcdefgh") == Approx(3.0));
  std::string all;
  for (int c = 0; c < 256; ++c) all.push_back(static_cast<char>(c));
  CHECK(shannon_entropy(all) == Approx(8.0));
}

TEST_CASE("placeholders are recognised") {
  for (const char* value :
       {"AKIAIOSFODNN7EXAMPLE", "xxxxxxxxxxxx", "XXXXXXXX", "************", "${API_TOKEN}", "$API_TOKEN",
        "{{ token }}", "<your-api-key>", "changeme", "your_api_key_here", "PLACEHOLDER_TOKEN", "redacted",
        "password", "aaaaaaaaaaaa", "abc1234567890"}) {
    INFO(value);
    CHECK(is_placeholder(value));
  }
  SampleBuilder builder("placeholders");
  for (int i = 0; i < 50; ++i) CHECK_FALSE(is_placeholder(builder.random('a', 40)));
}

TEST_CASE("the most specific rule wins where secrets overlap") {
  const std::string token = github_token();
  const auto found = scan_text("GITHUB_TOKEN = \"" + token + "\"\npassword: \"" + token + "\"\n");
  const auto ids = rule_ids(default_matcher(), found);
  CHECK(ids == std::vector<std::string>{"secret/github-pat", "secret/github-pat"});
}

TEST_CASE("a token glued to other word characters is not a match") {
  const std::string token = github_token();
  CHECK(scan_text("x" + token).empty());
  CHECK(scan_text(token + "x").empty());
  CHECK(scan_text("_" + token).empty());
  CHECK(scan_text("'" + token + "'").size() == 1);
}

TEST_CASE("columns and secrets of several matches on one line") {
  const std::string token = github_token();
  const std::string line = "a " + token + " b " + token + "\n";
  const auto found = scan_text(line);
  REQUIRE(found.size() == 2);
  CHECK(found[0].line == 1);
  CHECK(found[0].column == 3);
  CHECK(found[0].end_column == 3 + static_cast<int>(token.size()));
  CHECK(found[1].column == static_cast<int>(line.find(token, 3)) + 1);
  CHECK(found[0].secret == token);
}

TEST_CASE("the generic rules need entropy and skip code-like values") {
  SampleBuilder builder("generic-entropy");
  CHECK(scan_text(R"(api_key = "aaaabbbbccccddddaaaabbbb")").empty());  // entropy 2
  CHECK(scan_text(R"(token = "ProcessTokenStore")").empty());
  CHECK(scan_text(R"(password: "config.database.password")").empty());
  CHECK(scan_text(R"(password = "123456789012")").empty());
  CHECK(scan_text(R"(api_key: "route-credentials-ingress")").empty());  // names a credential
  CHECK(scan_text(builder.expand(R"(password = "{a:14}")")).size() == 1);
}

TEST_CASE("keywords must occur in the match") {
  auto matcher = matcher_with({[] {
    SecretRule rule = user_rule("secret/test-keyworded", R"((?:acme|other)_key=([a-z0-9]{20}))");
    rule.keywords = {"acme"};
    return rule;
  }()});
  SampleBuilder builder("keywords");
  CHECK(rule_ids(matcher, scan_text(matcher, builder.expand("acme_key={z:20}"))) ==
        std::vector<std::string>{"secret/test-keyworded"});
  CHECK(scan_text(matcher, builder.expand("other_key={z:20}")).empty());
}

TEST_CASE("allow-values and allow-paths, per rule and global") {
  const std::string token = github_token();
  SECTION("a rule's allow-paths skip the rule in matching files only") {
    SecretSettings settings;
    settings.rules = builtin_rules();
    for (SecretRule& rule : settings.rules) {
      if (rule.id == "secret/github-pat") rule.allow_paths = {"fixtures/**"};
    }
    auto matcher = SecretMatcher::create(settings);
    REQUIRE(matcher.ok());
    CHECK(scan_text(*matcher, token, "fixtures/a/b.txt").empty());
    CHECK(scan_text(*matcher, token, "src/b.txt").size() == 1);
  }
  SECTION("global allow-paths skip the file") {
    SecretSettings settings;
    settings.allow_paths = {"*.snap"};
    auto matcher = matcher_with({}, settings);
    CHECK(scan_text(matcher, token, "ui/x.snap").empty());
    CHECK(scan_text(matcher, token, "ui/x.txt").size() == 1);
  }
  SECTION("global and per-rule allow-values drop matching secrets") {
    SecretSettings settings;
    settings.allow_values = {"^" + token.substr(0, 12)};
    auto matcher = matcher_with({}, settings);
    CHECK(scan_text(matcher, token).empty());
    SecretRule rule = user_rule("secret/test-allowed", R"(\b(tst_[a-z]{12})\b)");
    rule.allow_values = {"^tst_aaaa"};
    auto with_rule = matcher_with({rule});
    CHECK(scan_text(with_rule, "tst_aaaabcdefghi").empty());
    CHECK(scan_text(with_rule, "tst_bcdefghijklm").size() == 1);
  }
}

TEST_CASE("a user pattern that std::regex or Vectorscan rejects is an error naming the rule") {
  SecretSettings settings;
  settings.rules = {user_rule("secret/test-broken", "abc(")};
  auto broken = SecretMatcher::create(settings);
  REQUIRE_FALSE(broken.ok());
  CHECK_THAT(broken.error().message, Catch::Contains("secret/test-broken"));

  settings.rules = {user_rule("secret/test-backref", R"((ab)\1)")};
  auto backref = SecretMatcher::create(settings);
  REQUIRE_FALSE(backref.ok());
  CHECK_THAT(backref.error().message, Catch::Contains("secret/test-backref"));
  CHECK_THAT(backref.error().message, Catch::Contains("Vectorscan"));
}

TEST_CASE("redaction shows four printable characters, never more") {
  const std::string token = github_token();
  CHECK(redacted_secret(token) == "ghp_\xE2\x80\xA6");
  CHECK(redacted_secret("short") == "\xE2\x80\xA6");
  CHECK(redacted_secret(std::string("\x01\x02secretvalue", 13)) == "\xE2\x80\xA6");
  CHECK(redacted_secret("\xC3\xA9t\xC3\xA9secretvalue") == "\xE2\x80\xA6");
}
