// Escaping text for XML (see xml_escape.hpp).
#include "util/xml_escape.hpp"

namespace slipway::util {

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

}  // namespace slipway::util
