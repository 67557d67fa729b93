// Tests for core/report/sarif_reporter.cpp: the SARIF 2.1.0 structure read
// back with nlohmann-json, and, when SLIPWAY_SARIF_MULTITOOL names Microsoft's
// SARIF multitool, its `validate --rule-kind "Sarif;Gh"` verdict (SARIF rules
// plus GitHub's ingestion rules GH1001-GH1007) with zero errors and warnings.
#include <catch2/catch.hpp>
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "report_test_support.hpp"
#include "util/process_runner.hpp"

using namespace slipway;
using namespace slipway::report;

namespace {

const nlohmann::json* find_rule(const nlohmann::json& rules, const std::string& id) {
  for (const auto& rule : rules) {
    if (rule["id"] == id) return &rule;
  }
  return nullptr;
}

const nlohmann::json* find_result(const nlohmann::json& results, const std::string& rule_id) {
  for (const auto& result : results) {
    if (result["ruleId"] == rule_id) return &result;
  }
  return nullptr;
}

// The sample input with facts on two findings, as the scanners attach them.
model::ReportInput input_with_properties() {
  auto input = test::sample_input();
  for (auto& finding : input.findings) {
    if (finding.rule_id == "secret/aws-access-key") {
      finding.properties = {{"commit", "89abcdef0123456789abcdef0123456789abcdef"}, {"author", "Dev One"}};
    } else if (finding.rule_id == "SC2086") {
      finding.properties = {{"package", "lodash"}, {"version", "4.17.20"}, {"aliases", "CVE-1,GHSA-2"}};
    }
  }
  return input;
}

}  // namespace

TEST_CASE("sarif has the 2.1.0 envelope and one run", "[sarif]") {
  const auto sarif = nlohmann::json::parse(render_sarif(test::sample_input()));
  CHECK(sarif["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json");
  CHECK(sarif["version"] == "2.1.0");
  REQUIRE(sarif["runs"].size() == 1);
  const auto& run = sarif["runs"][0];
  const auto& driver = run["tool"]["driver"];
  CHECK(driver["name"] == "slipway");
  CHECK(driver["version"] == "0.1.0");
  CHECK(driver["semanticVersion"] == "0.1.0");
  CHECK(driver["informationUri"] == "https://github.com/slipway-ci/slipway");
  CHECK(run["automationDetails"]["id"] == "slipway/lint/");
  CHECK(run["invocations"][0]["executionSuccessful"] == true);
  CHECK(run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"] ==
        "history too shallow to find the merge base: linted all files");
  CHECK(run["columnKind"] == "utf16CodeUnits");
  CHECK(run["originalUriBaseIds"]["%SRCROOT%"]["uri"] == "file:///work/my%20repo/");
}

TEST_CASE("sarif rules describe every rule and every fired rule", "[sarif]") {
  const auto sarif = nlohmann::json::parse(render_sarif(test::sample_input()));
  const auto& run = sarif["runs"][0];
  const auto& rules = run["tool"]["driver"]["rules"];

  const auto* trailing = find_rule(rules, "trailing-whitespace");
  REQUIRE(trailing != nullptr);
  CHECK((*trailing)["name"] == "TrailingWhitespace");
  CHECK((*trailing)["shortDescription"]["text"] == "Trailing whitespace");
  CHECK((*trailing)["fullDescription"]["text"] == "Lines should not end in spaces or tabs.");
  CHECK((*trailing)["help"]["text"] == "Run `slipway lint --fix`.");
  CHECK((*trailing)["help"]["markdown"] == "Run `slipway lint --fix`.");
  CHECK((*trailing)["defaultConfiguration"]["level"] == "warning");
  CHECK_FALSE(trailing->contains("helpUri"));

  const auto* secret = find_rule(rules, "secret/aws-access-key");
  REQUIRE(secret != nullptr);
  CHECK((*secret)["name"] == "SecretAwsAccessKey");
  CHECK((*secret)["helpUri"] == "https://example.com/rules/aws");
  CHECK((*secret)["properties"]["security-severity"] == "9.5");
  const auto& tags = (*secret)["properties"]["tags"];
  CHECK(std::find(tags.begin(), tags.end(), "security") != tags.end());

  // Rules that ran without firing are described; the shellcheck rule that was
  // missing from the input gets an entry of its own.
  CHECK(find_rule(rules, "merge-conflict") != nullptr);
  const auto* shellcheck = find_rule(rules, "shellcheck/SC2086");
  REQUIRE(shellcheck != nullptr);
  CHECK((*shellcheck)["name"] == "ShellcheckSc2086");  // Pascal case: no run of capitals
  CHECK((*shellcheck)["defaultConfiguration"]["level"] == "error");
  CHECK(find_rule(rules, "case-conflict") != nullptr);

  // Every result points at its rule by id and index.
  for (const auto& result : run["results"]) {
    const std::size_t index = result["ruleIndex"];
    REQUIRE(index < rules.size());
    CHECK(rules[index]["id"] == result["ruleId"]);
  }
}

TEST_CASE("sarif results carry level, message, location and fingerprint", "[sarif]") {
  const auto sarif = nlohmann::json::parse(render_sarif(test::sample_input()));
  const auto& results = sarif["runs"][0]["results"];
  REQUIRE(results.size() == 5);

  const auto* trailing = find_result(results, "trailing-whitespace");
  REQUIRE(trailing != nullptr);
  CHECK((*trailing)["level"] == "warning");
  CHECK((*trailing)["message"]["text"] == "Trailing whitespace");
  const auto& location = (*trailing)["locations"][0]["physicalLocation"];
  CHECK(location["artifactLocation"]["uri"] == "src/a.sh");
  CHECK(location["artifactLocation"]["uriBaseId"] == "%SRCROOT%");
  CHECK(location["region"] ==
        nlohmann::json({{"startLine", 3}, {"startColumn", 10}, {"endLine", 3}, {"endColumn", 12}}));
  CHECK((*trailing)["partialFingerprints"]["primaryLocationLineHash"] == "fp-trailing");

  const auto* sc2086 = find_result(results, "shellcheck/SC2086");
  REQUIRE(sc2086 != nullptr);
  CHECK((*sc2086)["level"] == "error");
  CHECK((*sc2086)["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json({{"startLine", 5}, {"startColumn", 7}}));

  // No line: the region says line 1, which GitHub requires.
  const auto* newline = find_result(results, "final-newline");
  REQUIRE(newline != nullptr);
  CHECK((*newline)["level"] == "note");
  CHECK((*newline)["locations"][0]["physicalLocation"]["region"] == nlohmann::json({{"startLine", 1}}));

  // No path: the repository root, still relative to %SRCROOT%.
  const auto* repository_wide = find_result(results, "case-conflict");
  REQUIRE(repository_wide != nullptr);
  CHECK((*repository_wide)["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "./");

  const auto* secret = find_result(results, "secret/aws-access-key");
  REQUIRE(secret != nullptr);
  CHECK((*secret)["properties"]["security-severity"] == "9.5");
}

TEST_CASE("sarif results carry the finding's properties in their property bag", "[sarif]") {
  const auto sarif = nlohmann::json::parse(render_sarif(input_with_properties()));
  const auto& results = sarif["runs"][0]["results"];
  const auto* secret = find_result(results, "secret/aws-access-key");
  REQUIRE(secret != nullptr);
  CHECK((*secret)["properties"] == nlohmann::json({{"security-severity", "9.5"},
                                                   {"commit", "89abcdef0123456789abcdef0123456789abcdef"},
                                                   {"author", "Dev One"}}));
  const auto* sc2086 = find_result(results, "shellcheck/SC2086");
  REQUIRE(sc2086 != nullptr);
  CHECK((*sc2086)["properties"] ==
        nlohmann::json({{"package", "lodash"}, {"version", "4.17.20"}, {"aliases", "CVE-1,GHSA-2"}}));
  // No properties and no security severity: no property bag at all.
  const auto* trailing = find_result(results, "trailing-whitespace");
  REQUIRE(trailing != nullptr);
  CHECK_FALSE(trailing->contains("properties"));
}

TEST_CASE("sarif rule names are Pascal-case identifiers", "[sarif]") {
  auto input = test::sample_input();
  input.rules.clear();
  input.findings = {
      test::make_finding("eslint", "noUnusedVars", model::Severity::error, "a.js", 1, 1, "m", "1"),
      test::make_finding("slipway", "2fa-missing", model::Severity::error, "a.js", 2, 1, "m", "2")};
  const auto sarif = nlohmann::json::parse(render_sarif(input));
  const auto& rules = sarif["runs"][0]["tool"]["driver"]["rules"];
  REQUIRE(rules.size() == 2);
  CHECK(rules[0]["name"] == "EslintNoUnusedVars");
  CHECK(rules[1]["name"] == "Rule2faMissing");
}

TEST_CASE("sarif tool versions are numeric, semanticVersion only when semver", "[sarif]") {
  auto input = test::sample_input();
  input.tool_version = "v1.2.3-dev+abc";
  auto driver = nlohmann::json::parse(render_sarif(input))["runs"][0]["tool"]["driver"];
  CHECK(driver["version"] == "1.2.3-dev+abc");
  CHECK(driver["semanticVersion"] == "1.2.3-dev+abc");
  input.tool_version = "1.2";
  driver = nlohmann::json::parse(render_sarif(input))["runs"][0]["tool"]["driver"];
  CHECK(driver["version"] == "1.2");
  CHECK_FALSE(driver.contains("semanticVersion"));
  input.tool_version = "";
  driver = nlohmann::json::parse(render_sarif(input))["runs"][0]["tool"]["driver"];
  CHECK_FALSE(driver.contains("version"));
}

TEST_CASE("sarif percent-encodes paths", "[sarif]") {
  auto input = test::sample_input();
  input.findings = {
      test::make_finding("slipway", "r", model::Severity::error, "docs/my file#1.md", 1, 1, "m", "f")};
  const auto sarif = nlohmann::json::parse(render_sarif(input));
  CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] ==
        "docs/my%20file%231.md");
}

TEST_CASE("sarif drops inconsistent end positions", "[sarif]") {
  auto input = test::sample_input();
  auto finding = test::make_finding("slipway", "r", model::Severity::error, "a", 5, 9, "m", "f");
  finding.location.end_line = 4;    // before the start: dropped
  finding.location.end_column = 3;  // before the start column on the same line: dropped
  input.findings = {finding};
  const auto sarif = nlohmann::json::parse(render_sarif(input));
  CHECK(sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"] ==
        nlohmann::json({{"startLine", 5}, {"startColumn", 9}}));
}

TEST_CASE("sarif keeps at most 25000 results, the most severe, and says so", "[sarif]") {
  auto input = test::sample_input();
  input.findings.clear();
  for (int i = 0; i < 25010; ++i) {
    const auto severity = i < 20 ? model::Severity::error : model::Severity::note;
    input.findings.push_back(test::make_finding("slipway", "r", severity, "f" + std::to_string(i), 1, 1, "m",
                                                "fp" + std::to_string(i)));
  }
  const auto sarif = nlohmann::json::parse(render_sarif(input));
  const auto& run = sarif["runs"][0];
  CHECK(run["results"].size() == 25000);
  std::size_t errors = 0;
  for (const auto& result : run["results"]) errors += result["level"] == "error" ? 1 : 0;
  CHECK(errors == 20);
  const std::string warning = run["invocations"][0]["toolExecutionNotifications"][0]["message"]["text"];
  CHECK(warning.rfind("10 less severe results were left out", 0) == 0);
}

TEST_CASE("sarif passes the SARIF multitool with GitHub rules", "[sarif][multitool]") {
  const char* multitool = std::getenv("SLIPWAY_SARIF_MULTITOOL");
  if (multitool == nullptr || *multitool == '\0') {
    WARN("SLIPWAY_SARIF_MULTITOOL is not set: SARIF multitool validation skipped");
    return;
  }
  test::TempDir dir;
  const auto sarif_path = dir.path() / "lint.sarif";
  const auto log_path = dir.path() / "validation.sarif";
  REQUIRE(write_report_file(sarif_path, render_sarif(input_with_properties())).ok());

  util::ProcessSpec spec;
  spec.argv = {multitool,  "validate",        "--rule-kind",      "Sarif;Gh",
               "--output", log_path.string(), sarif_path.string()};
  spec.timeout = std::chrono::seconds(120);
  spec.env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
  const auto run = util::run_process(spec);
  REQUIRE(run.ok());
  INFO("multitool output:\n" << run->stdout_text << run->stderr_text);
  REQUIRE(std::filesystem::exists(log_path));

  const auto log = nlohmann::json::parse(test::read_text(log_path));
  std::string problems;
  for (const auto& log_run : log["runs"]) {
    for (const auto& result : log_run.value("results", nlohmann::json::array())) {
      const std::string level = result.value("level", "warning");
      if (level != "error" && level != "warning") continue;
      problems += level + " " + result.value("ruleId", "") + ": " + result["message"].dump() + "\n";
    }
    for (const auto& invocation : log_run.value("invocations", nlohmann::json::array())) {
      for (const auto& notification :
           invocation.value("toolExecutionNotifications", nlohmann::json::array())) {
        if (notification.value("level", "warning") == "error")
          problems += "tool error: " + notification.dump() + "\n";
      }
    }
  }
  INFO(problems);
  CHECK(problems.empty());
  CHECK(run->exit_code == 0);
}

TEST_CASE("sarif is valid against the OASIS SARIF 2.1.0 JSON schema", "[sarif][schema]") {
  const auto schema =
      std::filesystem::path(SLIPWAY_SOURCE_DIR) / ".." / "shared" / "schemas" / "sarif-schema-2.1.0.json";
  if (!std::filesystem::exists(schema)) {
    WARN("../shared/schemas/sarif-schema-2.1.0.json is absent: schema validation skipped");
    return;
  }
  if (!util::program_exists("python3")) {
    WARN("python3 is not installed: schema validation skipped");
    return;
  }
  test::TempDir dir;
  const auto sarif_path = dir.path() / "lint.sarif";
  REQUIRE(write_report_file(sarif_path, render_sarif(input_with_properties())).ok());

  // jsonschema is the reference validator for JSON Schema draft 4 in Python.
  const std::string script = R"(
import json, sys
try:
    import jsonschema
except ImportError:
    print("SKIP: python3 jsonschema is not installed")
    sys.exit(0)
schema = json.load(open(sys.argv[1]))
document = json.load(open(sys.argv[2]))
errors = list(jsonschema.Draft4Validator(schema).iter_errors(document))
for error in errors:
    print("/".join(str(p) for p in error.absolute_path), error.message)
sys.exit(1 if errors else 0)
)";
  util::ProcessSpec spec;
  spec.argv = {"python3", "-c", script, schema.string(), sarif_path.string()};
  spec.timeout = std::chrono::seconds(60);
  const auto run = util::run_process(spec);
  REQUIRE(run.ok());
  if (run->stdout_text.rfind("SKIP:", 0) == 0) {
    WARN(run->stdout_text);
    return;
  }
  INFO(run->stdout_text << run->stderr_text);
  CHECK(run->exit_code == 0);
}
