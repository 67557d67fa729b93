// Recognising package installs and cache cleanups in shell commands (see
// package_installs.hpp). Each manager is described by the program names that
// run it, the subcommands that install, and the options that take a separate
// value (so the value is not mistaken for a package name).
#include "stages/scan/misconfig/package_installs.hpp"

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <regex>

#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

using Words = std::vector<std::string_view>;

struct ManagerSpec {
  PackageManager manager;
  Words install_subcommands;
  Words value_options;
};

const ManagerSpec& spec_for(PackageManager manager) {
  static const std::vector<ManagerSpec> k_specs = {
      {PackageManager::apt,
       {"install"},
       {"-o", "-t", "-c", "--option", "--target-release", "--config-file", "--default-release"}},
      {PackageManager::apk,
       {"add"},
       {"-t", "--virtual", "-X", "--repository", "-p", "--root", "--arch", "--keys-dir",
        "--repositories-file", "--cache-dir", "--cache-max-age"}},
      {PackageManager::rpm,
       {"install"},
       {"-c", "--config", "--installroot", "--releasever", "--setopt", "-x", "--exclude", "--repo",
        "--repoid", "--enablerepo", "--disablerepo", "--forcearch", "-d", "-e", "--debuglevel",
        "--errorlevel"}},
      {PackageManager::zypper,
       {"install", "in"},
       {"-r", "--repo", "-t", "--type", "--from", "-p", "--plus-repo"}},
      {PackageManager::pip,
       {"install"},
       {"-r",
        "--requirement",
        "-c",
        "--constraint",
        "-e",
        "--editable",
        "-i",
        "--index-url",
        "--extra-index-url",
        "-f",
        "--find-links",
        "-t",
        "--target",
        "--prefix",
        "--root",
        "--platform",
        "--python-version",
        "--implementation",
        "--abi",
        "--src",
        "--upgrade-strategy",
        "--progress-bar",
        "--cache-dir",
        "--trusted-host",
        "--proxy",
        "--timeout",
        "--retries",
        "--log",
        "--report",
        "--only-binary",
        "--no-binary"}},
      {PackageManager::npm,
       {"install", "i", "add"},
       {"--prefix", "--registry", "--cache", "-w", "--workspace", "--tag", "--omit", "--include"}},
      {PackageManager::gem,
       {"install"},
       {"-v", "--version", "-i", "--install-dir", "-n", "--bindir", "-s", "--source", "--platform"}},
  };
  return k_specs[static_cast<std::size_t>(manager)];
}

bool contains(const Words& words, std::string_view word) {
  return std::find(words.begin(), words.end(), word) != words.end();
}

std::optional<PackageManager> manager_of(std::string_view program) {
  static const std::regex k_pip(R"(pip[0-9.]*)");
  if (program.size() > 32) return std::nullopt;
  if (program == "apt-get" || program == "apt" || program == "aptitude") return PackageManager::apt;
  if (program == "apk") return PackageManager::apk;
  if (program == "yum" || program == "dnf" || program == "dnf5" || program == "microdnf" ||
      program == "tdnf") {
    return PackageManager::rpm;
  }
  if (program == "zypper") return PackageManager::zypper;
  if (std::regex_match(program.begin(), program.end(), k_pip)) return PackageManager::pip;
  if (program == "npm" || program == "yarn" || program == "pnpm") return PackageManager::npm;
  if (program == "gem") return PackageManager::gem;
  return std::nullopt;
}

bool is_python(std::string_view program) {
  static const std::regex k_python(R"(python[0-9.]*)");
  return program.size() <= 32 && std::regex_match(program.begin(), program.end(), k_python);
}

bool not_a_registry_name(std::string_view package) {
  return package.empty() || package.find('$') != std::string_view::npos || package.front() == '.' ||
         package.front() == '/' || package.find("://") != std::string_view::npos;
}

bool is_pinned(PackageManager manager, std::string_view package) {
  switch (manager) {
    case PackageManager::apt:
      return package.find('=') != std::string_view::npos || util::ends_with(package, ".deb") ||
             package.find('/') != std::string_view::npos;
    case PackageManager::apk:
      return package.find_first_of("=~<>") != std::string_view::npos || util::ends_with(package, ".apk");
    case PackageManager::rpm: {
      bool versioned = false;  // name-1.2.3
      for (std::size_t i = 1; i + 1 < package.size() && !versioned; ++i) {
        versioned = package[i] == '-' && std::isdigit(static_cast<unsigned char>(package[i + 1])) != 0;
      }
      return versioned || package.front() == '@' || util::ends_with(package, ".rpm") ||
             package.find('/') != std::string_view::npos;
    }
    case PackageManager::zypper:
      return package.find_first_of("=<>") != std::string_view::npos || util::ends_with(package, ".rpm");
    case PackageManager::pip:
      return package.find("==") != std::string_view::npos || package.find('/') != std::string_view::npos ||
             package.find('@') != std::string_view::npos || util::ends_with(package, ".whl") ||
             util::ends_with(package, ".tar.gz") || util::ends_with(package, ".zip");
    case PackageManager::npm: {
      if (package.front() != '@' && package.find('/') != std::string_view::npos) return true;  // paths, git
      if (util::ends_with(package, ".tgz") || package.find(':') != std::string_view::npos) return true;
      const auto at = package.find('@', 1);
      if (at == std::string_view::npos) return false;
      const std::string_view version = package.substr(at + 1);
      return !version.empty() && version != "latest" && version != "next" &&
             std::string_view("^~><*x").find(version.front()) == std::string_view::npos;
    }
    case PackageManager::gem:
      return package.find(':') != std::string_view::npos;
  }
  return false;
}

}  // namespace

std::optional<PackageInstall> package_install_of(const ShellCommand& command) {
  const Invocation invocation = invocation_of(command);
  if (invocation.words.empty()) return std::nullopt;
  std::size_t first_arg = 1;
  std::string_view program = invocation.program();
  if (is_python(program) && invocation.words.size() > 2 && invocation.words[1]->text == "-m") {
    program = invocation.words[2]->text;
    first_arg = 3;
  }
  const std::optional<PackageManager> manager = manager_of(program);
  if (!manager) return std::nullopt;
  const ManagerSpec& spec = spec_for(*manager);

  PackageInstall install;
  install.manager = *manager;
  install.program = std::string(program);
  install.word = invocation.words.front();
  bool found_subcommand = false;
  bool version_option = false;
  std::vector<std::string> packages;
  for (std::size_t i = first_arg; i < invocation.words.size(); ++i) {
    const std::string& word = invocation.words[i]->text;
    if (!word.empty() && word.front() == '-') {
      if (word == "--no-cache" || word == "--no-cache-dir") install.no_cache = true;
      if (word == "-v" || word == "--version" || util::starts_with(word, "--version=")) version_option = true;
      if (contains(spec.value_options, word)) ++i;
      continue;
    }
    if (!word.empty() &&
        (word.front() == '>' || word.front() == '<' ||
         std::isdigit(static_cast<unsigned char>(word.front())) != 0) &&
        word.find('>') != std::string::npos) {
      continue;  // a redirection such as 2>/dev/null
    }
    if (!found_subcommand) {
      if (word == "global" && program == "yarn") continue;
      if (!contains(spec.install_subcommands, word)) return std::nullopt;
      found_subcommand = true;
      continue;
    }
    packages.push_back(word);
  }
  if (!found_subcommand) return std::nullopt;
  for (const std::string& package : packages) {
    if (not_a_registry_name(package)) continue;
    if (*manager == PackageManager::gem && version_option) continue;
    if (!is_pinned(*manager, package)) install.unpinned.push_back(package);
  }
  return install;
}

CacheCleanup cache_cleanup_of(const std::vector<ShellCommand>& commands) {
  CacheCleanup cleanup;
  for (const ShellCommand& command : commands) {
    for (const ShellWord& word : command.words) {
      if (util::starts_with(word.text, "PIP_NO_CACHE_DIR=")) cleanup.pip_no_cache_env = true;
    }
    const Invocation invocation = invocation_of(command);
    const std::string_view program = invocation.program();
    if (program == "rm") {
      for (std::size_t i = 1; i < invocation.words.size(); ++i)
        cleanup.removed_paths.push_back(invocation.words[i]->text);
      continue;
    }
    const std::optional<PackageManager> manager = manager_of(program);
    if (!manager) continue;
    for (std::size_t i = 1; i < invocation.words.size(); ++i) {
      const std::string& word = invocation.words[i]->text;
      if (!word.empty() && word.front() == '-') continue;
      if (word == "clean" || word == "cc" || (word == "cache" && *manager == PackageManager::pip)) {
        switch (*manager) {
          case PackageManager::rpm:
            cleanup.clean_commands.emplace_back("rpm");
            break;
          case PackageManager::zypper:
            cleanup.clean_commands.emplace_back("zypper");
            break;
          case PackageManager::pip:
            cleanup.clean_commands.emplace_back("pip");
            break;
          default:
            break;
        }
      }
      break;  // only the subcommand matters
    }
  }
  return cleanup;
}

bool has_cache(PackageManager manager) {
  return manager != PackageManager::npm && manager != PackageManager::gem;
}

namespace {

bool any_starts_with(const std::vector<std::string>& paths,
                     std::initializer_list<std::string_view> prefixes) {
  return std::any_of(paths.begin(), paths.end(), [&](const std::string& path) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [&](std::string_view prefix) { return util::starts_with(path, prefix); });
  });
}

bool any_contains(const std::vector<std::string>& paths, std::string_view part) {
  return std::any_of(paths.begin(), paths.end(),
                     [&](const std::string& path) { return path.find(part) != std::string::npos; });
}

bool has_clean(const CacheCleanup& cleanup, std::string_view which) {
  return std::find(cleanup.clean_commands.begin(), cleanup.clean_commands.end(), which) !=
         cleanup.clean_commands.end();
}

}  // namespace

bool leaves_cache(const PackageInstall& install, const CacheCleanup& cleanup) {
  switch (install.manager) {
    case PackageManager::apt:
      return !any_starts_with(cleanup.removed_paths, {"/var/lib/apt/lists"}) &&
             !any_starts_with(cleanup.cache_mounts, {"/var/lib/apt"});
    case PackageManager::apk:
      return !install.no_cache && !any_starts_with(cleanup.removed_paths, {"/var/cache/apk"}) &&
             !any_starts_with(cleanup.cache_mounts, {"/var/cache/apk", "/etc/apk/cache"});
    case PackageManager::rpm: {
      const auto prefixes = {std::string_view("/var/cache/yum"), std::string_view("/var/cache/dnf"),
                             std::string_view("/var/cache/libdnf5")};
      return !has_clean(cleanup, "rpm") && !any_starts_with(cleanup.removed_paths, prefixes) &&
             !any_starts_with(cleanup.cache_mounts, prefixes);
    }
    case PackageManager::zypper:
      return !has_clean(cleanup, "zypper") && !any_starts_with(cleanup.removed_paths, {"/var/cache/zypp"}) &&
             !any_starts_with(cleanup.cache_mounts, {"/var/cache/zypp"});
    case PackageManager::pip:
      return !install.no_cache && !cleanup.pip_no_cache_env && !has_clean(cleanup, "pip") &&
             !any_contains(cleanup.removed_paths, ".cache/pip") &&
             !any_contains(cleanup.cache_mounts, ".cache/pip");
    case PackageManager::npm:
    case PackageManager::gem:
      return false;
  }
  return false;
}

std::string_view cache_location(PackageManager manager) {
  switch (manager) {
    case PackageManager::apt:
      return "/var/lib/apt/lists";
    case PackageManager::apk:
      return "/var/cache/apk";
    case PackageManager::rpm:
      return "/var/cache/yum or /var/cache/dnf";
    case PackageManager::zypper:
      return "/var/cache/zypp";
    case PackageManager::pip:
      return "the pip cache (~/.cache/pip)";
    case PackageManager::npm:
    case PackageManager::gem:
      break;
  }
  return "";
}

}  // namespace slipway::scan::misconfig
