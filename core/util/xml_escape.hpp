// Escaping text for XML element content or attribute values: & < > (and
// " ' in attributes) become entity references, tab/newline/carriage return in
// attributes become character references (attribute value normalisation would
// turn them into spaces), and characters XML 1.0 forbids (most C0 controls)
// become U+FFFD, so no input can make the document ill-formed. Used by the
// XML reports and by the build stage's JUnit merge.
#pragma once

#include <string>
#include <string_view>

namespace slipway::util {

std::string xml_escape(std::string_view text, bool in_attribute);

}  // namespace slipway::util
