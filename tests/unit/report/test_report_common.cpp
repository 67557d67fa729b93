// Tests for core/report/report_common.cpp: counting, the summary sentence,
// rule ids, text clean-up and atomic report writing.
#include <catch2/catch.hpp>

#include "report/report_common.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("count_severities counts each severity", "[report_common]") {
  const auto input = test::sample_input();
  const auto counts = count_severities(input.findings);
  CHECK(counts.errors == 2);
  CHECK(counts.warnings == 2);
  CHECK(counts.notes == 1);
  CHECK(counts.total() == 5);
}

TEST_CASE("summary_sentence counts problems, files and time", "[report_common]") {
  auto input = test::sample_input();
  CHECK(summary_sentence(input, count_severities(input.findings)) ==
        "5 problems (2 errors, 2 warnings, 1 note) in 40 files, 0.21 s");
  input.findings.clear();
  input.files_selected = 1;
  input.duration = std::chrono::milliseconds(1999);
  CHECK(summary_sentence(input, {}) == "no problems in 1 file, 1.99 s");
}

TEST_CASE("format_seconds shows two decimals", "[report_common]") {
  CHECK(format_seconds(std::chrono::milliseconds(0)) == "0.00 s");
  CHECK(format_seconds(std::chrono::milliseconds(210)) == "0.21 s");
  CHECK(format_seconds(std::chrono::milliseconds(62345)) == "62.34 s");
}

TEST_CASE("qualified_rule_id prefixes external tools only", "[report_common]") {
  const auto input = test::sample_input();
  CHECK(qualified_rule_id(input, "slipway", "trailing-whitespace") == "trailing-whitespace");
  CHECK(qualified_rule_id(input, "", "x") == "x");
  CHECK(qualified_rule_id(input, "shellcheck", "SC2086") == "shellcheck/SC2086");
  CHECK(qualified_rule_id(input, "shellcheck", "shellcheck/SC2086") == "shellcheck/SC2086");
  CHECK(qualified_rule_id(input, "slipway-scan", "secret/aws-access-key-id") == "secret/aws-access-key-id");
  CHECK(qualified_rule_id(input, "slipwayx", "r") == "slipwayx/r");
}

TEST_CASE("location_text leaves out what is unknown", "[report_common]") {
  CHECK(location_text({"a.txt", 3, 4, 0, 0}) == "a.txt:3:4");
  CHECK(location_text({"a.txt", 3, 0, 0, 0}) == "a.txt:3");
  CHECK(location_text({"a.txt", 0, 0, 0, 0}) == "a.txt");
  CHECK(location_text({"", 0, 0, 0, 0}) == "(repository)");
}

TEST_CASE("truncate_utf8 cuts at a character boundary within the limit", "[report_common]") {
  CHECK(truncate_utf8("hello", 10) == "hello");
  const std::string text = "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9";  // four 'é'
  const std::string cut = truncate_utf8(text, 6);
  CHECK(cut.size() <= 6);
  CHECK(cut == "\xC3\xA9\xE2\x80\xA6");
}

TEST_CASE("printable replaces control characters but keeps newlines and tabs", "[report_common]") {
  CHECK(printable("a\x1b[31mb\tc\nd\x7f") == "a\xEF\xBF\xBD[31mb\tc\nd\xEF\xBF\xBD");
}

TEST_CASE("write_report_file writes the whole file and leaves no temporary files", "[report_common]") {
  test::TempDir dir;
  const auto path = dir.path() / "reports" / "lint.json";
  REQUIRE(write_report_file(path, "first").ok());
  REQUIRE(write_report_file(path, "second version").ok());
  CHECK(test::read_text(path) == "second version");
  std::size_t entries = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "reports")) {
    ++entries;
    CHECK(entry.path().filename() == "lint.json");
  }
  CHECK(entries == 1);
}

TEST_CASE("write_report_file names the file when it cannot write", "[report_common]") {
  test::TempDir dir;
  const auto blocker = dir.path() / "not-a-folder";
  REQUIRE(write_report_file(blocker, "x").ok());
  const auto result = write_report_file(blocker / "lint.json", "y");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().to_string().find("not-a-folder") != std::string::npos);
}

TEST_CASE("append_to_file appends and creates", "[report_common]") {
  test::TempDir dir;
  const auto path = dir.path() / "out.txt";
  REQUIRE(append_to_file(path, "a\n").ok());
  REQUIRE(append_to_file(path, "b\n").ok());
  CHECK(test::read_text(path) == "a\nb\n");
}

TEST_CASE("json_text replaces invalid UTF-8 instead of throwing", "[report_common]") {
  nlohmann::ordered_json value = {{"message", std::string("bad \xFF byte")}};
  const std::string text = json_text(value);
  CHECK(text.find("bad \xEF\xBF\xBD byte") != std::string::npos);
  CHECK(text.back() == '\n');
}
