// Which linters run (lint.linters, lint.auto), per-linter settings, and the
// --list rows (linter_selection.cpp, linter_list.cpp).
#include <catch2/catch.hpp>

#include "plugin_test_support.hpp"
#include "stages/lint/plugins/plugin_runner.hpp"

using namespace slipway;
using namespace slipway::lint;
using plugin_test::must_parse;
using plugin_test::plugin_config;
using plugin_test::ScratchRepo;

namespace {

// Three descriptors: one whose program is surely installed (sh), one with
// detect globs, one whose program is missing.
std::vector<Descriptor> descriptors() {
  const std::string output = "output: {parser: sarif}\n";
  std::vector<Descriptor> list;
  list.push_back(
      must_parse("id: alpha\nname: Alpha\nfile-patterns: ['*.sh']\ncommand: [sh, '{files}']\n"
                 "version: [sh, -c, 'echo Alpha linter; echo version 1.2.3']\n" +
                 output));
  list.push_back(
      must_parse("id: beta\nfile-patterns: ['*.js']\ndetect: ['.betarc*']\nconfig-files: [.betarc.json]\n"
                 "command: [sh, '{files}']\n" +
                 output));
  list.push_back(must_parse(
      "id: gamma\nfile-patterns: ['*.sh']\ncommand: [slipway-no-such-gamma, '{files}']\n" + output));
  return list;
}

std::vector<std::string> ids(const std::vector<const Descriptor*>& linters) {
  std::vector<std::string> out;
  for (const Descriptor* d : linters) out.push_back(d->id);
  return out;
}

}  // namespace

TEST_CASE("the plugin configuration schema is sound", "[plugins][selection]") {
  CHECK(model::schema_problems(plugin_config_schema()).empty());
  // Joined as the application joins them: no key declared twice, no key that is also a section.
  model::ConfigSchema joined = model::core_config_schema();
  for (const model::ConfigSchema& part : {lint_config_schema(), plugin_config_schema()}) {
    joined.insert(joined.end(), part.begin(), part.end());
  }
  CHECK(model::schema_problems(joined).empty());
}

TEST_CASE("listed linters are enabled unless enabled is false", "[plugins][selection]") {
  const std::vector<Descriptor> known = descriptors();
  const model::Config config =
      plugin_config("lint:\n  linters:\n    alpha:\n    gamma: {enabled: false}\n    beta: {args: [-x]}\n");
  Result<std::vector<const Descriptor*>> enabled = enabled_linters(known, config, {"a.sh"});
  REQUIRE(enabled.ok());
  CHECK(ids(*enabled) == std::vector<std::string>{"alpha", "beta"});

  const model::Config nothing = plugin_config("");
  CHECK(enabled_linters(known, nothing, {"a.sh"})->empty());
}

TEST_CASE("an unknown linter id is an error with a suggestion and its position", "[plugins][selection]") {
  const model::Config config = plugin_config("lint:\n  linters:\n    alpa:\n      args: [-x]\n");
  Result<std::vector<const Descriptor*>> enabled = enabled_linters(descriptors(), config, {});
  REQUIRE_FALSE(enabled.ok());
  CHECK(enabled.error().message == "unknown linter \"alpa\" under lint.linters");
  CHECK(enabled.error().hint == "did you mean \"alpha\"?");
  CHECK(enabled.error().file == ".slipway.yml");
  CHECK(enabled.error().line == 4);

  const model::Config far = plugin_config("lint:\n  linters:\n    zzzzzz:\n");
  Result<std::vector<const Descriptor*>> none = enabled_linters(descriptors(), far, {});
  REQUIRE_FALSE(none.ok());
  CHECK_THAT(none.error().hint, Catch::StartsWith("known linters: alpha, beta, gamma"));
}

TEST_CASE("auto enables detected, installed linters", "[plugins][selection]") {
  const std::vector<Descriptor> known = descriptors();
  const model::Config config =
      plugin_config("lint:\n  auto: true\n  linters:\n    alpha: {enabled: false}\n");
  // beta: detected by .betarc.json; gamma: matches *.sh but is not installed; alpha: disabled explicitly.
  Result<std::vector<LinterChoice>> choices = choose_linters(known, config, {"run.sh", "web/.betarc.json"});
  REQUIRE(choices.ok());
  REQUIRE(choices->size() == 3);
  CHECK_FALSE((*choices)[0].enabled);
  CHECK((*choices)[0].reason == "disabled in .slipway.yml");
  CHECK((*choices)[1].enabled);
  CHECK((*choices)[1].reason == "auto: detected web/.betarc.json");
  CHECK_FALSE((*choices)[2].enabled);
  CHECK((*choices)[2].reason == "auto: detected run.sh, but it is not installed");

  // A descriptor with detect globs is not enabled by its file patterns alone.
  Result<std::vector<LinterChoice>> no_rc = choose_linters(known, config, {"app.js"});
  REQUIRE(no_rc.ok());
  CHECK_FALSE((*no_rc)[1].enabled);
  CHECK((*no_rc)[1].reason == "auto: nothing detected");
}

TEST_CASE("per-linter settings fall back to the descriptor", "[plugins][selection]") {
  Descriptor d = descriptors()[0];
  d.timeout_seconds = 42;
  d.required = true;
  const LinterSettings defaults = linter_settings(d, nullptr);
  CHECK(defaults.timeout_seconds == 42);
  CHECK(defaults.required);
  CHECK_FALSE(defaults.fail_on.has_value());

  const model::Config config = plugin_config(
      "lint:\n  linters:\n    alpha:\n      timeout: 7\n      required: false\n      fail-on: never\n");
  const LinterSettings set = linter_settings(d, &config);
  CHECK(set.timeout_seconds == 7);
  CHECK_FALSE(set.required);
  REQUIRE(set.fail_on.has_value());
  CHECK_FALSE(set.fail_on->threshold.has_value());

  // A Config built from another schema leaves every default in place.
  const model::Config other(model::core_config_schema());
  CHECK(linter_settings(d, &other).timeout_seconds == 42);
  CHECK(enabled_linters(descriptors(), other, {})->empty());
}

TEST_CASE("the --list rows say enabled, why, installed, version and source", "[plugins][selection]") {
  ScratchRepo repo;
  repo.write(".betarc.json", "{}\n");
  std::vector<Descriptor> known = descriptors();
  known[0].source = "shipped";
  known[1].source = ".slipway/plugins/beta.yml";
  const model::Config config = plugin_config("lint:\n  auto: true\n  linters:\n    alpha:\n");
  Result<std::vector<LinterStatus>> rows =
      list_linters(known, config, {".betarc.json", "x.sh"}, repo.root(), 2);
  REQUIRE(rows.ok());
  REQUIRE(rows->size() == 3);
  const LinterStatus& alpha = (*rows)[0];
  CHECK(alpha.id == "alpha");
  CHECK(alpha.name == "Alpha");
  CHECK(alpha.enabled);
  CHECK(alpha.reason == "listed in .slipway.yml");
  CHECK(alpha.installed);
  CHECK(alpha.version == "version 1.2.3");  // the first line with a digit
  CHECK(alpha.source == "shipped");
  const LinterStatus& beta = (*rows)[1];
  CHECK(beta.enabled);
  CHECK(beta.reason == "auto: detected .betarc.json");
  CHECK(beta.config_file == ".betarc.json");
  CHECK(beta.version.empty());  // no version command
  CHECK(beta.source == ".slipway/plugins/beta.yml");
  const LinterStatus& gamma = (*rows)[2];
  CHECK_FALSE(gamma.enabled);
  CHECK_FALSE(gamma.installed);
  CHECK(gamma.program.empty());
}

TEST_CASE("a program given as a path is looked up relative to the root", "[plugins][selection]") {
  ScratchRepo repo;
  repo.script("node_modules/.bin/fake-lint", "exit 0\n");
  const Descriptor local = must_parse(
      "id: local\nfile-patterns: ['*.js']\ncommand: [node_modules/.bin/fake-lint, '{files}']\noutput: "
      "{parser: sarif}\n");
  CHECK(locate_program(local, repo.root()) == repo.path("node_modules/.bin/fake-lint"));
  ScratchRepo elsewhere;
  CHECK(locate_program(local, elsewhere.root()).empty());
}
