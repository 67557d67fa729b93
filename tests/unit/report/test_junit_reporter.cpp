// Tests for core/report/junit_reporter.cpp: suites per tool, testcases per
// checked file, failures listing findings, counts and escaping.
#include <catch2/catch.hpp>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;
using test::count_occurrences;

TEST_CASE("junit has one suite per tool and one testcase per checked file", "[junit]") {
  const std::string xml = render_junit(test::sample_input());
  CHECK(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"slipway lint\" tests=\"7\" "
                  "failures=\"5\" errors=\"0\" time=\"0.210\">\n",
                  0) == 0);
  CHECK(xml.find("<testsuite name=\"shellcheck\" tests=\"2\" failures=\"1\" errors=\"0\" skipped=\"0\" "
                 "time=\"0.060\">") != std::string::npos);
  CHECK(xml.find("<testsuite name=\"slipway\" tests=\"5\" failures=\"4\" errors=\"0\" skipped=\"0\" "
                 "time=\"0.150\">") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"shellcheck\" name=\"src/b.sh\"/>") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"slipway\" name=\"clean.txt\"/>") != std::string::npos);
  // A finding outside the checked files still gets its testcase.
  CHECK(xml.find("<testcase classname=\"slipway\" name=\"(repository)\">") != std::string::npos);
  CHECK(count_occurrences(xml, "<testsuite ") == 2);
  CHECK(count_occurrences(xml, "<testcase ") == 7);
  CHECK(count_occurrences(xml, "</testsuite>") == 2);
  CHECK(xml.substr(xml.size() - 14) == "</testsuites>\n");
}

TEST_CASE("junit failures count and list the findings of a testcase", "[junit]") {
  const std::string xml = render_junit(test::sample_input());
  CHECK(xml.find(
            "<testcase classname=\"slipway\" name=\"src/a.sh\">\n"
            "      <failure message=\"1 problem\" type=\"warning\">src/a.sh:3:10 warning trailing-whitespace "
            "Trailing whitespace\n</failure>\n"
            "    </testcase>") != std::string::npos);
  CHECK(xml.find("<failure message=\"1 problem\" type=\"note\">docs/readme.md note final-newline") !=
        std::string::npos);
}

TEST_CASE("junit escapes messages and names", "[junit]") {
  auto input = test::sample_input();
  input.checked.clear();
  input.findings = {test::make_finding("shellcheck", "SC2086", model::Severity::error, "a&b<c>.sh", 1, 2,
                                       "Double quote <$x> & \"y\" 'z'", "f1"),
                    test::make_finding("shellcheck", "SC2034", model::Severity::warning, "a&b<c>.sh", 4, 1,
                                       "x\x01y", "f2")};
  const std::string xml = render_junit(input);
  CHECK(xml.find("name=\"a&amp;b&lt;c&gt;.sh\"") != std::string::npos);
  CHECK(xml.find("<failure message=\"2 problems\" type=\"error\">") != std::string::npos);
  CHECK(xml.find("a&amp;b&lt;c&gt;.sh:1:2 error SC2086 Double quote &lt;$x&gt; &amp; \"y\" 'z'\n") !=
        std::string::npos);
  CHECK(xml.find("x\xEF\xBF\xBDy") != std::string::npos);
  CHECK(xml.find("<$x>") == std::string::npos);
  CHECK(xml.find('\x01') == std::string::npos);
}

TEST_CASE("junit of a run that checked nothing has one passing testcase", "[junit]") {
  auto input = test::sample_input();
  input.findings.clear();
  input.checked.clear();
  const std::string xml = render_junit(input);
  CHECK(xml.find("tests=\"1\" failures=\"0\"") != std::string::npos);
  CHECK(xml.find("<testcase classname=\"slipway\" name=\"lint\"/>") != std::string::npos);
}
