// uv.lock: [[package]] tables with name, version and an inline-table source
// such as `source = { registry = "https://pypi.org/simple" }`. Packages from
// git, a URL, a path, or the project itself (editable, virtual) are left out;
// they may have no version at all.
#include <cctype>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "stages/scan/deps/toml_packages.hpp"

namespace slipway::scan::deps {

namespace {

// The source's kind is the first key of its inline table.
bool from_registry(const std::string& source) {
  if (source.empty()) return true;
  std::size_t pos = source.find('{');
  if (pos == std::string::npos) return false;
  ++pos;
  while (pos < source.size() && (source[pos] == ' ' || source[pos] == '\t')) ++pos;
  std::size_t end = pos;
  while (end < source.size() &&
         (std::isalnum(static_cast<unsigned char>(source[end])) != 0 || source[end] == '-'))
    ++end;
  return source.compare(pos, end - pos, "registry") == 0;
}

}  // namespace

LockfileContents parse_uv_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  for (const TomlPackage& package : read_toml_packages(text, contents)) {
    const std::string name = package.get("name");
    if (name.empty()) {
      contents.problem(package.line, "[[package]] without a name");
      continue;
    }
    if (!from_registry(package.get("source"))) continue;
    const std::string version = package.get("version");
    if (version.empty()) {
      contents.problem(package.line, "[[package]] \"" + name + "\" from a registry without a version");
      continue;
    }
    contents.add(ecosystem::pypi, name, version, file, package.line);
  }
  return contents;
}

}  // namespace slipway::scan::deps
