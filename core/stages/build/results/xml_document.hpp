// A small, strict reader and writer for the XML that test and coverage tools
// write (JUnit, Cobertura, JaCoCo). No XML library is among Slipway's
// dependencies, and these files use a small subset of XML: elements,
// attributes, text, CDATA sections, the five predefined entities and
// character references, comments, processing instructions and at most an
// external DOCTYPE line. That subset is read here, strictly: anything outside
// it (an internal DTD subset with entity declarations, a non-UTF-8 encoding,
// an unknown entity) or any well-formedness error is an Error with the file,
// line and column, never a guess. Refusing DTD entity declarations also
// rules out entity-expansion ("billion laughs") and external-entity attacks.
//
// The tree keeps mixed content in order (text nodes between elements), so a
// JUnit suite written back by write_xml() keeps its system-out and message
// text exactly; comments and processing instructions are dropped.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::build::results {

struct XmlAttribute {
  std::string name;
  std::string value;  // entities resolved
};

// An element, or a text node when `name` is empty.
struct XmlNode {
  std::string name;  // element name; "" for a text node
  std::string text;  // a text node's characters (entities resolved, CDATA unwrapped)
  std::vector<XmlAttribute> attributes;
  std::vector<XmlNode> children;  // elements and text nodes, in document order
  int line = 0;                   // 1-based line of the element's '<' (0 for synthesized nodes)

  [[nodiscard]] bool is_text() const { return name.empty(); }
  // The attribute's value, or nullptr when absent.
  [[nodiscard]] const std::string* attribute(std::string_view attribute_name) const;
  // Direct child elements with that name, in order.
  [[nodiscard]] std::vector<const XmlNode*> elements(std::string_view element_name) const;
  [[nodiscard]] const XmlNode* first_element(std::string_view element_name) const;
  // All text below this node, in document order.
  [[nodiscard]] std::string text_content() const;

  void set_attribute(std::string_view attribute_name, std::string value);
};

// Parses a whole document and returns its root element. `file_name` is used
// in error messages only.
Result<XmlNode> parse_xml(std::string_view text, const std::string& file_name);

// Reads and parses a file; errors name `display_name` (e.g. the path relative
// to the repository root).
Result<XmlNode> read_xml_file(const std::string& path, const std::string& display_name);

// The document for `root`: a UTF-8 XML declaration, then the tree with text
// and attribute values escaped so parse_xml() reads back the same tree.
std::string write_xml(const XmlNode& root);

}  // namespace slipway::build::results
