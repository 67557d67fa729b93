// RubyGems ordering, as Gem::Version#<=> does it: a version is split into
// segments of digits and of letters ("1.0.0.pre2" -> 1 0 0 "pre" 2; a '-'
// stands for ".pre."); trailing zero segments of the release part and of the
// pre-release part are dropped; segments compare pairwise, a missing one
// counting as 0, numbers numerically, letters as text, and a letter segment
// before any number (so "1.0.a" < "1.0").
#include <cctype>
#include <string>
#include <variant>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

using Segment = std::variant<std::string, std::string>;  // index 0: digits, index 1: letters

bool valid(std::string_view text) {
  // ^[0-9]+(\.[0-9a-zA-Z]+)*(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front())) == 0) return false;
  bool after_dash = false;
  char previous = '\0';
  for (char c : text) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c)) != 0;
    if (c == '.') {
      if (previous == '.' || previous == '-') return false;
    } else if (c == '-') {
      if (previous == '.') return false;
      if (!after_dash && previous == '-') return false;
      after_dash = true;
    } else if (!alnum) {
      return false;
    }
    previous = c;
  }
  return previous != '.' && previous != '-';
}

std::vector<Segment> canonical_segments(std::string_view input) {
  std::string text;
  for (char c : input) {
    if (c == '-') {
      text += ".pre.";
    } else {
      text += c;
    }
  }
  std::vector<Segment> segments;
  std::size_t i = 0;
  while (i < text.size()) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    std::size_t end = i;
    if (std::isdigit(c) != 0) {
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end])) != 0) ++end;
      std::string digits = text.substr(i, end - i);
      const std::size_t first = digits.find_first_not_of('0');
      segments.emplace_back(std::in_place_index<0>, first == std::string::npos ? "0" : digits.substr(first));
    } else if (std::isalpha(c) != 0) {
      while (end < text.size() && std::isalpha(static_cast<unsigned char>(text[end])) != 0) ++end;
      segments.emplace_back(std::in_place_index<1>, text.substr(i, end - i));
    } else {
      end = i + 1;
    }
    i = end;
  }
  // Drop trailing zeros of the release part (before the first letters) and of the rest.
  auto is_zero = [](const Segment& s) { return s.index() == 0 && std::get<0>(s) == "0"; };
  std::size_t first_letters = 0;
  while (first_letters < segments.size() && segments[first_letters].index() == 0) ++first_letters;
  std::vector<Segment> release(segments.begin(),
                               segments.begin() + static_cast<std::ptrdiff_t>(first_letters));
  std::vector<Segment> rest(segments.begin() + static_cast<std::ptrdiff_t>(first_letters), segments.end());
  while (!release.empty() && is_zero(release.back())) release.pop_back();
  while (!rest.empty() && is_zero(rest.back())) rest.pop_back();
  release.insert(release.end(), rest.begin(), rest.end());
  return release;
}

}  // namespace

std::optional<int> compare_rubygems(std::string_view a, std::string_view b) {
  auto trim = [](std::string_view text) {
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0)
      text.remove_prefix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
    return text;
  };
  a = trim(a);
  b = trim(b);
  if (!valid(a) || !valid(b)) return std::nullopt;
  const std::vector<Segment> left = canonical_segments(a);
  const std::vector<Segment> right = canonical_segments(b);
  const Segment zero(std::in_place_index<0>, "0");
  for (std::size_t i = 0; i < left.size() || i < right.size(); ++i) {
    const Segment& l = i < left.size() ? left[i] : zero;
    const Segment& r = i < right.size() ? right[i] : zero;
    if (l.index() != r.index()) return l.index() == 1 ? -1 : 1;
    const int result = l.index() == 0 ? compare_digits(std::get<0>(l), std::get<0>(r))
                                      : sign(std::get<1>(l).compare(std::get<1>(r)));
    if (result != 0) return result;
  }
  return 0;
}

}  // namespace slipway::scan::deps::detail
