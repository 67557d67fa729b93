// Escaping and element writing for the XML reports (see xml_writer.hpp).
#include "report/xml_writer.hpp"

namespace slipway::report {

namespace {

constexpr std::string_view k_replacement_character = "\xEF\xBF\xBD";  // U+FFFD

// Characters XML 1.0 allows: tab, newline, carriage return and everything
// from U+0020 up. Multi-byte UTF-8 sequences pass through unchanged.
bool allowed_in_xml(unsigned char byte) {
  return byte >= 0x20 || byte == '\t' || byte == '\n' || byte == '\r';
}

}  // namespace

std::string xml_escape(std::string_view text, bool in_attribute) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += in_attribute ? "&quot;" : "\"";
        break;
      case '\'':
        out += in_attribute ? "&apos;" : "'";
        break;
      // Attribute value normalisation would turn these into spaces; character
      // references keep them.
      case '\n':
        out += in_attribute ? "&#10;" : "\n";
        break;
      case '\r':
        out += "&#13;";
        break;
      case '\t':
        out += in_attribute ? "&#9;" : "\t";
        break;
      default:
        if (allowed_in_xml(byte)) {
          out += c;
        } else {
          out += k_replacement_character;
        }
    }
  }
  return out;
}

XmlWriter::XmlWriter() {
  m_out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
}

void XmlWriter::indent() {
  m_out.append(m_open.size() * 2, ' ');
}

void XmlWriter::write_start_tag(std::string_view name, const XmlAttributes& attributes) {
  m_out += '<';
  m_out += name;
  for (const auto& [key, value] : attributes) {
    m_out += ' ';
    m_out += key;
    m_out += "=\"";
    m_out += xml_escape(value, true);
    m_out += '"';
  }
}

void XmlWriter::open(std::string_view name, const XmlAttributes& attributes) {
  indent();
  write_start_tag(name, attributes);
  m_out += ">\n";
  m_open.emplace_back(name);
}

void XmlWriter::element(std::string_view name, const XmlAttributes& attributes, std::string_view text) {
  indent();
  write_start_tag(name, attributes);
  if (text.empty()) {
    m_out += "/>\n";
    return;
  }
  m_out += '>';
  m_out += xml_escape(text, false);
  m_out += "</";
  m_out += name;
  m_out += ">\n";
}

void XmlWriter::close() {
  if (m_open.empty()) return;
  std::string name = std::move(m_open.back());
  m_open.pop_back();
  indent();
  m_out += "</";
  m_out += name;
  m_out += ">\n";
}

std::string XmlWriter::finish() {
  while (!m_open.empty()) close();
  return std::move(m_out);
}

}  // namespace slipway::report
