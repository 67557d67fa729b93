// Tests for core/report/reporters.cpp: known and default formats, file names,
// unknown formats, ordering (github after sarif, gitlab after codequality)
// and atomic writes that leave no temporary files.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "report/reporters.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;

namespace {

std::set<std::string> folder_entries(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.insert(entry.path().filename());
  return names;
}

}  // namespace

TEST_CASE("known formats are the ten documented ones", "[reporters]") {
  CHECK(known_formats() == std::vector<std::string>{"console", "json", "sarif", "codequality", "junit",
                                                    "checkstyle", "github", "gitlab", "markdown",
                                                    "gitlab-security"});
}

TEST_CASE("default formats follow the CI platform", "[reporters]") {
  using V = std::vector<std::string>;
  CHECK(default_formats(model::CiPlatform::local) == V{"console"});
  CHECK(default_formats(model::CiPlatform::github) == V{"console", "github", "sarif"});
  CHECK(default_formats(model::CiPlatform::gitlab) ==
        V{"console", "codequality", "junit", "gitlab-security"});
  CHECK(default_formats(model::CiPlatform::jenkins) == V{"console", "junit", "sarif"});
}

TEST_CASE("write_reports writes every file format under its name", "[reporters]") {
  test::TempDir dir;
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.color = ColorMode::never;
  options.output_dir = (dir.path() / "out").string();
  const auto result =
      write_reports(test::sample_input(),
                    {"console", "json", "sarif", "codequality", "junit", "checkstyle", "markdown"}, options);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 7);
  CHECK((*result)[0].format == "console");
  CHECK((*result)[0].path.empty());
  CHECK((*result)[1].path == (dir.path() / "out" / "lint.json").string());
  CHECK(folder_entries(dir.path() / "out") == std::set<std::string>{"lint.json", "lint.sarif",
                                                                    "lint.codequality.json", "lint.junit.xml",
                                                                    "lint.checkstyle.xml", "lint.md"});
  CHECK(nlohmann::json::parse(test::read_text(dir.path() / "out" / "lint.sarif"))["version"] == "2.1.0");
  CHECK(stream.str().find("5 problems") != std::string::npos);
}

TEST_CASE("write_reports rejects unknown formats before writing anything", "[reporters]") {
  test::TempDir dir;
  ReportOptions options;
  std::ostringstream stream;
  options.out = &stream;
  options.output_dir = (dir.path() / "out").string();
  const auto result = write_reports(test::sample_input(), {"json", "sarff"}, options);
  REQUIRE_FALSE(result.ok());
  const std::string message = result.error().to_string();
  CHECK(message.find("unknown report format \"sarff\"") != std::string::npos);
  CHECK(message.find("console, json, sarif, codequality, junit, checkstyle, github, gitlab, markdown, "
                     "gitlab-security") != std::string::npos);
  CHECK(message.find("did you mean \"sarif\"") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(dir.path() / "out"));
  CHECK(stream.str().empty());
}

TEST_CASE("write_reports runs github after sarif so the outputs name it", "[reporters]") {
  test::TempDir dir;
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "out").string();
  const auto outputs = dir.path() / "github_output";
  options.env = {{"GITHUB_OUTPUT", outputs.string()}};
  const auto result = write_reports(test::sample_input(), {"github", "sarif", "github"}, options);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 2);
  CHECK((*result)[0].format == "sarif");
  CHECK((*result)[1].format == "github");
  CHECK(test::read_text(outputs).find("sarif=" + (dir.path() / "out" / "lint.sarif").string() + "\n") !=
        std::string::npos);
}

TEST_CASE("write_reports lets gitlab point at the codequality file", "[reporters]") {
  test::TempDir dir;
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "out").string();
  const auto result = write_reports(test::sample_input(), {"gitlab", "codequality"}, options);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 2);
  CHECK((*result)[1].path == (*result)[0].path);
  CHECK(folder_entries(dir.path() / "out") == std::set<std::string>{"lint.codequality.json"});
}

TEST_CASE("write_reports replaces old reports and leaves no temporary files", "[reporters]") {
  test::TempDir dir;
  const auto folder = dir.path() / "out";
  std::filesystem::create_directories(folder);
  { std::ofstream(folder / "lint.json") << "old content that is longer than nothing"; }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = folder.string();
  auto input = test::sample_input();
  input.findings.clear();
  REQUIRE(write_reports(input, {"json", "junit"}, options).ok());
  CHECK(folder_entries(folder) == std::set<std::string>{"lint.json", "lint.junit.xml"});
  CHECK(nlohmann::json::parse(test::read_text(folder / "lint.json"))["summary"]["total"] == 0);
}

TEST_CASE("write_reports stops at a folder it cannot write and names it", "[reporters]") {
  test::TempDir dir;
  const auto blocker = dir.path() / "file";
  { std::ofstream(blocker) << "x"; }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (blocker / "reports").string();
  const auto result = write_reports(test::sample_input(), {"json"}, options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().to_string().find("lint.json") != std::string::npos);
}
