// Element writing for the XML reports (see xml_writer.hpp); the escaping is
// util/xml_escape.cpp.
#include "report/xml_writer.hpp"

namespace slipway::report {

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
