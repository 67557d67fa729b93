// The build.version.* keys: a sound schema, defaults, values from a real
// .slipway.yml text, and errors naming where a bad value came from.
#include <catch2/catch.hpp>
#include <string>

#include "model/config.hpp"
#include "stages/build/version/next_version.hpp"

namespace slipway::build::version {

namespace {

model::Config config_from(const std::string& yaml) {
  model::ConfigSchema schema = model::core_config_schema();
  for (model::ConfigKey& key : version_config_schema()) schema.push_back(std::move(key));
  model::Config config(std::move(schema));
  Result<void> applied = config.apply_yaml_text(yaml, ".slipway.yml");
  if (!applied) FAIL(applied.error().to_string());
  return config;
}

}  // namespace

TEST_CASE("version settings: the schema is sound", "[version][settings]") {
  const model::ConfigSchema schema = version_config_schema();
  CHECK(model::schema_problems(schema).empty());
  for (const model::ConfigKey& key : schema) CHECK(key.path.rfind("build.version.", 0) == 0);
}

TEST_CASE("version settings: defaults and values", "[version][settings]") {
  const model::Config empty = config_from("");
  Result<VersionOptions> defaults = version_options(&empty);
  REQUIRE(defaults.ok());
  CHECK(defaults->initial == "0.1.0");
  CHECK(defaults->tag_prefix == "v");
  CHECK(defaults->pre_1_0_breaking_minor);
  CHECK_FALSE(defaults->include_prereleases);

  const model::Config configured = config_from(
      "build:\n"
      "  version:\n"
      "    initial: 1.0.0\n"
      "    tag-prefix: release/\n"
      "    pre-1-0-breaking-minor: false\n"
      "    include-prereleases: yes\n");
  Result<VersionOptions> set = version_options(&configured);
  REQUIRE(set.ok());
  CHECK(set->initial == "1.0.0");
  CHECK(set->tag_prefix == "release/");
  CHECK_FALSE(set->pre_1_0_breaking_minor);
  CHECK(set->include_prereleases);

  model::Config empty_prefix = config_from("build:\n  version:\n    tag-prefix: \"\"\n");
  REQUIRE(version_options(&empty_prefix).ok());
  CHECK(version_options(&empty_prefix)->tag_prefix.empty());
}

TEST_CASE("version settings: no configuration, or one without these keys, means the defaults",
          "[version][settings]") {
  Result<VersionOptions> none = version_options(nullptr);
  REQUIRE(none.ok());
  CHECK(none->initial == "0.1.0");
  const model::Config core_only(model::core_config_schema());
  Result<VersionOptions> core = version_options(&core_only);
  REQUIRE(core.ok());
  CHECK(core->tag_prefix == "v");
  CHECK(core->pre_1_0_breaking_minor);
}

TEST_CASE("version settings: bad values name their origin", "[version][settings]") {
  const model::Config bad = config_from("build:\n  version:\n    initial: v1.0\n");
  Result<VersionOptions> bad_initial = version_options(&bad);
  REQUIRE_FALSE(bad_initial.ok());
  CHECK(bad_initial.error().to_string().rfind(
            ".slipway.yml:3:5: invalid value for \"build.version.initial\": expected a version "
            "MAJOR.MINOR.PATCH, got \"v1.0\"",
            0) == 0);

  model::Config config = config_from("");
  REQUIRE(config.apply_environment({{"SLIPWAY_BUILD_VERSION_TAG_PREFIX", "rel ease"}}).ok());
  Result<VersionOptions> bad_prefix = version_options(&config);
  REQUIRE_FALSE(bad_prefix.ok());
  CHECK(bad_prefix.error().message.find(
            "cannot start a git tag name (from SLIPWAY_BUILD_VERSION_TAG_PREFIX)") != std::string::npos);
}

}  // namespace slipway::build::version
