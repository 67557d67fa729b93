// Tests of the check table, the lint configuration schema and the settings
// resolved from a configuration (stages/lint/lint_schema.cpp).
#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>

#include "lint_test_support.hpp"
#include "stages/lint/lint_schema.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

const model::ConfigKey* key_named(const model::ConfigSchema& schema, const std::string& path) {
  const auto key = std::find_if(schema.begin(), schema.end(), [&](const auto& k) { return k.path == path; });
  return key == schema.end() ? nullptr : &*key;
}

}  // namespace

TEST_CASE("the check table is in Check order with unique ids", "[lint][schema]") {
  std::set<std::string_view> ids;
  for (std::size_t i = 0; i < check_specs().size(); ++i) {
    CHECK(static_cast<std::size_t>(check_specs()[i].check) == i);
    ids.insert(check_specs()[i].id);
  }
  CHECK(ids.size() == k_check_count);
  CHECK(check_id(Check::json_syntax) == "json-syntax");
}

TEST_CASE("lint_config_schema declares every key with its default", "[lint][schema]") {
  const model::ConfigSchema schema = lint_config_schema();
  REQUIRE(key_named(schema, "lint.exclude") != nullptr);
  REQUIRE(key_named(schema, "lint.fail-if-fixed") != nullptr);
  CHECK(std::get<bool>(key_named(schema, "lint.fail-if-fixed")->default_value) == false);
  for (const CheckSpec& spec : check_specs()) {
    const std::string prefix = "lint.checks." + std::string(spec.id) + ".";
    const auto* enabled = key_named(schema, prefix + "enabled");
    const auto* severity = key_named(schema, prefix + "severity");
    const auto* exclude = key_named(schema, prefix + "exclude");
    REQUIRE(enabled != nullptr);
    REQUIRE(severity != nullptr);
    REQUIRE(exclude != nullptr);
    CHECK(enabled->type == model::ValueType::boolean);
    CHECK(severity->type == model::ValueType::choice);
    CHECK(std::get<std::string>(severity->default_value) == model::to_string(spec.default_severity));
    CHECK(exclude->type == model::ValueType::string_list);
  }
  const auto* max_kb = key_named(schema, "lint.checks.large-file.max-kb");
  REQUIRE(max_kb != nullptr);
  CHECK(std::get<std::int64_t>(max_kb->default_value) == 500);
  CHECK(max_kb->min == 1);
}

TEST_CASE("builtin_rules describes every check plus the I/O rules", "[lint][schema]") {
  const auto rules = builtin_rules();
  CHECK(rules.size() == k_check_count + 2);
  for (const auto& rule : rules) {
    INFO(rule.id);
    CHECK(rule.tool == "slipway");
    CHECK_FALSE(rule.short_description.empty());
    CHECK_FALSE(rule.full_description.empty());
    CHECK_FALSE(rule.help.empty());
    CHECK(rule.help_uri.find("#" + rule.id) != std::string::npos);
  }
  const auto key =
      std::find_if(rules.begin(), rules.end(), [](const auto& r) { return r.id == "private-key"; });
  REQUIRE(key != rules.end());
  CHECK(key->default_severity == model::Severity::error);
  CHECK(key->security_severity.has_value());
}

TEST_CASE("settings without a configuration are the defaults", "[lint][schema]") {
  const LintSettings settings = resolve_settings(nullptr);
  CHECK(settings.exclude.empty());
  CHECK_FALSE(settings.fail_if_fixed);
  CHECK(settings.large_file_max_kb == 500);
  for (const CheckSpec& spec : check_specs()) {
    CHECK(settings.enabled(spec.check));
    CHECK(settings.severities[static_cast<std::size_t>(spec.check)] == spec.default_severity);
  }
  CHECK(settings.enabled_for("any/file.txt").has(Check::trailing_whitespace));
}

TEST_CASE("settings follow the configuration file", "[lint][schema]") {
  const model::Config config = test::make_config(
      "lint:\n"
      "  exclude: [\"vendor/\"]\n"
      "  fail-if-fixed: true\n"
      "  checks:\n"
      "    trailing-whitespace:\n"
      "      enabled: false\n"
      "    merge-conflict-marker:\n"
      "      severity: note\n"
      "    invalid-utf8:\n"
      "      exclude: [\"*.latin1.txt\"]\n"
      "    large-file:\n"
      "      max-kb: 64\n");
  const LintSettings settings = resolve_settings(&config);
  CHECK(settings.exclude == std::vector<std::string>{"vendor/"});
  CHECK(settings.fail_if_fixed);
  CHECK(settings.large_file_max_kb == 64);
  CHECK_FALSE(settings.enabled(Check::trailing_whitespace));
  CHECK(settings.severities[static_cast<std::size_t>(Check::merge_conflict_marker)] == model::Severity::note);
  CHECK_FALSE(settings.enabled_for("docs/old.latin1.txt").has(Check::invalid_utf8));
  CHECK(settings.enabled_for("docs/new.txt").has(Check::invalid_utf8));
  CHECK_FALSE(settings.enabled_for("docs/new.txt").has(Check::trailing_whitespace));
}

TEST_CASE("the configuration rejects bad lint values", "[lint][schema]") {
  model::ConfigSchema schema = model::core_config_schema();
  const model::ConfigSchema lint = lint_config_schema();
  schema.insert(schema.end(), lint.begin(), lint.end());
  model::Config config(schema);
  CHECK_FALSE(config.apply_yaml_text("lint:\n  checks:\n    large-file:\n      max-kb: 0\n", "a.yml").ok());
  CHECK_FALSE(
      config.apply_yaml_text("lint:\n  checks:\n    utf8-bom:\n      severity: fatal\n", "b.yml").ok());
  CHECK_FALSE(
      config.apply_yaml_text("lint:\n  checks:\n    no-such-check:\n      enabled: true\n", "c.yml").ok());
}
