// Dispatch from ecosystem to version scheme, the shared digit comparison,
// and the generic fallback ordering for ecosystems without a dedicated one
// (e.g. ConanCenter): versions split into runs of digits and of other
// characters; digit runs compare as numbers and sort after text runs.
#include "stages/scan/deps/version_order.hpp"

#include <cctype>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps {

namespace detail {

int compare_digits(std::string_view a, std::string_view b) {
  while (a.size() > 1 && a.front() == '0') a.remove_prefix(1);
  while (b.size() > 1 && b.front() == '0') b.remove_prefix(1);
  if (a.size() != b.size()) return a.size() < b.size() ? -1 : 1;
  return sign(a.compare(b));
}

int compare_generic(std::string_view a, std::string_view b) {
  auto is_digit = [](char c) { return std::isdigit(static_cast<unsigned char>(c)) != 0; };
  auto next_run = [&](std::string_view& text) {
    std::size_t end = 0;
    while (end < text.size() && !std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    text.remove_prefix(end);
    if (text.empty()) return text;
    const bool digits = is_digit(text.front());
    end = 0;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end])) != 0 &&
           is_digit(text[end]) == digits) {
      ++end;
    }
    const std::string_view run = text.substr(0, end);
    text.remove_prefix(end);
    return run;
  };
  while (true) {
    const std::string_view left = next_run(a);
    const std::string_view right = next_run(b);
    if (left.empty() || right.empty()) return left.empty() == right.empty() ? 0 : (left.empty() ? -1 : 1);
    const bool left_digits = is_digit(left.front());
    const bool right_digits = is_digit(right.front());
    int result = 0;
    if (left_digits && right_digits) {
      result = compare_digits(left, right);
    } else if (left_digits != right_digits) {
      result = left_digits ? 1 : -1;
    } else {
      result = sign(left.compare(right));
    }
    if (result != 0) return result;
  }
}

}  // namespace detail

VersionScheme scheme_for_ecosystem(std::string_view ecosystem) {
  const std::size_t colon = ecosystem.find(':');
  const std::string_view base = colon == std::string_view::npos ? ecosystem : ecosystem.substr(0, colon);
  if (base == "npm" || base == "crates.io") return VersionScheme::semver;
  if (base == "Go") return VersionScheme::go;
  if (base == "PyPI") return VersionScheme::pypi;
  if (base == "RubyGems") return VersionScheme::rubygems;
  if (base == "Packagist") return VersionScheme::packagist;
  if (base == "Maven") return VersionScheme::maven;
  if (base == "NuGet") return VersionScheme::nuget;
  return VersionScheme::generic;
}

std::optional<int> compare_versions(VersionScheme scheme, std::string_view a, std::string_view b) {
  // No real version is this long; the cap keeps the parsers' work (and
  // Maven's nested lists) bounded on hostile input.
  constexpr std::size_t k_max_length = 256;
  if (a.size() > k_max_length || b.size() > k_max_length) return std::nullopt;
  switch (scheme) {
    case VersionScheme::semver:
      return detail::compare_semver(a, b);
    case VersionScheme::go:
      return detail::compare_go(a, b);
    case VersionScheme::pypi:
      return detail::compare_pep440(a, b);
    case VersionScheme::rubygems:
      return detail::compare_rubygems(a, b);
    case VersionScheme::packagist:
      return detail::compare_packagist(a, b);
    case VersionScheme::maven:
      return detail::compare_maven(a, b);
    case VersionScheme::nuget:
      return detail::compare_nuget(a, b);
    case VersionScheme::generic:
      return detail::compare_generic(a, b);
  }
  return std::nullopt;
}

}  // namespace slipway::scan::deps
