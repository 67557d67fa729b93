// What a build leaves behind for the CI to show: test results, coverage, and
// cache keys (`slipway build`, `slipway build --cache-key NAME`).
//
// - JUnit: the files matching `build.junit` are merged into one JUnit report
//   (GitLab artifacts:reports:junit, Jenkins `junit`), with a summary for the
//   GitHub job summary.
// - Coverage: the total of an lcov .info, Cobertura XML or JaCoCo XML file,
//   printed as "Coverage: 80.0%" and gated by `build.coverage.min`.
// - Cache keys: "<name>-<os>-<16 hex>" from the runner OS, tool versions and
//   the SHA-256 of the files `build.cache.<name>` lists.
// See docs/build-results.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "util/result.hpp"

namespace slipway::build::results {

// ---- JUnit --------------------------------------------------------------

struct FailingTest {
  std::string name;     // "classname.name", or "name" when the test case has no classname
  std::string message;  // first line of the failure/error message ("" when there is none)
  std::string file;     // the JUnit file it came from, relative to the root
  bool error = false;   // an <error> (the test could not run) rather than a <failure>
};

struct TestSummary {
  int passed = 0;
  int failed = 0;
  int skipped = 0;
  int errors = 0;
  std::vector<FailingTest> failing;  // failed and errored test cases, in file order
  std::vector<std::string> files;    // the merged JUnit files, relative to the root, sorted

  [[nodiscard]] int total() const { return passed + failed + skipped + errors; }
  [[nodiscard]] bool ok() const { return failed == 0 && errors == 0; }
};

// Merges the JUnit files below `root` matching `globs` into `out_path`
// (relative to `root` unless absolute), written atomically: one <testsuites>
// root holding every <testsuite> of every file unchanged, with the totals as
// attributes. The output file itself never counts as an input. Errors: no
// glob given, no file matched, a file that is not well-formed XML or not
// JUnit (file:line:column).
Result<TestSummary> merge_junit(const std::string& root, const std::vector<std::string>& globs,
                                const std::string& out_path);

// Markdown for the GitHub job summary: the counts, then the failing tests
// (at most 50 listed, the rest counted).
std::string junit_summary_markdown(const TestSummary& summary);

// ---- Coverage -----------------------------------------------------------

struct Coverage {
  std::uint64_t covered = 0;  // covered lines (numerator)
  std::uint64_t valid = 0;    // coverable lines (denominator), > 0
  std::string format;         // "lcov", "cobertura", "jacoco"
  std::string source;         // how the total was read, e.g. "LF/LH totals", "line-rate"

  // The percentage rounded DOWN to one decimal ("79.9" for 79.96 %), so the
  // printed number never looks like it passes a gate it failed.
  [[nodiscard]] std::string percent_text() const;
};

// Reads the total line coverage of an lcov tracefile (LF/LH, or the DA lines
// where present), a Cobertura XML file (lines-covered/lines-valid, else
// line-rate) or a JaCoCo XML file (the LINE counter of the report). The
// format is recognised by content. Errors carry file:line.
Result<Coverage> read_coverage(const std::string& path);

// A minimum coverage percentage, in tenths of a percent (80.5 % -> 805).
struct CoverageMinimum {
  int tenths = 0;
  [[nodiscard]] std::string text() const;  // "80.5"
};

// "80", "80.5", "80%" -> a minimum; at most one decimal, between 0 and 100.
Result<CoverageMinimum> parse_coverage_min(std::string_view text);

// True when the coverage reaches the minimum, compared exactly on the counts
// (covered * 1000 >= tenths * valid): 79.9 % fails against 80, 80.0 % passes.
bool gate(const Coverage& coverage, const CoverageMinimum& minimum);

// "Coverage: 80.0%" — the line for GitLab's job `coverage:` regex
// /Coverage: \d+\.\d+%/ (Slipway prints it once per run).
std::string coverage_line(const Coverage& coverage);

// Markdown for the GitHub job summary: the percentage, the counts and, with a
// minimum, whether the gate passed.
std::string coverage_summary_markdown(const Coverage& coverage,
                                      const std::optional<CoverageMinimum>& minimum);

// ---- Cache keys ---------------------------------------------------------

struct CacheKeySpec {
  std::string root = ".";          // where `files` are looked for
  std::vector<std::string> files;  // globs; each must match at least one file
  // Tools whose version goes into the key: "node" runs `node --version`; an
  // entry with spaces is run as written ("java -version"). First output line.
  std::vector<std::string> tools;
  std::string os_release_path = "/etc/os-release";  // tests point this elsewhere
  std::chrono::milliseconds tool_timeout{30000};
};

// "<name>-<os>-<16 hex>", e.g. "deps-linux-debian12-3f2a9c0d1e4b5a69": the OS
// part is uname's system name plus /etc/os-release ID and VERSION_ID; the hex
// is the start of a SHA-256 over the OS, the machine architecture, each tool's
// version line and each listed file's path and SHA-256. Deterministic for the
// same inputs. Errors: a bad name, a glob matching no file, a tool that is
// missing or fails.
Result<std::string> cache_key(const std::string& name, const CacheKeySpec& spec);

// ---- Configuration ------------------------------------------------------

// build.junit, build.coverage.file, build.coverage.min,
// build.cache.<name>.files and build.cache.<name>.tools.
model::ConfigSchema results_config_schema();

struct ResultsSettings {
  std::vector<std::string> junit;               // globs; empty = no JUnit merge
  std::string coverage_file;                    // "" = no coverage step
  std::optional<CoverageMinimum> coverage_min;  // nullopt = no gate
};

// The settings from a configuration that includes results_config_schema()
// (nullptr or a key outside its schema: the defaults). build.coverage.min is
// checked here (the schema holds it as a string), the error naming where the
// value came from.
Result<ResultsSettings> results_settings(const model::Config* config);

// The spec for `--cache-key NAME`, files relative to `root`. Errors: no
// build.cache.<name> section (with "did you mean"), or one without files and
// tools.
Result<CacheKeySpec> cache_key_spec(const model::Config* config, const std::string& name,
                                    const std::string& root);

}  // namespace slipway::build::results
