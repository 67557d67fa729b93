// Merging JUnit files: two steps' reports become one valid JUnit file with
// every suite kept, the counts come from the test cases, a failing test shows
// in the report and in the GitHub summary, and bad input is an Error naming
// the file and line.
#include <catch2/catch.hpp>
#include <string>

#include "../../util/temp_folder.hpp"
#include "stages/build/results/build_results.hpp"
#include "stages/build/results/xml_document.hpp"
#include "util/files.hpp"

namespace slipway::build::results {

namespace {

const char* const k_unit_report =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    "<testsuite name=\"unit\" tests=\"3\" failures=\"1\" time=\"1.25\">\n"
    "  <properties><property name=\"seed\" value=\"42\"/></properties>\n"
    "  <testcase classname=\"math.Adder\" name=\"adds\" time=\"0.1\"/>\n"
    "  <testcase classname=\"math.Adder\" name=\"carries\" time=\"0.2\">\n"
    "    <failure message=\"expected 10 but was 9&#10;at Adder.java:12\" type=\"AssertionError\">"
    "stack trace</failure>\n"
    "  </testcase>\n"
    "  <testcase classname=\"math.Adder\" name=\"overflows\"><skipped/></testcase>\n"
    "  <system-out><![CDATA[log <line>]]></system-out>\n"
    "</testsuite>\n";

const char* const k_integration_report =
    "<testsuites>\n"
    "  <testsuite name=\"api\" time=\"2.5\">\n"
    "    <testcase classname=\"api\" name=\"get\"/>\n"
    "    <testcase name=\"timeout\"><error>\n\n  connection refused\nmore</error></testcase>\n"
    "    <testsuite name=\"nested\" time=\"0.5\"><testcase classname=\"api.nested\" "
    "name=\"ok\"/></testsuite>\n"
    "  </testsuite>\n"
    "  <testsuite name=\"db\" time=\"0.25\"><testcase classname=\"db\" name=\"connects\"/></testsuite>\n"
    "</testsuites>\n";

}  // namespace

TEST_CASE("junit: two steps' reports are merged into one", "[results][junit]") {
  test::TempFolder root;
  root.write("build/unit/TEST-unit.xml", k_unit_report);
  root.write("web/reports/junit.xml", k_integration_report);
  root.write("web/reports/not-a-report.txt", "ignored");

  Result<TestSummary> summary =
      merge_junit(root.path().string(), {"**/TEST-*.xml", "web/reports/*.xml"}, ".slipway/reports/junit.xml");
  if (!summary) FAIL(summary.error().to_string());
  CHECK(summary->files == std::vector<std::string>{"build/unit/TEST-unit.xml", "web/reports/junit.xml"});
  CHECK(summary->passed == 4);
  CHECK(summary->failed == 1);
  CHECK(summary->errors == 1);
  CHECK(summary->skipped == 1);
  CHECK(summary->total() == 7);
  CHECK_FALSE(summary->ok());
  REQUIRE(summary->failing.size() == 2);
  CHECK(summary->failing[0].name == "math.Adder.carries");
  CHECK(summary->failing[0].message == "expected 10 but was 9");
  CHECK(summary->failing[0].file == "build/unit/TEST-unit.xml");
  CHECK_FALSE(summary->failing[0].error);
  CHECK(summary->failing[1].name == "timeout");
  CHECK(summary->failing[1].message == "connection refused");  // no message: first text line
  CHECK(summary->failing[1].error);

  // The merged file is valid XML with a <testsuites> root, every suite kept whole.
  Result<XmlNode> merged = read_xml_file((root / ".slipway/reports/junit.xml").string(), "junit.xml");
  if (!merged) FAIL(merged.error().to_string());
  CHECK(merged->name == "testsuites");
  CHECK(*merged->attribute("tests") == "7");
  CHECK(*merged->attribute("failures") == "1");
  CHECK(*merged->attribute("errors") == "1");
  CHECK(*merged->attribute("skipped") == "1");
  CHECK(*merged->attribute("time") == "4.000");  // 1.25 + 2.5 + 0.25 (the nested suite is inside api)
  const auto suites = merged->elements("testsuite");
  REQUIRE(suites.size() == 3);
  CHECK(*suites[0]->attribute("name") == "unit");
  CHECK(*suites[1]->attribute("name") == "api");
  CHECK(*suites[2]->attribute("name") == "db");
  CHECK(suites[0]->first_element("properties") != nullptr);
  CHECK(suites[0]->first_element("system-out")->text_content() == "log <line>");
  const XmlNode* failure = suites[0]->elements("testcase")[1]->first_element("failure");
  REQUIRE(failure != nullptr);
  CHECK(*failure->attribute("message") == "expected 10 but was 9\nat Adder.java:12");
  CHECK(suites[1]->first_element("testsuite") != nullptr);  // the nested suite stays nested

  SECTION("a second run does not read its own output") {
    Result<TestSummary> again = merge_junit(root.path().string(), {"**/*.xml"}, ".slipway/reports/junit.xml");
    if (!again) FAIL(again.error().to_string());
    CHECK(again->total() == 7);
    CHECK(again->files.size() == 2);
  }
}

TEST_CASE("junit: the GitHub summary shows the counts and the failing tests", "[results][junit]") {
  TestSummary summary;
  summary.passed = 10;
  summary.failed = 1;
  summary.errors = 1;
  summary.skipped = 2;
  summary.failing.push_back(FailingTest{"math.Adder.carries", "expected <10> but *was* 9", "a.xml", false});
  summary.failing.push_back(FailingTest{"odd`name", "", "b.xml", true});
  const std::string markdown = junit_summary_markdown(summary);
  CHECK(markdown.find("**2 of 14 tests failed.**") != std::string::npos);
  CHECK(markdown.find("| 10 | 1 | 1 | 2 | 14 |") != std::string::npos);
  CHECK(markdown.find("- `math.Adder.carries`: expected \\<10\\> but \\*was\\* 9\n") != std::string::npos);
  CHECK(markdown.find("- ``odd`name`` (error)\n") != std::string::npos);

  TestSummary passing;
  passing.passed = 3;
  passing.skipped = 1;
  const std::string ok = junit_summary_markdown(passing);
  CHECK(ok.find("All 3 tests passed (1 skipped).") != std::string::npos);
  CHECK(ok.find("Failing tests") == std::string::npos);

  TestSummary many;
  many.failed = 60;
  for (int i = 0; i < 60; ++i)
    many.failing.push_back(FailingTest{"t" + std::to_string(i), "m", "x.xml", false});
  const std::string capped = junit_summary_markdown(many);
  CHECK(capped.find("`t49`") != std::string::npos);
  CHECK(capped.find("`t50`") == std::string::npos);
  CHECK(capped.find("and 10 more") != std::string::npos);
}

TEST_CASE("junit: a failing test appears in the merged report and the summary", "[results][junit]") {
  test::TempFolder root;
  root.write("a/TEST-a.xml", "<testsuite name=\"a\"><testcase classname=\"A\" name=\"passes\"/></testsuite>");
  root.write("b/TEST-b.xml",
             "<testsuite name=\"b\"><testcase classname=\"B\" name=\"breaks\">"
             "<failure message=\"boom\"/></testcase></testsuite>");
  Result<TestSummary> summary = merge_junit(root.path().string(), {"TEST-*.xml"}, "out/junit.xml");
  if (!summary) FAIL(summary.error().to_string());
  Result<std::string> merged = util::read_file(root / "out/junit.xml");
  REQUIRE(merged.ok());
  CHECK(merged->find("<testcase classname=\"B\" name=\"breaks\"><failure message=\"boom\"/></testcase>") !=
        std::string::npos);
  CHECK(junit_summary_markdown(*summary).find("- `B.breaks`: boom") != std::string::npos);
}

TEST_CASE("junit: long messages are cut at a character boundary", "[results][junit]") {
  test::TempFolder root;
  const std::string long_message = std::string(299, 'a') + "\xC3\xA9" + std::string(100, 'b');
  root.write("TEST-long.xml", "<testsuite><testcase name=\"t\"><failure message=\"" + long_message +
                                  "\"/></testcase></testsuite>");
  Result<TestSummary> summary = merge_junit(root.path().string(), {"TEST-*.xml"}, "junit.xml");
  if (!summary) FAIL(summary.error().to_string());
  REQUIRE(summary->failing.size() == 1);
  CHECK(summary->failing[0].message == std::string(299, 'a') + "…");
}

TEST_CASE("junit: bad input is an Error naming the file and line", "[results][junit]") {
  test::TempFolder root;
  SECTION("malformed XML") {
    root.write("reports/TEST-ok.xml", "<testsuite name=\"ok\"/>");
    root.write("reports/TEST-bad.xml", "<testsuite name=\"bad\">\n  <testcase name=\"x\">\n</testsuite>\n");
    Result<TestSummary> summary = merge_junit(root.path().string(), {"reports/*.xml"}, "junit.xml");
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().file == "reports/TEST-bad.xml");
    CHECK(summary.error().line == 3);
    CHECK(summary.error().message.find("does not match <testcase> from line 2") != std::string::npos);
    CHECK_FALSE(std::filesystem::exists(root / "junit.xml"));  // nothing half-merged is written
  }
  SECTION("not JUnit") {
    root.write("reports/coverage.xml", "<?xml version=\"1.0\"?>\n<coverage line-rate=\"1\"/>");
    Result<TestSummary> summary = merge_junit(root.path().string(), {"reports/*.xml"}, "junit.xml");
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().file == "reports/coverage.xml");
    CHECK(summary.error().line == 2);
    CHECK(summary.error().message.find("not a JUnit report: the root element is <coverage>") !=
          std::string::npos);
  }
  SECTION("nothing matched") {
    Result<TestSummary> summary = merge_junit(root.path().string(), {"**/TEST-*.xml"}, "junit.xml");
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().message.find("no JUnit report matched build.junit (**/TEST-*.xml)") !=
          std::string::npos);
  }
  SECTION("no globs") {
    Result<TestSummary> summary = merge_junit(root.path().string(), {}, "junit.xml");
    REQUIRE_FALSE(summary.ok());
    CHECK(summary.error().message.find("build.junit is empty") != std::string::npos);
  }
}

TEST_CASE("junit: symlinks and .git are not followed", "[results][junit]") {
  test::TempFolder outside;
  outside.write("TEST-outside.xml", "<testsuite name=\"outside\"><testcase name=\"x\"/></testsuite>");
  test::TempFolder root;
  root.write("TEST-inside.xml", "<testsuite name=\"inside\"><testcase name=\"y\"/></testsuite>");
  root.write(".git/TEST-git.xml", "<testsuite name=\"git\"><testcase name=\"z\"/></testsuite>");
  std::filesystem::create_directory_symlink(outside.path(), root / "linked");
  std::filesystem::create_symlink(outside / "TEST-outside.xml", root / "TEST-link.xml");
  Result<TestSummary> summary = merge_junit(root.path().string(), {"**/TEST-*.xml"}, "junit.xml");
  if (!summary) FAIL(summary.error().to_string());
  CHECK(summary->files == std::vector<std::string>{"TEST-inside.xml"});
  CHECK(summary->total() == 1);
}

}  // namespace slipway::build::results
