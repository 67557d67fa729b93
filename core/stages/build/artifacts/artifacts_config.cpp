// The build.* keys of the artifacts area, and reading them into
// ArtifactSettings. The private key itself is never a configuration value:
// only the path of a file, or the name of the variable that holds it, so
// `slipway config --explain` can show every key without showing a secret.
#include <charconv>

#include "stages/build/artifacts/artifact_names.hpp"
#include "stages/build/artifacts/build_artifacts.hpp"

namespace slipway::build {

namespace {

using model::ConfigKey;
using model::ValueType;

ConfigKey key(std::string path, ValueType type, model::ConfigScalar default_value, std::string description) {
  ConfigKey row;
  row.path = std::move(path);
  row.type = type;
  row.default_value = std::move(default_value);
  row.description = std::move(description);
  return row;
}

bool has_key(const model::Config* config, const std::string& path) {
  return config != nullptr && model::find_key(config->schema(), path) != nullptr;
}

}  // namespace

model::ConfigSchema artifacts_config_schema() {
  return {
      key("build.artifacts", ValueType::string_list, std::vector<std::string>{},
          "Globs of the workspace files to publish into .slipway/artifacts/ (with SHA256SUMS)"),
      key("build.archive", ValueType::boolean, false,
          "Pack the artifacts into one reproducible tar.gz instead of copying them"),
      key("build.archive-name", ValueType::string, std::string("artifacts.tar.gz"),
          "File name of the tar.gz when build.archive is true"),
      key("build.signing.key-file", ValueType::string, std::string(),
          "Ed25519 private key (PEM) that signs artifacts and provenance; relative to the workspace"),
      key("build.signing.key-env", ValueType::string, std::string(),
          "Name of an environment variable holding the Ed25519 private key PEM (instead of key-file)"),
      key("build.signing.key-id", ValueType::string, std::string(),
          "Key id written into the provenance signature (default: SHA-256 of the public key)"),
  };
}

Result<ArtifactSettings> artifact_settings(const model::Config* config, const util::EnvMap& env) {
  ArtifactSettings settings;
  settings.archive_name = "artifacts.tar.gz";
  if (has_key(config, "build.artifacts")) settings.globs = config->get_list("build.artifacts");
  if (has_key(config, "build.archive")) settings.archive = config->get_bool("build.archive");
  if (has_key(config, "build.archive-name")) settings.archive_name = config->get_string("build.archive-name");
  if (has_key(config, "build.signing.key-file"))
    settings.signing.key_file = config->get_string("build.signing.key-file");
  if (has_key(config, "build.signing.key-env"))
    settings.signing.key_env = config->get_string("build.signing.key-env");
  if (has_key(config, "build.signing.key-id"))
    settings.signing.key_id = config->get_string("build.signing.key-id");

  if (settings.archive) {
    if (auto name_ok = artifacts::check_archive_name(settings.archive_name); !name_ok.ok())
      return name_ok.error();
  }
  if (!settings.signing.key_file.empty() && !settings.signing.key_env.empty()) {
    return make_error("build.signing.key-file and build.signing.key-env are both set",
                      "set only one of them: a key file or the variable holding the key");
  }
  const std::string epoch = util::env_get(env, "SOURCE_DATE_EPOCH");
  if (!epoch.empty()) {
    std::int64_t seconds = 0;
    const auto [end, error] = std::from_chars(epoch.data(), epoch.data() + epoch.size(), seconds);
    if (error != std::errc() || end != epoch.data() + epoch.size() || seconds < 0) {
      return make_error("SOURCE_DATE_EPOCH must be a number of seconds since 1970, got \"" + epoch + "\"");
    }
    settings.archive_mtime = seconds;
  }
  return settings;
}

}  // namespace slipway::build
