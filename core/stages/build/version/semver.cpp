// Semantic version parsing and precedence (see semver.hpp).
#include "stages/build/version/semver.hpp"

#include <algorithm>
#include <charconv>

#include "util/strings.hpp"

namespace slipway::build::version {

namespace {

bool is_digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

bool is_identifier(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-';
  });
}

std::optional<std::uint64_t> parse_number(std::string_view text) {
  if (!is_digits(text) || (text.size() > 1 && text[0] == '0')) return std::nullopt;
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::strong_ordering compare_identifier(const std::string& a, const std::string& b) {
  const bool a_numeric = is_digits(a);
  const bool b_numeric = is_digits(b);
  if (a_numeric && b_numeric) {
    if (a.size() != b.size()) return a.size() <=> b.size();  // no leading zeros: longer is larger
    return a.compare(b) <=> 0;
  }
  if (a_numeric != b_numeric) return a_numeric ? std::strong_ordering::less : std::strong_ordering::greater;
  return a.compare(b) <=> 0;
}

}  // namespace

std::string SemVer::to_string() const {
  std::string out = std::to_string(major) + "." + std::to_string(minor) + "." + std::to_string(patch);
  if (!prerelease.empty()) out += "-" + util::join(prerelease, ".");
  if (!build.empty()) out += "+" + build;
  return out;
}

std::optional<SemVer> parse_semver(std::string_view text) {
  SemVer version;
  if (const std::size_t plus = text.find('+'); plus != std::string_view::npos) {
    version.build = std::string(text.substr(plus + 1));
    for (const std::string& identifier : util::split(version.build, '.')) {
      if (!is_identifier(identifier)) return std::nullopt;
    }
    text = text.substr(0, plus);
  }
  if (const std::size_t dash = text.find('-'); dash != std::string_view::npos) {
    for (const std::string& identifier : util::split(text.substr(dash + 1), '.')) {
      if (!is_identifier(identifier) || (is_digits(identifier) && !parse_number(identifier)))
        return std::nullopt;
      version.prerelease.push_back(identifier);
    }
    text = text.substr(0, dash);
  }
  const std::vector<std::string> numbers = util::split(text, '.');
  if (numbers.size() != 3) return std::nullopt;
  const std::optional<std::uint64_t> major = parse_number(numbers[0]);
  const std::optional<std::uint64_t> minor = parse_number(numbers[1]);
  const std::optional<std::uint64_t> patch = parse_number(numbers[2]);
  if (!major || !minor || !patch) return std::nullopt;
  version.major = *major;
  version.minor = *minor;
  version.patch = *patch;
  return version;
}

std::strong_ordering compare(const SemVer& a, const SemVer& b) {
  if (const auto order = a.major <=> b.major; order != 0) return order;
  if (const auto order = a.minor <=> b.minor; order != 0) return order;
  if (const auto order = a.patch <=> b.patch; order != 0) return order;
  if (a.prerelease.empty() != b.prerelease.empty()) {
    return a.prerelease.empty() ? std::strong_ordering::greater : std::strong_ordering::less;
  }
  const std::size_t shared = std::min(a.prerelease.size(), b.prerelease.size());
  for (std::size_t i = 0; i < shared; ++i) {
    if (const auto order = compare_identifier(a.prerelease[i], b.prerelease[i]); order != 0) return order;
  }
  return a.prerelease.size() <=> b.prerelease.size();
}

}  // namespace slipway::build::version
