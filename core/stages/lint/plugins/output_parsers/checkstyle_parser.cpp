// Reading checkstyle XML reports (shellcheck -f checkstyle, eslint, cpplint
// wrappers, ktlint, ...).
//
// There is no XML library in Slipway's dependency set, and the format is flat:
//   <?xml ...?> <checkstyle version=".."> <file name="a.sh">
//     <error line="3" column="6" severity="info" message="..." source="SC2086"/>
//   </file> </checkstyle>
// so this is a small hand-written reader for exactly that: start, end and
// empty-element tags, attributes quoted with ' or ", comments, processing
// instructions, a DOCTYPE without internal subset, CDATA (skipped), and
// character references: &lt; &gt; &amp; &quot; &apos; &#NN; &#xNN;. Tags must
// nest and close, the root must be <checkstyle>, and an <error> must sit in a
// <file>; anything else is an Error with the line and column in the output,
// because a half-read report would silently lose findings. Unknown elements
// (e.g. <exception>) are skipped; text between tags is ignored.
#include <optional>

#include "stages/lint/plugins/output_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

constexpr std::size_t k_max_entity_length = 12;
constexpr unsigned k_max_code_point = 0x10FFFF;

bool is_space(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool is_name_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
         c == ':' || c == '.' || static_cast<unsigned char>(c) >= 0x80;
}

void append_utf8(std::string& out, unsigned code_point) {
  if (code_point < 0x80) {
    out.push_back(static_cast<char>(code_point));
  } else if (code_point < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (code_point >> 6)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else if (code_point < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (code_point >> 12)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (code_point >> 18)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((code_point >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (code_point & 0x3F)));
  }
}

std::optional<unsigned> parse_code_point(std::string_view digits, int base) {
  if (digits.empty() || digits.size() > 8) return std::nullopt;
  unsigned value = 0;
  for (const char c : digits) {
    int digit = -1;
    if (c >= '0' && c <= '9') digit = c - '0';
    if (base == 16 && c >= 'a' && c <= 'f') digit = c - 'a' + 10;
    if (base == 16 && c >= 'A' && c <= 'F') digit = c - 'A' + 10;
    if (digit < 0) return std::nullopt;
    value = value * static_cast<unsigned>(base) + static_cast<unsigned>(digit);
    if (value > k_max_code_point) return std::nullopt;
  }
  const bool surrogate = value >= 0xD800 && value <= 0xDFFF;
  if (value == 0 || surrogate) return std::nullopt;
  return value;
}

int to_number(const std::string& text) {
  int value = 0;
  for (const char c : util::trim(text)) {
    if (c < '0' || c > '9' || value > 100000000) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

struct Tag {
  std::string name;
  std::vector<std::pair<std::string, std::string>> attributes;
  bool closing = false;       // </name>
  bool self_closing = false;  // <name/>
};

class CheckstyleReader {
 public:
  CheckstyleReader(std::string_view text, const SeverityMap& severities)
      : m_text(text), m_severities(severities) {}

  ParsedFindings read() {
    if (util::starts_with(m_text, "\xEF\xBB\xBF")) m_pos = 3;
    std::vector<std::string> open;  // element names from the root down
    std::optional<std::string> file;
    bool root_seen = false;
    while (!m_error) {
      const std::size_t text_start = m_pos;
      while (m_pos < m_text.size() && m_text[m_pos] != '<') ++m_pos;
      if (open.empty()) {
        for (std::size_t i = text_start; i < m_pos; ++i) {
          if (!is_space(m_text[i])) return error_at(i, "text outside the <checkstyle> element");
        }
      }
      if (m_pos >= m_text.size()) break;
      if (skip_markup()) continue;
      std::optional<Tag> tag = read_tag();
      if (!tag) break;
      if (tag->closing) {
        if (open.empty() || open.back() != tag->name) {
          return error_at(m_tag_start,
                          "unexpected </" + tag->name + ">" +
                              (open.empty() ? std::string() : ", expected </" + open.back() + ">"));
        }
        open.pop_back();
        if (tag->name == "file" && open.size() == 1) file.reset();
        continue;
      }
      if (open.empty()) {
        if (root_seen) return error_at(m_tag_start, "a second root element <" + tag->name + ">");
        if (tag->name != "checkstyle") {
          return error_at(m_tag_start, "not a checkstyle report: the root element is <" + tag->name + ">");
        }
        root_seen = true;
      } else if (tag->name == "file" && open.size() == 1) {
        file = attribute(*tag, "name");
      } else if (tag->name == "error") {
        if (!file || open.size() != 2) return error_at(m_tag_start, "<error> outside a <file> element");
        m_findings.push_back(make_finding(*tag, *file));
      }
      if (!tag->self_closing) open.push_back(tag->name);
    }
    if (m_error) return *m_error;
    if (!root_seen) return make_error("not a checkstyle report: no <checkstyle> element in the output");
    if (!open.empty()) return error_at(m_text.size(), "output ends before </" + open.back() + ">");
    return std::move(m_findings);
  }

 private:
  Error error_at(std::size_t offset, const std::string& message) {
    int line = 1;
    int column = 1;
    for (std::size_t i = 0; i < offset && i < m_text.size(); ++i) {
      if (m_text[i] == '\n') {
        ++line;
        column = 1;
      } else {
        ++column;
      }
    }
    if (!m_error) {
      m_error = make_error("malformed checkstyle output at line " + std::to_string(line) + ", column " +
                           std::to_string(column) + ": " + message);
    }
    return *m_error;
  }

  // Skips <?...?>, <!--...-->, <![CDATA[...]]> and <!DOCTYPE ...>; false at a tag.
  bool skip_markup() {
    const std::string_view rest = m_text.substr(m_pos);
    const auto skip_to = [&](std::string_view end, std::string_view what) {
      const std::size_t found = m_text.find(end, m_pos);
      if (found == std::string_view::npos) {
        error_at(m_pos, std::string(what) + " is not closed");
        m_pos = m_text.size();
      } else {
        m_pos = found + end.size();
      }
      return true;
    };
    if (util::starts_with(rest, "<?")) return skip_to("?>", "processing instruction");
    if (util::starts_with(rest, "<!--")) return skip_to("-->", "comment");
    if (util::starts_with(rest, "<![CDATA[")) return skip_to("]]>", "CDATA section");
    if (util::starts_with(rest, "<!")) {
      const std::size_t bracket = m_text.find('[', m_pos);
      const std::size_t close = m_text.find('>', m_pos);
      if (bracket != std::string_view::npos && bracket < close) return skip_to("]>", "DOCTYPE");
      return skip_to(">", "declaration");
    }
    return false;
  }

  std::string read_name() {
    const std::size_t start = m_pos;
    while (m_pos < m_text.size() && is_name_char(m_text[m_pos])) ++m_pos;
    return std::string(m_text.substr(start, m_pos - start));
  }

  void skip_spaces() {
    while (m_pos < m_text.size() && is_space(m_text[m_pos])) ++m_pos;
  }

  std::optional<Tag> read_tag() {
    m_tag_start = m_pos;
    Tag tag;
    ++m_pos;  // '<'
    if (m_pos < m_text.size() && m_text[m_pos] == '/') {
      tag.closing = true;
      ++m_pos;
    }
    tag.name = read_name();
    if (tag.name.empty()) {
      error_at(m_tag_start, "expected an element name after '<'");
      return std::nullopt;
    }
    while (true) {
      const bool spaced = m_pos < m_text.size() && is_space(m_text[m_pos]);
      skip_spaces();
      if (m_pos >= m_text.size()) {
        error_at(m_tag_start, "tag <" + tag.name + " is not closed");
        return std::nullopt;
      }
      const char c = m_text[m_pos];
      if (c == '>') {
        ++m_pos;
        return tag;
      }
      if (c == '/' && !tag.closing && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '>') {
        m_pos += 2;
        tag.self_closing = true;
        return tag;
      }
      if (tag.closing || !spaced) {
        error_at(m_pos, "unexpected '" + std::string(1, c) + "' in tag <" + tag.name + ">");
        return std::nullopt;
      }
      if (!read_attribute(tag)) return std::nullopt;
    }
  }

  bool read_attribute(Tag& tag) {
    const std::size_t start = m_pos;
    std::string name = read_name();
    if (name.empty()) {
      error_at(start, "expected an attribute name in <" + tag.name + ">");
      return false;
    }
    skip_spaces();
    if (m_pos >= m_text.size() || m_text[m_pos] != '=') {
      error_at(m_pos, "expected '=' after attribute " + name);
      return false;
    }
    ++m_pos;
    skip_spaces();
    if (m_pos >= m_text.size() || (m_text[m_pos] != '"' && m_text[m_pos] != '\'')) {
      error_at(m_pos, "expected a quoted value for attribute " + name);
      return false;
    }
    const char quote = m_text[m_pos++];
    const std::size_t end = m_text.find(quote, m_pos);
    if (end == std::string_view::npos) {
      error_at(start, "the value of attribute " + name + " is not closed");
      return false;
    }
    std::optional<std::string> value = decode(m_pos, end);
    if (!value) return false;
    m_pos = end + 1;
    for (const auto& [existing, ignored] : tag.attributes) {
      if (existing == name) {
        error_at(start, "attribute " + name + " repeated in <" + tag.name + ">");
        return false;
      }
    }
    tag.attributes.emplace_back(std::move(name), std::move(*value));
    return true;
  }

  // The attribute value between `begin` and `end`, references decoded and
  // literal line breaks and tabs turned into spaces (XML attribute normalization).
  std::optional<std::string> decode(std::size_t begin, std::size_t end) {
    std::string out;
    for (std::size_t i = begin; i < end; ++i) {
      const char c = m_text[i];
      if (c == '<') {
        error_at(i, "'<' inside an attribute value");
        return std::nullopt;
      }
      if (c == '\n' || c == '\r' || c == '\t') {
        if (!(c == '\n' && i > begin && m_text[i - 1] == '\r')) out.push_back(' ');
        continue;
      }
      if (c != '&') {
        out.push_back(c);
        continue;
      }
      const std::size_t semicolon = m_text.find(';', i);
      if (semicolon == std::string_view::npos || semicolon >= end || semicolon - i > k_max_entity_length) {
        error_at(i, "'&' that does not start a character reference (write &amp;)");
        return std::nullopt;
      }
      const std::string_view entity = m_text.substr(i + 1, semicolon - i - 1);
      if (entity == "lt") {
        out.push_back('<');
      } else if (entity == "gt") {
        out.push_back('>');
      } else if (entity == "amp") {
        out.push_back('&');
      } else if (entity == "quot") {
        out.push_back('"');
      } else if (entity == "apos") {
        out.push_back('\'');
      } else {
        std::optional<unsigned> code_point;
        if (util::starts_with(entity, "#x") || util::starts_with(entity, "#X")) {
          code_point = parse_code_point(entity.substr(2), 16);
        } else if (util::starts_with(entity, "#")) {
          code_point = parse_code_point(entity.substr(1), 10);
        }
        if (!code_point) {
          error_at(i, "unknown or invalid character reference &" + std::string(entity) + ";");
          return std::nullopt;
        }
        append_utf8(out, *code_point);
      }
      i = semicolon;
    }
    return out;
  }

  static std::string attribute(const Tag& tag, std::string_view name) {
    for (const auto& [key, value] : tag.attributes) {
      if (key == name) return value;
    }
    return {};
  }

  model::Finding make_finding(const Tag& tag, const std::string& file) const {
    model::Finding finding;
    finding.location.path = file;
    finding.location.start_line = to_number(attribute(tag, "line"));
    finding.location.start_column = to_number(attribute(tag, "column"));
    finding.severity = map_severity(m_severities, attribute(tag, "severity"));
    finding.message = attribute(tag, "message");
    finding.rule_id = attribute(tag, "source");
    return finding;
  }

  std::string_view m_text;
  const SeverityMap& m_severities;
  std::size_t m_pos = 0;
  std::size_t m_tag_start = 0;
  std::vector<model::Finding> m_findings;
  std::optional<Error> m_error;
};

}  // namespace

ParsedFindings parse_checkstyle(std::string_view text, const SeverityMap& severities) {
  CheckstyleReader reader(text, severities);
  return reader.read();
}

}  // namespace slipway::lint
