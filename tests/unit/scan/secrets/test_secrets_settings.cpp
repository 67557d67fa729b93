// Tests of the effective settings (stages/scan/secrets/secrets_settings.cpp,
// rules_file.cpp, secrets_schema.cpp): user rules from .slipway.yml and from
// a rules file add, override and disable rules; every mistake is an error
// that names the rule and where it was written.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <string>

#include "../../util/temp_folder.hpp"
#include "model/config.hpp"
#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/secret_scan.hpp"

using namespace slipway;
using namespace slipway::scan::secrets;

namespace {

model::Config config_from(const std::string& yaml) {
  model::Config config(scan::secrets_config_schema());
  auto applied = config.apply_yaml_text(yaml, ".slipway.yml");
  if (!applied) FAIL(applied.error().to_string());
  return config;
}

const SecretRule* find_rule(const SecretSettings& settings, const std::string& id) {
  for (const SecretRule& rule : settings.rules) {
    if (rule.id == id) return &rule;
  }
  return nullptr;
}

std::string builtin_pattern(const std::string& id) {
  for (const SecretRule& rule : builtin_rules()) {
    if (rule.id == id) return rule.pattern;
  }
  return {};
}

}  // namespace

TEST_CASE("the scan.secrets schema is sound") {
  CHECK(model::schema_problems(scan::secrets_config_schema()).empty());
}

TEST_CASE("no configuration means the built-in rules and defaults") {
  auto settings = load_secret_settings(nullptr, "");
  REQUIRE(settings.ok());
  CHECK(settings->rules.size() == builtin_rules().size());
  CHECK(settings->max_file_size == k_default_max_file_size);
}

TEST_CASE("scan.secrets.cache-dir: off, a folder under the repository, or the user's cache folder") {
  auto off = config_from("scan:\n  secrets:\n    cache-dir: \"off\"\n");
  auto settings = load_secret_settings(&off, "/repo");
  REQUIRE(settings.ok());
  CHECK(settings->cache_dir.empty());

  auto relative = config_from("scan:\n  secrets:\n    cache-dir: .cache/rules\n");
  settings = load_secret_settings(&relative, "/repo");
  REQUIRE(settings.ok());
  CHECK(settings->cache_dir == std::filesystem::path("/repo/.cache/rules"));

  auto defaults = config_from("scan:\n  secrets:\n    max-file-size: 100\n");
  settings = load_secret_settings(&defaults, "/repo");
  REQUIRE(settings.ok());
  if (std::getenv("HOME") != nullptr || std::getenv("XDG_CACHE_HOME") != nullptr) {
    CHECK(settings->cache_dir.is_absolute());
    CHECK(settings->cache_dir.filename() == "vectorscan");
    CHECK(settings->cache_dir.parent_path().filename() == "slipway");
  } else {
    CHECK(settings->cache_dir.empty());
  }
}

TEST_CASE("configuration keys reach the settings") {
  auto config = config_from(
      "scan:\n  secrets:\n    max-file-size: 2048\n    allow-paths: [\"test/**\"]\n"
      "    allow-values: [\"^AKIA0000\"]\n    disable: [secret/jwt, generic-password]\n");
  auto settings = load_secret_settings(&config, "");
  REQUIRE(settings.ok());
  CHECK(settings->max_file_size == 2048);
  CHECK(settings->allow_paths == std::vector<std::string>{"test/**"});
  CHECK(settings->allow_values == std::vector<std::string>{"^AKIA0000"});
  CHECK(find_rule(*settings, "secret/jwt") == nullptr);
  CHECK(find_rule(*settings, "secret/generic-password") == nullptr);
  CHECK(settings->rules.size() == builtin_rules().size() - 2);
}

TEST_CASE("disabling an unknown rule is an error with a suggestion") {
  auto config = config_from("scan:\n  secrets:\n    disable: [secret/github-pta]\n");
  auto settings = load_secret_settings(&config, "");
  REQUIRE_FALSE(settings.ok());
  CHECK_THAT(settings.error().message, Catch::Contains("secret/github-pta"));
  CHECK_THAT(settings.error().hint, Catch::Contains("secret/github-pat"));
}

TEST_CASE("rules in .slipway.yml add new rules and override built-in ones") {
  auto config = config_from(
      "scan:\n  secrets:\n    rules:\n"
      "      acme-token:\n        pattern: '\\b(acme_[a-z0-9]{24})\\b'\n        description: ACME deploy "
      "token\n"
      "        score: '9.5'\n        min-entropy: '3'\n"
      "      jwt:\n        score: '2.0'\n        allow-paths: ['fixtures/**']\n"
      "      slack-bot-token:\n        enabled: false\n");
  auto settings = load_secret_settings(&config, "");
  REQUIRE(settings.ok());
  const SecretRule* acme = find_rule(*settings, "secret/acme-token");
  REQUIRE(acme != nullptr);
  CHECK(acme->description == "ACME deploy token");
  CHECK(acme->score == 9.5);
  CHECK(acme->min_entropy == 3.0);
  CHECK_FALSE(acme->builtin);
  const SecretRule* jwt = find_rule(*settings, "secret/jwt");
  REQUIRE(jwt != nullptr);
  CHECK(jwt->score == 2.0);
  CHECK(jwt->allow_paths == std::vector<std::string>{"fixtures/**"});
  CHECK(jwt->pattern == builtin_pattern("secret/jwt"));
  CHECK(find_rule(*settings, "secret/slack-bot-token") == nullptr);

  auto matcher = SecretMatcher::create(*settings);
  REQUIRE(matcher.ok());
  test_support::SampleBuilder builder("acme");
  const auto found = test_support::scan_text(*matcher, builder.expand("deploy acme_{z:24} now"));
  CHECK(test_support::rule_ids(*matcher, found) == std::vector<std::string>{"secret/acme-token"});
}

TEST_CASE("an invalid pattern in .slipway.yml names the rule and where it is") {
  auto config = config_from("scan:\n  secrets:\n    rules:\n      broken:\n        pattern: 'abc(['\n");
  auto settings = load_secret_settings(&config, "");
  REQUIRE_FALSE(settings.ok());
  CHECK_THAT(settings.error().message, Catch::Contains("secret/broken"));
  CHECK_THAT(settings.error().message, Catch::Contains(".slipway.yml:5"));
}

TEST_CASE("a new rule without a pattern, a bad score or a missing group is an error") {
  auto no_pattern = config_from("scan:\n  secrets:\n    rules:\n      newone:\n        description: x\n");
  auto a = load_secret_settings(&no_pattern, "");
  REQUIRE_FALSE(a.ok());
  CHECK_THAT(a.error().message, Catch::Contains("secret/newone"));

  auto bad_score = config_from("scan:\n  secrets:\n    rules:\n      jwt:\n        score: high\n");
  auto b = load_secret_settings(&bad_score, "");
  REQUIRE_FALSE(b.ok());
  CHECK_THAT(b.error().message, Catch::Contains("secret/jwt"));
  CHECK_THAT(b.error().message, Catch::Contains("score"));

  auto bad_group = config_from(
      "scan:\n  secrets:\n    rules:\n      grp:\n        pattern: 'tok_[a-z]{9}'\n        secret-group: "
      "2\n");
  auto c = load_secret_settings(&bad_group, "");
  REQUIRE_FALSE(c.ok());
  CHECK_THAT(c.error().message, Catch::Contains("secret/grp"));
  CHECK_THAT(c.error().message, Catch::Contains("secret-group 2"));
}

TEST_CASE("invalid allow-values regexes are errors") {
  auto global = config_from("scan:\n  secrets:\n    allow-values: ['(unclosed']\n");
  CHECK_FALSE(load_secret_settings(&global, "").ok());
  auto per_rule = config_from("scan:\n  secrets:\n    rules:\n      jwt:\n        allow-values: ['[z-a]']\n");
  auto settings = load_secret_settings(&per_rule, "");
  REQUIRE_FALSE(settings.ok());
  CHECK_THAT(settings.error().message, Catch::Contains("secret/jwt"));
}

TEST_CASE("a rules file adds and overrides rules") {
  slipway::test::TempFolder folder;
  folder.write("security/rules.yml",
               "rules:\n"
               "  - id: secret/acme-key\n    description: ACME key\n    pattern: 'ACME-([A-Z0-9]{16})'\n"
               "    keywords: [acme]\n    case-insensitive: true\n    score: 8\n"
               "  - id: github-pat\n    allow-values: ['^ghp_0000']\n");
  auto config = config_from("scan:\n  secrets:\n    rules-file: security/rules.yml\n");
  auto settings = load_secret_settings(&config, folder.path().string());
  REQUIRE(settings.ok());
  const SecretRule* acme = find_rule(*settings, "secret/acme-key");
  REQUIRE(acme != nullptr);
  CHECK(acme->caseless);
  CHECK(acme->keywords == std::vector<std::string>{"acme"});
  CHECK(acme->origin == "security/rules.yml:2:5");
  CHECK(find_rule(*settings, "secret/github-pat")->allow_values == std::vector<std::string>{"^ghp_0000"});
}

TEST_CASE("mistakes in a rules file carry file:line:column") {
  SECTION("invalid pattern") {
    slipway::test::TempFolder folder;
    folder.write("rules.yml", "rules:\n  - id: bad-one\n    pattern: '(?<name>x)'\n");
    auto config = config_from("scan:\n  secrets:\n    rules-file: rules.yml\n");
    auto settings = load_secret_settings(&config, folder.path().string());
    REQUIRE_FALSE(settings.ok());
    CHECK_THAT(settings.error().message, Catch::Contains("secret/bad-one"));
    CHECK_THAT(settings.error().message, Catch::Contains("rules.yml:2:5"));
  }
  SECTION("unknown field") {
    auto parsed = parse_rules_file("rules:\n  - id: x\n    patterns: 'a'\n", "rules.yml");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().file == "rules.yml");
    CHECK(parsed.error().line == 3);
    CHECK_THAT(parsed.error().hint, Catch::Contains("pattern"));
  }
  SECTION("not YAML") {
    auto parsed = parse_rules_file("rules: [\n", "rules.yml");
    REQUIRE_FALSE(parsed.ok());
    CHECK(parsed.error().line >= 1);
  }
  SECTION("missing id, wrong types") {
    CHECK_FALSE(parse_rules_file("rules:\n  - pattern: 'a'\n", "r.yml").ok());
    CHECK_FALSE(parse_rules_file("rules:\n  - id: a\n    score: 11\n", "r.yml").ok());
    CHECK_FALSE(parse_rules_file("rules:\n  - id: a\n    keywords: {a: b}\n", "r.yml").ok());
    CHECK_FALSE(parse_rules_file("rules: 3\n", "r.yml").ok());
    CHECK_FALSE(parse_rules_file("other: []\n", "r.yml").ok());
  }
  SECTION("missing file") {
    auto config = config_from("scan:\n  secrets:\n    rules-file: nowhere.yml\n");
    auto settings = load_secret_settings(&config, "/nonexistent-root");
    REQUIRE_FALSE(settings.ok());
    CHECK_THAT(settings.error().message, Catch::Contains("rules-file"));
  }
}
