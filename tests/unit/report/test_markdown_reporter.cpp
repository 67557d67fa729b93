// Tests for core/report/markdown_reporter.cpp: the summary and findings
// tables, cell escaping and the size cap with its "left out" line.
#include <catch2/catch.hpp>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;
using test::count_occurrences;

TEST_CASE("markdown has a summary table, notes, fixed files and a findings table", "[markdown]") {
  const std::string md = render_markdown(test::sample_input());
  CHECK(md.rfind(
            "### \xE2\x9C\x96 slipway lint: 5 problems (2 errors, 2 warnings, 1 note) in 40 files, 0.21 s\n",
            0) == 0);
  CHECK(md.find("| Errors | 2 |\n| Warnings | 2 |\n| Notes | 1 |\n| Files checked | 40 |\n") !=
        std::string::npos);
  CHECK(md.find("> **Note:** history too shallow to find the merge base: linted all files\n") !=
        std::string::npos);
  CHECK(md.find("**Fixed 1 file**:\n- src/fixed.sh\n") != std::string::npos);
  CHECK(md.find("| Location | Severity | Rule | Message |\n| --- | --- | --- | --- |\n") !=
        std::string::npos);
  CHECK(md.find("| src/a.sh:3:10 | warning | trailing-whitespace | Trailing whitespace |\n") !=
        std::string::npos);
  CHECK(md.find("| config/.env:2:1 | error | secret/aws-access-key | AWS access key AKIA\xE2\x80\xA6 |\n") !=
        std::string::npos);
  CHECK(count_occurrences(md, "\n| ") == 6 + 7);  // counts table (2 + 4 rows), findings table (2 + 5 rows)
  CHECK(md.find("not shown") == std::string::npos);
}

TEST_CASE("markdown escapes pipes, newlines and markup in cells", "[markdown]") {
  auto input = test::sample_input();
  input.findings = {test::make_finding("slipway", "r", model::Severity::error, "a|b.md", 1, 1,
                                       "x | y\nz <b>*bold*</b> & [link](u)", "f")};
  const std::string md = render_markdown(input);
  CHECK(md.find(
            "| a\\|b.md:1:1 | error | r | x \\| y<br>z \\<b\\>\\*bold\\*\\</b\\> &amp; \\[link\\](u) |\n") !=
        std::string::npos);
}

TEST_CASE("markdown stays under the size cap and counts what it left out", "[markdown]") {
  auto input = test::sample_input();
  input.findings.clear();
  for (int i = 0; i < 1000; ++i) {
    input.findings.push_back(test::make_finding("slipway", "rule", model::Severity::warning,
                                                "file" + std::to_string(1000 + i) + ".txt", 1, 1,
                                                std::string(60, 'm'), "fp"));
  }
  const std::size_t cap = 8 * 1024;
  const std::string md = render_markdown(input, cap);
  CHECK(md.size() <= cap);
  const std::size_t rows = count_occurrences(md, "| warning | rule |");
  CHECK(rows > 10);
  CHECK(rows < 1000);
  CHECK(md.find("_" + std::to_string(1000 - rows) +
                " more findings are not shown here, to stay under the size limit._\n") != std::string::npos);
}

TEST_CASE("markdown default cap is 1 MiB", "[markdown]") {
  auto input = test::sample_input();
  input.findings.clear();
  for (int i = 0; i < 20000; ++i) {
    input.findings.push_back(test::make_finding("slipway", "rule", model::Severity::warning, "f.txt", i + 1,
                                                1, std::string(100, 'm'), "fp"));
  }
  const std::string md = render_markdown(input);
  CHECK(md.size() <= k_markdown_default_max_bytes);
  CHECK(md.size() > k_markdown_default_max_bytes - 1024);
  CHECK(md.find("more findings are not shown here") != std::string::npos);
}

TEST_CASE("markdown of a clean run has no findings table", "[markdown]") {
  auto input = test::sample_input();
  input.findings.clear();
  const std::string md = render_markdown(input);
  CHECK(md.rfind("### \xE2\x9C\x94 slipway lint: no problems in 40 files, 0.21 s\n", 0) == 0);
  CHECK(md.find("| Location |") == std::string::npos);
}
