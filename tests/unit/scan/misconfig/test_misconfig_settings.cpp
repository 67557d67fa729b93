// Tests of the scan.misconfig.* configuration (stages/scan/misconfig/misconfig_settings.cpp)
// as the scan applies it.
#include <catch2/catch.hpp>

#include "../../util/temp_folder.hpp"
#include "misconfig_test_support.hpp"
#include "model/config.hpp"
#include "stages/scan/misconfig/misconfig_rules.hpp"
#include "util/strings.hpp"

using namespace slipway;

namespace {

model::Config config_from(const std::string& yaml) {
  model::Config config(scan::misconfig_config_schema());
  const Result<void> applied = config.apply_yaml_text(yaml, ".slipway.yml");
  if (!applied.ok()) FAIL(applied.error().to_string());
  return config;
}

Result<scan::ScanOutcome> scan_with(const test::TempFolder& folder, const model::Config* config) {
  scan::ScanOptions options;
  options.root = folder.path().string();
  options.files = test::files_below(folder.path());
  options.config = config;
  return scan::scan_misconfiguration(options);
}

}  // namespace

TEST_CASE("the schema is sound and has its defaults", "[scan][misconfig][settings]") {
  const model::ConfigSchema schema = scan::misconfig_config_schema();
  CHECK(model::schema_problems(schema).empty());
  for (const auto& key : schema) CHECK(util::starts_with(key.path, "scan.misconfig."));
  model::Config defaults(schema);
  CHECK(defaults.get_list("scan.misconfig.disable").empty());
  CHECK(defaults.get_list("scan.misconfig.exclude").empty());
  CHECK(defaults.get_int("scan.misconfig.max-file-kb") == 1024);
  CHECK(defaults.get_list("scan.misconfig.trusted-action-owners") ==
        std::vector<std::string>{"actions", "github"});
}

TEST_CASE("disable removes rules by id or glob from findings and rule metadata",
          "[scan][misconfig][settings]") {
  test::TempFolder folder;
  folder.write("Dockerfile", "FROM alpine\nRUN sudo true\n");
  folder.write("pod.yaml",
               "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      image: c\n");
  const model::Config config =
      config_from("scan:\n  misconfig:\n    disable: [config/dockerfile/sudo, \"config/kubernetes/*\"]\n");
  const Result<scan::ScanOutcome> outcome = scan_with(folder, &config);
  REQUIRE(outcome.ok());
  CHECK(test::count_rule(outcome->findings, "config/dockerfile/sudo") == 0);
  CHECK(test::count_rule(outcome->findings, "config/dockerfile/unpinned-base-image") == 1);
  for (const auto& finding : outcome->findings)
    CHECK_FALSE(util::starts_with(finding.rule_id, "config/kubernetes/"));
  for (const auto& rule : outcome->rules) {
    CHECK(rule.id != "config/dockerfile/sudo");
    CHECK_FALSE(util::starts_with(rule.id, "config/kubernetes/"));
  }
  const auto& specs = scan::misconfig::rule_specs();
  const auto kubernetes_rules = std::count_if(specs.begin(), specs.end(), [](const auto& spec) {
    return spec.area == scan::misconfig::Area::kubernetes;
  });
  CHECK(outcome->rules.size() ==
        scan::misconfig_rules().size() - 1 - static_cast<std::size_t>(kubernetes_rules));
}

TEST_CASE("an unknown rule in disable is an error naming it, where, and the closest id",
          "[scan][misconfig][settings]") {
  test::TempFolder folder;
  const model::Config typo = config_from("scan:\n  misconfig:\n    disable: [config/dockerfile/sudoo]\n");
  const Result<scan::ScanOutcome> outcome = scan_with(folder, &typo);
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().message.find("config/dockerfile/sudoo") != std::string::npos);
  CHECK(outcome.error().message.find(".slipway.yml") != std::string::npos);
  CHECK(outcome.error().hint.find("config/dockerfile/sudo\"") != std::string::npos);
  const model::Config glob = config_from("scan:\n  misconfig:\n    disable: [\"config/nothing/*\"]\n");
  CHECK_FALSE(scan_with(folder, &glob).ok());
}

TEST_CASE("exclude, max-file-kb and trusted-action-owners", "[scan][misconfig][settings]") {
  test::TempFolder folder;
  folder.write("vendor/Dockerfile", "FROM alpine\n");
  folder.write("Dockerfile", "FROM alpine:3.19\nUSER 1\n" + std::string(3000, '#') + "\n");
  folder.write(".github/workflows/ci.yml",
               "on: push\npermissions: {}\njobs:\n  a:\n    steps:\n      - uses: example/x@v1\n"
               "      - uses: actions/checkout@v4\n");
  const model::Config config = config_from(
      "scan:\n  misconfig:\n    exclude: [vendor/]\n    max-file-kb: 2\n    trusted-action-owners: "
      "[Example]\n");
  const Result<scan::ScanOutcome> outcome = scan_with(folder, &config);
  REQUIRE(outcome.ok());
  INFO(test::describe(outcome->findings));
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].message.find("actions/checkout") != std::string::npos);
  REQUIRE(outcome->notes.size() == 1);
  CHECK(outcome->notes[0].find("Dockerfile") != std::string::npos);
  CHECK(outcome->notes[0].find("max-file-kb") != std::string::npos);
}

TEST_CASE("a configuration without the misconfig section means defaults", "[scan][misconfig][settings]") {
  test::TempFolder folder;
  folder.write("Dockerfile", "FROM alpine\n");
  model::Config unrelated(model::ConfigSchema{});
  const Result<scan::ScanOutcome> outcome = scan_with(folder, &unrelated);
  REQUIRE(outcome.ok());
  CHECK(outcome->rules.size() == scan::misconfig_rules().size());
  CHECK_FALSE(outcome->findings.empty());
}
