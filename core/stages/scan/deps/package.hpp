// What a lockfile parser produces: the packages it pins (ecosystem, name,
// exact version, and where in the lockfile) and the problems that stopped it
// from reading part of the file. Ecosystem names are OSV's spelling, so a
// package can be looked up in advisories without translation.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slipway::scan::deps {

namespace ecosystem {
inline constexpr std::string_view npm = "npm";
inline constexpr std::string_view pypi = "PyPI";
inline constexpr std::string_view go = "Go";
inline constexpr std::string_view crates_io = "crates.io";
inline constexpr std::string_view rubygems = "RubyGems";
inline constexpr std::string_view packagist = "Packagist";
inline constexpr std::string_view maven = "Maven";
inline constexpr std::string_view nuget = "NuGet";
inline constexpr std::string_view conan = "ConanCenter";
}  // namespace ecosystem

struct Package {
  std::string ecosystem;  // OSV ecosystem name ("npm", "PyPI", ...)
  std::string name;       // as the ecosystem spells it ("@scope/pkg", "group:artifact")
  std::string version;    // exact version, without a leading "v" for Go
  std::string file;       // repository-relative lockfile path
  int line = 0;           // 1-based line of the package's entry
};

// Something the parser could not read. Line 0 means "the whole file".
struct LockfileProblem {
  int line = 0;
  std::string message;
};

struct LockfileContents {
  std::vector<Package> packages;
  std::vector<LockfileProblem> problems;

  void add(std::string_view eco, std::string name, std::string version, const std::string& file, int line) {
    packages.push_back(Package{std::string(eco), std::move(name), std::move(version), file, line});
  }
  void problem(int line, std::string message) {
    problems.push_back(LockfileProblem{line, std::move(message)});
  }
};

// The 1-based line of byte `offset` in `text`. An offset at or past the end
// gives the last line that has text (parsers report "unexpected end of
// input" there, not on a line the editor does not show).
int line_at_offset(std::string_view text, std::size_t offset);

}  // namespace slipway::scan::deps
