// Tests of the public entry points (stages/scan/secrets/secret_scan.cpp):
// a tree holding one sample of every rule is found completely; no field of
// any finding holds a secret (before or after model::assign_fingerprints);
// skipped files become notes; rule metadata is complete; the result does not
// depend on the number of threads; configuration errors stop the scan.
#include <catch2/catch.hpp>
#include <regex>
#include <set>
#include <string>

#include "../../util/temp_folder.hpp"
#include "model/finding_filters.hpp"
#include "rule_samples.hpp"
#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/secret_scan.hpp"

using namespace slipway;
using namespace slipway::scan::secrets;
using namespace slipway::scan::secrets::test_support;

namespace {

struct PlantedTree {
  slipway::test::TempFolder folder;
  std::vector<std::string> files;
  std::vector<std::string> secrets;  // every expanded sample's random parts are inside these lines
};

// One file per rule sample, named after the rule.
void plant_samples(PlantedTree& tree) {
  for (const RuleSample& sample : rule_samples()) {
    SampleBuilder builder(sample.id);
    const std::string text = builder.expand(sample.text);
    const std::string path = "samples/" + std::string(sample.id.substr(7)) + ".txt";
    tree.folder.write(path, "# sample\n" + text + "\n");
    tree.files.push_back(path);
  }
}

scan::ScanOptions options_for(const PlantedTree& tree, int jobs) {
  scan::ScanOptions options;
  options.root = tree.folder.path().string();
  options.files = tree.files;
  options.jobs = jobs;
  return options;
}

// The secret each finding stands for, found again by scanning its file.
std::vector<std::string> secrets_in(const PlantedTree& tree) {
  std::vector<std::string> out;
  for (const std::string& file : tree.files) {
    std::ifstream in(tree.folder / file, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    for (const LocatedSecret& secret : scan_text(text, file)) out.push_back(secret.secret);
  }
  return out;
}

}  // namespace

TEST_CASE("one file per rule: every rule fires once, on its file") {
  PlantedTree tree;
  plant_samples(tree);
  auto outcome = scan::scan_secrets(options_for(tree, 2));
  REQUIRE(outcome.ok());
  CHECK(outcome->checked.size() == tree.files.size());
  CHECK(outcome->rules.size() == builtin_rules().size());
  std::set<std::string> fired;
  for (const model::Finding& finding : outcome->findings) {
    INFO(finding.location.path << ": " << finding.rule_id);
    CHECK(finding.location.path == "samples/" + finding.rule_id.substr(7) + ".txt");
    CHECK(finding.tool == "slipway-scan");
    REQUIRE(finding.security_severity.has_value());
    CHECK(finding.severity == scan::to_model_severity(*finding.security_severity));
    fired.insert(finding.rule_id);
  }
  CHECK(outcome->findings.size() == rule_samples().size());
  CHECK(fired.size() == rule_samples().size());
}

TEST_CASE("no field of a finding holds a secret, not even after fingerprinting") {
  PlantedTree tree;
  plant_samples(tree);
  auto outcome = scan::scan_secrets(options_for(tree, 1));
  REQUIRE(outcome.ok());
  const std::vector<std::string> secrets = secrets_in(tree);
  REQUIRE(secrets.size() == outcome->findings.size());

  std::vector<model::Finding> findings = outcome->findings;
  auto check_fields = [&](const model::Finding& finding) {
    std::string fields = finding.tool + "\n" + finding.rule_id + "\n" + finding.message + "\n" +
                         finding.location.path + "\n" + finding.fingerprint + "\n" + finding.fix.value_or("");
    for (const std::string& secret : secrets) {
      INFO(finding.rule_id << ": " << finding.message);
      CHECK(fields.find(secret) == std::string::npos);
      // Not even the part after the four characters shown.
      CHECK(fields.find(secret.substr(4, std::min<std::size_t>(8, secret.size() - 4))) == std::string::npos);
    }
    CHECK(finding.message.find("\xE2\x80\xA6") != std::string::npos);
    CHECK(std::regex_match(finding.fingerprint, std::regex("[0-9a-f]{32}")));
  };
  for (const model::Finding& finding : findings) check_fields(finding);
  model::SourceLines sources(tree.folder.path().string());
  model::assign_fingerprints(findings, sources);
  for (const model::Finding& finding : findings) check_fields(finding);
}

TEST_CASE("binary, oversized and missing files become notes, not findings or errors") {
  PlantedTree tree;
  SampleBuilder builder("notes");
  tree.folder.write("logo.png", std::string("\x89PNG\0\0", 6) + builder.expand("ghp_{a:36}"));
  tree.folder.write("dump.sql", std::string(3000, 'x') + builder.expand("\nghp_{a:36}\n"));
  tree.folder.write(".slipway.yml", "scan:\n  secrets:\n    max-file-size: 2000\n");
  tree.files = {"logo.png", "dump.sql", "gone.txt"};
  model::Config config(scan::secrets_config_schema());
  REQUIRE(config.apply_file((tree.folder / ".slipway.yml").string()).ok());
  auto options = options_for(tree, 1);
  options.config = &config;
  std::vector<std::string> streamed;
  options.on_note = [&](const std::string& line) { streamed.push_back(line); };
  auto outcome = scan::scan_secrets(options);
  REQUIRE(outcome.ok());
  CHECK(outcome->findings.empty());
  CHECK(outcome->checked.empty());
  REQUIRE(outcome->notes.size() == 3);
  CHECK(outcome->notes[0] == "skipped logo.png: binary file");
  CHECK(outcome->notes[1] ==
        "skipped dump.sql: 3042 bytes, larger than scan.secrets.max-file-size (2000 bytes)");
  CHECK_THAT(outcome->notes[2], Catch::StartsWith("skipped gone.txt: cannot read it"));
  CHECK(streamed == outcome->notes);
}

TEST_CASE("rule metadata is complete for every rule") {
  const auto rules = scan::secret_rules(nullptr);
  CHECK(rules.size() >= 120);
  for (const model::RuleInfo& rule : rules) {
    INFO(rule.id);
    CHECK(rule.tool == "slipway-scan");
    CHECK_FALSE(rule.short_description.empty());
    CHECK_FALSE(rule.full_description.empty());
    CHECK_THAT(rule.help, Catch::Contains("Revoke"));
    CHECK_THAT(rule.help, Catch::Contains("slipway-ignore[" + rule.id + "]"));
    CHECK_THAT(rule.help_uri, Catch::Contains("docs/scan-secrets.md"));
    REQUIRE(rule.security_severity.has_value());
    CHECK(rule.default_severity == scan::to_model_severity(*rule.security_severity));
  }
}

TEST_CASE("secret_rules follows the configuration") {
  model::Config config(scan::secrets_config_schema());
  REQUIRE(config
              .apply_yaml_text("scan:\n  secrets:\n    disable: [secret/jwt]\n    rules:\n      acme:\n"
                               "        pattern: 'acme_[a-z]{10}'\n",
                               ".slipway.yml")
              .ok());
  std::set<std::string> ids;
  for (const auto& rule : scan::secret_rules(&config)) ids.insert(rule.id);
  CHECK(ids.count("secret/jwt") == 0);
  CHECK(ids.count("secret/acme") == 1);
  CHECK(ids.size() == builtin_rules().size());
}

TEST_CASE("the result does not depend on the number of threads") {
  PlantedTree tree;
  plant_samples(tree);
  auto one = scan::scan_secrets(options_for(tree, 1));
  auto four = scan::scan_secrets(options_for(tree, 4));
  REQUIRE(one.ok());
  REQUIRE(four.ok());
  REQUIRE(one->findings.size() == four->findings.size());
  for (std::size_t i = 0; i < one->findings.size(); ++i) {
    CHECK(one->findings[i].message == four->findings[i].message);
    CHECK(one->findings[i].location.path == four->findings[i].location.path);
    CHECK(one->findings[i].fingerprint == four->findings[i].fingerprint);
  }
}

TEST_CASE("an invalid user pattern stops the scan with an error naming the rule") {
  PlantedTree tree;
  plant_samples(tree);
  model::Config config(scan::secrets_config_schema());
  REQUIRE(config
              .apply_yaml_text("scan:\n  secrets:\n    rules:\n      mine:\n        pattern: 'a{2,1}'\n",
                               ".slipway.yml")
              .ok());
  auto options = options_for(tree, 1);
  options.config = &config;
  auto outcome = scan::scan_secrets(options);
  REQUIRE_FALSE(outcome.ok());
  CHECK_THAT(outcome.error().message, Catch::Contains("secret/mine"));
}
