// pnpm-lock.yaml, read with yaml-cpp. Its "packages" map is keyed by the
// package and version in a form that changed over time:
//   lockfile 5.x: "/name/1.2.3", "/@scope/name/1.2.3_peer@1.0.0"
//   lockfile 6.x: "/name@1.2.3", "/@scope/name@1.2.3(peer@1.0.0)"
//   lockfile 9.x: "name@1.2.3", "'@scope/name@1.2.3'"
// Peer suffixes are dropped. Keys whose version is not a registry release
// (file:, link:, git hosts, tarball URLs) are left out.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

bool split_key(std::string key, bool slash_format, std::string& name, std::string& version) {
  if (!key.empty() && key.front() == '/') key.erase(0, 1);
  if (slash_format) {
    const std::size_t slash = key.rfind('/');
    if (slash == std::string::npos) return false;
    name = key.substr(0, slash);
    version = key.substr(slash + 1);
    const std::size_t peers = version.find('_');
    if (peers != std::string::npos) version.erase(peers);
  } else {
    const std::size_t peers = key.find('(');
    if (peers != std::string::npos) key.erase(peers);
    const std::size_t at = key.rfind('@');
    if (at == std::string::npos || at == 0) return false;
    name = key.substr(0, at);
    version = key.substr(at + 1);
  }
  return !name.empty() && !version.empty() &&
         std::isdigit(static_cast<unsigned char>(version.front())) != 0 &&
         name.find(':') == std::string::npos;
}

}  // namespace

LockfileContents parse_pnpm_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::Exception& error) {
    // yaml-cpp's mark is 0-based and may sit past the last line at the end of input.
    const int last_line = line_at_offset(text, text.size());
    const int line = error.mark.line >= 0 ? std::min(error.mark.line + 1, last_line) : 1;
    contents.problem(line, "not valid YAML: " + error.msg);
    return contents;
  }
  if (!root.IsMap()) {
    contents.problem(1, "expected a YAML mapping at the top level");
    return contents;
  }
  const YAML::Node lockfile_version = root["lockfileVersion"];
  if (!lockfile_version || !lockfile_version.IsScalar()) {
    contents.problem(1, "no \"lockfileVersion\": not a pnpm lockfile");
    return contents;
  }
  const std::string version_text = lockfile_version.Scalar();
  const bool slash_format =
      !version_text.empty() && version_text.front() >= '0' && version_text.front() <= '5';
  const YAML::Node packages = root["packages"];
  if (!packages || packages.IsNull()) return contents;
  if (!packages.IsMap()) {
    contents.problem(packages.Mark().line + 1, "\"packages\" is not a mapping");
    return contents;
  }
  for (auto it = packages.begin(); it != packages.end(); ++it) {
    const int line = it->first.Mark().line + 1;
    if (!it->first.IsScalar()) {
      contents.problem(line, "a package key is not a string");
      continue;
    }
    std::string name;
    std::string version;
    if (split_key(it->first.Scalar(), slash_format, name, version)) {
      contents.add(ecosystem::npm, name, version, file, line);
    }
  }
  return contents;
}

}  // namespace slipway::scan::deps
