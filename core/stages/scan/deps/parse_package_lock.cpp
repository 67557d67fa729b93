// package-lock.json and npm-shrinkwrap.json. Lockfile versions 2 and 3 list
// every installed package under "packages", keyed by its folder
// ("node_modules/a/node_modules/b"); version 1 nests "dependencies" objects.
// When both are present (version 2) "packages" is used. Links, workspace
// folders and non-registry versions (git, file, tarball URLs) are left out.
#include "stages/scan/deps/json_document.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

using nlohmann::json;
constexpr std::string_view k_node_modules = "node_modules/";

// Splits an alias version "npm:real-name@1.2.3" into name and version.
void resolve_alias(std::string& name, std::string& version) {
  if (!util::starts_with(version, "npm:")) return;
  const std::string spec = version.substr(4);
  const std::size_t at = spec.rfind('@');
  if (at == std::string::npos || at == 0) return;
  name = spec.substr(0, at);
  version = spec.substr(at + 1);
}

bool registry_version(const std::string& version) {
  return !version.empty() && version.find(':') == std::string::npos && version.find('/') == std::string::npos;
}

void read_packages(const JsonDocument& document, const json& packages, const std::string& file,
                   LockfileContents& contents) {
  const json::json_pointer base("/packages");
  for (const auto& [key, entry] : packages.items()) {
    const std::size_t folder = key.rfind(k_node_modules);
    if (key.empty() || folder == std::string::npos) continue;  // the project, or a workspace folder
    const int line = document.line_of(base / key);
    if (!entry.is_object()) {
      contents.problem(line, "entry \"" + key + "\" is not an object");
      continue;
    }
    if (entry.contains("link") && entry["link"] == true) continue;
    std::string name = json_string(entry, "name");
    if (name.empty()) name = key.substr(folder + k_node_modules.size());
    std::string version = json_string(entry, "version");
    resolve_alias(name, version);
    if (version.empty()) {
      contents.problem(line, "entry \"" + key + "\" has no version");
      continue;
    }
    if (registry_version(version)) contents.add(ecosystem::npm, name, version, file, line);
  }
}

void read_dependencies(const JsonDocument& document, const json& dependencies, const json::json_pointer& at,
                       const std::string& file, LockfileContents& contents, int depth) {
  if (depth > 200) {
    contents.problem(document.line_of(at), "dependencies nested more than 200 levels deep");
    return;
  }
  for (const auto& [key, entry] : dependencies.items()) {
    const json::json_pointer here = at / key;
    const int line = document.line_of(here);
    if (!entry.is_object()) {
      contents.problem(line, "dependency \"" + key + "\" is not an object");
      continue;
    }
    std::string name = key;
    std::string version = json_string(entry, "version");
    resolve_alias(name, version);
    if (version.empty()) {
      contents.problem(line, "dependency \"" + key + "\" has no version");
    } else if (registry_version(version)) {
      contents.add(ecosystem::npm, name, version, file, line);
    }
    const auto nested = entry.find("dependencies");
    if (nested != entry.end() && nested->is_object()) {
      read_dependencies(document, *nested, here / "dependencies", file, contents, depth + 1);
    }
  }
}

}  // namespace

LockfileContents parse_package_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const auto document = JsonDocument::parse(text, contents);
  if (!document) return contents;
  const json& root = document->value;
  if (!root.is_object()) {
    contents.problem(1, "expected a JSON object at the top level");
    return contents;
  }
  const auto packages = root.find("packages");
  const auto dependencies = root.find("dependencies");
  if (packages != root.end() && packages->is_object()) {
    read_packages(*document, *packages, file, contents);
  } else if (dependencies != root.end() && dependencies->is_object()) {
    read_dependencies(*document, *dependencies, json::json_pointer("/dependencies"), file, contents, 0);
  } else if (!root.contains("lockfileVersion")) {
    contents.problem(1, "no \"lockfileVersion\", \"packages\" or \"dependencies\": not an npm lockfile");
  }
  return contents;
}

}  // namespace slipway::scan::deps
