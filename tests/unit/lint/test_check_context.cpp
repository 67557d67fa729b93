// Tests of positions and the findings sink (stages/lint/check_context.cpp).
#include <catch2/catch.hpp>
#include <string>

#include "stages/lint/check_context.hpp"
#include "stages/lint/lint_schema.hpp"

using namespace slipway;
using namespace slipway::lint;

TEST_CASE("locate turns byte offsets into 1-based lines and character columns", "[lint][context]") {
  const std::string text = "ab\n\xC3\xA9x\r\nlast";
  CHECK(locate(text, 0).line == 1);
  CHECK(locate(text, 0).column == 1);
  CHECK(locate(text, 1).column == 2);
  CHECK(locate(text, 3).line == 2);
  CHECK(locate(text, 5).column == 2);  // after the two-byte é
  CHECK(locate(text, 8).line == 3);
  CHECK(locate(text, 8).column == 1);
  CHECK(locate(text, 999).line == 3);
  CHECK(locate("\xEF\xBB\xBFxy", 4).column == 2);  // the byte-order mark is not a column
}

TEST_CASE("FileFindings drops findings of checks that are off", "[lint][context]") {
  const LintSettings settings = resolve_settings(nullptr);
  CheckSet checks;
  checks.set(Check::utf8_bom);
  FileFindings sink("a/b.txt", checks, settings.severities);
  sink.add(Check::trailing_whitespace, 1, 1, "ignored");
  sink.add(Check::utf8_bom, 1, 1, "kept", "remove it");
  sink.add_io_error(k_read_error_rule, "cannot read: boom");
  REQUIRE(sink.findings().size() == 2);
  const auto& kept = sink.findings()[0];
  CHECK(kept.tool == "slipway");
  CHECK(kept.rule_id == "utf8-bom");
  CHECK(kept.location.path == "a/b.txt");
  CHECK(kept.fix == std::optional<std::string>("remove it"));
  CHECK(sink.fired().has(Check::utf8_bom));
  CHECK_FALSE(sink.fired().has(Check::trailing_whitespace));
  CHECK(sink.findings()[1].rule_id == "read-error");
  CHECK(sink.findings()[1].severity == model::Severity::error);
}
