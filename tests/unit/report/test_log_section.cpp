// Tests for core/report/log_section.cpp: GitHub groups, GitLab sections and
// silence elsewhere.
#include <catch2/catch.hpp>
#include <regex>
#include <sstream>

#include "report/formats.hpp"
#include "report/reporters.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("log section on GitHub is a group", "[log_section]") {
  std::ostringstream out;
  {
    LogSection section(model::CiPlatform::github, "shellcheck", "Running shellcheck: 100%", out);
    out << "output\n";
  }
  CHECK(out.str() == "::group::Running shellcheck: 100%25\noutput\n::endgroup::\n");
}

TEST_CASE("log section on GitLab has start and end markers", "[log_section]") {
  std::ostringstream out;
  {
    LogSection section(model::CiPlatform::gitlab, "lint shellcheck", "Running shellcheck", out);
    out << "output\n";
  }
  const std::regex expected(
      "section_start:([0-9]+):lint_shellcheck\\[collapsed=true\\]\r\x1b\\[0KRunning shellcheck\n"
      "output\n"
      "section_end:([0-9]+):lint_shellcheck\r\x1b\\[0K\n");
  std::smatch match;
  const std::string text = out.str();
  REQUIRE(std::regex_match(text, match, expected));
  CHECK(std::stoll(match[1]) <= std::stoll(match[2]));
  CHECK(std::stoll(match[1]) > 1600000000);
}

TEST_CASE("log section on GitLab can start expanded", "[log_section]") {
  std::ostringstream out;
  { LogSection section(model::CiPlatform::gitlab, "deploy", "Deploying", out, false); }
  CHECK(out.str().find("[collapsed") == std::string::npos);
  CHECK(out.str().find(":deploy\r\x1b[0KDeploying\n") != std::string::npos);
}

TEST_CASE("log section is silent locally and on Jenkins", "[log_section]") {
  std::ostringstream out;
  {
    LogSection local(model::CiPlatform::local, "a", "A", out);
    LogSection jenkins(model::CiPlatform::jenkins, "b", "B", out);
  }
  CHECK(out.str().empty());
}
