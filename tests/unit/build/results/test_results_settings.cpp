// The build.junit / build.coverage / build.cache keys: a sound schema, values
// read from a real .slipway.yml text, and clear errors for a bad minimum or an
// unknown cache name.
#include <catch2/catch.hpp>
#include <string>

#include "model/config.hpp"
#include "stages/build/results/build_results.hpp"

namespace slipway::build::results {

namespace {

model::Config config_from(const std::string& yaml) {
  model::ConfigSchema schema = model::core_config_schema();
  for (model::ConfigKey& key : results_config_schema()) schema.push_back(std::move(key));
  model::Config config(std::move(schema));
  Result<void> applied = config.apply_yaml_text(yaml, ".slipway.yml");
  if (!applied) FAIL(applied.error().to_string());
  return config;
}

}  // namespace

TEST_CASE("results settings: the schema is sound", "[results][settings]") {
  const model::ConfigSchema schema = results_config_schema();
  CHECK(model::schema_problems(schema).empty());
  for (const model::ConfigKey& key : schema) CHECK(key.path.rfind("build.", 0) == 0);
}

TEST_CASE("results settings: values from .slipway.yml", "[results][settings]") {
  const model::Config config = config_from(
      "build:\n"
      "  junit: [\"**/TEST-*.xml\", reports/junit.xml]\n"
      "  coverage:\n"
      "    file: coverage/lcov.info\n"
      "    min: 80.5\n"
      "  cache:\n"
      "    deps:\n"
      "      files: [package-lock.json]\n"
      "      tools: [node, \"java -version\"]\n"
      "    go:\n"
      "      files: [/go.sum]\n");
  Result<ResultsSettings> settings = results_settings(&config);
  if (!settings) FAIL(settings.error().to_string());
  CHECK(settings->junit == std::vector<std::string>{"**/TEST-*.xml", "reports/junit.xml"});
  CHECK(settings->coverage_file == "coverage/lcov.info");
  REQUIRE(settings->coverage_min.has_value());
  CHECK(settings->coverage_min->tenths == 805);

  Result<CacheKeySpec> deps = cache_key_spec(&config, "deps", "/repo");
  if (!deps) FAIL(deps.error().to_string());
  CHECK(deps->root == "/repo");
  CHECK(deps->files == std::vector<std::string>{"package-lock.json"});
  CHECK(deps->tools == std::vector<std::string>{"node", "java -version"});
  Result<CacheKeySpec> go = cache_key_spec(&config, "go", "/repo");
  REQUIRE(go.ok());
  CHECK(go->tools.empty());

  Result<CacheKeySpec> typo = cache_key_spec(&config, "dep", "/repo");
  REQUIRE_FALSE(typo.ok());
  CHECK(typo.error().message == "no cache named \"dep\" in the configuration");
  CHECK(typo.error().hint == "did you mean \"deps\"?");
}

TEST_CASE("results settings: defaults mean no JUnit, no coverage, no gate", "[results][settings]") {
  const model::Config config = config_from("fail-on: error\n");
  Result<ResultsSettings> settings = results_settings(&config);
  REQUIRE(settings.ok());
  CHECK(settings->junit.empty());
  CHECK(settings->coverage_file.empty());
  CHECK_FALSE(settings->coverage_min.has_value());
  CHECK_FALSE(cache_key_spec(&config, "deps", ".").ok());
}

TEST_CASE("results settings: no configuration, or one without these keys, means the defaults",
          "[results][settings]") {
  Result<ResultsSettings> none = results_settings(nullptr);
  REQUIRE(none.ok());
  CHECK(none->junit.empty());
  CHECK_FALSE(none->coverage_min.has_value());
  const model::Config core_only(model::core_config_schema());
  Result<ResultsSettings> core = results_settings(&core_only);
  REQUIRE(core.ok());
  CHECK(core->coverage_file.empty());
  CHECK_FALSE(cache_key_spec(nullptr, "deps", ".").ok());
  CHECK_FALSE(cache_key_spec(&core_only, "deps", ".").ok());
}

TEST_CASE("results settings: a bad minimum names its line", "[results][settings]") {
  const model::Config config = config_from(
      "build:\n"
      "  coverage:\n"
      "    file: lcov.info\n"
      "    min: 80.25\n");
  Result<ResultsSettings> settings = results_settings(&config);
  REQUIRE_FALSE(settings.ok());
  INFO(settings.error().to_string());
  CHECK(settings.error().to_string().rfind(".slipway.yml:4:5: invalid value for \"build.coverage.min\": ",
                                           0) == 0);

  const model::Config without_file = config_from("build:\n  coverage:\n    min: 80\n");
  Result<ResultsSettings> missing = results_settings(&without_file);
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("build.coverage.file is empty") != std::string::npos);

  model::Config from_env = config_from("build:\n  coverage:\n    file: lcov.info\n");
  REQUIRE(from_env.apply_environment({{"SLIPWAY_BUILD_COVERAGE_MIN", "lots"}}).ok());
  Result<ResultsSettings> env_error = results_settings(&from_env);
  REQUIRE_FALSE(env_error.ok());
  CHECK(env_error.error().message.find("(from SLIPWAY_BUILD_COVERAGE_MIN)") != std::string::npos);
}

TEST_CASE("results settings: a cache with neither files nor tools", "[results][settings]") {
  const model::Config config = config_from("build:\n  cache:\n    empty:\n      files: []\n");
  Result<CacheKeySpec> spec = cache_key_spec(&config, "empty", ".");
  REQUIRE_FALSE(spec.ok());
  CHECK(spec.error().message.find("lists neither files nor tools") != std::string::npos);
}

}  // namespace slipway::build::results
