// The strict XML subset reader and the writer: what JUnit and coverage tools
// write is read, every well-formedness error is an Error at the right line
// and column, and what write_xml() writes reads back as the same tree.
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>

#include "stages/build/results/xml_document.hpp"

namespace slipway::build::results {

namespace {

XmlNode parse_ok(const std::string& text) {
  Result<XmlNode> root = parse_xml(text, "test.xml");
  INFO(text);
  if (!root) FAIL(root.error().to_string());
  return *root;
}

Error parse_error(const std::string& text) {
  Result<XmlNode> root = parse_xml(text, "bad.xml");
  INFO(text);
  REQUIRE_FALSE(root.ok());
  CHECK(root.error().file == "bad.xml");
  return root.error();
}

// Two trees are equal in names, attributes and text (lines are not compared).
bool same_tree(const XmlNode& a, const XmlNode& b) {
  if (a.name != b.name || a.text != b.text || a.children.size() != b.children.size() ||
      a.attributes.size() != b.attributes.size()) {
    return false;
  }
  for (std::size_t i = 0; i < a.attributes.size(); ++i) {
    if (a.attributes[i].name != b.attributes[i].name || a.attributes[i].value != b.attributes[i].value) {
      return false;
    }
  }
  for (std::size_t i = 0; i < a.children.size(); ++i) {
    if (!same_tree(a.children[i], b.children[i])) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("xml: elements, attributes, text, CDATA, entities, comments and PIs", "[results][xml]") {
  const XmlNode root = parse_ok(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<!-- written by a test tool -->\n"
      "<?xml-stylesheet href=\"x.xsl\"?>\n"
      "<testsuite name='a &amp; b' tests=\"2\">\n"
      "  <testcase classname=\"math\" name=\"adds &lt;1&gt;\"/>\n"
      "  <testcase name=\"fails\"><failure message=\"expected &quot;3&quot;&#10;got 4\">"
      "trace &#x263A; &#65;<![CDATA[ <raw> & ]]]]>tail</failure></testcase>\n"
      "  <!-- a comment -->\n"
      "</testsuite>\n"
      "<!-- trailing comment -->\n");
  CHECK(root.name == "testsuite");
  CHECK(root.line == 4);
  REQUIRE(root.attribute("name") != nullptr);
  CHECK(*root.attribute("name") == "a & b");
  CHECK(root.attribute("missing") == nullptr);
  const auto cases = root.elements("testcase");
  REQUIRE(cases.size() == 2);
  CHECK(*cases[0]->attribute("name") == "adds <1>");
  CHECK(cases[0]->line == 5);
  const XmlNode* failure = cases[1]->first_element("failure");
  REQUIRE(failure != nullptr);
  CHECK(*failure->attribute("message") == "expected \"3\"\ngot 4");
  CHECK(failure->text_content() == "trace \xE2\x98\xBA A <raw> & ]]tail");
  // CDATA and the text around it are one text node.
  CHECK(failure->children.size() == 1);
}

TEST_CASE("xml: an external DOCTYPE (Cobertura, JaCoCo) is skipped", "[results][xml]") {
  const XmlNode root = parse_ok(
      "<?xml version=\"1.0\" ?>\n"
      "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
      "<coverage line-rate=\"0.5\"></coverage>");
  CHECK(root.name == "coverage");
  CHECK(parse_ok("<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\"><report/>").name ==
        "report");
}

TEST_CASE("xml: line ends are normalized", "[results][xml]") {
  const XmlNode root = parse_ok("<a b=\"x\r\ny\tz\">one\r\ntwo\rthree<![CDATA[\r\n]]></a>");
  CHECK(*root.attribute("b") == "x y z");
  CHECK(root.text_content() == "one\ntwo\nthree\n");
}

TEST_CASE("xml: malformed documents give file:line:column errors", "[results][xml]") {
  struct Bad {
    const char* text;
    int line;
    const char* message_part;
  };
  const Bad cases[] = {
      {"<a>\n<b>\n</a>", 3, "end tag </a> does not match <b> from line 2"},
      {"<a>\n<b>text", 2, "end of file inside <b>"},
      {"<a x=\"1\" x=\"2\"/>", 1, "attribute \"x\" repeated"},
      {"<a x=1/>", 1, "quoted attribute value"},
      {"<a x=\"1\"y=\"2\"/>", 1, "expected whitespace"},
      {"<a>\n  &nbsp;</a>", 2, "unknown entity &nbsp;"},
      {"<a>AT&T</a>", 1, "missing its ';'"},
      {"<a>&#0;</a>", 1, "character reference"},
      {"<a>&#xD800;</a>", 1, "character reference"},
      {"<a>&#12a;</a>", 1, "invalid character reference"},
      {"<a x=\"<\"/>", 1, "'<' is not allowed"},
      {"<a>x ]]> y</a>", 1, "\"]]>\" is not allowed"},
      {"<a><!-- a -- b --></a>", 1, "\"--\" is not allowed"},
      {"<a><!-- never closed </a>", 1, "unterminated comment"},
      {"<a><![CDATA[ open </a>", 1, "unterminated CDATA"},
      {"<a/><b/>", 1, "a second root element"},
      {"<a/>\ntext", 2, "text after the root element"},
      {"text <a/>", 1, "text before the root element"},
      {"", 1, "no root element"},
      {"   \n<!-- only a comment -->\n", 3, "no root element"},
      {"<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", 1, "internal subsets"},
      {"<a>\n<?xml version=\"1.0\"?></a>", 2, "only allowed at the very start"},
      {"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a/>", 1, "encoding \"iso-8859-1\" is not supported"},
      {"<a>\n\n caf\xE9</a>", 3, "invalid UTF-8"},
      {"<a>\xC0\xAF</a>", 1, "invalid UTF-8"},      // overlong '/'
      {"<a>\xED\xA0\x80</a>", 1, "invalid UTF-8"},  // surrogate
      {"<a>\n\x1B[31m</a>", 2, "control character U+001B"},
      {"<a>\xEF\xBF\xBE</a>", 1, "U+FFFE is not allowed"},
      {"\xFF\xFE<\0a\0/\0>\0", 1, "UTF-16"},
      {"<1a/>", 1, "expected the root element"},
      {"<a></ a>", 1, "expected an element name"},
      {"<a", 1, "end of file inside the start tag"},
      {"<a b=\"c", 1, "unterminated attribute value"},
      {"<a><b></c></a>", 1, "does not match"},
      {"<a>< b/></a>", 1, "expected an element"},
  };
  for (const Bad& bad : cases) {
    const Error error = parse_error(bad.text);
    INFO(error.to_string());
    CHECK(error.line == bad.line);
    CHECK(error.column > 0);
    CHECK(error.message.find(bad.message_part) != std::string::npos);
  }
}

TEST_CASE("xml: the column points at the problem", "[results][xml]") {
  const Error error = parse_error("<a>\n  <b></c>\n</a>");
  CHECK(error.line == 2);
  CHECK(error.column == 6);  // the "<" of "</c>"
  CHECK(error.to_string().rfind("bad.xml:2:6: malformed XML:", 0) == 0);
}

TEST_CASE("xml: nesting deeper than the limit is refused, not a crash", "[results][xml]") {
  std::string deep;
  for (int i = 0; i < 100000; ++i) deep += "<a>";
  const Error error = parse_error(deep);
  CHECK(error.message.find("nested more than 256 levels") != std::string::npos);

  std::string fine;
  for (int i = 0; i < 200; ++i) fine += "<a>";
  for (int i = 0; i < 200; ++i) fine += "</a>";
  CHECK(parse_ok(fine).name == "a");
}

TEST_CASE("xml: write_xml escapes so the tree reads back unchanged", "[results][xml]") {
  XmlNode root;
  root.name = "testsuites";
  root.set_attribute("name", "quotes \" and 'apostrophes' & <angles>\n\ttabs\rcr");
  root.set_attribute("name", "replaced \" & <x>\n\t\r");  // set_attribute replaces
  XmlNode child;
  child.name = "testcase";
  child.set_attribute("name", "t");
  XmlNode text;
  text.text = "a < b && c > d ]]> \"q\" \r\n end";
  child.children.push_back(text);
  root.children.push_back(child);
  CHECK(root.attributes.size() == 1);

  const std::string written = write_xml(root);
  CHECK(written.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites ", 0) == 0);
  const XmlNode read_back = parse_ok(written);
  CHECK(*read_back.attribute("name") == "replaced \" & <x>\n\t\r");
  REQUIRE(read_back.children.size() == 1);
  CHECK(read_back.children[0].text_content() == "a < b && c > d ]]> \"q\" \r\n end");
  CHECK(same_tree(root, read_back));
}

TEST_CASE("xml: a parsed document written and read again is the same tree", "[results][xml]") {
  const std::string original =
      "<testsuites><testsuite name=\"s\" time=\"0.5\">\n  <testcase name=\"x\"><system-out><![CDATA[<out>]]>"
      "</system-out></testcase>\n  <properties><property name=\"k\" value=\"&#9;v\"/></properties>\n"
      "</testsuite></testsuites>";
  const XmlNode first = parse_ok(original);
  const XmlNode second = parse_ok(write_xml(first));
  CHECK(same_tree(first, second));
  CHECK(write_xml(second) == write_xml(first));
}

TEST_CASE("xml: mutated documents never crash the reader", "[results][xml]") {
  // A small deterministic fuzz: every mutation must give a tree or an Error
  // with a position, and a tree must survive a write/read round trip.
  const std::string seed =
      "<?xml version=\"1.0\"?><!DOCTYPE x SYSTEM \"x.dtd\"><testsuites><testsuite name=\"a&amp;b\">"
      "<testcase classname=\"c\" name=\"n\"><failure message=\"m&#10;\"><![CDATA[trace]]></failure>"
      "</testcase><!-- c --><?pi x?></testsuite></testsuites>";
  const std::string alphabet = "<>/&;#x!-[]?\"'= \n\rCDATA\xC3\xA9\x80";
  std::mt19937 random(20240505);
  int parsed = 0;
  for (int round = 0; round < 3000; ++round) {
    std::string text = seed;
    const int edits = 1 + static_cast<int>(random() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = random() % (text.size() + 1);
      switch (random() % 3) {
        case 0:
          text.insert(at, 1, alphabet[random() % alphabet.size()]);
          break;
        case 1:
          if (at < text.size()) text.erase(at, 1 + random() % 3);
          break;
        default:
          if (at < text.size()) text[at] = alphabet[random() % alphabet.size()];
      }
    }
    Result<XmlNode> root = parse_xml(text, "fuzz.xml");
    if (root) {
      ++parsed;
      Result<XmlNode> again = parse_xml(write_xml(*root), "again.xml");
      INFO(text);
      REQUIRE(again.ok());
      CHECK(same_tree(*root, *again));
    } else {
      CHECK(root.error().line >= 1);
      CHECK(root.error().column >= 1);
    }
  }
  CHECK(parsed > 0);  // some mutations stay well-formed (e.g. inside text)
}

}  // namespace slipway::build::results
