// Glob matching for repository-relative paths, with .gitignore meaning.
//
// A pattern is first rewritten into an anchored one, so the matcher itself has
// only one job: a pattern without '/' gets a "**/" prefix (it matches a file
// name in any folder), and a trailing '/' becomes "/**" (everything below
// that folder). The matcher is a recursive descent over (pattern, path)
// positions with a memo table, so patterns full of '*' and '**' stay
// polynomial instead of backtracking exponentially on long paths.
//
// "**" has its gitignore meaning only as a whole segment ("**/x", "a/**/b",
// "a/**"); elsewhere ("a**b") it is taken as "any run of characters including
// '/'", which is the least surprising reading of an unusual pattern.
#include "util/glob.hpp"

#include <cstdint>

namespace slipway::util {

namespace {

class Matcher {
 public:
  Matcher(std::string_view pattern, std::string_view path)
      : m_pattern(pattern), m_path(path), m_memo((pattern.size() + 1) * (path.size() + 1), k_unknown) {}

  bool matches() { return match(0, 0); }

 private:
  static constexpr std::int8_t k_unknown = -1;

  bool match(std::size_t pi, std::size_t si) {
    std::int8_t& memo = m_memo[pi * (m_path.size() + 1) + si];
    if (memo == k_unknown) memo = compute(pi, si) ? 1 : 0;
    return memo == 1;
  }

  bool at_segment_start(std::size_t pi) const { return pi == 0 || m_pattern[pi - 1] == '/'; }

  bool compute(std::size_t pi, std::size_t si) {
    if (pi == m_pattern.size()) return si == m_path.size();
    const char c = m_pattern[pi];

    if (c == '*' && pi + 1 < m_pattern.size() && m_pattern[pi + 1] == '*') {
      const std::size_t after = pi + 2;
      if (at_segment_start(pi) && after < m_pattern.size() && m_pattern[after] == '/') {
        // "**/": zero or more whole segments.
        if (match(after + 1, si)) return true;
        for (std::size_t j = si; j < m_path.size(); ++j) {
          if (m_path[j] == '/' && match(after + 1, j + 1)) return true;
        }
        return false;
      }
      if (at_segment_start(pi) && after == m_pattern.size()) {
        return si < m_path.size();  // trailing "/**": something below the folder
      }
      for (std::size_t j = si; j <= m_path.size(); ++j) {
        if (match(after, j)) return true;
      }
      return false;
    }
    if (c == '*') {
      for (std::size_t j = si; j <= m_path.size(); ++j) {
        if (match(pi + 1, j)) return true;
        if (j < m_path.size() && m_path[j] == '/') break;
      }
      return false;
    }
    if (si == m_path.size()) return false;
    const char s = m_path[si];
    if (c == '?') return s != '/' && match(pi + 1, si + 1);
    if (c == '[') {
      std::size_t next = 0;
      bool in_set = false;
      if (parse_set(pi, s, next, in_set)) return in_set && s != '/' && match(next, si + 1);
      return s == '[' && match(pi + 1, si + 1);  // no closing ']': a literal '['
    }
    if (c == '\\' && pi + 1 < m_pattern.size()) return s == m_pattern[pi + 1] && match(pi + 2, si + 1);
    return s == c && match(pi + 1, si + 1);
  }

  // Parses the set starting at m_pattern[pi] == '['. Returns false when the
  // set is not closed; otherwise `next` is the index after ']' and `in_set`
  // says whether `s` is matched by the set (negation applied).
  bool parse_set(std::size_t pi, char s, std::size_t& next, bool& in_set) const {
    std::size_t i = pi + 1;
    bool negated = false;
    if (i < m_pattern.size() && (m_pattern[i] == '!' || m_pattern[i] == '^')) {
      negated = true;
      ++i;
    }
    bool found = false;
    bool first = true;
    while (i < m_pattern.size()) {
      char low = m_pattern[i];
      if (low == ']' && !first) {
        next = i + 1;
        in_set = found != negated;
        return true;
      }
      first = false;
      if (low == '\\' && i + 1 < m_pattern.size()) low = m_pattern[++i];
      ++i;
      char high = low;
      if (i + 1 < m_pattern.size() && m_pattern[i] == '-' && m_pattern[i + 1] != ']') {
        high = m_pattern[i + 1];
        i += 2;
        if (high == '\\' && i < m_pattern.size()) high = m_pattern[i++];
      }
      if (static_cast<unsigned char>(low) <= static_cast<unsigned char>(s) &&
          static_cast<unsigned char>(s) <= static_cast<unsigned char>(high)) {
        found = true;
      }
    }
    return false;
  }

  std::string_view m_pattern;
  std::string_view m_path;
  std::vector<std::int8_t> m_memo;
};

}  // namespace

bool glob_match(std::string_view pattern, std::string_view path) {
  while (path.starts_with("./")) path.remove_prefix(2);
  bool folder_only = false;
  while (pattern.ends_with('/')) {
    pattern.remove_suffix(1);
    folder_only = true;
  }
  if (pattern.empty()) return false;

  std::string anchored;
  if (pattern.starts_with('/')) {
    anchored = pattern.substr(1);  // an explicit leading '/' anchors at the root
  } else if (pattern.find('/') != std::string_view::npos) {
    anchored = pattern;
  } else {
    anchored = "**/" + std::string(pattern);
  }
  if (folder_only) anchored += "/**";
  return Matcher(anchored, path).matches();
}

bool glob_match_any(const std::vector<std::string>& patterns, std::string_view path) {
  for (const std::string& pattern : patterns) {
    if (glob_match(pattern, path)) return true;
  }
  return false;
}

}  // namespace slipway::util
