// Tests for core/report/console_reporter.cpp: grouping by file, alignment,
// notes and fixed files, the summary line, quiet mode and colour decisions.
#include <catch2/catch.hpp>
#include <sstream>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;

TEST_CASE("console groups findings by file with aligned columns", "[console]") {
  const auto text = render_console(test::sample_input(), false, false);
  const std::string expected_a =
      "src/a.sh\n"
      "  3:10  warning  Trailing whitespace  [trailing-whitespace]\n"
      "   5:7  error    Double quote <$x> & \"y\" 'z'  [shellcheck/SC2086]\n"
      "\n";
  CHECK(text.find(expected_a) != std::string::npos);
  CHECK(text.find("docs/readme.md\n  -  note     File does not end with a newline  [final-newline]\n") !=
        std::string::npos);
  // A multi-line message continues under its first line.
  CHECK(text.find("(repository)\n  -  warning  Files differ only in case:\n"
                  "              A.txt, a.txt  [case-conflict]\n") != std::string::npos);
  // Files appear in path order: repository-wide first, then config/, docs/, src/.
  CHECK(text.find("(repository)") < text.find("config/.env"));
  CHECK(text.find("config/.env") < text.find("docs/readme.md"));
  CHECK(text.find("docs/readme.md") < text.find("src/a.sh"));
}

TEST_CASE("console lists fixed files and notes, then the summary", "[console]") {
  const auto text = render_console(test::sample_input(), false, false);
  CHECK(text.find("fixed: src/fixed.sh\n") != std::string::npos);
  CHECK(text.find("note: history too shallow to find the merge base: linted all files\n") !=
        std::string::npos);
  const std::string summary = "\xE2\x9C\x96 5 problems (2 errors, 2 warnings, 1 note) in 40 files, 0.21 s\n";
  REQUIRE(text.size() >= summary.size());
  CHECK(text.substr(text.size() - summary.size()) == summary);
  CHECK(text.find("\x1b[") == std::string::npos);
}

TEST_CASE("console shows the fix only when verbose", "[console]") {
  CHECK(render_console(test::sample_input(), false, false).find("fix: remove") == std::string::npos);
  CHECK(render_console(test::sample_input(), false, false, true).find("fix: remove 2 trailing spaces") !=
        std::string::npos);
}

TEST_CASE("console quiet mode prints only the summary line", "[console]") {
  const auto text = render_console(test::sample_input(), false, true);
  CHECK(text == "\xE2\x9C\x96 5 problems (2 errors, 2 warnings, 1 note) in 40 files, 0.21 s\n");
}

TEST_CASE("console says no problems with a check mark", "[console]") {
  auto input = test::sample_input();
  input.findings.clear();
  input.notes.clear();
  input.fixed_files.clear();
  CHECK(render_console(input, false, false) == "\xE2\x9C\x94 no problems in 40 files, 0.21 s\n");
}

TEST_CASE("console colours severities and the summary when asked", "[console]") {
  const auto text = render_console(test::sample_input(), true, false);
  CHECK(text.find("\x1b[31merror  ") != std::string::npos);
  CHECK(text.find("\x1b[33mwarning") != std::string::npos);
  CHECK(text.find("\x1b[4msrc/a.sh\x1b[0m") != std::string::npos);
  CHECK(text.find("\x1b[31m\xE2\x9C\x96 5 problems") != std::string::npos);
}

TEST_CASE("console strips control characters from tool output", "[console]") {
  auto input = test::sample_input();
  input.findings = {test::make_finding("t", "r", model::Severity::error, "a", 1, 1, "evil\x1b[2J", "f")};
  const auto text = render_console(input, false, false);
  CHECK(text.find('\x1b') == std::string::npos);
}

TEST_CASE("use_color honours always, never, other streams and NO_COLOR", "[console]") {
  std::ostringstream stream;
  ReportOptions options;
  options.color = ColorMode::always;
  options.out = &stream;
  CHECK(use_color(options));
  options.color = ColorMode::never;
  options.out = nullptr;
  CHECK_FALSE(use_color(options));
  options.color = ColorMode::automatic;
  options.out = &stream;
  CHECK_FALSE(use_color(options));  // not stdout
  options.out = nullptr;
  options.env = {{"NO_COLOR", "1"}, {"TERM", "xterm-256color"}};
  CHECK_FALSE(use_color(options));
  options.env = {{"TERM", "dumb"}};
  CHECK_FALSE(use_color(options));
  options.env = {{"TERM", "xterm"}};
  CHECK(use_color(options) == stdout_is_terminal(options.env));
}
