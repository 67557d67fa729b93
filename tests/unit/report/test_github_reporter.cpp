// Tests for core/report/github_reporter.cpp: workflow command escaping, the
// 10-per-kind annotation cap with its exact overflow count, and the step
// summary and step outputs appended to the files GitHub names.
#include <catch2/catch.hpp>
#include <sstream>

#include "report/formats.hpp"
#include "report_test_support.hpp"

using namespace slipway;
using namespace slipway::report;
using test::count_occurrences;

namespace {

model::ReportInput many_findings(int errors, int warnings, int notes) {
  auto input = test::sample_input();
  input.findings.clear();
  auto add = [&input](int count, model::Severity severity, const std::string& prefix) {
    for (int i = 0; i < count; ++i) {
      input.findings.push_back(test::make_finding("slipway", "rule", severity,
                                                  prefix + std::to_string(i) + ".txt", i + 1, 1, "message",
                                                  prefix + std::to_string(i)));
    }
  };
  add(errors, model::Severity::error, "e");
  add(warnings, model::Severity::warning, "w");
  add(notes, model::Severity::note, "n");
  return input;
}

}  // namespace

TEST_CASE("workflow command escaping follows GitHub's runner", "[github]") {
  CHECK(escape_workflow_data("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext: a,b");
  CHECK(escape_workflow_property("100% done\r\nnext: a,b") == "100%25 done%0D%0Anext%3A a%2Cb");
}

TEST_CASE("github annotations carry file, position, title and message", "[github]") {
  const std::string text = render_github_annotations(test::sample_input());
  CHECK(text.find("::warning file=src/a.sh,line=3,col=10,endColumn=12,title=trailing-whitespace::Trailing "
                  "whitespace\n") != std::string::npos);
  CHECK(text.find(
            "::error file=src/a.sh,line=5,col=7,title=shellcheck/SC2086::Double quote <$x> & \"y\" 'z'\n") !=
        std::string::npos);
  CHECK(text.find("::notice file=docs/readme.md,title=final-newline::File does not end with a newline\n") !=
        std::string::npos);
  CHECK(text.find("::warning title=case-conflict::Files differ only in case:%0AA.txt, a.txt\n") !=
        std::string::npos);
  CHECK(count_occurrences(text, "\n") == 5);
  CHECK(text.find("more finding") == std::string::npos);
}

TEST_CASE("github prints at most 10 errors and 10 warnings and counts the rest exactly", "[github]") {
  const std::string text = render_github_annotations(many_findings(13, 12, 2), "see the SARIF report");
  CHECK(count_occurrences(text, "::error ") == 10);
  CHECK(count_occurrences(text, "::warning ") == 10);
  CHECK(count_occurrences(text, "::notice file=") == 2);
  CHECK(text.find(
            "::notice::5 more findings are not shown as annotations (GitHub shows at most 10 of each kind "
            "per step); see the SARIF report\n") != std::string::npos);
  CHECK(count_occurrences(text, "::notice::") == 1);
}

TEST_CASE("github keeps a notice slot for the overflow line", "[github]") {
  const std::string text = render_github_annotations(many_findings(0, 0, 12));
  CHECK(count_occurrences(text, "::notice file=") == 9);
  CHECK(text.find("::notice::3 more findings are not shown") != std::string::npos);
  CHECK(count_occurrences(text, "::notice") == 10);

  const std::string exact = render_github_annotations(many_findings(0, 0, 10));
  CHECK(count_occurrences(exact, "::notice file=") == 10);
  CHECK(exact.find("::notice::") == std::string::npos);
}

TEST_CASE("github appends the job summary and step outputs", "[github]") {
  test::TempDir dir;
  const auto summary = dir.path() / "summary.md";
  const auto outputs = dir.path() / "output.txt";
  {
    std::ofstream(summary) << "# Earlier step\n";
    std::ofstream(outputs) << "earlier=1\n";
  }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "reports").string();
  options.env = {{"GITHUB_STEP_SUMMARY", summary.string()}, {"GITHUB_OUTPUT", outputs.string()}};
  const auto sarif = (dir.path() / "reports" / "lint.sarif").string();

  const auto result = write_github_report(many_findings(13, 1, 0), options, sarif);
  REQUIRE(result.ok());
  CHECK(result->format == "github");

  const std::string summary_text = test::read_text(summary);
  CHECK(summary_text.rfind("# Earlier step\n\n### \xE2\x9C\x96 slipway lint: 14 problems", 0) == 0);
  CHECK(count_occurrences(summary_text, "| error | rule |") == 13);

  CHECK(test::read_text(outputs) == "earlier=1\nfindings=14\nerrors=13\nwarnings=1\nnotes=0\nsarif=" + sarif +
                                        "\nreport-dir=" + (dir.path() / "reports").string() + "\n");

  const std::string annotations = stream.str();
  CHECK(count_occurrences(annotations, "::error ") == 10);
  CHECK(annotations.find(
            "::notice::3 more findings are not shown as annotations (GitHub shows at most 10 of each "
            "kind per step); the job summary lists them and the SARIF report " +
            sarif + " has every finding\n") != std::string::npos);
}

TEST_CASE("github writes an empty sarif output when no SARIF report was written", "[github]") {
  test::TempDir dir;
  const auto outputs = dir.path() / "output.txt";
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (dir.path() / "reports").string();
  options.env = {{"GITHUB_OUTPUT", outputs.string()}};
  REQUIRE(write_github_report(test::sample_input(), options, "").ok());
  CHECK(test::read_text(outputs).find("\nsarif=\n") != std::string::npos);
}

TEST_CASE("github skips the summary when the step summary is nearly full", "[github]") {
  test::TempDir dir;
  const auto summary = dir.path() / "summary.md";
  const std::string existing((std::size_t{1} << 20) - 100, 'x');
  { std::ofstream(summary) << existing; }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.env = {{"GITHUB_STEP_SUMMARY", summary.string()}};
  REQUIRE(write_github_report(test::sample_input(), options, "").ok());
  CHECK(test::read_text(summary) == existing);
}

TEST_CASE("github keeps the step summary file under 1 MiB in total", "[github]") {
  test::TempDir dir;
  const auto summary = dir.path() / "summary.md";
  { std::ofstream(summary) << std::string(512 * 1024, 'x'); }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.env = {{"GITHUB_STEP_SUMMARY", summary.string()}};
  auto input = many_findings(0, 20000, 0);
  REQUIRE(write_github_report(input, options, "").ok());
  const auto size = std::filesystem::file_size(summary);
  CHECK(size < (std::size_t{1} << 20));
  CHECK(size > 512 * 1024 + 100 * 1024);
}

TEST_CASE("github without its variables only prints annotations", "[github]") {
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  REQUIRE(write_github_report(test::sample_input(), options, "").ok());
  CHECK(count_occurrences(stream.str(), "\n") == 5);
}
