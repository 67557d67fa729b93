// Tests of case-conflict (stages/lint/path_checks.cpp): file and folder
// conflicts, the other path named in the message, and no findings without a
// conflict.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/lint/lint_schema.hpp"
#include "stages/lint/path_checks.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

std::vector<model::Finding> check(const CaseConflictIndex& index, const std::string& path) {
  static const LintSettings settings = resolve_settings(nullptr);
  CheckSet checks;
  checks.set(Check::case_conflict);
  FileFindings sink(path, checks, settings.severities);
  check_case_conflict(index, sink);
  return std::move(sink.findings());
}

}  // namespace

TEST_CASE("case-conflict names the other file", "[lint][path]") {
  const CaseConflictIndex index({"README.md", "readme.md", "src/main.c"}, {"README.md"});
  const auto upper = check(index, "README.md");
  REQUIRE(upper.size() == 1);
  CHECK(upper[0].rule_id == "case-conflict");
  CHECK(upper[0].severity == model::Severity::error);
  CHECK(upper[0].message == "path differs only in case from \"readme.md\"");
  const auto lower = check(index, "readme.md");
  REQUIRE(lower.size() == 1);
  CHECK(lower[0].message == "path differs only in case from \"README.md\"");
  CHECK(check(index, "src/main.c").empty());
}

TEST_CASE("case-conflict finds folders that differ in case", "[lint][path]") {
  const CaseConflictIndex index({"Docs/intro.md", "docs/usage.md", "docs/a/b.md"}, {});
  const auto conflict = index.find("docs/a/b.md");
  REQUIRE(conflict.has_value());
  CHECK(conflict->mine == "docs");
  CHECK(conflict->other == "Docs");
  const auto findings = check(index, "Docs/intro.md");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "folder \"Docs\" differs only in case from \"docs\"");
}

TEST_CASE("case-conflict between a file and a folder", "[lint][path]") {
  const CaseConflictIndex index({"build", "Build/x.txt"}, {});
  CHECK(check(index, "build").size() == 1);
  CHECK(check(index, "Build/x.txt").size() == 1);
}

TEST_CASE("no case-conflict without twins", "[lint][path]") {
  const CaseConflictIndex index({"a/b.txt", "a/c.txt", "b/b.txt"}, {"new.txt"});
  CHECK_FALSE(index.find("a/b.txt").has_value());
  CHECK_FALSE(index.find("new.txt").has_value());
  CHECK_FALSE(CaseConflictIndex().find("anything").has_value());
}
