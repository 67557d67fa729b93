// The scan.deps.* schema table and the reading of those keys (see
// deps_settings.hpp and docs/scan-deps.md). A configuration that does not
// hold a key (e.g. one built from another schema in a test) gives the
// default, like no configuration at all.
#include "stages/scan/deps/deps_settings.hpp"

#include "stages/scan/deps/dependency_scan.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

using model::ConfigKey;
using model::ValueType;

template <typename T, typename Getter>
T read_or(const model::Config* config, const std::string& key, T fallback, Getter getter) {
  if (config == nullptr || !config->has(key)) return fallback;
  try {
    return getter(*config, key);
  } catch (const std::out_of_range&) {
    return fallback;
  }
}

}  // namespace

model::ConfigSchema deps_config_schema() {
  model::ConfigSchema schema;
  schema.push_back(
      ConfigKey{"scan.deps.db-dir",
                ValueType::string,
                std::string(),
                "Folder of the OSV advisory cache (all.zip per ecosystem and/or *.json records); "
                "empty = $XDG_CACHE_HOME/slipway/osv or ~/.cache/slipway/osv",
                {}});
  schema.push_back(ConfigKey{"scan.deps.db-url",
                             ValueType::string,
                             std::string(k_default_db_url),
                             "Where --update-db downloads from: a base URL (+ /<Ecosystem>/all.zip) or a URL "
                             "with {ecosystem}",
                             {}});
  schema.push_back(
      ConfigKey{"scan.deps.scope",
                ValueType::choice,
                std::string("all"),
                "Which lockfiles to scan: all of the repository, or only the selected (changed) files",
                {"all", "selected"}});
  schema.push_back(ConfigKey{"scan.deps.strict",
                             ValueType::boolean,
                             false,
                             "A malformed lockfile stops the scan (exit 2) instead of being a finding",
                             {}});
  schema.push_back(ConfigKey{"scan.deps.exclude",
                             ValueType::string_list,
                             std::vector<std::string>{},
                             "Globs of lockfiles not to scan (e.g. test fixtures)",
                             {}});
  schema.push_back(ConfigKey{"scan.deps.ignore",
                             ValueType::string_list,
                             std::vector<std::string>{},
                             "Advisory ids (OSV, GHSA or CVE) not to report",
                             {}});
  ConfigKey timeout{"scan.deps.download-timeout",
                    ValueType::integer,
                    std::int64_t{600},
                    "Seconds one all.zip download of --update-db may take",
                    {}};
  timeout.min = 1;
  timeout.max = 86400;
  schema.push_back(std::move(timeout));
  return schema;
}

DepsSettings read_deps_settings(const model::Config* config) {
  DepsSettings settings;
  auto get_string = [](const model::Config& c, const std::string& k) { return c.get_string(k); };
  auto get_list = [](const model::Config& c, const std::string& k) { return c.get_list(k); };
  settings.db_dir = read_or(config, "scan.deps.db-dir", settings.db_dir, get_string);
  settings.db_url = read_or(config, "scan.deps.db-url", settings.db_url, get_string);
  settings.selected_only = read_or(config, "scan.deps.scope", std::string("all"), get_string) == "selected";
  settings.strict = read_or(config, "scan.deps.strict", false,
                            [](const model::Config& c, const std::string& k) { return c.get_bool(k); });
  settings.exclude = read_or(config, "scan.deps.exclude", settings.exclude, get_list);
  settings.ignore = read_or(config, "scan.deps.ignore", settings.ignore, get_list);
  settings.download_timeout = std::chrono::seconds(
      read_or(config, "scan.deps.download-timeout", std::int64_t{600},
              [](const model::Config& c, const std::string& k) { return c.get_int(k); }));
  return settings;
}

std::filesystem::path advisory_db_dir(const DepsSettings& settings, const util::EnvMap& env) {
  if (!settings.db_dir.empty()) {
    if (util::starts_with(settings.db_dir, "~/")) {
      const std::string home = util::env_get(env, "HOME");
      if (!home.empty()) return std::filesystem::path(home) / settings.db_dir.substr(2);
    }
    return settings.db_dir;
  }
  return util::user_cache_dir(env, "osv");
}

std::string advisory_db_url(const DepsSettings& settings, std::string_view ecosystem) {
  const std::string_view placeholder = "{ecosystem}";
  if (settings.db_url.find(placeholder) != std::string::npos) {
    return util::replace_all(settings.db_url, placeholder, ecosystem);
  }
  std::string base = settings.db_url;
  while (!base.empty() && base.back() == '/') base.pop_back();
  return base + "/" + std::string(ecosystem) + "/all.zip";
}

std::filesystem::path advisory_archive_path(const std::filesystem::path& db_dir, std::string_view ecosystem) {
  return db_dir / std::string(ecosystem) / "all.zip";
}

}  // namespace slipway::scan::deps
