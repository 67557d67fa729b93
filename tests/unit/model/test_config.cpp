// Tests of the configuration layers (model/config.cpp, config_yaml.cpp) and
// the core schema (model/config_schema.cpp). Files are real files in a
// temporary folder; stage sections come from a small schema built here, so
// these tests do not depend on any stage.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <random>
#include <stdexcept>
#include <string>

#include "model/config.hpp"
#include "model/config_schema.hpp"

namespace fs = std::filesystem;
using namespace slipway;
using namespace slipway::model;

namespace {

class TempDir {
 public:
  TempDir() {
    std::random_device random;
    m_path = fs::temp_directory_path() / ("slipway-test-config-" + std::to_string(random()));
    fs::create_directories(m_path);
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  [[nodiscard]] std::string write(const std::string& name, const std::string& content) const {
    const fs::path path = m_path / name;
    std::ofstream(path, std::ios::binary) << content;
    return path.string();
  }

 private:
  fs::path m_path;
};

ConfigKey make_key(std::string path, ValueType type, ConfigScalar default_value) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = type;
  key.default_value = std::move(default_value);
  key.description = "test key";
  return key;
}

// The core keys plus a small lint section with a "*" section.
ConfigSchema test_schema() {
  ConfigSchema schema = core_config_schema();
  schema.push_back(make_key("lint.checks", ValueType::string_list, std::vector<std::string>{"all"}));
  ConfigKey line_length = make_key("lint.max-line-length", ValueType::integer, std::int64_t{120});
  line_length.min = 1;
  line_length.max = 1000;
  schema.push_back(line_length);
  ConfigKey args = make_key("lint.linters.*.args", ValueType::string_list, std::vector<std::string>{});
  args.env = false;
  schema.push_back(args);
  ConfigKey enabled = make_key("lint.linters.*.enabled", ValueType::boolean, true);
  enabled.env = false;
  schema.push_back(enabled);
  return schema;
}

// Applies `text` as "cfg.yml" to a fresh test configuration and returns the error.
Error yaml_error(const std::string& text) {
  Config config(test_schema());
  Result<void> result = config.apply_yaml_text(text, "cfg.yml");
  REQUIRE_FALSE(result.ok());
  return result.error();
}

}  // namespace

TEST_CASE("config schema: the core schema is sound and named for the environment") {
  CHECK(schema_problems(core_config_schema()).empty());
  CHECK(schema_problems(test_schema()).empty());
  CHECK(env_name_for("fail-on") == "SLIPWAY_FAIL_ON");
  CHECK(env_name_for("lint.max-line-length") == "SLIPWAY_LINT_MAX_LINE_LENGTH");
  CHECK(find_key(test_schema(), "lint.linters.shellcheck.args")->path == "lint.linters.*.args");
  CHECK(find_key(test_schema(), "lint") == nullptr);
}

TEST_CASE("config schema: schema_problems finds a wrong default and a key that is a section") {
  ConfigSchema schema = {make_key("a", ValueType::integer, std::string("x")),
                         make_key("b", ValueType::string, std::string("")),
                         make_key("b.c", ValueType::string, std::string(""))};
  const std::vector<std::string> problems = schema_problems(schema);
  REQUIRE(problems.size() == 2);
  CHECK(problems[0] == "\"a\": default value does not hold an integer");
  CHECK(problems[1] == "\"b\": is a key and also a section (of \"b.c\")");
}

TEST_CASE("config: defaults") {
  const Config config(core_config_schema());
  CHECK(config.get_int("version") == 1);
  CHECK(config.get_string("fail-on") == "error");
  CHECK(config.get_list("format").empty());
  CHECK(config.get_string("output-dir") == ".slipway/reports");
  CHECK(config.get_string("changed-only") == "auto");
  CHECK(config.get_string("base").empty());
  CHECK_FALSE(config.get_bool("new-only"));
  CHECK(config.get_int("jobs") == 0);
  CHECK(config.get_string("color") == "auto");
  CHECK(config.get_string("baseline") == ".slipway-baseline.json");
  CHECK(config.get_list("stages") == std::vector<std::string>{"lint"});
  CHECK(config.get("fail-on").source == ConfigSource::default_value);
  CHECK(config.get("fail-on").origin == "defaults");
  CHECK(config.file_path().empty());
  CHECK(config.has("quiet"));
}

TEST_CASE("config: the file overrides defaults, with file:line:column as origin") {
  TempDir dir;
  const std::string path = dir.write(".slipway.yml",
                                     "version: 1\n"
                                     "fail-on: warning\n"
                                     "lint:\n"
                                     "  max-line-length: 100\n"
                                     "exclude: vendor/**\n"
                                     "format: [sarif, json]\n"
                                     "quiet: yes\n");
  Config config(test_schema());
  REQUIRE(config.apply_file(path).ok());
  CHECK(config.file_path() == path);
  CHECK(config.get_string("fail-on") == "warning");
  CHECK(config.get("fail-on").source == ConfigSource::file);
  CHECK(config.get("fail-on").origin == path + ":2:1");
  CHECK(config.get_int("lint.max-line-length") == 100);
  CHECK(config.get("lint.max-line-length").origin == path + ":4:3");
  CHECK(config.get_list("exclude") == std::vector<std::string>{"vendor/**"});
  CHECK(config.get_list("format") == std::vector<std::string>{"sarif", "json"});
  CHECK(config.get_bool("quiet"));
  CHECK(config.get("color").origin == "defaults");
}

TEST_CASE("config: a missing file is an error naming it") {
  Config config(core_config_schema());
  Result<void> result = config.apply_file("/nonexistent/slipway.yml");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file == "/nonexistent/slipway.yml");
}

TEST_CASE("config: environment overrides the file, flags override the environment") {
  Config config(core_config_schema());
  REQUIRE(config.apply_yaml_text("fail-on: warning\njobs: 2\nformat: sarif\n", "cfg.yml").ok());
  const util::EnvMap env = {{"SLIPWAY_FAIL_ON", "note"},  {"SLIPWAY_FORMAT", "json, sarif,"},
                            {"SLIPWAY_NEW_ONLY", "on"},   {"SLIPWAY_BASE", ""},  // empty: not set
                            {"SLIPWAY_VERSION", "0.3.1"},  // the adapters' binary version, not a key
                            {"SLIPWAY_UNRELATED", "x"}};
  REQUIRE(config.apply_environment(env).ok());
  CHECK(config.get_string("fail-on") == "note");
  CHECK(config.get("fail-on").source == ConfigSource::environment);
  CHECK(config.get("fail-on").origin == "SLIPWAY_FAIL_ON");
  CHECK(config.get_list("format") == std::vector<std::string>{"json", "sarif"});
  CHECK(config.get_bool("new-only"));
  CHECK(config.get("base").origin == "defaults");
  CHECK(config.get_int("jobs") == 2);
  CHECK(config.get("jobs").origin == "cfg.yml:2:1");

  REQUIRE(config.apply_flag("fail-on", "never", "--fail-on").ok());
  CHECK(config.get_string("fail-on") == "never");
  CHECK(config.get("fail-on").source == ConfigSource::flag);
  CHECK(config.get("fail-on").origin == "--fail-on");
}

TEST_CASE("config: environment errors name the variable and change nothing") {
  Config config(core_config_schema());
  Result<void> result = config.apply_environment({{"SLIPWAY_FAIL_ON", "warning"}, {"SLIPWAY_JOBS", "lots"}});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "invalid value in SLIPWAY_JOBS (\"jobs\"): expected an integer, got \"lots\"");
  CHECK(config.get_string("fail-on") == "error");

  result = config.apply_environment({{"SLIPWAY_QUIET", "maybe"}});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("SLIPWAY_QUIET") != std::string::npos);
  CHECK(result.error().message.find("true/false, yes/no, on/off") != std::string::npos);

  result = config.apply_environment({{"SLIPWAY_COLOR", "sometimes"}});
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message.find("one of auto, always, never") != std::string::npos);
}

TEST_CASE("config: flag errors name the flag") {
  Config config(core_config_schema());
  Result<void> result = config.apply_flag("fail-on", "warnings", "--fail-on");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "invalid value for --fail-on: expected one of error, warning, note, never; got \"warnings\"");
  CHECK(result.error().hint == "did you mean \"warning\"?");

  result = config.apply_flag("fail-onn", "error", "--set");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message == "unknown key \"fail-onn\" in --set");
  CHECK(result.error().hint == "did you mean \"fail-on\"?");

  REQUIRE(config.apply_flag("changed-only", "yes", "--changed-only").ok());
  CHECK(config.get_string("changed-only") == "true");
}

TEST_CASE("config: an unknown key points at its line and column with a suggestion") {
  SECTION("top level") {
    const Error error = yaml_error("version: 1\nfail-onn: warning\n");
    CHECK(error.file == "cfg.yml");
    CHECK(error.line == 2);
    CHECK(error.column == 1);
    CHECK(error.message == "unknown key \"fail-onn\"");
    CHECK(error.hint == "did you mean \"fail-on\"?");
  }
  SECTION("nested") {
    const Error error = yaml_error("version: 1\nlint:\n  max-line-length: 80\n  chekcs: [a]\n");
    CHECK(error.line == 4);
    CHECK(error.column == 3);
    CHECK(error.message == "unknown key \"lint.chekcs\"");
    CHECK(error.hint == "did you mean \"lint.checks\"?");
  }
  SECTION("no close match lists the valid keys") {
    const Error error = yaml_error("lint:\n    zzzzzzzzzzzz: 1\n");
    CHECK(error.line == 2);
    CHECK(error.column == 5);
    CHECK(error.hint == "valid keys under \"lint\": checks, linters, max-line-length");
  }
  SECTION("to_string shows the whole position") {
    CHECK(yaml_error("fail-onn: x\n").to_string() ==
          "cfg.yml:1:1: unknown key \"fail-onn\"\n  hint: did you mean \"fail-on\"?");
  }
}

TEST_CASE("config: a value of the wrong type points at the value") {
  SECTION("string for an integer") {
    const Error error = yaml_error("version: 1\njobs: many\n");
    CHECK(error.line == 2);
    CHECK(error.column == 7);
    CHECK(error.message == "invalid value for \"jobs\": expected an integer, got \"many\"");
  }
  SECTION("list for a boolean") {
    const Error error = yaml_error("quiet:\n  - true\n");
    CHECK(error.line == 2);
    CHECK(error.column == 3);
    CHECK(error.message ==
          "invalid value for \"quiet\": expected a boolean (true/false, yes/no, on/off), got a list");
  }
  SECTION("a choice that is not allowed lists the allowed values") {
    const Error error = yaml_error("fail-on: fatal\n");
    CHECK(error.column == 10);
    CHECK(error.message ==
          "invalid value for \"fail-on\": expected one of error, warning, note, never; got \"fatal\"");
  }
  SECTION("a mapping for a list") {
    CHECK(yaml_error("exclude:\n  a: b\n").message.find("got a mapping") != std::string::npos);
  }
  SECTION("a nested list inside a list") {
    const Error error = yaml_error("exclude:\n  - a\n  - [b]\n");
    CHECK(error.line == 3);
    CHECK(error.message.find("as list item, got a list") != std::string::npos);
  }
  SECTION("no value for a scalar key") {
    const Error error = yaml_error("color:\n");
    CHECK(error.line == 1);
    CHECK(error.message.find("got nothing") != std::string::npos);
  }
  SECTION("a section given a scalar") {
    const Error error = yaml_error("lint: 3\n");
    CHECK(error.line == 1);
    CHECK(error.column == 7);
    CHECK(error.message == "\"lint\" is a section: expected a mapping, got \"3\"");
  }
}

TEST_CASE("config: integers are checked against their range") {
  Error error = yaml_error("jobs: 300\n");
  CHECK(error.message == "invalid value for \"jobs\": must be between 0 and 256, got 300");
  error = yaml_error("jobs: -1\n");
  CHECK(error.message == "invalid value for \"jobs\": must be between 0 and 256, got -1");
  error = yaml_error("lint:\n  max-line-length: 0\n");
  CHECK(error.message == "invalid value for \"lint.max-line-length\": must be between 1 and 1000, got 0");

  Config config(core_config_schema());
  REQUIRE(config.apply_yaml_text("jobs: 256\n", "cfg.yml").ok());
  CHECK(config.get_int("jobs") == 256);
  CHECK_FALSE(config.apply_environment({{"SLIPWAY_JOBS", "1000"}}).ok());
  CHECK_FALSE(config.apply_flag("jobs", "99999999999999999999999", "--jobs").ok());
}

TEST_CASE("config: bad YAML is an error with its position") {
  Error error = yaml_error("version: 1\nformat: [sarif, json\nquiet: true\n");
  CHECK(error.file == "cfg.yml");
  CHECK(error.line >= 2);
  CHECK(error.message.rfind("invalid YAML: ", 0) == 0);
  CHECK_FALSE(error.hint.empty());

  error = yaml_error("lint:\n\tchecks: [a]\n");
  CHECK(error.line == 2);
  CHECK(error.hint == "line 2 is indented with a tab; YAML allows only spaces");

  error = yaml_error("fail-on: warning\nfail-on: note\n");
  CHECK(error.line == 2);
  CHECK(error.message == "duplicate key \"fail-on\"");

  error = yaml_error("- a\n- b\n");
  CHECK(error.message == "expected a mapping of keys at the top level, got a list");
}

TEST_CASE("config: version") {
  Config config(core_config_schema());
  CHECK(config.apply_yaml_text("fail-on: note\n", "cfg.yml").ok());  // missing means 1
  Error error = yaml_error("version: 2\nfail-onn: x\n");
  CHECK(error.line == 1);
  CHECK(error.column == 10);
  CHECK(error.message == "unsupported version 2, expected 1");
  CHECK(yaml_error("version: one\n").message == "unsupported version one, expected 1");

  // A schema without the version row still accepts the key.
  Config bare(ConfigSchema{make_key("quiet", ValueType::boolean, false)});
  CHECK(bare.apply_yaml_text("version: 1\nquiet: off\n", "cfg.yml").ok());
}

TEST_CASE("config: an empty file or empty section changes nothing") {
  Config config(test_schema());
  CHECK(config.apply_yaml_text("", "cfg.yml").ok());
  CHECK(config.apply_yaml_text("# nothing yet\n", "cfg.yml").ok());
  CHECK(config.apply_yaml_text("lint:\nexclude:\n", "cfg.yml").ok());
  CHECK(config.get_list("exclude").empty());
  CHECK(config.get_list("lint.checks") == std::vector<std::string>{"all"});
}

TEST_CASE("config: a failed file leaves the configuration as it was") {
  Config config(core_config_schema());
  REQUIRE_FALSE(config.apply_yaml_text("fail-on: note\njobs: x\n", "cfg.yml").ok());
  CHECK(config.get_string("fail-on") == "error");
  CHECK(config.file_path().empty());
}

TEST_CASE("config: wildcard keys") {
  Config config(test_schema());
  REQUIRE(config
              .apply_yaml_text("lint:\n"
                               "  linters:\n"
                               "    shellcheck:\n"
                               "      args: [-x, --severity=style]\n"
                               "    yamllint:\n"
                               "      enabled: false\n"
                               "    markdownlint:\n",
                               "cfg.yml")
              .ok());
  CHECK(config.get_list("lint.linters.shellcheck.args") ==
        std::vector<std::string>{"-x", "--severity=style"});
  CHECK(config.get("lint.linters.shellcheck.args").origin == "cfg.yml:4:7");
  CHECK(config.has("lint.linters.shellcheck.args"));
  // Not set: the "*" row's default.
  CHECK_FALSE(config.has("lint.linters.shellcheck.enabled"));
  CHECK(config.get_bool("lint.linters.shellcheck.enabled"));
  CHECK(config.get("lint.linters.shellcheck.enabled").origin == "defaults");
  CHECK_FALSE(config.get_bool("lint.linters.yamllint.enabled"));
  CHECK(config.get_list("lint.linters.cppcheck.args").empty());
  CHECK_FALSE(config.has("lint.linters.*.args"));

  CHECK(config.children("lint.linters") ==
        std::vector<std::string>{"markdownlint", "shellcheck", "yamllint"});
  CHECK(config.children("lint").empty());

  REQUIRE(config.apply_flag("lint.linters.eslint.enabled", "no", "--set").ok());
  CHECK(config.children("lint.linters") ==
        std::vector<std::string>{"eslint", "markdownlint", "shellcheck", "yamllint"});

  const Error error = yaml_error("lint:\n  linters:\n    shellcheck:\n      argz: [-x]\n");
  CHECK(error.line == 4);
  CHECK(error.column == 7);
  CHECK(error.message == "unknown key \"lint.linters.shellcheck.argz\"");
  CHECK(error.hint == "did you mean \"lint.linters.shellcheck.args\"?");
  CHECK(yaml_error("lint:\n  linters:\n    shellcheck: 3\n").message.find("expected a mapping") !=
        std::string::npos);
}

TEST_CASE("config: explain lists every effective key, aligned, with its origin") {
  ConfigSchema schema = {make_key("color", ValueType::string, std::string("auto")),
                         make_key("exclude", ValueType::string_list, std::vector<std::string>{}),
                         make_key("jobs", ValueType::integer, std::int64_t{0}),
                         make_key("tools.*.args", ValueType::string_list, std::vector<std::string>{}),
                         make_key("tools.*.on", ValueType::boolean, true)};
  schema[3].env = false;
  schema[4].env = false;
  Config config(schema);
  REQUIRE(config.apply_yaml_text("exclude: [a, b]\ntools:\n  x:\n    on: no\n", "c.yml").ok());
  REQUIRE(config.apply_environment({{"SLIPWAY_JOBS", "4"}}).ok());
  CHECK(config.explain() ==
        "color = auto        (defaults)\n"
        "exclude = a, b      (c.yml:1:1)\n"
        "jobs = 4            (SLIPWAY_JOBS)\n"
        "tools.x.args = []   (defaults)\n"
        "tools.x.on = false  (c.yml:4:5)\n");
}

TEST_CASE("config: get on a key outside the schema throws, nothing else does") {
  Config config(test_schema());
  CHECK_THROWS_AS(config.get("no-such-key"), std::out_of_range);
  CHECK_THROWS_AS(config.get("lint"), std::out_of_range);
  CHECK_THROWS_AS(config.get_bool("fail-on"), std::out_of_range);
  CHECK_NOTHROW(config.apply_yaml_text("{{{{", "cfg.yml"));
  CHECK_NOTHROW(config.apply_yaml_text("a: *undefined\n", "cfg.yml"));
  CHECK_NOTHROW(config.apply_yaml_text(std::string(5000, '[') + "\n", "cfg.yml"));
  CHECK_NOTHROW(config.apply_yaml_text("? [a]\n: 1\n", "cfg.yml"));
}

TEST_CASE("config: to_display") {
  CHECK(to_display(ConfigScalar{true}) == "true");
  CHECK(to_display(ConfigScalar{std::int64_t{42}}) == "42");
  CHECK(to_display(ConfigScalar{std::string()}) == "\"\"");
  CHECK(to_display(ConfigScalar{std::vector<std::string>{"a", "b"}}) == "a, b");
  CHECK(to_display(ConfigScalar{std::vector<std::string>{}}) == "[]");
}
