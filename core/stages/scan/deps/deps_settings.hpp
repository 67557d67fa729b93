// The scan.deps.* settings as one value, read from the configuration (or the
// schema's defaults when there is none), and the derived locations: the
// advisory cache folder and each ecosystem's download URL.
#pragma once

#include <chrono>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "model/config.hpp"
#include "util/environment.hpp"

namespace slipway::scan::deps {

inline constexpr std::string_view k_default_db_url = "https://osv-vulnerabilities.storage.googleapis.com";

struct DepsSettings {
  std::string db_dir;  // as configured; "" = the default cache folder
  std::string db_url = std::string(k_default_db_url);
  bool selected_only = false;  // scan.deps.scope: selected
  bool strict = false;
  std::vector<std::string> exclude;
  std::vector<std::string> ignore;  // advisory ids (any alias) not to report
  std::chrono::seconds download_timeout{600};
};

DepsSettings read_deps_settings(const model::Config* config);

// scan.deps.db-dir with "~/" expanded, or when empty
// $XDG_CACHE_HOME/slipway/osv, else $HOME/.cache/slipway/osv.
std::filesystem::path advisory_db_dir(const DepsSettings& settings, const util::EnvMap& env);

// The all.zip URL of `ecosystem`: scan.deps.db-url with "{ecosystem}"
// replaced, or, without that placeholder, db-url + "/<ecosystem>/all.zip".
std::string advisory_db_url(const DepsSettings& settings, std::string_view ecosystem);

// Where the all.zip of `ecosystem` is cached under `db_dir`.
std::filesystem::path advisory_archive_path(const std::filesystem::path& db_dir, std::string_view ecosystem);

}  // namespace slipway::scan::deps
