// Tests for core/report/xml_writer.cpp: element nesting and escaped output
// (the escaping itself: tests/unit/util/test_xml_escape.cpp).
#include <catch2/catch.hpp>

#include "report/xml_writer.hpp"

using slipway::report::XmlWriter;

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
