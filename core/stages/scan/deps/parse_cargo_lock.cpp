// Cargo.lock: [[package]] tables with name, version and source. Only crates
// from a registry (source "registry+..." or "sparse+...") are reported:
// workspace members have no source and git dependencies are not crates.io
// releases, so matching them against crates.io advisories would be wrong.
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "stages/scan/deps/toml_packages.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

LockfileContents parse_cargo_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  for (const TomlPackage& package : read_toml_packages(text, contents)) {
    const std::string name = package.get("name");
    const std::string version = package.get("version");
    if (name.empty() || version.empty()) {
      contents.problem(package.line, "[[package]] without a name or version");
      continue;
    }
    const std::string source = package.get("source");
    if (!util::starts_with(source, "registry+") && !util::starts_with(source, "sparse+")) continue;
    contents.add(ecosystem::crates_io, name, version, file, package.line);
  }
  return contents;
}

}  // namespace slipway::scan::deps
