// Tests of the artifacts configuration (artifacts_config.cpp): the schema
// table is sound and reads from a real .slipway.yml; the settings report
// conflicting or malformed values.
#include "artifacts_test_support.hpp"
#include "model/config.hpp"

using namespace slipway;
using namespace slipway::build;

TEST_CASE("artifacts_config_schema is a sound schema with the documented keys", "[artifacts][config]") {
  const model::ConfigSchema schema = artifacts_config_schema();
  CHECK(model::schema_problems(schema).empty());
  std::vector<std::string> paths;
  for (const model::ConfigKey& key : schema) paths.push_back(key.path);
  CHECK(paths == std::vector<std::string>{"build.artifacts", "build.archive", "build.archive-name",
                                          "build.signing.key-file", "build.signing.key-env",
                                          "build.signing.key-id"});
  // Joined with the core keys, it is still sound.
  model::ConfigSchema joined = model::core_config_schema();
  joined.insert(joined.end(), schema.begin(), schema.end());
  CHECK(model::schema_problems(joined).empty());
}

TEST_CASE("artifact_settings reads .slipway.yml", "[artifacts][config]") {
  model::Config config(artifacts_config_schema());
  REQUIRE(config
              .apply_yaml_text("build:\n"
                               "  artifacts: [dist/*.tar.gz, build/app]\n"
                               "  archive: true\n"
                               "  archive-name: app.tar.gz\n"
                               "  signing:\n"
                               "    key-env: RELEASE_KEY\n"
                               "    key-id: release-2024\n",
                               ".slipway.yml")
              .ok());
  auto settings = artifact_settings(&config, {{"SOURCE_DATE_EPOCH", "1700000000"}});
  REQUIRE(settings.ok());
  CHECK(settings->globs == std::vector<std::string>{"dist/*.tar.gz", "build/app"});
  CHECK(settings->archive);
  CHECK(settings->archive_name == "app.tar.gz");
  CHECK(settings->archive_mtime == 1700000000);
  CHECK(settings->signing.key_env == "RELEASE_KEY");
  CHECK(settings->signing.key_id == "release-2024");
  CHECK(settings->signing.enabled());
}

TEST_CASE("artifact_settings defaults and errors", "[artifacts][config]") {
  auto defaults = artifact_settings(nullptr, {});
  REQUIRE(defaults.ok());
  CHECK(defaults->globs.empty());
  CHECK_FALSE(defaults->archive);
  CHECK(defaults->archive_name == "artifacts.tar.gz");
  CHECK(defaults->archive_mtime == 0);
  CHECK_FALSE(defaults->signing.enabled());

  model::Config both(artifacts_config_schema());
  REQUIRE(both.apply_yaml_text("build:\n  signing:\n    key-file: k.pem\n    key-env: KEY\n", "x.yml").ok());
  CHECK_THAT(artifact_settings(&both, {}).error().message, Catch::Contains("both set"));

  model::Config bad_name(artifacts_config_schema());
  REQUIRE(bad_name.apply_yaml_text("build:\n  archive: true\n  archive-name: ../x.tar.gz\n", "x.yml").ok());
  CHECK_THAT(artifact_settings(&bad_name, {}).error().message, Catch::Contains("build.archive-name"));

  for (const std::string epoch : {"soon", "-5", "12x", "99999999999999999999999"}) {
    auto settings = artifact_settings(nullptr, {{"SOURCE_DATE_EPOCH", epoch}});
    REQUIRE_FALSE(settings.ok());
    CHECK_THAT(settings.error().message, Catch::Contains("SOURCE_DATE_EPOCH"));
  }

  // A typo in a key is caught by the configuration loader with a suggestion.
  model::Config typo(artifacts_config_schema());
  auto applied = typo.apply_yaml_text("build:\n  artifact: [dist/app]\n", ".slipway.yml");
  REQUIRE_FALSE(applied.ok());
  CHECK(applied.error().line == 2);
  CHECK_THAT(applied.error().hint, Catch::Contains("build.artifacts"));
}
