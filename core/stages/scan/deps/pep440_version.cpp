// PEP 440 ordering for PyPI. A version is parsed in its normalised form
// (case-insensitive; "v" prefix; '-', '_' and '.' separators; alpha/beta/c/
// pre/preview spellings; implicit numbers; "1.0-1" as a post-release) and
// compared by the key PEP 440 defines: epoch, release (trailing zeros do not
// count), then pre-release, post-release and development release, then the
// local version label. A development release of a final version sorts before
// its pre-releases ("1.0.dev1" < "1.0a1"); a local version sorts after the
// same public version. Versions outside PEP 440 (legacy) are invalid.
#include <cctype>
#include <string>
#include <vector>

#include "stages/scan/deps/version_schemes.hpp"

namespace slipway::scan::deps::detail {

namespace {

struct Pep440 {
  std::string epoch = "0";
  std::vector<std::string> release;
  int pre_phase = -1;  // -1 none, 0 a, 1 b, 2 rc
  std::string pre_number;
  bool has_post = false;
  std::string post_number;
  bool has_dev = false;
  std::string dev_number;
  std::vector<std::string> local;
};

class Cursor {
 public:
  explicit Cursor(std::string text) : m_text(std::move(text)) {}
  [[nodiscard]] bool done() const { return m_pos >= m_text.size(); }
  [[nodiscard]] char peek() const { return done() ? '\0' : m_text[m_pos]; }
  bool digits(std::string& out) {
    const std::size_t start = m_pos;
    while (!done() && std::isdigit(static_cast<unsigned char>(m_text[m_pos])) != 0) ++m_pos;
    out = m_text.substr(start, m_pos - start);
    return m_pos > start;
  }
  bool word(std::string_view text) {
    if (m_text.compare(m_pos, text.size(), text) != 0) return false;
    m_pos += text.size();
    return true;
  }
  bool separator() {
    if (peek() == '.' || peek() == '-' || peek() == '_') {
      ++m_pos;
      return true;
    }
    return false;
  }
  std::size_t mark() const { return m_pos; }
  void reset(std::size_t position) { m_pos = position; }
  std::string rest() const { return m_text.substr(m_pos); }

 private:
  std::string m_text;
  std::size_t m_pos = 0;
};

// The number after a pre/post/dev word: optional separator then digits; "0" when absent.
std::string optional_number(Cursor& cursor) {
  const std::size_t start = cursor.mark();
  cursor.separator();
  std::string number;
  if (cursor.digits(number)) return number;
  cursor.reset(start);
  return "0";
}

bool parse_pre(Cursor& cursor, Pep440& version) {
  const std::size_t start = cursor.mark();
  cursor.separator();
  static const std::pair<std::string_view, int> k_words[] = {
      {"alpha", 0}, {"beta", 1}, {"preview", 2}, {"pre", 2}, {"rc", 2}, {"a", 0}, {"b", 1}, {"c", 2}};
  for (const auto& [word, phase] : k_words) {
    if (cursor.word(word)) {
      version.pre_phase = phase;
      version.pre_number = optional_number(cursor);
      return true;
    }
  }
  cursor.reset(start);
  return false;
}

bool parse_post(Cursor& cursor, Pep440& version) {
  const std::size_t start = cursor.mark();
  if (cursor.peek() == '-') {  // implicit post-release: "1.0-1"
    cursor.separator();
    std::string number;
    if (cursor.digits(number)) {
      version.has_post = true;
      version.post_number = number;
      return true;
    }
    cursor.reset(start);
  }
  cursor.separator();
  for (std::string_view word : {"post", "rev", "r"}) {
    if (cursor.word(word)) {
      version.has_post = true;
      version.post_number = optional_number(cursor);
      return true;
    }
  }
  cursor.reset(start);
  return false;
}

bool parse_dev(Cursor& cursor, Pep440& version) {
  const std::size_t start = cursor.mark();
  cursor.separator();
  if (cursor.word("dev")) {
    version.has_dev = true;
    version.dev_number = optional_number(cursor);
    return true;
  }
  cursor.reset(start);
  return false;
}

std::optional<Pep440> parse(std::string_view input) {
  std::string text;
  for (char c : input) text += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())) != 0) text.erase(0, 1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())) != 0) text.pop_back();
  if (!text.empty() && text.front() == 'v') text.erase(0, 1);
  Pep440 version;
  Cursor cursor(text);
  std::string number;
  if (!cursor.digits(number)) return std::nullopt;
  if (cursor.peek() == '!') {
    version.epoch = number;
    cursor.word("!");
    if (!cursor.digits(number)) return std::nullopt;
  }
  version.release.push_back(number);
  while (cursor.peek() == '.') {
    const std::size_t start = cursor.mark();
    cursor.word(".");
    if (!cursor.digits(number)) {
      cursor.reset(start);
      break;
    }
    version.release.push_back(number);
  }
  parse_pre(cursor, version);
  parse_post(cursor, version);
  parse_dev(cursor, version);
  if (cursor.peek() == '+') {
    cursor.word("+");
    std::string label;
    for (char c : cursor.rest()) {
      if (c == '.' || c == '-' || c == '_') {
        if (label.empty()) return std::nullopt;
        version.local.push_back(label);
        label.clear();
      } else if (std::isalnum(static_cast<unsigned char>(c)) != 0) {
        label += c;
      } else {
        return std::nullopt;
      }
    }
    if (label.empty()) return std::nullopt;
    version.local.push_back(label);
    return version;
  }
  if (!cursor.done()) return std::nullopt;
  return version;
}

int compare_release(std::vector<std::string> a, std::vector<std::string> b) {
  auto is_zero = [](const std::string& part) { return part.find_first_not_of('0') == std::string::npos; };
  while (!a.empty() && is_zero(a.back())) a.pop_back();
  while (!b.empty() && is_zero(b.back())) b.pop_back();
  for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) {
    const int result = compare_digits(a[i], b[i]);
    if (result != 0) return result;
  }
  return sign(static_cast<int>(a.size()) - static_cast<int>(b.size()));
}

// Pre-release rank: a dev release of a final version first, then a/b/rc, then none.
int compare_pre(const Pep440& a, const Pep440& b) {
  auto rank = [](const Pep440& v) {
    if (v.pre_phase >= 0) return v.pre_phase + 1;
    if (v.has_dev && !v.has_post) return 0;
    return 4;
  };
  const int result = rank(a) - rank(b);
  if (result != 0 || a.pre_phase < 0) return sign(result);
  return compare_digits(a.pre_number, b.pre_number);
}

int compare_local(const Pep440& a, const Pep440& b) {
  for (std::size_t i = 0; i < a.local.size() && i < b.local.size(); ++i) {
    const std::string& x = a.local[i];
    const std::string& y = b.local[i];
    const bool x_number = x.find_first_not_of("0123456789") == std::string::npos;
    const bool y_number = y.find_first_not_of("0123456789") == std::string::npos;
    int result = 0;
    if (x_number && y_number) {
      result = compare_digits(x, y);
    } else if (x_number != y_number) {
      result = x_number ? 1 : -1;
    } else {
      result = sign(x.compare(y));
    }
    if (result != 0) return result;
  }
  return sign(static_cast<int>(a.local.size()) - static_cast<int>(b.local.size()));
}

int compare(const Pep440& a, const Pep440& b) {
  int result = compare_digits(a.epoch, b.epoch);
  if (result == 0) result = compare_release(a.release, b.release);
  if (result == 0) result = compare_pre(a, b);
  if (result == 0 && a.has_post != b.has_post) result = a.has_post ? 1 : -1;
  if (result == 0 && a.has_post) result = compare_digits(a.post_number, b.post_number);
  if (result == 0 && a.has_dev != b.has_dev) result = a.has_dev ? -1 : 1;
  if (result == 0 && a.has_dev) result = compare_digits(a.dev_number, b.dev_number);
  if (result == 0) result = compare_local(a, b);
  return result;
}

}  // namespace

std::optional<int> compare_pep440(std::string_view a, std::string_view b) {
  const auto left = parse(a);
  const auto right = parse(b);
  if (!left || !right) return std::nullopt;
  return compare(*left, *right);
}

}  // namespace slipway::scan::deps::detail
