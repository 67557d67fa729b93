// Tests for core/util/xml_escape.cpp: escaping of every special character
// and of characters XML 1.0 forbids.
#include <catch2/catch.hpp>
#include <string>

#include "util/xml_escape.hpp"

using slipway::util::xml_escape;

TEST_CASE("xml_escape escapes markup characters in attributes and text", "[xml_escape]") {
  CHECK(xml_escape(R"(<a href="x">&'</a>)", true) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(xml_escape(R"(<a href="x">&'</a>)", false) == R"(&lt;a href="x"&gt;&amp;'&lt;/a&gt;)");
}

TEST_CASE("xml_escape keeps newlines in attributes as character references", "[xml_escape]") {
  CHECK(xml_escape("a\nb\tc\rd", true) == "a&#10;b&#9;c&#13;d");
  CHECK(xml_escape("a\nb\tc", false) == "a\nb\tc");
}

TEST_CASE("xml_escape replaces characters XML forbids and keeps UTF-8", "[xml_escape]") {
  CHECK(xml_escape(std::string("a\x01"
                               "b\x1b[0m",
                               7),
                   false) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD[0m");
  CHECK(xml_escape("caf\xC3\xA9 \xE2\x9C\x96", true) == "caf\xC3\xA9 \xE2\x9C\x96");
}
