// Tests of the line-oriented text checks and their fixes (stages/lint/text_checks.cpp):
// each check fires at the right line and column on a planted problem, stays
// quiet on a clean file, and each fix produces exactly the expected bytes.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/lint/lint_schema.hpp"
#include "stages/lint/text_checks.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

CheckSet all_checks() {
  CheckSet set;
  for (const CheckSpec& spec : check_specs()) set.set(spec.check);
  return set;
}

std::vector<model::Finding> scan(const std::string& content) {
  static const LintSettings settings = resolve_settings(nullptr);
  FileFindings sink("file.txt", all_checks(), settings.severities);
  check_text(content, sink);
  check_utf8(content, sink);
  return std::move(sink.findings());
}

std::vector<model::Finding> scan_rule(const std::string& content, const std::string& rule) {
  std::vector<model::Finding> out;
  for (auto& finding : scan(content)) {
    if (finding.rule_id == rule) out.push_back(finding);
  }
  return out;
}

TextFixes all_fixes() {
  return TextFixes{true, true, true, true};
}

}  // namespace

TEST_CASE("a clean file has no text findings", "[lint][text]") {
  CHECK(scan("first line\nsecond line\n").empty());
  CHECK(scan("").empty());
  CHECK(scan("windows\r\nfile\r\n").empty());
  CHECK(scan("h\xC3\xA9llo \xE2\x9C\x93 \xF0\x9F\x98\x80\n").empty());
}

TEST_CASE("trailing-whitespace reports each line at the first trailing blank", "[lint][text]") {
  const auto findings = scan_rule("ok\nspaces  \ntab\t\ncrlf \r\nlast ", "trailing-whitespace");
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].location.start_line == 2);
  CHECK(findings[0].location.start_column == 7);
  CHECK(findings[1].location.start_line == 3);
  CHECK(findings[1].location.start_column == 4);
  CHECK(findings[2].location.start_line == 4);
  CHECK(findings[2].location.start_column == 5);
  CHECK(findings[3].location.start_line == 5);
  CHECK(findings[3].severity == model::Severity::warning);
  CHECK(findings[3].fix.has_value());
}

TEST_CASE("columns count characters, not bytes, and skip a byte-order mark", "[lint][text]") {
  const auto accented = scan_rule("\xC3\xA9t\xC3\xA9 \n", "trailing-whitespace");
  REQUIRE(accented.size() == 1);
  CHECK(accented[0].location.start_column == 4);
  const auto with_bom = scan_rule(
      "\xEF\xBB\xBF"
      "ab \n",
      "trailing-whitespace");
  REQUIRE(with_bom.size() == 1);
  CHECK(with_bom[0].location.start_column == 3);
}

TEST_CASE("end-of-file-newline wants exactly one final newline", "[lint][text]") {
  const auto missing = scan_rule("a\nlast", "end-of-file-newline");
  REQUIRE(missing.size() == 1);
  CHECK(missing[0].location.start_line == 2);
  CHECK(missing[0].location.start_column == 5);
  CHECK(missing[0].message == "no newline at end of file");

  const auto extra = scan_rule("a\nb\n\n\n", "end-of-file-newline");
  REQUIRE(extra.size() == 1);
  CHECK(extra[0].location.start_line == 3);
  CHECK(extra[0].message == "2 blank lines at end of file");

  const auto extra_crlf = scan_rule("a\r\n\r\n", "end-of-file-newline");
  REQUIRE(extra_crlf.size() == 1);
  CHECK(extra_crlf[0].location.start_line == 2);

  CHECK(scan_rule("\n\n", "end-of-file-newline").size() == 1);
  CHECK(scan_rule("", "end-of-file-newline").empty());
  CHECK(scan_rule("a\n", "end-of-file-newline").empty());
  CHECK(scan_rule("a\n  \n", "end-of-file-newline").empty());  // a whitespace line is trailing-whitespace's
}

TEST_CASE("mixed-line-endings reports the first minority line with the counts", "[lint][text]") {
  const auto mostly_lf = scan_rule("a\nb\r\nc\nd\n", "mixed-line-endings");
  REQUIRE(mostly_lf.size() == 1);
  CHECK(mostly_lf[0].location.start_line == 2);
  CHECK(mostly_lf[0].message.find("3 LF and 1 CRLF") != std::string::npos);

  const auto mostly_crlf = scan_rule("a\r\nb\r\nc\nd\r\n", "mixed-line-endings");
  REQUIRE(mostly_crlf.size() == 1);
  CHECK(mostly_crlf[0].location.start_line == 3);

  const auto tie = scan_rule("a\r\nb\n", "mixed-line-endings");
  REQUIRE(tie.size() == 1);
  CHECK(tie[0].location.start_line == 1);  // LF wins a tie, so the CRLF line is the odd one

  CHECK(scan_rule("a\r\nb\r\n", "mixed-line-endings").empty());
}

TEST_CASE("merge-conflict-marker finds each marker line", "[lint][text]") {
  const auto findings =
      scan_rule("x\n<<<<<<< HEAD\nmine\n||||||| base\nold\n=======\ntheirs\n>>>>>>> feature\n",
                "merge-conflict-marker");
  REQUIRE(findings.size() == 4);
  CHECK(findings[0].location.start_line == 2);
  CHECK(findings[1].location.start_line == 4);
  CHECK(findings[2].location.start_line == 6);
  CHECK(findings[3].location.start_line == 8);
  CHECK(findings[0].severity == model::Severity::error);
}

TEST_CASE("a lone ======= is a heading underline, not a marker", "[lint][text]") {
  CHECK(scan_rule("Title\n=======\n", "merge-conflict-marker").empty());
  CHECK(scan_rule("a\n========\n<<<<<<<<<\n>>>>>>>x\n", "merge-conflict-marker").empty());
  CHECK(scan_rule("<<<<<<< ours\r\n=======\r\n", "merge-conflict-marker").size() == 2);
}

TEST_CASE("utf8-bom is reported at 1:1", "[lint][text]") {
  const auto findings = scan_rule("\xEF\xBB\xBFtext\n", "utf8-bom");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.start_line == 1);
  CHECK(findings[0].location.start_column == 1);
}

TEST_CASE("invalid-utf8 reports the first bad sequence and why", "[lint][text]") {
  struct Case {
    std::string text;
    int line;
    int column;
    std::string reason;
  };
  const std::vector<Case> cases = {
      {"ok\nb\xC0\xAF\n", 2, 2, "overlong"},
      {"\xE0\x80\xAF\n", 1, 1, "overlong"},
      {"\xF0\x80\x80\xAF", 1, 1, "overlong"},
      {"ok\nab\xC3", 2, 3, "truncated"},
      {"\xE2\x9C\n", 1, 1, "truncated"},
      {"\xED\xA0\x80", 1, 1, "surrogate"},
      {"\xF4\x90\x80\x80", 1, 1, "above U+10FFFF"},
      {"\xF5\x80\x80\x80", 1, 1, "above U+10FFFF"},
      {"x\x80", 1, 2, "continuation"},
      {"\xC3\xA9\xC3\xA9 plenty of ascii to take the fast path \xFF", 1, 42, "never appears"},
  };
  for (const Case& c : cases) {
    INFO(c.reason);
    const auto findings = scan_rule(c.text, "invalid-utf8");
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].location.start_line == c.line);
    CHECK(findings[0].location.start_column == c.column);
    CHECK(findings[0].message.find(c.reason) != std::string::npos);
  }
  CHECK_FALSE(
      find_invalid_utf8("\xF4\x8F\xBF\xBF \xEF\xBF\xBF \xED\x9F\xBF").has_value());  // the largest valid ones
}

TEST_CASE("executable-without-shebang looks at the first two bytes", "[lint][text]") {
  const LintSettings settings = resolve_settings(nullptr);
  FileFindings script("run.sh", all_checks(), settings.severities);
  check_shebang("#!/bin/sh\necho hi\n", script);
  CHECK(script.findings().empty());
  FileFindings plain("run.sh", all_checks(), settings.severities);
  check_shebang("echo hi\n", plain);
  REQUIRE(plain.findings().size() == 1);
  CHECK(plain.findings()[0].rule_id == "executable-without-shebang");
}

TEST_CASE("fixes produce exactly the expected bytes", "[lint][text][fix]") {
  const TextFixes trailing{false, true, false, false};
  CHECK(apply_text_fixes("a  \nb\t\nc", trailing) == "a\nb\nc");
  CHECK(apply_text_fixes("a \r\nb\r\n", trailing) == "a\r\nb\r\n");

  const TextFixes final_newline{false, false, false, true};
  CHECK(apply_text_fixes("a", final_newline) == "a\n");
  CHECK(apply_text_fixes("a\n\n\n", final_newline) == "a\n");
  CHECK(apply_text_fixes("a\r\n\r\n", final_newline) == "a\r\n");
  CHECK(apply_text_fixes("a\r\nb", final_newline) == "a\r\nb\r\n");
  CHECK(apply_text_fixes("\n\n", final_newline).empty());
  CHECK(apply_text_fixes("", final_newline).empty());
  CHECK(apply_text_fixes("a  ", final_newline) == "a  \n");

  const TextFixes endings{false, false, true, false};
  CHECK(apply_text_fixes("a\nb\r\nc\n", endings) == "a\nb\nc\n");
  CHECK(apply_text_fixes("a\r\nb\nc\r\n", endings) == "a\r\nb\r\nc\r\n");
  CHECK(apply_text_fixes("a\nb\r\n", endings) == "a\nb\n");

  const TextFixes bom{true, false, false, false};
  CHECK(apply_text_fixes("\xEF\xBB\xBF"
                         "a\n",
                         bom) == "a\n");
  CHECK(apply_text_fixes("\xEF\xBB\xBF"
                         "a \n",
                         trailing) ==
        "\xEF\xBB\xBF"
        "a\n");
}

TEST_CASE("all fixes together leave nothing for a second scan", "[lint][text][fix]") {
  const std::string messy =
      "\xEF\xBB\xBF"
      "a  \r\nb\nc\r\n  \n\n";
  const std::string fixed = apply_text_fixes(messy, all_fixes());
  CHECK(fixed == "a\nb\nc\n");
  CHECK(scan(fixed).empty());
  CHECK(apply_text_fixes(fixed, all_fixes()) == fixed);
}
