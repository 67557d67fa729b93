// The line-based regex parser (output_parsers/regex_parser.cpp).
#include <catch2/catch.hpp>

#include "plugin_test_support.hpp"
#include "stages/lint/plugins/output_parsers.hpp"

using namespace slipway;
using namespace slipway::lint;

TEST_CASE("gcc-style lines are parsed with numbered groups", "[plugins][regex]") {
  // Captured from `cpplint --output=emacs` and `shellcheck -f gcc`.
  const Descriptor d = plugin_test::must_parse(
      "id: gcc\nfile-patterns: ['*']\ncommand: [x, '{files}']\n"
      "output:\n  parser: regex\n"
      "  pattern: '^(.+?):(\\d+):(?:(\\d+):)? (error|warning|note): (.*?)(?: \\[([\\w./-]+)\\])?$'\n"
      "  groups: {path: 1, line: 2, column: 3, severity: 4, message: 5, rule: 6}\n");
  const std::string output =
      "Done processing src/a.cc\n"
      "src/a.cc:0:  No copyright message found.  [legal/copyright] [5]\n"
      "a.sh:3:6: note: Double quote to prevent globbing and word splitting. [SC2086]\n"
      "a.sh:4:1: warning: Use 'cd ... || exit' or 'cd ... || return' in case cd fails. [SC2164]\n"
      "dir with space/b.sh:10: error: Couldn't parse this test expression.\n"
      "Total errors found: 1\n";
  ParsedFindings parsed = parse_output(output, d);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 3);
  CHECK((*parsed)[0].location.path == "a.sh");
  CHECK((*parsed)[0].location.start_line == 3);
  CHECK((*parsed)[0].location.start_column == 6);
  CHECK((*parsed)[0].severity == model::Severity::note);
  CHECK((*parsed)[0].rule_id == "SC2086");
  CHECK((*parsed)[0].message == "Double quote to prevent globbing and word splitting.");
  CHECK((*parsed)[1].severity == model::Severity::warning);
  CHECK((*parsed)[2].location.path == "dir with space/b.sh");
  CHECK((*parsed)[2].location.start_column == 0);
  CHECK((*parsed)[2].rule_id.empty());
  CHECK((*parsed)[2].severity == model::Severity::error);
}

TEST_CASE("without a message group the whole line is the message", "[plugins][regex]") {
  const Descriptor d = plugin_test::must_parse(
      "id: todo\nfile-patterns: ['*']\ncommand: [grep, -n, TODO, '{files}']\ndefault-severity: note\n"
      "output: {parser: regex, pattern: '^([^:]+):(\\d+):', groups: {path: 1, line: 2}}\n");
  ParsedFindings parsed = parse_output("a.txt:4:  TODO fix\r\nnoise\nb.txt:x: not a line\n", d);
  REQUIRE(parsed.ok());
  REQUIRE(parsed->size() == 1);
  CHECK((*parsed)[0].message == "a.txt:4:  TODO fix");
  CHECK((*parsed)[0].severity == model::Severity::note);
  CHECK((*parsed)[0].rule_id.empty());
}

TEST_CASE("output with no matching line has no findings", "[plugins][regex]") {
  const Descriptor d = plugin_test::must_parse(
      "id: todo\nfile-patterns: ['*']\ncommand: [x, '{files}']\n"
      "output: {parser: regex, pattern: '^(.+):(\\d+): (.*)$', groups: {path: 1, line: 2, message: 3}}\n");
  ParsedFindings parsed = parse_output("all good\n", d);
  REQUIRE(parsed.ok());
  CHECK(parsed->empty());
}
