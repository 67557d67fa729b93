// The comparison functions behind compare_versions(), one per scheme, each in
// its own file; internal to the deps area.
#pragma once

#include <optional>
#include <string_view>

namespace slipway::scan::deps::detail {

// Compares two runs of ASCII digits as unbounded numbers.
int compare_digits(std::string_view a, std::string_view b);
// -1, 0, 1 from any comparison result.
inline int sign(int value) {
  return (value > 0) - (value < 0);
}

std::optional<int> compare_semver(std::string_view a, std::string_view b);
std::optional<int> compare_go(std::string_view a, std::string_view b);
std::optional<int> compare_pep440(std::string_view a, std::string_view b);
std::optional<int> compare_rubygems(std::string_view a, std::string_view b);
int compare_packagist(std::string_view a, std::string_view b);
int compare_maven(std::string_view a, std::string_view b);
std::optional<int> compare_nuget(std::string_view a, std::string_view b);
int compare_generic(std::string_view a, std::string_view b);

}  // namespace slipway::scan::deps::detail
