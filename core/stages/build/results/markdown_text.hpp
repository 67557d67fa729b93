// Putting untrusted text (test names, failure messages) into Markdown for the
// GitHub job summary without it turning into markup, HTML or a broken table.
#pragma once

#include <string>
#include <string_view>

namespace slipway::build::results {

// Backslash-escapes the characters that start Markdown or HTML constructs
// inline (\ ` * _ [ ] < > | ~ # !) and turns line ends into spaces.
std::string markdown_escape(std::string_view text);

// A code span holding `text` literally, with a fence longer than any run of
// backticks inside it; line ends become spaces.
std::string markdown_code(std::string_view text);

}  // namespace slipway::build::results
