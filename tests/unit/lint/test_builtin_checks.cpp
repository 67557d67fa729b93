// Tests of the driver (stages/lint/builtin_checks.cpp) on real files in a
// temporary folder: the checks fire through run_builtin_checks, binary, large,
// excluded, symlinked and missing files are skipped with notes, --fix rewrites
// files to the exact expected bytes and keeps their mode, configuration turns
// checks off, and the result does not depend on the number of jobs.
#include <catch2/catch.hpp>
#include <filesystem>
#include <mutex>
#include <string>
#include <vector>

#include "lint_test_support.hpp"
#include "stages/lint/builtin_checks.hpp"
#include "stages/lint/content_checks.hpp"

using namespace slipway;
using namespace slipway::lint;
using slipway::lint::test::TempRepo;
using slipway::lint::test::with_rule;

namespace {

bool has_note(const LintOutcome& outcome, const std::string& text) {
  for (const auto& note : outcome.notes) {
    if (note.find(text) != std::string::npos) return true;
  }
  return false;
}

std::string binary_content() {
  return std::string(
      "\x7F"
      "ELF\0\0\x01 trailing   \n",
      19);
}

}  // namespace

TEST_CASE("the driver reports planted problems and nothing on clean files", "[lint][driver]") {
  TempRepo repo;
  repo.write("clean.txt", "all good\n");
  repo.write("src/ws.c", "int a;\nint b;   \n");
  repo.write("conflict.txt", "a\n<<<<<<< HEAD\nb\n=======\nc\n>>>>>>> other\n");
  repo.write("config.yml", "a: 1\n---\nb: [1\n");
  repo.write("data.json", "{\"a\": 1,\n \"a\": 2}\n");
  const LintOutcome outcome = repo.run();

  CHECK(with_rule(outcome.findings, "trailing-whitespace").size() == 1);
  CHECK(with_rule(outcome.findings, "merge-conflict-marker").size() == 3);
  REQUIRE(with_rule(outcome.findings, "json-syntax").size() == 1);
  CHECK(with_rule(outcome.findings, "json-syntax")[0].location.start_line == 2);
  CHECK(with_rule(outcome.findings, "yaml-syntax").size() == 1);
  for (const auto& finding : outcome.findings) {
    CHECK(finding.location.path != "clean.txt");
    CHECK(finding.tool == "slipway");
  }
  CHECK(outcome.checked.size() == 5);
  CHECK(outcome.fixed_files.empty());
  CHECK(std::is_sorted(outcome.findings.begin(), outcome.findings.end(),
                       [](const auto& a, const auto& b) { return a.location.path < b.location.path; }));
}

TEST_CASE("binary files skip the content checks", "[lint][driver]") {
  TempRepo repo;
  repo.write("tool", binary_content(), 0755);
  repo.write("text.txt", "fine\n");
  const LintOutcome outcome = repo.run();
  CHECK(outcome.findings.empty());
  REQUIRE(outcome.checked.size() == 1);
  CHECK(outcome.checked[0].path == "text.txt");
  CHECK(has_note(outcome, "skipped 1 binary file"));
}

TEST_CASE("large-file uses max-kb, skips the content checks and exempts LFS", "[lint][driver]") {
  TempRepo repo;
  repo.write("big.txt", std::string(3000, 'x') + "   \n");
  repo.write("small.txt", "small\n");
  repo.write("pointer.bin", std::string(k_lfs_pointer_prefix) + "\n" + std::string(2000, 'a') + "\n");
  repo.write("media/video.mp4", std::string(4000, '\0'));
  repo.write(".gitattributes", "*.mp4 filter=lfs diff=lfs merge=lfs -text\n");
  const model::Config config = test::make_config("lint:\n  checks:\n    large-file:\n      max-kb: 1\n");
  const LintOutcome outcome = repo.run(false, &config);

  const auto large = with_rule(outcome.findings, "large-file");
  REQUIRE(large.size() == 1);
  CHECK(large[0].location.path == "big.txt");
  CHECK(large[0].severity == model::Severity::warning);
  CHECK(with_rule(outcome.findings, "trailing-whitespace").empty());  // not read fully
  CHECK(has_note(outcome, "over 1 KiB not read fully"));
}

TEST_CASE("executable-without-shebang uses the file mode", "[lint][driver]") {
  TempRepo repo;
  repo.write("script.sh", "#!/bin/sh\necho ok\n", 0755);
  repo.write("noshebang.sh", "echo missing\n", 0755);
  repo.write("group.sh", "echo group\n", 0610);
  repo.write("plain.sh", "echo not executable\n", 0644);
  const auto findings = with_rule(repo.run().findings, "executable-without-shebang");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].location.path == "group.sh");
  CHECK(findings[1].location.path == "noshebang.sh");
  CHECK(findings[1].location.start_line == 1);
}

TEST_CASE("case-conflict is reported on each path involved", "[lint][driver]") {
  TempRepo repo;
  repo.write("Makefile", "all:\n");
  repo.write("makefile", "all:\n");
  const auto findings = with_rule(repo.run().findings, "case-conflict");
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].location.path == "Makefile");
  CHECK(findings[0].message.find("\"makefile\"") != std::string::npos);
  CHECK(findings[1].message.find("\"Makefile\"") != std::string::npos);
}

TEST_CASE("fixing rewrites to the exact bytes, keeps the mode, and leaves the rest", "[lint][driver][fix]") {
  TempRepo repo;
  repo.write("run.sh", "#!/bin/sh  \r\necho a\r\necho b\n<<<<<<< HEAD\r\n\r\n\r\n", 0755);
  repo.write("bom.txt",
             "\xEF\xBB\xBF"
             "text");
  repo.write("clean.txt", "clean\n");
  const LintOutcome fixed = repo.run(true);

  CHECK(fixed.fixed_files == std::vector<std::string>{"bom.txt", "run.sh"});
  CHECK(repo.read("run.sh") == "#!/bin/sh\r\necho a\r\necho b\r\n<<<<<<< HEAD\r\n");
  CHECK(repo.mode("run.sh") == 0755);
  CHECK(repo.read("bom.txt") == "text\n");
  CHECK(repo.mode("bom.txt") == 0644);
  REQUIRE(fixed.findings.size() == 1);  // fixed problems are not reported
  CHECK(fixed.findings[0].rule_id == "merge-conflict-marker");
  CHECK(fixed.findings[0].location.start_line == 4);

  const LintOutcome again = repo.run(true);
  CHECK(again.fixed_files.empty());
  REQUIRE(again.findings.size() == 1);
  CHECK(again.findings[0].rule_id == "merge-conflict-marker");
}

TEST_CASE("after fixing, a second run finds nothing", "[lint][driver][fix]") {
  TempRepo repo;
  repo.write("tool.sh", "\xEF\xBB\xBF#!/bin/sh\necho a \r\necho b\n\n\n", 0755);
  repo.write("notes.md", "one\t\r\ntwo\r\nthree");
  const LintOutcome first = repo.run(true);
  CHECK(first.fixed_files == std::vector<std::string>{"notes.md", "tool.sh"});
  CHECK(first.findings.empty());
  CHECK(repo.read("tool.sh") == "#!/bin/sh\necho a\necho b\n");
  CHECK(repo.mode("tool.sh") == 0755);
  CHECK(repo.read("notes.md") == "one\r\ntwo\r\nthree\r\n");
  const LintOutcome second = repo.run(false);
  CHECK(second.findings.empty());
  CHECK(repo.run(true).fixed_files.empty());
}

TEST_CASE("fixing leaves disabled checks alone", "[lint][driver][fix]") {
  TempRepo repo;
  repo.write("a.txt", "x  \ny");
  const model::Config config =
      test::make_config("lint:\n  checks:\n    trailing-whitespace:\n      enabled: false\n");
  const LintOutcome outcome = repo.run(true, &config);
  CHECK(repo.read("a.txt") == "x  \ny\n");
  CHECK(outcome.findings.empty());
}

TEST_CASE("without fixing nothing is written and fixes are described", "[lint][driver]") {
  TempRepo repo;
  repo.write("a.txt", "x  \n");
  const LintOutcome outcome = repo.run(false);
  CHECK(repo.read("a.txt") == "x  \n");
  REQUIRE(outcome.findings.size() == 1);
  CHECK(outcome.findings[0].fix.has_value());
}

TEST_CASE("configuration disables checks, excludes files and sets severities", "[lint][driver][config]") {
  TempRepo repo;
  repo.write("vendor/lib.c", "bad   \n");
  repo.write("src/a.c", "bad   \n<<<<<<< x\n");
  repo.write("src/gen.json", "{\"a\": 1, \"a\": 2}\n");
  repo.write("src/b.json", "{\"a\": 1, \"a\": 2}\n");
  const model::Config config = test::make_config(
      "lint:\n"
      "  exclude: [\"vendor/\"]\n"
      "  checks:\n"
      "    trailing-whitespace:\n"
      "      enabled: false\n"
      "    merge-conflict-marker:\n"
      "      severity: warning\n"
      "    json-syntax:\n"
      "      exclude: [\"gen.json\"]\n");
  const LintOutcome outcome = repo.run(false, &config);
  CHECK(with_rule(outcome.findings, "trailing-whitespace").empty());
  const auto markers = with_rule(outcome.findings, "merge-conflict-marker");
  REQUIRE(markers.size() == 1);
  CHECK(markers[0].severity == model::Severity::warning);
  const auto json = with_rule(outcome.findings, "json-syntax");
  REQUIRE(json.size() == 1);
  CHECK(json[0].location.path == "src/b.json");
  for (const auto& finding : outcome.findings) CHECK(finding.location.path.rfind("vendor/", 0) != 0);
  CHECK(has_note(outcome, "1 file excluded by lint.exclude"));
}

TEST_CASE("symlinks, missing files and folders are skipped with notes", "[lint][driver]") {
  TempRepo repo;
  repo.write("target.txt", "trailing   \n");
  std::filesystem::create_symlink("target.txt", repo.path("link.txt"));
  std::filesystem::create_directories(repo.path("submodule"));
  auto options = repo.options({"link.txt", "gone.txt", "submodule", "target.txt"});
  const auto outcome = run_builtin_checks(options);
  REQUIRE(outcome.ok());
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].location.path == "target.txt");
  CHECK(has_note(*outcome, "1 symbolic link"));
  CHECK(has_note(*outcome, "no longer exist"));
  CHECK(has_note(*outcome, "not a regular file"));
}

TEST_CASE("a file that cannot be read is a read-error finding", "[lint][driver]") {
  TempRepo repo;
  const std::string too_long(300, 'n');  // longer than any file name may be
  const auto outcome = run_builtin_checks(repo.options({too_long}));
  REQUIRE(outcome.ok());
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].rule_id == "read-error");
  CHECK(outcome->findings[0].severity == model::Severity::error);
  CHECK(outcome->findings[0].message.rfind("cannot read: ", 0) == 0);
}

TEST_CASE("a root that is not a folder is an error", "[lint][driver]") {
  LintOptions options;
  options.root = "/nonexistent/slipway/root";
  options.files = {"a.txt"};
  CHECK_FALSE(run_builtin_checks(options).ok());
}

TEST_CASE("two jobs give the same result as one, with progress", "[lint][driver][jobs]") {
  TempRepo repo;
  for (int i = 0; i < 120; ++i) {
    const std::string name = "dir" + std::to_string(i % 7) + "/file" + std::to_string(i) + ".txt";
    std::string content = "line one\n";
    if (i % 3 == 0) content += "trailing \n";
    if (i % 5 == 0) content += "<<<<<<< HEAD\n";
    if (i % 4 == 0) content += "no newline";
    repo.write(name, content);
  }
  const LintOutcome one = repo.run(false, nullptr, 1);

  LintOptions options = repo.options(repo.files());
  options.jobs = 2;
  std::mutex mutex;
  std::vector<std::size_t> progress;
  options.on_progress = [&](std::size_t done, std::size_t total) {
    const std::lock_guard lock(mutex);
    CHECK(total == 120);
    progress.push_back(done);
  };
  const auto two = run_builtin_checks(options);
  REQUIRE(two.ok());

  REQUIRE(one.findings.size() == two->findings.size());
  for (std::size_t i = 0; i < one.findings.size(); ++i) {
    CHECK(one.findings[i].location.path == two->findings[i].location.path);
    CHECK(one.findings[i].location.start_line == two->findings[i].location.start_line);
    CHECK(one.findings[i].rule_id == two->findings[i].rule_id);
    CHECK(one.findings[i].message == two->findings[i].message);
  }
  REQUIRE(one.checked.size() == two->checked.size());
  for (std::size_t i = 0; i < one.checked.size(); ++i) CHECK(one.checked[i].path == two->checked[i].path);
  REQUIRE_FALSE(progress.empty());
  CHECK(progress.back() == 120);
  CHECK(std::is_sorted(progress.begin(), progress.end()));
}
