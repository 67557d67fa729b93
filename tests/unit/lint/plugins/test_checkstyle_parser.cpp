// The checkstyle XML parser (output_parsers/checkstyle_parser.cpp).
#include <catch2/catch.hpp>

#include "stages/lint/plugins/output_parsers.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

// Captured from `shellcheck -f checkstyle a.sh` (0.9.0): single-quoted
// attributes and numeric character references.
const char* const k_shellcheck = R"(<?xml version='1.0' encoding='UTF-8'?>
<checkstyle version='4.3'>
<file name='a.sh' >
<error line='3' column='6' severity='info' message='Double quote to prevent globbing and word splitting.' source='ShellCheck.SC2086' />
<error line='4' column='1' severity='warning' message='Use &#39;cd ... &#124;&#124; exit&#39; or &#39;cd ... &#124;&#124; return&#39; in case cd fails.' source='ShellCheck.SC2164' />
</file>
</checkstyle>
)";

ParsedFindings parse(const std::string& text) {
  return parse_checkstyle(text, SeverityMap{});
}

}  // namespace

TEST_CASE("checkstyle output from shellcheck is parsed with its entities", "[plugins][checkstyle]") {
  ParsedFindings parsed = parse(k_shellcheck);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  const model::Finding& first = (*parsed)[0];
  CHECK(first.location.path == "a.sh");
  CHECK(first.location.start_line == 3);
  CHECK(first.location.start_column == 6);
  CHECK(first.severity == model::Severity::note);
  CHECK(first.rule_id == "ShellCheck.SC2086");
  const model::Finding& second = (*parsed)[1];
  CHECK(second.severity == model::Severity::warning);
  CHECK(second.message == "Use 'cd ... || exit' or 'cd ... || return' in case cd fails.");
}

TEST_CASE("checkstyle named and hexadecimal entities, comments and several files", "[plugins][checkstyle]") {
  ParsedFindings parsed = parse(
      "\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
      "<!DOCTYPE checkstyle>\n"
      "<!-- written by a linter -->\n"
      "<checkstyle version=\"8.0\">\n"
      "  <file name=\"src/a &amp; b.js\">\n"
      "    <error line=\"1\" column=\"2\" severity=\"error\"\n"
      "           message=\"Expected &quot;===&quot; &lt;not&gt; &apos;==&apos; &#x2192; &#233;\" "
      "source=\"eqeqeq\"/>\n"
      "  </file>\n"
      "  <file name=\"empty.js\"></file>\n"
      "  <file name=\"c.js\"><error line=\"7\" severity=\"warning\" message=\"m\" source=\"semi\"></error>"
      "<exception><![CDATA[ignored <stuff>]]></exception></file>\n"
      "</checkstyle>\n");
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 2);
  CHECK((*parsed)[0].location.path == "src/a & b.js");
  CHECK((*parsed)[0].message == "Expected \"===\" <not> '==' \xE2\x86\x92 \xC3\xA9");
  CHECK((*parsed)[0].severity == model::Severity::error);
  CHECK((*parsed)[1].location.path == "c.js");
  CHECK((*parsed)[1].location.start_line == 7);
  CHECK((*parsed)[1].location.start_column == 0);
}

TEST_CASE("an empty checkstyle report has no findings", "[plugins][checkstyle]") {
  ParsedFindings parsed = parse("<?xml version='1.0'?>\n<checkstyle version='4.3'>\n</checkstyle>\n");
  REQUIRE(parsed.ok());
  CHECK(parsed->empty());
  CHECK(parse("<checkstyle/>").ok());
}

TEST_CASE("malformed checkstyle output is an error with its position", "[plugins][checkstyle]") {
  const auto error_of = [](const std::string& text) {
    ParsedFindings parsed = parse(text);
    REQUIRE_FALSE(parsed.ok());
    return parsed.error().message;
  };
  CHECK(error_of("") == "not a checkstyle report: no <checkstyle> element in the output");
  CHECK(error_of("shellcheck: command crashed\n") ==
        "malformed checkstyle output at line 1, column 1: text outside the <checkstyle> element");
  CHECK(error_of("<checkstyle>\n<file name='a'>\n<error line='1'/>\n") ==
        "malformed checkstyle output at line 4, column 1: output ends before </file>");
  CHECK(error_of("<checkstyle><file name='a'></checkstyle>") ==
        "malformed checkstyle output at line 1, column 28: unexpected </checkstyle>, expected </file>");
  CHECK_THAT(error_of("<checkstyle><file name='a &nbsp; b'/></checkstyle>"),
             Catch::EndsWith("unknown or invalid character reference &nbsp;"));
  CHECK_THAT(error_of("<checkstyle><file name='a & b'/></checkstyle>"), Catch::Contains("(write &amp;)"));
  CHECK_THAT(error_of("<checkstyle><file name='a<b'/></checkstyle>"),
             Catch::Contains("'<' inside an attribute value"));
  CHECK_THAT(error_of("<checkstyle><file name=a/></checkstyle>"), Catch::Contains("expected a quoted value"));
  CHECK_THAT(error_of("<checkstyle><error line='1'/></checkstyle>"),
             Catch::Contains("<error> outside a <file>"));
  CHECK_THAT(error_of("<results><file name='a'/></results>"),
             Catch::Contains("the root element is <results>"));
  CHECK_THAT(error_of("<checkstyle><file name='a' name='b'/></checkstyle>"), Catch::Contains("repeated"));
  CHECK_THAT(error_of("<checkstyle><!-- open"), Catch::Contains("comment is not closed"));
  CHECK_THAT(error_of("<checkstyle><file name='&#0;'/></checkstyle>"), Catch::Contains("&#0;"));
  CHECK_THAT(error_of("<checkstyle></checkstyle><checkstyle></checkstyle>"), Catch::Contains("second root"));
  CHECK_THAT(error_of("<checkstyle><file name='a'"), Catch::Contains("is not closed"));
}
