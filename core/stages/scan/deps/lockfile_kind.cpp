// Which file names are lockfiles, and of which format and ecosystem. The
// match is on the file name only (any folder), with the one pattern
// requirements*.txt; everything else is an exact name.
#include <array>
#include <exception>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/glob.hpp"

namespace slipway::scan::deps {

namespace {

struct NamedKind {
  std::string_view file_name;  // exact name, or a glob when it contains '*'
  LockfileKind kind;
};

const std::array<NamedKind, 16> k_kinds = {{
    {"package-lock.json", {"package-lock.json", ecosystem::npm, parse_package_lock}},
    {"npm-shrinkwrap.json", {"package-lock.json", ecosystem::npm, parse_package_lock}},
    {"yarn.lock", {"yarn.lock", ecosystem::npm, parse_yarn_lock}},
    {"pnpm-lock.yaml", {"pnpm-lock.yaml", ecosystem::npm, parse_pnpm_lock}},
    {"Cargo.lock", {"Cargo.lock", ecosystem::crates_io, parse_cargo_lock}},
    {"go.mod", {"go.mod", ecosystem::go, parse_go_mod}},
    {"go.sum", {"go.sum", ecosystem::go, parse_go_sum}},
    {"requirements*.txt", {"requirements.txt", ecosystem::pypi, parse_requirements}},
    {"poetry.lock", {"poetry.lock", ecosystem::pypi, parse_poetry_lock}},
    {"Pipfile.lock", {"Pipfile.lock", ecosystem::pypi, parse_pipfile_lock}},
    {"uv.lock", {"uv.lock", ecosystem::pypi, parse_uv_lock}},
    {"Gemfile.lock", {"Gemfile.lock", ecosystem::rubygems, parse_gemfile_lock}},
    {"composer.lock", {"composer.lock", ecosystem::packagist, parse_composer_lock}},
    {"conan.lock", {"conan.lock", ecosystem::conan, parse_conan_lock}},
    {"packages.lock.json", {"packages.lock.json", ecosystem::nuget, parse_nuget_lock}},
    {"gradle.lockfile", {"gradle.lockfile", ecosystem::maven, parse_gradle_lockfile}},
}};

}  // namespace

std::optional<LockfileKind> lockfile_kind(std::string_view path) {
  const std::size_t slash = path.rfind('/');
  const std::string_view name = slash == std::string_view::npos ? path : path.substr(slash + 1);
  for (const NamedKind& entry : k_kinds) {
    const bool is_glob = entry.file_name.find('*') != std::string_view::npos;
    if (is_glob ? util::glob_match(entry.file_name, name) : name == entry.file_name) return entry.kind;
  }
  return std::nullopt;
}

LockfileContents parse_lockfile(const LockfileKind& kind, std::string_view text, const std::string& file) {
  try {
    return kind.parse(text, file);
  } catch (const std::exception& error) {
    LockfileContents contents;
    contents.problem(0,
                     std::string("cannot read the ") + std::string(kind.format) + " file: " + error.what());
    return contents;
  }
}

int line_at_offset(std::string_view text, std::size_t offset) {
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.remove_suffix(1);
  if (offset > text.size()) offset = text.size();
  int line = 1;
  for (std::size_t i = 0; i < offset; ++i) {
    if (text[i] == '\n') ++line;
  }
  return line;
}

}  // namespace slipway::scan::deps
