// Descriptor parsing and validation (descriptor_validation.cpp) and loading
// shipped plus user descriptors (descriptor.cpp).
#include <catch2/catch.hpp>

#include "plugin_test_support.hpp"
#include "stages/lint/plugins/embedded_plugins.hpp"

using namespace slipway;
using namespace slipway::lint;
using plugin_test::must_parse;
using plugin_test::ScratchRepo;

namespace {

const std::string k_minimal =
    "id: demo\n"
    "file-patterns: ['*.sh']\n"
    "command: [demo-lint, '{files}']\n"
    "output: {parser: sarif}\n";

Error parse_error(const std::string& text) {
  Result<Descriptor> parsed = parse_descriptor(text, "plugins/demo.yml");
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("a minimal descriptor gets the documented defaults", "[plugins][descriptor]") {
  const Descriptor d = must_parse(k_minimal);
  CHECK(d.id == "demo");
  CHECK(d.name == "demo");
  CHECK(d.mode == RunMode::batch);
  CHECK(d.parallel);
  CHECK(d.batch_size == 200);
  CHECK(d.output.from == OutputSource::standard_output);
  CHECK(d.output.parser == ParserKind::sarif);
  CHECK(d.success_exit_codes == std::vector<int>{0});
  CHECK(d.findings_exit_codes == std::vector<int>{1});
  CHECK(d.timeout_seconds == 300);
  CHECK_FALSE(d.required);
  CHECK(d.fix.empty());
  CHECK(d.severity.default_severity == model::Severity::warning);
}

TEST_CASE("a complete descriptor is read field by field", "[plugins][descriptor]") {
  const Descriptor d = must_parse(
      "id: my-lint\nname: My Lint\nurl: https://example.com\nlanguages: [python]\n"
      "file-patterns: ['*.py']\nexclude: [vendor/]\ndetect: [setup.cfg, pyproject.toml]\n"
      "command: [mylint, --format, json, -c, '{config}', '{file}']\nmode: per-file\nparallel: false\n"
      "batch-size: 10\n"
      "output:\n  from: file\n  path: '{sarif_out}'\n  parser: json\n  strip-rule-prefix: 'ML.'\n"
      "  rule-format: 'X{rule}'\n"
      "  mapping: {root: /results, path: /loc/file, line: /loc/line, rule: /code, severity: /sev, message: "
      "/msg}\n"
      "severity-map: {Major: error, '2': warning}\ndefault-severity: note\n"
      "success-exit-codes: [0, 4]\nfindings-exit-codes: [1, 2]\nfix: [mylint, --fix, '{file}']\n"
      "config-files: [.mylintrc, setup.cfg]\nversion: [mylint, --version]\n"
      "install: {apt: mylint, pip: my-lint}\nrequired: yes\ntimeout: 60\n"
      "rules-url: 'https://example.com/rules/{rule}'\n");
  CHECK(d.name == "My Lint");
  CHECK(d.mode == RunMode::per_file);
  CHECK_FALSE(d.parallel);
  CHECK(d.batch_size == 10);
  CHECK(d.output.from == OutputSource::file);
  CHECK(d.output.path == "{sarif_out}");
  CHECK(d.output.json.root == "/results");
  CHECK(d.output.json.path == "/loc/file");
  CHECK(d.output.strip_rule_prefix == "ML.");
  CHECK(d.output.rule_format == "X{rule}");
  CHECK(map_severity(d.severity, "MAJOR") == model::Severity::error);
  CHECK(map_severity(d.severity, "2") == model::Severity::warning);
  CHECK(map_severity(d.severity, "fatal") == model::Severity::error);  // default mapping
  CHECK(map_severity(d.severity, "convention") == model::Severity::note);
  CHECK(map_severity(d.severity, "whatever") == model::Severity::note);  // default-severity
  CHECK(d.success_exit_codes == std::vector<int>{0, 4});
  CHECK(d.findings_exit_codes == std::vector<int>{1, 2});
  CHECK(d.fix.size() == 3);
  CHECK(d.required);
  CHECK(d.timeout_seconds == 60);
  CHECK(install_hint_text(d.install) == "apt-get install mylint or pip install my-lint");
}

TEST_CASE("a misspelt key is an error at its line and column with a suggestion", "[plugins][descriptor]") {
  const Error error = parse_error(k_minimal + "tiemout: 30\n");
  CHECK(error.file == "plugins/demo.yml");
  CHECK(error.line == 5);
  CHECK(error.column == 1);
  CHECK(error.message == "unknown key \"tiemout\"");
  CHECK(error.hint == "did you mean \"timeout\"?");

  const Error nested = parse_error(
      "id: demo\nfile-patterns: ['*.sh']\ncommand: [demo, '{files}']\noutput:\n  parser: json\n"
      "  mapping:\n    root: /x\n    mesage: /m\n");
  CHECK(nested.line == 8);
  CHECK(nested.column == 5);
  CHECK(nested.message == "unknown key \"output.mapping.mesage\"");
  CHECK(nested.hint == "did you mean \"output.mapping.message\"?");
}

TEST_CASE("a bad mode value is an error listing the valid ones", "[plugins][descriptor]") {
  const Error error = parse_error(k_minimal + "mode: per_file\n");
  CHECK(error.line == 5);
  CHECK(error.column == 7);
  CHECK(error.message == "invalid value \"per_file\" for \"mode\": expected one of per-file, batch, project");
  CHECK(error.hint == "did you mean \"per-file\"?");
}

TEST_CASE("an invalid regular expression is an error at the pattern", "[plugins][descriptor]") {
  const Error error = parse_error(
      "id: demo\nfile-patterns: ['*.sh']\ncommand: [demo, '{files}']\noutput:\n  parser: regex\n"
      "  pattern: '^(.+):(\\d+: (.*)$'\n  groups: {path: 1, line: 2}\n");
  CHECK(error.line == 6);
  CHECK(error.column == 12);
  CHECK_THAT(error.message, Catch::StartsWith("invalid regular expression in \"output.pattern\""));
}

TEST_CASE("a regex group number beyond the pattern's groups is an error", "[plugins][descriptor]") {
  const Error error = parse_error(
      "id: demo\nfile-patterns: ['*.sh']\ncommand: [demo, '{files}']\noutput:\n  parser: regex\n"
      "  pattern: '^(.+):(\\d+): (.*)$'\n  groups: {path: 1, line: 2, message: 4}\n");
  CHECK(error.line == 7);
  CHECK(error.message == "group 4 for \"output.groups.message\" but the pattern has 3 group(s)");
}

TEST_CASE("a missing command is an error naming the key", "[plugins][descriptor]") {
  const Error error = parse_error("id: demo\nfile-patterns: ['*.sh']\noutput: {parser: sarif}\n");
  CHECK(error.line == 1);
  CHECK(error.column == 1);
  CHECK(error.message == "missing required key \"command\"");
  CHECK_THAT(error.hint, Catch::Contains("command: [shellcheck"));
}

TEST_CASE("wrong types are errors saying what was expected", "[plugins][descriptor]") {
  CHECK(parse_error(k_minimal + "parallel: sometimes\n").message ==
        "expected a boolean (true/false) for \"parallel\", got \"sometimes\"");
  CHECK(parse_error(k_minimal + "batch-size: many\n").message ==
        "expected an integer for \"batch-size\", got \"many\"");
  CHECK(parse_error(k_minimal + "batch-size: 0\n").message ==
        "\"batch-size\" must be between 1 and 100000, got 0");
  CHECK(parse_error(k_minimal + "exclude: vendor/\n").message ==
        "expected a list of strings for \"exclude\", got \"vendor/\"");
  CHECK(parse_error(k_minimal + "success-exit-codes: [0, x]\n").message ==
        "expected an integer for \"success-exit-codes\", got \"x\"");
  CHECK(parse_error(k_minimal + "severity-map: {info: minor}\n").message ==
        "invalid value \"minor\" for \"severity-map.info\": expected one of error, warning, note");
}

TEST_CASE("placeholders must fit the mode", "[plugins][descriptor]") {
  const std::string head = "id: demo\nfile-patterns: ['*.sh']\noutput: {parser: sarif}\n";
  CHECK(parse_error(head + "command: [demo]\n").message == "mode batch needs {files} in \"command\"");
  CHECK(parse_error(head + "mode: project\ncommand: [demo, '{files}']\n").message ==
        "mode project runs once on the whole repository, so \"command\" cannot use {files} or {file}");
  CHECK(parse_error(head + "command: [demo, '{file}']\n").message ==
        "{file} in \"command\" needs mode per-file");
  CHECK(parse_error(head + "command: [demo, '--files={files}']\n").message ==
        "{files} must be a list element of its own in \"command\"");
  const Error typo = parse_error(head + "command: [demo, '{flies}']\n");
  CHECK(typo.message == "unknown placeholder {flies} in \"command\"");
  CHECK_THAT(typo.hint, Catch::StartsWith("did you mean {files}?"));
  // Braces that are not near a placeholder name pass through (pylint-style templates).
  CHECK(must_parse(head + "command: [demo, '--msg-template={path}:{line}: {msg_id}', '{files}']\n")
            .command.size() == 3);
  CHECK(must_parse(head + "mode: project\ncommand: [demo, '{root}']\n").mode == RunMode::project);
}

TEST_CASE("output settings are checked against the parser", "[plugins][descriptor]") {
  const std::string head = "id: demo\nfile-patterns: ['*.sh']\ncommand: [demo, '{files}']\n";
  CHECK(parse_error(head + "output: {parser: json}\n").message ==
        "\"parser: json\" needs \"output.mapping\"");
  CHECK(parse_error(head + "output: {parser: regex, pattern: x}\n").message ==
        "\"parser: regex\" needs \"output.pattern\" and \"output.groups\"");
  CHECK(parse_error(head + "output: {parser: sarif, from: file}\n").message ==
        "\"from: file\" needs \"output.path\"");
  CHECK(parse_error(head + "output: {parser: sarif, path: x.sarif}\n").message ==
        "\"output.path\" is only used with \"from: file\"");
  CHECK(parse_error(head + "output: {parser: json, mapping: {root: results}}\n").message ==
        "invalid JSON pointer \"results\" for \"output.mapping.root\"");
  CHECK(parse_error(head + "output: {parser: xml}\n").message ==
        "invalid value \"xml\" for \"output.parser\": expected one of sarif, checkstyle, json, regex");
  CHECK(parse_error(head + "output: {parser: sarif, rule-format: SC}\n").message ==
        "\"output.rule-format\" must contain {rule}");
}

TEST_CASE("ids, YAML syntax and duplicate keys are checked", "[plugins][descriptor]") {
  CHECK(parse_error(
            "id: Demo Lint\nfile-patterns: ['*.sh']\ncommand: [d, '{files}']\noutput: {parser: sarif}\n")
            .message == "invalid id \"Demo Lint\"");
  const Error syntax = parse_error("id: demo\ncommand: [a, b\n");
  CHECK_THAT(syntax.message, Catch::StartsWith("invalid YAML"));
  CHECK(syntax.line > 0);
  CHECK(parse_error(k_minimal + "id: other\n").message == "duplicate key \"id\"");
  CHECK(parse_error("").message == "empty descriptor");
  CHECK(parse_error("- a\n- b\n").message == "expected a mapping of descriptor keys, got a list");
}

TEST_CASE("every shipped descriptor is valid and named after its id", "[plugins][descriptor]") {
  REQUIRE_FALSE(embedded_descriptors().empty());
  for (const auto& [name, text] : embedded_descriptors()) {
    INFO(name);
    const Descriptor d = must_parse(std::string(text), "plugins/" + std::string(name));
    CHECK(std::string(name) == d.id + ".yml");
    // npm-groovy-lint's --version starts a CodeNarc server that outlives the
    // call, so its descriptor has no version command on purpose.
    if (d.id != "npm-groovy-lint") CHECK_FALSE(d.version.empty());
    CHECK_FALSE(install_hint_text(d.install).empty());
  }
  // The embedded bytes are the file in the source tree, byte for byte.
  ScratchRepo unused;
  const auto shellcheck = std::find_if(embedded_descriptors().begin(), embedded_descriptors().end(),
                                       [](const auto& entry) { return entry.first == "shellcheck.yml"; });
  REQUIRE(shellcheck != embedded_descriptors().end());
  std::ifstream source(std::string(SLIPWAY_SOURCE_DIR) + "/plugins/shellcheck.yml", std::ios::binary);
  std::ostringstream text;
  text << source.rdbuf();
  CHECK(text.str() == shellcheck->second);
}

TEST_CASE("a user descriptor overrides the shipped one with the same id", "[plugins][descriptor]") {
  ScratchRepo repo;
  repo.write(".slipway/plugins/shellcheck.yml",
             "id: shellcheck\nfile-patterns: ['*.sh']\ncommand: [shellcheck, -f, checkstyle, '{files}']\n"
             "output: {parser: checkstyle}\n");
  repo.write(
      ".slipway/plugins/todo.yaml",
      "id: todo\nfile-patterns: ['*']\ncommand: [grep, -n, TODO, '{files}']\n"
      "output: {parser: regex, pattern: '^(.*):(\\d+):(.*)$', groups: {path: 1, line: 2, message: 3}}\n");
  repo.write(".slipway/plugins/notes.txt", "not a descriptor");

  Result<std::vector<Descriptor>> loaded = load_descriptors(repo.root());
  REQUIRE(loaded.ok());
  const auto find = [&](const std::string& id) {
    return std::find_if(loaded->begin(), loaded->end(), [&](const Descriptor& d) { return d.id == id; });
  };
  REQUIRE(find("shellcheck") != loaded->end());
  CHECK(find("shellcheck")->output.parser == ParserKind::checkstyle);
  CHECK(find("shellcheck")->source == ".slipway/plugins/shellcheck.yml");
  CHECK_FALSE(find("shellcheck")->shipped);
  REQUIRE(find("todo") != loaded->end());
  CHECK(find("todo")->source == ".slipway/plugins/todo.yaml");
  CHECK(std::is_sorted(loaded->begin(), loaded->end(),
                       [](const Descriptor& a, const Descriptor& b) { return a.id < b.id; }));

  // Without user descriptors the shipped one is used.
  ScratchRepo empty;
  Result<std::vector<Descriptor>> shipped = load_descriptors(empty.root());
  REQUIRE(shipped.ok());
  const auto it = std::find_if(shipped->begin(), shipped->end(),
                               [](const Descriptor& d) { return d.id == "shellcheck"; });
  REQUIRE(it != shipped->end());
  CHECK(it->shipped);
  CHECK(it->source == "shipped");
}

TEST_CASE("a broken user descriptor and a duplicated user id are errors naming the file",
          "[plugins][descriptor]") {
  ScratchRepo repo;
  repo.write(".slipway/plugins/mine.yml", "id: mine\nfile-paterns: ['*.x']\n");
  Result<std::vector<Descriptor>> loaded = load_descriptors(repo.root());
  REQUIRE_FALSE(loaded.ok());
  CHECK(loaded.error().file == ".slipway/plugins/mine.yml");
  CHECK(loaded.error().line == 2);
  CHECK(loaded.error().hint == "did you mean \"file-patterns\"?");

  ScratchRepo twice;
  const std::string body = "file-patterns: ['*.sh']\ncommand: [a, '{files}']\noutput: {parser: sarif}\n";
  twice.write(".slipway/plugins/a.yml", "id: same\n" + body);
  twice.write(".slipway/plugins/b.yml", "id: same\n" + body);
  Result<std::vector<Descriptor>> duplicated = load_descriptors(twice.root());
  REQUIRE_FALSE(duplicated.ok());
  CHECK(duplicated.error().file == ".slipway/plugins/b.yml");
  CHECK_THAT(duplicated.error().message, Catch::Contains(".slipway/plugins/a.yml"));
}

TEST_CASE("the descriptor examples in docs/plugins.md are valid", "[plugins][descriptor]") {
  std::ifstream doc(std::string(SLIPWAY_SOURCE_DIR) + "/docs/plugins.md");
  REQUIRE(doc.good());
  std::string line;
  std::string block;
  bool in_yaml = false;
  int descriptors = 0;
  while (std::getline(doc, line)) {
    if (!in_yaml && line == "```yaml") {
      in_yaml = true;
      block.clear();
    } else if (in_yaml && line == "```") {
      in_yaml = false;
      if (block.find("\nid: ") == std::string::npos && block.rfind("id: ", 0) != 0) continue;  // .slipway.yml
      INFO(block);
      must_parse(block, "docs/plugins.md");
      ++descriptors;
    } else if (in_yaml) {
      block += line + "\n";
    }
  }
  CHECK(descriptors == 2);
}
