// Packagist ordering: PHP's version_compare(), which Composer's constraints
// reduce to, after dropping a leading "v". The version is canonicalised
// ('-', '_', '+' become '.'; a '.' is put between a digit and a non-digit),
// then the dot-separated parts compare pairwise: numbers numerically,
// anything else by the rank of its "special form" prefix
// (any other string < dev < alpha = a < beta = b < RC = rc < number < pl = p).
// When one side runs out, a remaining number makes the longer version newer
// and a remaining word is ranked against a number ("1.0" > "1.0rc1").
#include <cctype>
#include <cstring>
#include <string>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

bool is_digit(char c) {
  return std::isdigit(static_cast<unsigned char>(c)) != 0;
}

std::string canonicalize(std::string_view version) {
  if (version.empty()) return {};
  std::string out;
  out += version.front();
  char last = version.front();
  for (std::size_t i = 1; i < version.size(); ++i) {
    const char c = version[i];
    const bool special = c == '-' || c == '_' || c == '+';
    const bool last_digit = is_digit(last) && last != '.';
    const bool last_non_digit = !is_digit(last) && last != '.';
    const bool digit = is_digit(c) && c != '.';
    const bool non_digit = !is_digit(c) && c != '.';
    if (special) {
      if (out.back() != '.') out += '.';
    } else if ((last_non_digit && digit) || (last_digit && non_digit)) {
      if (out.back() != '.') out += '.';
      out += c;
    } else if (std::isalnum(static_cast<unsigned char>(c)) == 0) {
      if (out.back() != '.') out += '.';
    } else {
      out += c;
    }
    last = c;
  }
  return out;
}

int special_form_rank(std::string_view form) {
  static const std::pair<const char*, int> k_forms[] = {{"dev", 0}, {"alpha", 1}, {"a", 1},  {"beta", 2},
                                                        {"b", 2},   {"RC", 3},    {"rc", 3}, {"#", 4},
                                                        {"pl", 5},  {"p", 5}};
  for (const auto& [name, rank] : k_forms) {
    if (form.compare(0, std::strlen(name), name) == 0) return rank;
  }
  return -6;
}

int compare_special(std::string_view a, std::string_view b) {
  return sign(special_form_rank(a) - special_form_rank(b));
}

std::vector<std::string> parts_of(const std::string& canonical) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= canonical.size()) {
    const std::size_t dot = canonical.find('.', start);
    const std::string part =
        canonical.substr(start, dot == std::string::npos ? std::string::npos : dot - start);
    if (!part.empty()) parts.push_back(part);  // PHP skips empty parts the same way (strtok-like)
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  return parts;
}

int compare_number(const std::string& a, const std::string& b) {
  // PHP reads parts with strtol; digits-only parts here, compared without overflow.
  std::size_t a_end = 0;
  std::size_t b_end = 0;
  while (a_end < a.size() && is_digit(a[a_end])) ++a_end;
  while (b_end < b.size() && is_digit(b[b_end])) ++b_end;
  return compare_digits(std::string_view(a).substr(0, a_end), std::string_view(b).substr(0, b_end));
}

int php_version_compare(const std::string& left, const std::string& right) {
  const std::vector<std::string> a = parts_of(canonicalize(left));
  const std::vector<std::string> b = parts_of(canonicalize(right));
  std::size_t i = 0;
  int result = 0;
  for (; i < a.size() && i < b.size() && result == 0; ++i) {
    const bool a_number = is_digit(a[i].front());
    const bool b_number = is_digit(b[i].front());
    if (a_number && b_number) {
      result = compare_number(a[i], b[i]);
    } else if (!a_number && !b_number) {
      result = compare_special(a[i], b[i]);
    } else {
      result = a_number ? compare_special("#N#", b[i]) : compare_special(a[i], "#N#");
    }
  }
  if (result != 0) return result;
  auto rest = [i](const std::vector<std::string>& parts) {
    std::string text;
    for (std::size_t k = i; k < parts.size(); ++k) text += (k == i ? "" : ".") + parts[k];
    return text;
  };
  if (i < a.size()) return is_digit(a[i].front()) ? 1 : php_version_compare(rest(a), "#N#");
  if (i < b.size()) return is_digit(b[i].front()) ? -1 : php_version_compare("#N#", rest(b));
  return 0;
}

std::string strip_v(std::string_view version) {
  while (!version.empty() && std::isspace(static_cast<unsigned char>(version.front())) != 0)
    version.remove_prefix(1);
  if (!version.empty() && (version.front() == 'v' || version.front() == 'V')) version.remove_prefix(1);
  return std::string(version);
}

}  // namespace

int compare_packagist(std::string_view a, std::string_view b) {
  const std::string left = strip_v(a);
  const std::string right = strip_v(b);
  if (left.empty() || right.empty()) return left.empty() == right.empty() ? 0 : (left.empty() ? -1 : 1);
  return php_version_compare(left, right);
}

}  // namespace slipway::scan::deps::detail
