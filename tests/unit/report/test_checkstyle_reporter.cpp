// Tests for core/report/checkstyle_reporter.cpp: files, errors, severities,
// sources and escaping.
#include <catch2/catch.hpp>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;
using test::count_occurrences;

TEST_CASE("checkstyle lists files with their errors", "[checkstyle]") {
  const std::string xml = render_checkstyle(test::sample_input());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<checkstyle version=\"4.3\">\n", 0) == 0);
  CHECK(xml.substr(xml.size() - 14) == "</checkstyle>\n");
  CHECK(xml.find(
            "  <file name=\"src/a.sh\">\n"
            "    <error line=\"3\" column=\"10\" severity=\"warning\" message=\"Trailing whitespace\" "
            "source=\"slipway.trailing-whitespace\"/>\n"
            "    <error line=\"5\" column=\"7\" severity=\"error\" message=\"Double quote &lt;$x&gt; &amp; "
            "&quot;y&quot; &apos;z&apos;\" source=\"shellcheck.SC2086\"/>\n"
            "  </file>\n") != std::string::npos);
  CHECK(xml.find("<error line=\"0\" severity=\"info\" message=\"File does not end with a newline\" "
                 "source=\"slipway.final-newline\"/>") != std::string::npos);
  // Clean checked files appear as empty elements.
  CHECK(xml.find("<file name=\"clean.txt\"/>") != std::string::npos);
  CHECK(xml.find("<file name=\"src/b.sh\"/>") != std::string::npos);
  // The multi-line message stays one attribute.
  CHECK(xml.find("message=\"Files differ only in case:&#10;A.txt, a.txt\"") != std::string::npos);
  CHECK(count_occurrences(xml, "<error ") == 5);
  CHECK(count_occurrences(xml, "<file ") == count_occurrences(xml, "</file>") + 2);
}
