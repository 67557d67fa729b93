// The build.version.* keys of .slipway.yml and the options read from them.
#include "model/config.hpp"
#include "stages/build/version/next_version.hpp"
#include "stages/build/version/semver.hpp"

namespace slipway::build::version {

namespace {

model::ConfigKey key(std::string path, model::ValueType type, model::ConfigScalar default_value,
                     std::string description) {
  model::ConfigKey row;
  row.path = std::move(path);
  row.type = type;
  row.default_value = std::move(default_value);
  row.description = std::move(description);
  return row;
}

Error value_error(const model::ConfigValue& value, const std::string& path, std::string message,
                  std::string hint) {
  Error error = make_error("invalid value for \"" + path + "\": " + std::move(message), std::move(hint));
  if (value.source == model::ConfigSource::file) {
    error.file = value.origin;
  } else if (value.source != model::ConfigSource::default_value) {
    error.message += " (from " + value.origin + ")";
  }
  return error;
}

}  // namespace

model::ConfigSchema version_config_schema() {
  using model::ValueType;
  return {
      key("build.version.initial", ValueType::string, std::string("0.1.0"),
          "The first version, when no release tag is reachable from HEAD"),
      key("build.version.tag-prefix", ValueType::string, std::string("v"),
          "What precedes MAJOR.MINOR.PATCH in release tags (\"v\" for v1.2.3)"),
      key("build.version.pre-1-0-breaking-minor", ValueType::boolean, true,
          "While the major version is 0, a breaking change bumps the minor version"),
      key("build.version.include-prereleases", ValueType::boolean, false,
          "Pre-release tags (v1.2.0-rc.1) can be the base version"),
  };
}

Result<VersionOptions> version_options(const model::Config* config) {
  VersionOptions options;
  if (config == nullptr) return options;
  if (config->has("build.version.initial")) options.initial = config->get_string("build.version.initial");
  if (config->has("build.version.tag-prefix"))
    options.tag_prefix = config->get_string("build.version.tag-prefix");
  if (config->has("build.version.pre-1-0-breaking-minor")) {
    options.pre_1_0_breaking_minor = config->get_bool("build.version.pre-1-0-breaking-minor");
  }
  if (config->has("build.version.include-prereleases")) {
    options.include_prereleases = config->get_bool("build.version.include-prereleases");
  }
  if (!parse_semver(options.initial)) {
    return value_error(config->get("build.version.initial"), "build.version.initial",
                       "expected a version MAJOR.MINOR.PATCH, got \"" + options.initial + "\"",
                       "write it without the tag prefix, e.g. 0.1.0 or 1.0.0");
  }
  if (options.tag_prefix.find_first_of(" \t\n~^:?*[\\") != std::string::npos) {
    return value_error(config->get("build.version.tag-prefix"), "build.version.tag-prefix",
                       "\"" + options.tag_prefix + "\" cannot start a git tag name",
                       "use letters, digits, '-', '_', '.' or '/' (e.g. v or release-)");
  }
  return options;
}

}  // namespace slipway::build::version
