// Tests for core/report/gitlab_reporter.cpp: the Code Quality file and the
// log line pointing at it.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("gitlab writes the Code Quality report and names it", "[gitlab]") {
  test::TempDir dir;
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "reports").string();
  const auto result = write_gitlab_report(test::sample_input(), options, "");
  REQUIRE(result.ok());
  const auto path = dir.path() / "reports" / "lint.codequality.json";
  CHECK(result->format == "gitlab");
  CHECK(result->path == path.string());
  CHECK(nlohmann::json::parse(test::read_text(path)).size() == 5);
  CHECK(stream.str() == "Code Quality report: " + path.string() + " (artifacts:reports:codequality)\n");
}

TEST_CASE("gitlab reuses a Code Quality report already written", "[gitlab]") {
  test::TempDir dir;
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "reports").string();
  const auto result = write_gitlab_report(test::sample_input(), options, "elsewhere/lint.codequality.json");
  REQUIRE(result.ok());
  CHECK(result->path == "elsewhere/lint.codequality.json");
  CHECK_FALSE(std::filesystem::exists(dir.path() / "reports"));
  CHECK(stream.str() ==
        "Code Quality report: elsewhere/lint.codequality.json (artifacts:reports:codequality)\n");
}
