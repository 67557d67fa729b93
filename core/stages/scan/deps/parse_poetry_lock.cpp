// poetry.lock: [[package]] tables with name and version; a [package.source]
// table marks packages that do not come from a package index (git, a local
// directory or file, a URL), which are left out. "legacy" sources (private
// index mirrors) are kept: they serve PyPI releases.
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "stages/scan/deps/toml_packages.hpp"

namespace slipway::scan::deps {

LockfileContents parse_poetry_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  for (const TomlPackage& package : read_toml_packages(text, contents)) {
    const std::string name = package.get("name");
    const std::string version = package.get("version");
    if (name.empty() || version.empty()) {
      contents.problem(package.line, "[[package]] without a name or version");
      continue;
    }
    const std::string source_type = package.get("source.type");
    if (source_type == "git" || source_type == "directory" || source_type == "file" || source_type == "url")
      continue;
    contents.add(ecosystem::pypi, name, version, file, package.line);
  }
  return contents;
}

}  // namespace slipway::scan::deps
