// A tiny XML element writer for the JUnit and checkstyle reports.
//
// No XML library is among our dependencies, and both formats are flat, so a
// writer that knows elements, attributes and text is enough. What it must get
// right is escaping: every attribute value and text goes through one escape
// function (& < > " ' and newlines in attributes), and characters XML 1.0
// forbids (most C0 controls) become U+FFFD, so a linter message can never make
// the file ill-formed. Callers never concatenate markup themselves.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/xml_escape.hpp"

namespace slipway::report {

using XmlAttributes = std::vector<std::pair<std::string, std::string>>;

// `text` escaped for an attribute value (in_attribute) or element content.
using util::xml_escape;

class XmlWriter {
 public:
  // Starts the document with the XML declaration.
  XmlWriter();

  // <name attrs...> ; children follow until close().
  void open(std::string_view name, const XmlAttributes& attributes = {});
  // <name attrs.../> or, with text, <name attrs...>text</name>.
  void element(std::string_view name, const XmlAttributes& attributes = {}, std::string_view text = {});
  // Closes the innermost open element.
  void close();

  // Closes whatever is still open and returns the document.
  std::string finish();

 private:
  void indent();
  void write_start_tag(std::string_view name, const XmlAttributes& attributes);

  std::string m_out;
  std::vector<std::string> m_open;
};

}  // namespace slipway::report
