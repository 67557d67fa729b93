// Semantic versions (semver.org 2.0.0): parsing, precedence and text, for
// release tags such as v1.4.2 and v2.0.0-rc.1.
#pragma once

#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::build::version {

struct SemVer {
  std::uint64_t major = 0;
  std::uint64_t minor = 0;
  std::uint64_t patch = 0;
  std::vector<std::string> prerelease;  // dot-separated identifiers after '-' ("rc", "1")
  std::string build;                    // after '+'; ignored by precedence

  [[nodiscard]] bool is_prerelease() const { return !prerelease.empty(); }
  [[nodiscard]] std::string to_string() const;  // "1.2.3-rc.1+build.5"
};

// Parses exactly "MAJOR.MINOR.PATCH[-PRERELEASE][+BUILD]" with semver's rules
// (no leading zeros in numbers, identifiers of [0-9A-Za-z-]). nullopt otherwise.
std::optional<SemVer> parse_semver(std::string_view text);

// Precedence: numbers, then a pre-release sorts before its release, then
// identifiers one by one (numeric ones numerically and before alphanumeric
// ones, a shorter list first). Build metadata is ignored.
std::strong_ordering compare(const SemVer& a, const SemVer& b);
inline bool operator<(const SemVer& a, const SemVer& b) {
  return compare(a, b) < 0;
}

}  // namespace slipway::build::version
