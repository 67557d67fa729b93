// NuGet ordering (NuGetVersion): up to four numeric parts (major, minor,
// patch, revision; missing ones are 0), then a release sorts after its
// pre-releases; pre-release labels compare part by part, numbers
// numerically and before words, words case-insensitively; build metadata
// ("+...") is ignored.
#include <cctype>
#include <string>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

struct NuGetVersion {
  std::vector<std::string> numbers;  // four parts
  std::vector<std::string> labels;   // lower-cased pre-release labels
};

std::vector<std::string> split_dots(std::string_view text) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = text.find('.', start);
    parts.emplace_back(
        text.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
    if (dot == std::string_view::npos) return parts;
    start = dot + 1;
  }
}

bool digits_only(const std::string& text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string::npos;
}

std::optional<NuGetVersion> parse(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.remove_suffix(1);
  if (!text.empty() && (text.front() == 'v' || text.front() == 'V')) text.remove_prefix(1);
  const std::size_t plus = text.find('+');
  if (plus != std::string_view::npos) text = text.substr(0, plus);
  NuGetVersion version;
  const std::size_t dash = text.find('-');
  if (dash != std::string_view::npos) {
    for (std::string label : split_dots(text.substr(dash + 1))) {
      if (label.empty()) return std::nullopt;
      for (char& c : label) {
        if (std::isalnum(static_cast<unsigned char>(c)) == 0 && c != '-') return std::nullopt;
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      version.labels.push_back(label);
    }
    text = text.substr(0, dash);
  }
  version.numbers = split_dots(text);
  if (version.numbers.size() > 4) return std::nullopt;
  for (const std::string& number : version.numbers) {
    if (!digits_only(number)) return std::nullopt;
  }
  while (version.numbers.size() < 4) version.numbers.emplace_back("0");
  return version;
}

}  // namespace

std::optional<int> compare_nuget(std::string_view a, std::string_view b) {
  const auto left = parse(a);
  const auto right = parse(b);
  if (!left || !right) return std::nullopt;
  for (std::size_t i = 0; i < 4; ++i) {
    const int result = compare_digits(left->numbers[i], right->numbers[i]);
    if (result != 0) return result;
  }
  if (left->labels.empty() || right->labels.empty()) {
    return left->labels.empty() == right->labels.empty() ? 0 : (left->labels.empty() ? 1 : -1);
  }
  for (std::size_t i = 0; i < left->labels.size() && i < right->labels.size(); ++i) {
    const std::string& x = left->labels[i];
    const std::string& y = right->labels[i];
    const bool x_number = digits_only(x);
    const bool y_number = digits_only(y);
    int result = 0;
    if (x_number && y_number) {
      result = compare_digits(x, y);
    } else if (x_number != y_number) {
      result = x_number ? -1 : 1;
    } else {
      result = sign(x.compare(y));
    }
    if (result != 0) return result;
  }
  return sign(static_cast<int>(left->labels.size()) - static_cast<int>(right->labels.size()));
}

}  // namespace slipway::scan::deps::detail
