// Tests for core/report/xml_writer.cpp: escaping of every special character
// and of characters XML 1.0 forbids, and element nesting.
#include <catch2/catch.hpp>

#include "report/xml_writer.hpp"

using slipway::report::xml_escape;
using slipway::report::XmlWriter;

TEST_CASE("xml_escape escapes markup characters in attributes and text", "[xml_writer]") {
  CHECK(xml_escape(R"(<a href="x">&'</a>)", true) == "&lt;a href=&quot;x&quot;&gt;&amp;&apos;&lt;/a&gt;");
  CHECK(xml_escape(R"(<a href="x">&'</a>)", false) == R"(&lt;a href="x"&gt;&amp;'&lt;/a&gt;)");
}

TEST_CASE("xml_escape keeps newlines in attributes as character references", "[xml_writer]") {
  CHECK(xml_escape("a\nb\tc\rd", true) == "a&#10;b&#9;c&#13;d");
  CHECK(xml_escape("a\nb\tc", false) == "a\nb\tc");
}

TEST_CASE("xml_escape replaces characters XML forbids and keeps UTF-8", "[xml_writer]") {
  CHECK(xml_escape(std::string("a\x01"
                               "b\x1b[0m",
                               7),
                   false) ==
        "a\xEF\xBF\xBD"
        "b\xEF\xBF\xBD[0m");
  CHECK(xml_escape("caf\xC3\xA9 \xE2\x9C\x96", true) == "caf\xC3\xA9 \xE2\x9C\x96");
}

TEST_CASE("XmlWriter nests elements and closes what is left open", "[xml_writer]") {
  XmlWriter xml;
  xml.open("root", {{"name", "a&b"}});
  xml.element("empty", {{"x", "1"}});
  xml.element("text", {}, "1 < 2");
  xml.open("inner");
  const std::string out = xml.finish();
  CHECK(out ==
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<root name=\"a&amp;b\">\n"
        "  <empty x=\"1\"/>\n"
        "  <text>1 &lt; 2</text>\n"
        "  <inner>\n"
        "  </inner>\n"
        "</root>\n");
}
