// The Groovy tokenizer (see groovy_lexer.hpp). An unterminated string or
// comment stops tokenizing and is reported with the line it started on; the
// tokens before it are kept.
#include "stages/scan/misconfig/groovy_lexer.hpp"

#include <cctype>

namespace slipway::scan::misconfig {
namespace {

bool is_identifier_start(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) != 0 || c == '_' || c == '$' ||
         static_cast<unsigned char>(c) >= 0x80;
}

bool is_identifier_char(char c) {
  return is_identifier_start(c) || std::isdigit(static_cast<unsigned char>(c)) != 0;
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : m_text(text) {}

  GroovyTokens run() {
    if (m_text.substr(0, 2) == "#!") skip_to_line_end();
    while (m_pos < m_text.size() && m_result.ok()) step();
    match_brackets();
    return std::move(m_result);
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  int m_line = 1;
  GroovyTokens m_result;

  [[nodiscard]] char at(std::size_t offset) const {
    return m_pos + offset < m_text.size() ? m_text[m_pos + offset] : '\0';
  }
  [[nodiscard]] bool starts(std::string_view prefix) const {
    return m_text.substr(m_pos, prefix.size()) == prefix;
  }

  void advance(std::size_t count = 1) {
    for (std::size_t i = 0; i < count && m_pos < m_text.size(); ++i) {
      if (m_text[m_pos] == '\n') ++m_line;
      ++m_pos;
    }
  }

  void skip_to_line_end() {
    while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
  }

  void fail(std::string message, int line) {
    m_result.error = make_error(std::move(message));
    m_result.error.line = line;
  }

  [[nodiscard]] bool operand_expected() const {
    if (m_result.tokens.empty()) return true;
    const GroovyToken& last = m_result.tokens.back();
    if (last.kind == TokenKind::punctuation) return last.text != ")" && last.text != "]" && last.text != "}";
    return last.kind == TokenKind::identifier &&
           (last.text == "return" || last.text == "case" || last.text == "in");
  }

  void push(TokenKind kind, std::string text, int line, StringKind string_kind = StringKind::single) {
    m_result.tokens.push_back(GroovyToken{kind, std::move(text), string_kind, line});
  }

  void step() {
    const char c = at(0);
    if (c == '\n' || c == ' ' || c == '\t' || c == '\r' || c == '\f') {
      advance();
    } else if (starts("//")) {
      skip_to_line_end();
    } else if (starts("/*")) {
      const int line = m_line;
      const std::size_t end = m_text.find("*/", m_pos + 2);
      if (end == std::string_view::npos) return fail("unterminated /* comment", line);
      advance(end + 2 - m_pos);
    } else if (starts("'''")) {
      read_delimited("'''", StringKind::triple_single, true);
    } else if (starts("\"\"\"")) {
      read_delimited("\"\"\"", StringKind::triple_double, true);
    } else if (c == '\'') {
      read_delimited("'", StringKind::single, false);
    } else if (c == '"') {
      read_delimited("\"", StringKind::double_quoted, false);
    } else if (starts("$/")) {
      read_dollar_slashy();
    } else if (c == '/' && operand_expected() && at(1) != '=') {
      read_delimited("/", StringKind::slashy, true);
    } else if (is_identifier_start(c)) {
      const int line = m_line;
      const std::size_t start = m_pos;
      while (m_pos < m_text.size() && is_identifier_char(m_text[m_pos])) ++m_pos;
      push(TokenKind::identifier, std::string(m_text.substr(start, m_pos - start)), line);
    } else if (std::isdigit(static_cast<unsigned char>(c)) != 0) {
      const std::size_t start = m_pos;
      while (m_pos < m_text.size() && (is_identifier_char(m_text[m_pos]) || m_text[m_pos] == '.')) ++m_pos;
      push(TokenKind::number, std::string(m_text.substr(start, m_pos - start)), m_line);
    } else {
      push(TokenKind::punctuation, std::string(1, c), m_line);
      advance();
    }
  }

  // Skips a ${ ... } inside a GString, with nested braces and simple strings.
  void skip_interpolation(std::string& content) {
    int depth = 0;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '{') {
        ++depth;
      } else if (c == '}') {
        --depth;
      } else if (c == '"' || c == '\'') {
        content += c;
        advance();
        while (m_pos < m_text.size() && m_text[m_pos] != c && m_text[m_pos] != '\n') {
          if (m_text[m_pos] == '\\') {
            content += m_text[m_pos];
            advance();
          }
          if (m_pos < m_text.size()) {
            content += m_text[m_pos];
            advance();
          }
        }
        if (m_pos >= m_text.size()) return;
      }
      content += m_text[m_pos];
      advance();
      if (depth == 0) return;
    }
  }

  void read_delimited(std::string_view delimiter, StringKind kind, bool multiline) {
    const int line = m_line;
    advance(delimiter.size());
    std::string content;
    const bool gstring = interpolates(kind);
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (starts(delimiter)) {
        advance(delimiter.size());
        push(TokenKind::string, std::move(content), line, kind);
        return;
      }
      if (c == '\n' && !multiline) break;
      if (c == '\\' && m_pos + 1 < m_text.size()) {
        content += c;
        content += m_text[m_pos + 1];
        advance(2);
      } else if (gstring && c == '$' && at(1) == '{') {
        content += '$';
        advance();
        skip_interpolation(content);
      } else {
        content += c;
        advance();
      }
    }
    fail("unterminated string", line);
  }

  void read_dollar_slashy() {
    const int line = m_line;
    advance(2);
    std::string content;
    while (m_pos < m_text.size()) {
      if (starts("/$")) {
        advance(2);
        push(TokenKind::string, std::move(content), line, StringKind::dollar_slashy);
        return;
      }
      if (starts("$$") || starts("$/")) {
        content += m_text.substr(m_pos, 2);
        advance(2);
        continue;
      }
      content += m_text[m_pos];
      advance();
    }
    fail("unterminated $/ string", line);
  }

  void match_brackets() {
    const std::size_t count = m_result.tokens.size();
    m_result.partner.assign(count, std::string::npos);
    m_result.enclosing.assign(count, std::string::npos);
    std::vector<std::size_t> open;
    std::vector<std::size_t> braces;
    for (std::size_t i = 0; i < count; ++i) {
      const GroovyToken& token = m_result.tokens[i];
      m_result.enclosing[i] = braces.empty() ? std::string::npos : braces.back();
      if (token.kind != TokenKind::punctuation) continue;
      const char c = token.text[0];
      if (c == '(' || c == '[' || c == '{') {
        open.push_back(i);
        if (c == '{') braces.push_back(i);
      } else if (c == ')' || c == ']' || c == '}') {
        const char expected = c == ')' ? '(' : c == ']' ? '[' : '{';
        // Unbalanced input: close the nearest bracket of the right kind.
        while (!open.empty() && m_result.tokens[open.back()].text[0] != expected) {
          if (m_result.tokens[open.back()].text[0] == '{') braces.pop_back();
          open.pop_back();
        }
        if (open.empty()) continue;
        m_result.partner[open.back()] = i;
        m_result.partner[i] = open.back();
        if (c == '}') braces.pop_back();
        open.pop_back();
      }
    }
  }
};

}  // namespace

bool interpolates(StringKind kind) {
  return kind == StringKind::double_quoted || kind == StringKind::triple_double ||
         kind == StringKind::slashy || kind == StringKind::dollar_slashy;
}

GroovyTokens lex_groovy(std::string_view text) {
  return Lexer(text).run();
}

}  // namespace slipway::scan::misconfig
