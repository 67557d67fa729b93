// Coverage totals from lcov, Cobertura and JaCoCo files, and the gate: 79.9 %
// fails against a minimum of 80 and 80.0 % passes, in every format, compared
// on the exact counts.
#include <catch2/catch.hpp>
#include <string>

#include "../../util/temp_folder.hpp"
#include "stages/build/results/build_results.hpp"

namespace slipway::build::results {

namespace {

// An lcov record for one file with `lines` DA lines, the first `hit` of them run.
std::string lcov_record(const std::string& file, int lines, int hit, bool with_totals) {
  std::string out = "TN:\nSF:" + file + "\nFN:1,main\nFNDA:1,main\n";
  for (int line = 1; line <= lines; ++line) {
    out += "DA:" + std::to_string(line) + "," + (line <= hit ? "3" : "0") + "\n";
  }
  if (with_totals) out += "LF:" + std::to_string(lines) + "\nLH:" + std::to_string(hit) + "\n";
  return out + "BRF:0\nBRH:0\nend_of_record\n";
}

std::string cobertura_counts(int covered, int valid) {
  return "<?xml version=\"1.0\" ?>\n"
         "<!DOCTYPE coverage SYSTEM \"http://cobertura.sourceforge.net/xml/coverage-04.dtd\">\n"
         "<coverage line-rate=\"0.5\" lines-covered=\"" +
         std::to_string(covered) + "\" lines-valid=\"" + std::to_string(valid) +
         "\" version=\"7.4\" timestamp=\"1\">\n  <packages/>\n</coverage>\n";
}

Coverage read_ok(const std::filesystem::path& path) {
  Result<Coverage> coverage = read_coverage(path.string());
  if (!coverage) FAIL(coverage.error().to_string());
  return *coverage;
}

const CoverageMinimum k_eighty{800};

}  // namespace

TEST_CASE("coverage: lcov 79.9 % fails against 80 and 80.0 % passes", "[results][coverage]") {
  test::TempFolder folder;
  SECTION("DA lines") {
    const Coverage low = read_ok(folder.write("low.info", lcov_record("src/a.c", 1000, 799, false)));
    CHECK(low.format == "lcov");
    CHECK(low.source == "DA lines");
    CHECK(low.covered == 799);
    CHECK(low.valid == 1000);
    CHECK(low.percent_text() == "79.9");
    CHECK_FALSE(gate(low, k_eighty));
    CHECK(coverage_line(low) == "Coverage: 79.9%");

    const Coverage ok = read_ok(folder.write("ok.info", lcov_record("src/a.c", 1000, 800, false)));
    CHECK(ok.percent_text() == "80.0");
    CHECK(gate(ok, k_eighty));
    CHECK(coverage_line(ok) == "Coverage: 80.0%");
  }
  SECTION("LF/LH totals only") {
    const std::string low = "SF:a.c\nLF:1000\nLH:799\nend_of_record\n";
    const Coverage low_coverage = read_ok(folder.write("low.info", low));
    CHECK(low_coverage.source == "LF/LH totals");
    CHECK_FALSE(gate(low_coverage, k_eighty));
    const Coverage ok = read_ok(folder.write("ok.info", "SF:a.c\nLF:1000\nLH:800\nend_of_record\n"));
    CHECK(gate(ok, k_eighty));
  }
  SECTION("just below: 79.96 % prints 79.9 and fails") {
    // 7996 of 10000: rounding to one decimal would print 80.0 for a failed gate.
    const Coverage almost =
        read_ok(folder.write("almost.info", "SF:a.c\nLF:10000\nLH:7996\nend_of_record\n"));
    CHECK(almost.percent_text() == "79.9");
    CHECK_FALSE(gate(almost, k_eighty));
  }
}

TEST_CASE("coverage: lcov records are combined per file", "[results][coverage]") {
  test::TempFolder folder;
  // Two test runs (TN:) over the same file: a line is covered when either ran it.
  const std::string text =
      "TN:unit\nSF:src/a.c\nDA:1,1\nDA:2,0\nDA:3,0\nDA:4,0\nLF:4\nLH:1\nend_of_record\n"
      "TN:integration\nSF:src/a.c\nDA:1,0\nDA:2,5\nDA:3,0\nDA:4,-1\nLF:4\nLH:1\nend_of_record\n"
      "TN:unit\nSF:src/b.c\nDA:1,1,abcdef\nend_of_record\n";
  const Coverage coverage = read_ok(folder.write("merged.info", text));
  CHECK(coverage.valid == 5);
  CHECK(coverage.covered == 3);
  CHECK(coverage.percent_text() == "60.0");

  // Several files add up: 400/500 + 400/500 = 80 %.
  const Coverage two = read_ok(
      folder.write("two.info", lcov_record("a.c", 500, 400, true) + lcov_record("b.c", 500, 400, true)));
  CHECK(two.covered == 800);
  CHECK(two.valid == 1000);
  CHECK(gate(two, k_eighty));
}

TEST_CASE("coverage: Cobertura 79.9 % fails against 80 and 80.0 % passes", "[results][coverage]") {
  test::TempFolder folder;
  SECTION("lines-covered / lines-valid") {
    const Coverage low = read_ok(folder.write("low.xml", cobertura_counts(799, 1000)));
    CHECK(low.format == "cobertura");
    CHECK(low.source == "lines-covered/lines-valid");  // exact counts win over the rounded line-rate
    CHECK(low.percent_text() == "79.9");
    CHECK_FALSE(gate(low, k_eighty));
    const Coverage ok = read_ok(folder.write("ok.xml", cobertura_counts(800, 1000)));
    CHECK(ok.percent_text() == "80.0");
    CHECK(gate(ok, k_eighty));
  }
  SECTION("line-rate only") {
    const Coverage low =
        read_ok(folder.write("low.xml", "<coverage line-rate=\"0.799\" branch-rate=\"0\"/>"));
    CHECK(low.source == "line-rate");
    CHECK(low.percent_text() == "79.9");
    CHECK_FALSE(gate(low, k_eighty));
    const Coverage ok = read_ok(folder.write("ok.xml", "<coverage line-rate=\"0.8\"/>"));
    CHECK(ok.percent_text() == "80.0");
    CHECK(gate(ok, k_eighty));
    // 0.79999999999999999 is below 0.8 however many digits are kept.
    const Coverage close =
        read_ok(folder.write("close.xml", "<coverage line-rate=\"0.79999999999999999\"/>"));
    CHECK_FALSE(gate(close, k_eighty));
    CHECK(read_ok(folder.write("full.xml", "<coverage line-rate=\"1\"/>")).percent_text() == "100.0");
  }
}

TEST_CASE("coverage: JaCoCo's LINE counter", "[results][coverage]") {
  test::TempFolder folder;
  const std::string report =
      "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
      "<!DOCTYPE report PUBLIC \"-//JACOCO//DTD Report 1.1//EN\" \"report.dtd\">"
      "<report name=\"app\"><package name=\"p\"><counter type=\"LINE\" missed=\"1\" covered=\"1\"/></package>"
      "<counter type=\"INSTRUCTION\" missed=\"0\" covered=\"10\"/>"
      "<counter type=\"LINE\" missed=\"201\" covered=\"799\"/></report>";
  const Coverage coverage = read_ok(folder.write("jacoco.xml", report));
  CHECK(coverage.format == "jacoco");
  CHECK(coverage.covered == 799);
  CHECK(coverage.valid == 1000);
  CHECK_FALSE(gate(coverage, k_eighty));
}

TEST_CASE("coverage: bad reports are Errors with file and line", "[results][coverage]") {
  test::TempFolder folder;
  struct Bad {
    const char* name;
    const char* text;
    int line;
    const char* message_part;
  };
  const Bad cases[] = {
      {"da.info", "SF:a.c\nDA:1,1\nDA:two,1\nend_of_record\n", 3, "malformed DA line"},
      {"count.info", "SF:a.c\nDA:1,1.5\nend_of_record\n", 2, "malformed execution count"},
      {"lf.info", "SF:a.c\nLF:x\nend_of_record\n", 2, "malformed LF line"},
      {"orphan.info", "TN:\nDA:1,1\n", 2, "outside a record"},
      {"junk.info", "this is not lcov\n", 1, "not an lcov line"},
      {"empty.info", "TN:\n", 0, "no coverage records"},
      {"nolines.info", "SF:a.c\nend_of_record\n", 0, "no coverable lines"},
      {"lhlf.info", "SF:a.c\nLF:1\nLH:2\nend_of_record\n", 0, "LH (2) is larger than LF (1)"},
      {"rate.xml", "<coverage\n line-rate=\"1.5\"/>", 1, "line-rate=\"1.5\" is not a number between 0 and 1"},
      {"norate.xml", "<coverage/>", 1, "neither lines-covered/lines-valid nor line-rate"},
      {"counts.xml", "<coverage lines-covered=\"9\" lines-valid=\"8\"/>", 1, "are not line counts"},
      {"other.xml", "<testsuite/>", 1, "not a coverage report"},
      {"broken.xml", "<coverage>\n<packages>\n</coverage>", 3, "malformed XML"},
      {"jacoco.xml", "<report><counter type=\"BRANCH\" missed=\"1\" covered=\"1\"/></report>", 1,
       "no LINE counter"},
  };
  for (const Bad& bad : cases) {
    const std::string path = folder.write(bad.name, bad.text).string();
    Result<Coverage> coverage = read_coverage(path);
    INFO(bad.name);
    REQUIRE_FALSE(coverage.ok());
    INFO(coverage.error().to_string());
    CHECK(coverage.error().file == path);
    CHECK(coverage.error().line == bad.line);
    CHECK(coverage.error().message.find(bad.message_part) != std::string::npos);
  }
  CHECK_FALSE(read_coverage((folder / "missing.info").string()).ok());
}

TEST_CASE("coverage: minimums are parsed exactly", "[results][coverage]") {
  CHECK(parse_coverage_min("80")->tenths == 800);
  CHECK(parse_coverage_min(" 80.5 ")->tenths == 805);
  CHECK(parse_coverage_min("80%")->tenths == 800);
  CHECK(parse_coverage_min("0")->tenths == 0);
  CHECK(parse_coverage_min("100.0")->tenths == 1000);
  CHECK(parse_coverage_min("80.5")->text() == "80.5");
  for (const char* bad : {"", "80.25", "100.1", "101", "-1", "eighty", "80.", ".5", "1e2", "0x50", "8 0"}) {
    INFO(bad);
    Result<CoverageMinimum> minimum = parse_coverage_min(bad);
    REQUIRE_FALSE(minimum.ok());
    CHECK(minimum.error().message.find("expected a percentage between 0 and 100") != std::string::npos);
  }
}

TEST_CASE("coverage: the gate compares exact counts", "[results][coverage]") {
  // 2/3 = 66.666...%: passes 66.6, fails 66.7.
  const Coverage third{2, 3, "lcov", "DA lines"};
  CHECK(third.percent_text() == "66.6");
  CHECK(gate(third, CoverageMinimum{666}));
  CHECK_FALSE(gate(third, CoverageMinimum{667}));
  CHECK(gate(Coverage{0, 5, "lcov", ""}, CoverageMinimum{0}));
  CHECK(gate(Coverage{5, 5, "lcov", ""}, CoverageMinimum{1000}));
  CHECK_FALSE(gate(Coverage{4, 5, "lcov", ""}, CoverageMinimum{1000}));
}

TEST_CASE("coverage: the GitHub summary says whether the gate passed", "[results][coverage]") {
  const Coverage low{799, 1000, "lcov", "DA lines"};
  const std::string failed = coverage_summary_markdown(low, CoverageMinimum{800});
  CHECK(failed.find("**79.9 %** of lines (799 of 1000, lcov)") != std::string::npos);
  CHECK(failed.find("**below the minimum of 80.0 %.**") != std::string::npos);
  const std::string passed =
      coverage_summary_markdown(Coverage{800, 1000, "lcov", "DA lines"}, CoverageMinimum{800});
  CHECK(passed.find("meets the minimum of 80.0 %") != std::string::npos);
  const std::string rate = coverage_summary_markdown(Coverage{8, 10, "cobertura", "line-rate"}, std::nullopt);
  CHECK(rate.find("**80.0 %** of lines (cobertura line-rate).") != std::string::npos);
}

}  // namespace slipway::build::results
