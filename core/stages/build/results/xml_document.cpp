// The strict XML subset reader (see xml_document.hpp; the writer is
// xml_writer.cpp).
//
// The parser works in two passes over the bytes. The first checks that the
// whole file is UTF-8 made of characters XML allows, so every later step can
// treat the text as bytes. The second is an iterative descent with an
// explicit stack of open elements (a deeply nested file cannot overflow the
// C++ stack; nesting beyond k_max_depth is refused anyway). Positions are
// tracked as line and byte column for the messages. Line endings are
// normalized as XML says: CRLF and CR become LF in text, and in attribute
// values tabs and line ends become spaces (character references are kept).
#include "stages/build/results/xml_document.hpp"

#include <cstdint>
#include <cstdio>
#include <optional>

#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::build::results {

namespace {

constexpr std::size_t k_max_depth = 256;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_name_start(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z') || byte == '_' || byte == ':' ||
         byte >= 0x80;
}

bool is_name_char(char c) {
  return is_name_start(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
}

bool is_xml_char(std::uint32_t cp) {
  return cp == 0x9 || cp == 0xA || cp == 0xD || (cp >= 0x20 && cp <= 0xD7FF) ||
         (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

std::string code_point_text(std::uint32_t cp) {
  char buffer[16];
  std::snprintf(buffer, sizeof buffer, "U+%04X", static_cast<unsigned>(cp));
  return buffer;
}

void append_utf8(std::string& out, std::uint32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

// Decodes the UTF-8 sequence starting at text[pos] (a byte >= 0x80). Returns
// its length, or 0 when it is not valid UTF-8 (truncated, overlong, a
// surrogate, above U+10FFFF).
std::size_t decode_utf8(std::string_view text, std::size_t pos, std::uint32_t& cp) {
  const auto lead = static_cast<unsigned char>(text[pos]);
  std::size_t length = 0;
  std::uint32_t min = 0;
  if ((lead & 0xE0) == 0xC0) {
    length = 2;
    cp = lead & 0x1F;
    min = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3;
    cp = lead & 0x0F;
    min = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4;
    cp = lead & 0x07;
    min = 0x10000;
  } else {
    return 0;
  }
  if (pos + length > text.size()) return 0;
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[pos + i]);
    if ((next & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (next & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return length;
}

void append_text(XmlNode& parent, std::string_view text, int line) {
  if (text.empty()) return;
  if (!parent.children.empty() && parent.children.back().is_text()) {
    parent.children.back().text += text;
    return;
  }
  XmlNode node;
  node.text = std::string(text);
  node.line = line;
  parent.children.push_back(std::move(node));
}

// CRLF and lone CR become LF.
std::string normalize_line_ends(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\r') {
      out += '\n';
      if (i + 1 < text.size() && text[i + 1] == '\n') ++i;
    } else {
      out += text[i];
    }
  }
  return out;
}

class Parser {
 public:
  Parser(std::string_view text, const std::string& file) : m_text(text), m_file(file) {}

  Result<XmlNode> parse() {
    if (looking_at("\xEF\xBB\xBF")) m_text.remove_prefix(3);  // UTF-8 byte-order mark
    if (looking_at("\xFE\xFF") || looking_at("\xFF\xFE")) {
      fail("the file is UTF-16; only UTF-8 is supported");
      return *m_error;
    }
    XmlNode root;
    if (!check_characters() || !read_prolog() || !read_element(root) || !read_epilog()) return *m_error;
    return root;
  }

 private:
  std::string_view m_text;
  const std::string& m_file;
  std::size_t m_pos = 0;
  int m_line = 1;
  std::size_t m_line_start = 0;
  std::optional<Error> m_error;

  [[nodiscard]] bool at_end() const { return m_pos >= m_text.size(); }
  [[nodiscard]] char peek(std::size_t ahead = 0) const {
    return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0';
  }
  [[nodiscard]] bool looking_at(std::string_view prefix) const {
    return m_text.substr(std::min(m_pos, m_text.size())).starts_with(prefix);
  }
  void advance(std::size_t count = 1) {
    for (std::size_t i = 0; i < count && m_pos < m_text.size(); ++i, ++m_pos) {
      if (m_text[m_pos] == '\n') {
        ++m_line;
        m_line_start = m_pos + 1;
      }
    }
  }
  void advance_to(std::size_t pos) { advance(pos - m_pos); }
  void skip_space() {
    while (!at_end() && is_space(peek())) advance();
  }
  // A position to report an error at after reading past it.
  struct Mark {
    std::size_t pos = 0;
    int line = 1;
    std::size_t line_start = 0;
  };
  [[nodiscard]] Mark mark() const { return Mark{m_pos, m_line, m_line_start}; }

  bool fail_at(const Mark& at, const std::string& message, std::string hint = {}) {
    if (!m_error) {
      const int column = static_cast<int>(at.pos - at.line_start) + 1;
      m_error = Error{"malformed XML: " + message, m_file, at.line, column, std::move(hint)};
    }
    return false;
  }
  bool fail(const std::string& message, std::string hint = {}) {
    return fail_at(mark(), message, std::move(hint));
  }

  bool check_characters() {
    while (!at_end()) {
      const auto byte = static_cast<unsigned char>(peek());
      if (byte < 0x80) {
        if (byte < 0x20 && !is_space(static_cast<char>(byte))) {
          return fail("control character " + code_point_text(byte) + " is not allowed in XML",
                      "the tool that wrote this file must escape or drop control characters");
        }
        advance();
        continue;
      }
      std::uint32_t cp = 0;
      const std::size_t length = decode_utf8(m_text, m_pos, cp);
      if (length == 0) return fail("invalid UTF-8 byte sequence", "write the file as UTF-8");
      if (!is_xml_char(cp)) return fail("character " + code_point_text(cp) + " is not allowed in XML");
      advance(length);
    }
    m_pos = 0;
    m_line = 1;
    m_line_start = 0;
    return true;
  }

  bool read_name(std::string& name, const char* what) {
    if (!is_name_start(peek())) return fail(std::string("expected ") + what);
    const std::size_t start = m_pos;
    while (!at_end() && is_name_char(peek())) advance();
    name = std::string(m_text.substr(start, m_pos - start));
    return true;
  }

  // The XML declaration, only at the very start; only UTF-8 is accepted.
  bool read_declaration() {
    const std::size_t end = m_text.find("?>", m_pos);
    if (end == std::string_view::npos) return fail("unterminated XML declaration");
    const std::string_view body = m_text.substr(m_pos + 5, end - m_pos - 5);
    if (const std::size_t at = body.find("encoding"); at != std::string_view::npos) {
      std::size_t i = at + 8;
      while (i < body.size() && (is_space(body[i]) || body[i] == '=')) ++i;
      if (i < body.size() && (body[i] == '"' || body[i] == '\'')) {
        const std::size_t close = body.find(body[i], i + 1);
        const std::string encoding =
            util::to_lower(body.substr(i + 1, close == std::string_view::npos ? 0 : close - i - 1));
        if (encoding != "utf-8" && encoding != "utf8" && encoding != "us-ascii" && encoding != "ascii") {
          return fail("encoding \"" + encoding + "\" is not supported", "write the file as UTF-8");
        }
      }
    }
    advance_to(end + 2);
    return true;
  }

  bool read_comment() {
    const std::size_t end = m_text.find("--", m_pos + 4);
    if (end == std::string_view::npos) return fail("unterminated comment");
    advance_to(end);
    if (peek(2) != '>') return fail("\"--\" is not allowed inside a comment");
    advance(3);
    return true;
  }

  bool read_processing_instruction() {
    advance(2);
    std::string target;
    if (!read_name(target, "a processing instruction target after \"<?\"")) return false;
    if (util::to_lower(target) == "xml") {
      return fail("the XML declaration is only allowed at the very start of the file");
    }
    const std::size_t end = m_text.find("?>", m_pos);
    if (end == std::string_view::npos) return fail("unterminated processing instruction");
    advance_to(end + 2);
    return true;
  }

  // <!DOCTYPE name [PUBLIC|SYSTEM "..."]> is skipped; an internal subset is refused.
  bool read_doctype() {
    advance(9);
    while (!at_end()) {
      const char c = peek();
      if (c == '"' || c == '\'') {
        const std::size_t close = m_text.find(c, m_pos + 1);
        if (close == std::string_view::npos) break;
        advance_to(close + 1);
      } else if (c == '[') {
        return fail("DTD internal subsets (entity declarations) are not supported",
                    "remove the [...] part of the DOCTYPE");
      } else if (c == '>') {
        advance();
        return true;
      } else {
        advance();
      }
    }
    return fail("unterminated DOCTYPE");
  }

  bool read_misc(bool& found) {
    found = true;
    if (looking_at("<!--")) return read_comment();
    if (looking_at("<?")) return read_processing_instruction();
    found = false;
    return true;
  }

  bool read_prolog() {
    if (looking_at("<?xml") && (is_space(peek(5)) || peek(5) == '?')) {
      if (!read_declaration()) return false;
    }
    bool seen_doctype = false;
    while (true) {
      skip_space();
      if (at_end()) return fail("no root element");
      bool found = false;
      if (!read_misc(found)) return false;
      if (found) continue;
      if (looking_at("<!DOCTYPE")) {
        if (seen_doctype) return fail("a second DOCTYPE");
        if (!read_doctype()) return false;
        seen_doctype = true;
        continue;
      }
      if (peek() == '<' && is_name_start(peek(1))) return true;
      return fail(peek() == '<' ? "expected the root element" : "text before the root element");
    }
  }

  bool read_epilog() {
    while (true) {
      skip_space();
      if (at_end()) return true;
      bool found = false;
      if (!read_misc(found)) return false;
      if (found) continue;
      return fail(peek() == '<' ? "a second root element (a document has exactly one)"
                                : "text after the root element");
    }
  }

  // At '&': appends the referenced character.
  bool read_reference(std::string& out) {
    const Mark start = mark();
    advance();
    if (peek() == '#') {
      advance();
      const bool hex = peek() == 'x';
      if (hex) advance();
      std::uint32_t cp = 0;
      std::size_t digits = 0;
      while (!at_end() && peek() != ';') {
        const char c = peek();
        int digit = -1;
        if (c >= '0' && c <= '9') digit = c - '0';
        if (hex && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
        if (hex && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
        if (digit < 0) return fail("invalid character reference");
        cp = cp * (hex ? 16 : 10) + static_cast<std::uint32_t>(digit);
        if (++digits > 8) return fail("invalid character reference");
        advance();
      }
      if (at_end() || digits == 0) return fail("invalid character reference");
      if (!is_xml_char(cp)) {
        return fail_at(start, "character reference to " + code_point_text(cp) + " is not allowed");
      }
      advance();
      append_utf8(out, cp);
      return true;
    }
    std::string name;
    if (!read_name(name, "an entity name after '&' (write a literal '&' as &amp;)")) return false;
    if (peek() != ';') return fail("entity reference &" + name + " is missing its ';'");
    advance();
    if (name == "lt") {
      out += '<';
    } else if (name == "gt") {
      out += '>';
    } else if (name == "amp") {
      out += '&';
    } else if (name == "quot") {
      out += '"';
    } else if (name == "apos") {
      out += '\'';
    } else {
      return fail_at(start, "unknown entity &" + name + ";",
                     "only &lt; &gt; &amp; &quot; &apos; and &#...; are defined");
    }
    return true;
  }

  bool read_attribute_value(std::string& value) {
    const char quote = peek();
    if (quote != '"' && quote != '\'') return fail("expected a quoted attribute value");
    advance();
    while (true) {
      if (at_end()) return fail("unterminated attribute value");
      const char c = peek();
      if (c == quote) {
        advance();
        return true;
      }
      if (c == '<') return fail("'<' is not allowed in an attribute value (write &lt;)");
      if (c == '&') {
        if (!read_reference(value)) return false;
        continue;
      }
      if (c == '\r' && peek(1) == '\n') advance();
      value += is_space(peek()) ? ' ' : peek();
      advance();
    }
  }

  bool read_start_tag(XmlNode& node, bool& self_closing) {
    node.line = m_line;
    advance();  // '<'
    if (!read_name(node.name, "an element name after '<'")) return false;
    while (true) {
      const bool had_space = is_space(peek());
      skip_space();
      if (at_end()) return fail("end of file inside the start tag <" + node.name + ">");
      if (looking_at("/>")) {
        advance(2);
        self_closing = true;
        return true;
      }
      if (peek() == '>') {
        advance();
        self_closing = false;
        return true;
      }
      if (!had_space) return fail("expected whitespace, '>' or '/>' in the start tag <" + node.name + ">");
      XmlAttribute attribute;
      const Mark start = mark();
      if (!read_name(attribute.name, "an attribute name")) return false;
      skip_space();
      if (peek() != '=') return fail("expected '=' after the attribute name \"" + attribute.name + "\"");
      advance();
      skip_space();
      if (!read_attribute_value(attribute.value)) return false;
      if (node.attribute(attribute.name) != nullptr) {
        return fail_at(start, "attribute \"" + attribute.name + "\" repeated in <" + node.name + ">");
      }
      node.attributes.push_back(std::move(attribute));
    }
  }

  bool read_end_tag(const XmlNode& open) {
    const Mark start = mark();
    advance(2);
    std::string name;
    if (!read_name(name, "an element name after \"</\"")) return false;
    if (name != open.name) {
      return fail_at(start, "end tag </" + name + "> does not match <" + open.name + "> from line " +
                                std::to_string(open.line));
    }
    skip_space();
    if (peek() != '>') return fail("expected '>' to close </" + name + ">");
    advance();
    return true;
  }

  // Character data up to the next '<'.
  bool read_text(XmlNode& parent) {
    const int line = m_line;
    std::string text;
    while (!at_end() && peek() != '<') {
      const char c = peek();
      if (c == '&') {
        if (!read_reference(text)) return false;
        continue;
      }
      if (c == ']' && looking_at("]]>")) return fail("\"]]>\" is not allowed in text (write ]]&gt;)");
      if (c == '\r') {
        if (peek(1) == '\n') advance();
        text += '\n';
      } else {
        text += c;
      }
      advance();
    }
    append_text(parent, text, line);
    return true;
  }

  bool read_cdata(XmlNode& parent) {
    const int line = m_line;
    const std::size_t start = m_pos + 9;
    const std::size_t end = m_text.find("]]>", start);
    if (end == std::string_view::npos) return fail("unterminated CDATA section");
    append_text(parent, normalize_line_ends(m_text.substr(start, end - start)), line);
    advance_to(end + 3);
    return true;
  }

  bool read_element(XmlNode& root) {
    std::vector<XmlNode> open;
    XmlNode first;
    bool self_closing = false;
    if (!read_start_tag(first, self_closing)) return false;
    if (self_closing) {
      root = std::move(first);
      return true;
    }
    open.push_back(std::move(first));
    while (true) {
      if (at_end()) {
        return fail("end of file inside <" + open.back().name + "> from line " +
                    std::to_string(open.back().line));
      }
      bool found = false;
      if (peek() != '<') {
        if (!read_text(open.back())) return false;
      } else if (looking_at("</")) {
        if (!read_end_tag(open.back())) return false;
        XmlNode done = std::move(open.back());
        open.pop_back();
        if (open.empty()) {
          root = std::move(done);
          return true;
        }
        open.back().children.push_back(std::move(done));
      } else if (looking_at("<![CDATA[")) {
        if (!read_cdata(open.back())) return false;
      } else if (!read_misc(found)) {
        return false;
      } else if (!found) {
        if (!is_name_start(peek(1))) return fail("expected an element, a comment or CDATA after '<'");
        if (open.size() >= k_max_depth) {
          return fail("elements nested more than " + std::to_string(k_max_depth) + " levels deep");
        }
        XmlNode child;
        if (!read_start_tag(child, self_closing)) return false;
        if (self_closing) {
          open.back().children.push_back(std::move(child));
        } else {
          open.push_back(std::move(child));
        }
      }
    }
  }
};

void collect_text(const XmlNode& node, std::string& out) {
  if (node.is_text()) {
    out += node.text;
    return;
  }
  for (const XmlNode& child : node.children) collect_text(child, out);
}

}  // namespace

const std::string* XmlNode::attribute(std::string_view attribute_name) const {
  for (const XmlAttribute& attribute : attributes) {
    if (attribute.name == attribute_name) return &attribute.value;
  }
  return nullptr;
}

std::vector<const XmlNode*> XmlNode::elements(std::string_view element_name) const {
  std::vector<const XmlNode*> found;
  for (const XmlNode& child : children) {
    if (!child.is_text() && child.name == element_name) found.push_back(&child);
  }
  return found;
}

const XmlNode* XmlNode::first_element(std::string_view element_name) const {
  for (const XmlNode& child : children) {
    if (!child.is_text() && child.name == element_name) return &child;
  }
  return nullptr;
}

std::string XmlNode::text_content() const {
  std::string out;
  collect_text(*this, out);
  return out;
}

void XmlNode::set_attribute(std::string_view attribute_name, std::string value) {
  for (XmlAttribute& attribute : attributes) {
    if (attribute.name == attribute_name) {
      attribute.value = std::move(value);
      return;
    }
  }
  attributes.push_back(XmlAttribute{std::string(attribute_name), std::move(value)});
}

Result<XmlNode> parse_xml(std::string_view text, const std::string& file_name) {
  return Parser(text, file_name).parse();
}

Result<XmlNode> read_xml_file(const std::string& path, const std::string& display_name) {
  Result<std::string> text = util::read_file(path);
  if (!text) {
    Error error = text.error();
    if (error.file.empty()) error.file = display_name;
    return error;
  }
  return parse_xml(*text, display_name);
}

}  // namespace slipway::build::results
