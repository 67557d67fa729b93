// SemVer 2.0 precedence (semver.org, section 11) for npm, crates.io, Go and
// OSV's SEMVER ranges. Parsing is slightly lenient, as lockfiles and
// advisories are: a leading "v" or "=" is dropped and a missing minor or
// patch number counts as 0. Build metadata ("+...") never affects order.
#include <cctype>
#include <string>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

struct SemVer {
  std::vector<std::string_view> core;        // major, minor, patch
  std::vector<std::string_view> prerelease;  // empty for a release
};

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

bool identifier_chars(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') return false;
  }
  return true;
}

std::vector<std::string_view> split_dots(std::string_view text) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.push_back(text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

std::optional<SemVer> parse(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '=')) text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  const std::size_t plus = text.find('+');
  if (plus != std::string_view::npos) {
    for (std::string_view identifier : split_dots(text.substr(plus + 1))) {
      if (!identifier_chars(identifier)) return std::nullopt;
    }
    text = text.substr(0, plus);
  }
  SemVer version;
  const std::size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    version.prerelease = split_dots(text.substr(dash + 1));
    for (std::string_view identifier : version.prerelease) {
      if (!identifier_chars(identifier)) return std::nullopt;
    }
    text = text.substr(0, dash);
  }
  version.core = split_dots(text);
  if (version.core.empty() || version.core.size() > 3) return std::nullopt;
  for (std::string_view number : version.core) {
    if (!all_digits(number)) return std::nullopt;
  }
  while (version.core.size() < 3) version.core.emplace_back("0");
  return version;
}

int compare_identifiers(std::string_view a, std::string_view b) {
  const bool a_numeric = all_digits(a);
  const bool b_numeric = all_digits(b);
  if (a_numeric && b_numeric) return compare_digits(a, b);
  if (a_numeric != b_numeric) return a_numeric ? -1 : 1;
  return sign(a.compare(b));
}

int compare(const SemVer& a, const SemVer& b) {
  for (std::size_t i = 0; i < 3; ++i) {
    const int result = compare_digits(a.core[i], b.core[i]);
    if (result != 0) return result;
  }
  if (a.prerelease.empty() || b.prerelease.empty()) {
    return a.prerelease.empty() == b.prerelease.empty() ? 0 : (a.prerelease.empty() ? 1 : -1);
  }
  for (std::size_t i = 0; i < a.prerelease.size() && i < b.prerelease.size(); ++i) {
    const int result = compare_identifiers(a.prerelease[i], b.prerelease[i]);
    if (result != 0) return result;
  }
  return sign(static_cast<int>(a.prerelease.size()) - static_cast<int>(b.prerelease.size()));
}

}  // namespace

std::optional<int> compare_semver(std::string_view a, std::string_view b) {
  const auto left = parse(a);
  const auto right = parse(b);
  if (!left || !right) return std::nullopt;
  return compare(*left, *right);
}

// Go module versions are SemVer with a "v" that OSV leaves out; the parser
// drops either form, and "+incompatible" is build metadata.
std::optional<int> compare_go(std::string_view a, std::string_view b) {
  return compare_semver(a, b);
}

}  // namespace slipway::scan::deps::detail
