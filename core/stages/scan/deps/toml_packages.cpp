// The line-based [[package]] reader described in toml_packages.hpp. A value
// is a basic string ("..." with escapes), a literal string ('...'), a
// multi-line string (""" or '''), an array or inline table that may span
// lines (brackets are counted outside strings), or a bare scalar (number,
// boolean, date). Only the forms these lockfiles use are understood.
#include "stages/scan/deps/toml_packages.hpp"

#include <optional>

#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

bool is_bare_key_char(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

// Reads a quoted string starting at text[pos] (a '"' or '\''); on success
// sets `pos` past the closing quote.
std::optional<std::string> read_quoted(std::string_view text, std::size_t& pos) {
  const char quote = text[pos];
  std::string out;
  std::size_t i = pos + 1;
  while (i < text.size()) {
    const char c = text[i];
    if (c == quote) {
      pos = i + 1;
      return out;
    }
    if (c == '\\' && quote == '"') {
      if (i + 1 >= text.size()) return std::nullopt;
      const char next = text[i + 1];
      switch (next) {
        case 'n':
          out += '\n';
          break;
        case 't':
          out += '\t';
          break;
        case '"':
        case '\\':
          out += next;
          break;
        default:  // \uXXXX and the rest are kept as written: names and versions never need them
          out += '\\';
          out += next;
          break;
      }
      i += 2;
      continue;
    }
    out += c;
    ++i;
  }
  return std::nullopt;
}

// A key before '=' (bare, quoted, or dotted of those). Sets `pos` after it.
std::optional<std::string> read_key(std::string_view line, std::size_t& pos) {
  std::string key;
  while (true) {
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos >= line.size()) return std::nullopt;
    if (line[pos] == '"' || line[pos] == '\'') {
      auto part = read_quoted(line, pos);
      if (!part) return std::nullopt;
      key += *part;
    } else {
      const std::size_t start = pos;
      while (pos < line.size() && is_bare_key_char(line[pos])) ++pos;
      if (pos == start) return std::nullopt;
      key += line.substr(start, pos - start);
    }
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    if (pos < line.size() && line[pos] == '.') {
      key += '.';
      ++pos;
      continue;
    }
    return key;
  }
}

// Bracket depth change of `text` outside strings; false on an unterminated string.
bool count_brackets(std::string_view text, int& depth) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '#') return true;
    if (c == '"' || c == '\'') {
      if (!read_quoted(text, i)) return false;
      --i;  // the loop's ++i steps past the closing quote's successor otherwise
      continue;
    }
    if (c == '[' || c == '{') ++depth;
    if (c == ']' || c == '}') --depth;
  }
  return true;
}

class Reader {
 public:
  Reader(std::string_view text, LockfileContents& out) : m_lines(util::split_lines(text)), m_out(out) {}

  std::vector<TomlPackage> read() {
    for (m_index = 0; m_index < m_lines.size(); ++m_index) {
      const std::size_t start = m_index;
      if (!read_line()) {
        m_out.problem(static_cast<int>(start) + 1,
                      "not a TOML line this reader understands: \"" + shorten(m_lines[start]) + "\"");
        if (m_out.problems.size() >= 20) break;
      }
    }
    return std::move(m_packages);
  }

 private:
  std::vector<std::string> m_lines;
  LockfileContents& m_out;
  std::vector<TomlPackage> m_packages;
  std::size_t m_index = 0;
  bool m_in_package = false;
  std::string m_prefix;  // "" in the package table, "source." in [package.source]

  static std::string shorten(std::string_view line) {
    std::string text(util::trim(line));
    if (text.size() > 60) text = text.substr(0, 57) + "...";
    return text;
  }

  bool read_line() {
    const std::string_view line = util::trim(m_lines[m_index]);
    if (line.empty() || line.front() == '#') return true;
    if (line.front() == '[') return read_header(line);
    std::size_t pos = 0;
    auto key = read_key(line, pos);
    if (!key || pos >= line.size() || line[pos] != '=') return false;
    ++pos;
    while (pos < line.size() && (line[pos] == ' ' || line[pos] == '\t')) ++pos;
    auto value = read_value(line, pos);
    if (!value) return false;
    if (m_in_package && !m_packages.empty()) m_packages.back().fields[m_prefix + *key] = *value;
    return true;
  }

  bool read_header(std::string_view line) {
    const bool array = util::starts_with(line, "[[");
    const std::string_view close = array ? "]]" : "]";
    std::size_t end = line.find(close);
    if (end == std::string_view::npos) return false;
    const std::string_view rest = util::trim(line.substr(end + close.size()));
    if (!rest.empty() && rest.front() != '#') return false;
    const std::string name(util::trim(line.substr(array ? 2 : 1, end - (array ? 2 : 1))));
    if (name.empty()) return false;
    if (array && name == "package") {
      m_packages.push_back(TomlPackage{static_cast<int>(m_index) + 1, {}});
      m_in_package = true;
      m_prefix.clear();
    } else if (m_in_package && util::starts_with(name, "package.")) {
      m_prefix = name.substr(8) + ".";
    } else {
      m_in_package = false;
    }
    return true;
  }

  // The value starting at line[pos]; multi-line values consume more lines.
  std::optional<std::string> read_value(std::string_view line, std::size_t pos) {
    if (pos >= line.size()) return std::nullopt;
    const std::string_view rest = line.substr(pos);
    if (util::starts_with(rest, "\"\"\"") || util::starts_with(rest, "'''"))
      return read_multiline_string(rest);
    if (rest.front() == '"' || rest.front() == '\'') {
      std::size_t at = pos;
      auto value = read_quoted(line, at);
      if (!value) return std::nullopt;
      const std::string_view after = util::trim(line.substr(at));
      if (!after.empty() && after.front() != '#') return std::nullopt;
      return value;
    }
    if (rest.front() == '[' || rest.front() == '{') return read_bracketed(rest);
    const std::size_t comment = rest.find('#');
    return std::string(util::trim(rest.substr(0, comment)));
  }

  std::optional<std::string> read_multiline_string(std::string_view rest) {
    const std::string_view quotes = rest.substr(0, 3);
    std::string value;
    std::string_view current = rest.substr(3);
    while (true) {
      const std::size_t close = current.find(quotes);
      if (close != std::string_view::npos) return value + std::string(current.substr(0, close));
      value += std::string(current) + "\n";
      if (++m_index >= m_lines.size()) return std::nullopt;
      current = m_lines[m_index];
    }
  }

  std::optional<std::string> read_bracketed(std::string_view rest) {
    std::string value(rest);
    int depth = 0;
    if (!count_brackets(rest, depth)) return std::nullopt;
    while (depth > 0) {
      if (++m_index >= m_lines.size()) return std::nullopt;
      const std::string_view next = m_lines[m_index];
      if (!count_brackets(next, depth)) return std::nullopt;
      value += "\n";
      value += next;
    }
    if (depth < 0) return std::nullopt;
    return value;
  }
};

}  // namespace

std::vector<TomlPackage> read_toml_packages(std::string_view text, LockfileContents& out) {
  return Reader(text, out).read();
}

}  // namespace slipway::scan::deps
