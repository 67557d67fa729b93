// The build.junit, build.coverage.* and build.cache.<name>.* keys of
// .slipway.yml, and the checks the schema table cannot express (the coverage
// minimum is a string so that "80.5" stays exact; it is parsed here).
#include <algorithm>

#include "model/config.hpp"
#include "stages/build/results/build_results.hpp"
#include "util/strings.hpp"

namespace slipway::build::results {

namespace {

model::ConfigKey list_key(std::string path, std::string description, bool env = true) {
  model::ConfigKey key;
  key.path = std::move(path);
  key.type = model::ValueType::string_list;
  key.default_value = std::vector<std::string>{};
  key.description = std::move(description);
  key.env = env;
  return key;
}

model::ConfigKey string_key(std::string path, std::string description) {
  model::ConfigKey key;
  key.path = std::move(path);
  key.type = model::ValueType::string;
  key.default_value = std::string();
  key.description = std::move(description);
  return key;
}

// Where a configured value came from, for an Error: a file position goes in
// Error::file (printed first), anything else into the message.
Error value_error(const model::ConfigValue& value, const std::string& path, const Error& problem) {
  Error error = problem;
  error.message = "invalid value for \"" + path + "\": " + problem.message;
  if (value.source == model::ConfigSource::file) {
    error.file = value.origin;
  } else {
    error.message += " (from " + value.origin + ")";
  }
  return error;
}

}  // namespace

model::ConfigSchema results_config_schema() {
  return {
      list_key("build.junit", "Globs of the JUnit XML files the tests write; merged into one JUnit report"),
      string_key("build.coverage.file",
                 "Coverage report to read the total from: lcov .info, Cobertura or JaCoCo XML"),
      string_key("build.coverage.min", "Minimum line coverage in percent (e.g. 80 or 80.5); empty = no gate"),
      list_key("build.cache.*.files", "Files (globs) whose content goes into the cache key <name>", false),
      list_key("build.cache.*.tools", "Tools whose `--version` goes into the cache key <name>", false),
  };
}

Result<ResultsSettings> results_settings(const model::Config* config) {
  ResultsSettings settings;
  if (config == nullptr) return settings;
  if (config->has("build.junit")) settings.junit = config->get_list("build.junit");
  if (config->has("build.coverage.file")) {
    settings.coverage_file = std::string(util::trim(config->get_string("build.coverage.file")));
  }
  if (!config->has("build.coverage.min")) return settings;
  const model::ConfigValue& min = config->get("build.coverage.min");
  const std::string& min_text = config->get_string("build.coverage.min");
  if (util::trim(min_text).empty()) return settings;
  Result<CoverageMinimum> parsed = parse_coverage_min(min_text);
  if (!parsed) return value_error(min, "build.coverage.min", parsed.error());
  if (settings.coverage_file.empty()) {
    Error error = make_error("build.coverage.min is set but build.coverage.file is empty",
                             "name the coverage report, e.g. `file: coverage/lcov.info`");
    if (min.source == model::ConfigSource::file) error.file = min.origin;
    return error;
  }
  settings.coverage_min = *parsed;
  return settings;
}

Result<CacheKeySpec> cache_key_spec(const model::Config* config, const std::string& name,
                                    const std::string& root) {
  const std::vector<std::string> names =
      config != nullptr ? config->children("build.cache") : std::vector<std::string>{};
  if (std::find(names.begin(), names.end(), name) == names.end()) {
    const std::string suggestion = util::closest_match(name, names);
    return make_error("no cache named \"" + name + "\" in the configuration",
                      suggestion.empty()
                          ? "declare it under build.cache." + name + " with its files and/or tools"
                          : "did you mean \"" + suggestion + "\"?");
  }
  CacheKeySpec spec;
  spec.root = root;
  spec.files = config->get_list("build.cache." + name + ".files");
  spec.tools = config->get_list("build.cache." + name + ".tools");
  if (spec.files.empty() && spec.tools.empty()) {
    return make_error("the cache \"" + name + "\" lists neither files nor tools",
                      "add build.cache." + name + ".files (lockfiles) and/or .tools");
  }
  return spec;
}

}  // namespace slipway::build::results
