// Writing an XmlNode tree back as XML (see xml_document.hpp): text and
// attribute values escaped so that reading the output gives the same tree.
#include <string>
#include <string_view>

#include "stages/build/results/xml_document.hpp"
#include "util/xml_escape.hpp"

namespace slipway::build::results {

namespace {

void write_node(std::string& out, const XmlNode& node) {
  if (node.is_text()) {
    out += util::xml_escape(node.text, false);
    return;
  }
  out += '<';
  out += node.name;
  for (const XmlAttribute& attribute : node.attributes) {
    out += ' ';
    out += attribute.name;
    out += "=\"";
    out += util::xml_escape(attribute.value, true);
    out += '"';
  }
  if (node.children.empty()) {
    out += "/>";
    return;
  }
  out += '>';
  for (const XmlNode& child : node.children) write_node(out, child);
  out += "</";
  out += node.name;
  out += '>';
}

}  // namespace

std::string write_xml(const XmlNode& root) {
  std::string out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
  write_node(out, root);
  out += '\n';
  return out;
}

}  // namespace slipway::build::results
