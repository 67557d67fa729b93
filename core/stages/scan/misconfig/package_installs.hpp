// Package installs in shell commands, for the Dockerfile rules
// unpinned-packages and package-cache-kept: which package manager a command
// runs, which packages it names without a version, and whether a RUN leaves
// that manager's cache in the image layer.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/misconfig/shell_commands.hpp"

namespace slipway::scan::misconfig {

enum class PackageManager { apt, apk, rpm, zypper, pip, npm, gem };

struct PackageInstall {
  PackageManager manager = PackageManager::apt;
  std::string program;                // as written: apt-get, dnf, pip3, ...
  const ShellWord* word = nullptr;    // the program word (for its line)
  std::vector<std::string> unpinned;  // packages named without a version
  bool no_cache = false;              // the command itself keeps no cache (--no-cache, --no-cache-dir)
};

// The install a command performs, if it is one (`apt-get install`, `apk add`,
// `pip install`, `python3 -m pip install`, `npm install <pkg>`, ...).
std::optional<PackageInstall> package_install_of(const ShellCommand& command);

// What a RUN instruction does about caches, gathered once per RUN.
struct CacheCleanup {
  std::vector<std::string> removed_paths;   // arguments of rm commands
  std::vector<std::string> clean_commands;  // "apt-get clean", "yum clean", "zypper clean", "pip cache"
  std::vector<std::string> cache_mounts;    // targets of --mount=type=cache
  bool pip_no_cache_env = false;            // PIP_NO_CACHE_DIR set in the stage or the command
};
CacheCleanup cache_cleanup_of(const std::vector<ShellCommand>& commands);

// True when the manager keeps a cache worth reporting (npm and gem do not here).
bool has_cache(PackageManager manager);
// True when the install leaves its cache in the layer despite `cleanup`.
bool leaves_cache(const PackageInstall& install, const CacheCleanup& cleanup);
// Where the cache lives, for messages ("/var/lib/apt/lists").
std::string_view cache_location(PackageManager manager);

}  // namespace slipway::scan::misconfig
