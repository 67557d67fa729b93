// Tests of reading build.steps from .slipway.yml
// (stages/build/steps/step_reader.cpp): every key, defaults, and the
// validation errors with file:line:column and "did you mean".
#include <catch2/catch.hpp>

#include "../../util/temp_folder.hpp"
#include "stages/build/steps/build_steps.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace std::chrono_literals;

namespace {

std::vector<Step> read_ok(const test::TempFolder& folder, const std::string& yaml) {
  const std::string path = folder.write(".slipway.yml", yaml).string();
  Result<std::vector<Step>> steps = read_steps(path);
  if (!steps) FAIL("read_steps failed: " << steps.error().to_string());
  return std::move(steps).value();
}

Error read_error(const test::TempFolder& folder, const std::string& yaml) {
  const std::string path = folder.write(".slipway.yml", yaml).string();
  Result<std::vector<Step>> steps = read_steps(path);
  REQUIRE_FALSE(steps.ok());
  CHECK(steps.error().file == path);
  return steps.error();
}

}  // namespace

TEST_CASE("read_steps reads every key of a step", "[step_reader]") {
  test::TempFolder folder;
  const auto steps = read_ok(folder, R"(version: 1
build:
  steps:
    - name: compile
      run: make -j2
      env:
        CC: gcc
        EMPTY:
      working-directory: src
      timeout: 10m
      retries: 2
      retry-delay: 250ms
      retry-on-exit-codes: [75, 111]
      retry-on-output: ["Connection reset", "HTTP 5\\d\\d"]
      continue-on-error: yes
      if: branch == 'main' && changed('src/**')
      always: false
    - command: [cmake, --build, build]
      always: true
      retry-on-exit-codes: 3
)");
  REQUIRE(steps.size() == 2);
  const Step& compile = steps[0];
  CHECK(compile.name == "compile");
  CHECK(compile.run == "make -j2");
  CHECK(compile.command.empty());
  CHECK(compile.env == std::map<std::string, std::string>{{"CC", "gcc"}, {"EMPTY", ""}});
  CHECK(compile.working_directory == "src");
  CHECK(compile.timeout == 10min);
  CHECK(compile.retries == 2);
  CHECK(compile.retry_delay == 250ms);
  CHECK(compile.retry_on_exit_codes == std::vector<int>{75, 111});
  CHECK(compile.retry_on_output == std::vector<std::string>{"Connection reset", "HTTP 5\\d\\d"});
  CHECK(compile.continue_on_error);
  CHECK(compile.condition == "branch == 'main' && changed('src/**')");
  CHECK_FALSE(compile.always);
  CHECK(compile.line == 4);
  CHECK(compile.column == 7);

  const Step& second = steps[1];
  CHECK(second.name == "step 2");  // the default name
  CHECK(second.command == std::vector<std::string>{"cmake", "--build", "build"});
  CHECK(second.always);
  CHECK(second.retries == 0);
  CHECK(second.timeout == 0ms);
  CHECK(second.retry_delay == 1s);
  CHECK(second.retry_on_exit_codes == std::vector<int>{3});
}

TEST_CASE("read_steps gives nothing when there is no file or no build.steps", "[step_reader]") {
  test::TempFolder folder;
  auto none = read_steps((folder / "missing.yml").string());
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK(read_ok(folder, "version: 1\n").empty());
  CHECK(read_ok(folder, "build:\n  log-backups: 2\n").empty());
  CHECK(read_ok(folder, "").empty());
}

TEST_CASE("unknown step keys get file:line:column and a suggestion", "[step_reader]") {
  test::TempFolder folder;
  const Error error = read_error(folder, R"(build:
  steps:
    - name: test
      run: make test
      tiemout: 5m
)");
  CHECK(error.line == 5);
  CHECK(error.column == 7);
  CHECK(error.message == "unknown key \"tiemout\" in step 1");
  CHECK(error.hint == "did you mean \"timeout\"?");
  CHECK_THAT(error.to_string(),
             Catch::StartsWith(folder.path().string()) && Catch::Contains(":5:7: unknown key"));

  const Error far = read_error(folder, "build:\n  steps:\n    - run: x\n      zzzzzzzz: 1\n");
  CHECK_THAT(far.hint, Catch::Contains("valid keys in a step: name, run, command"));
}

TEST_CASE("invalid step values point at the value", "[step_reader]") {
  test::TempFolder folder;
  struct Case {
    std::string yaml;
    int line;
    int column;
    std::string message;
  };
  const std::vector<Case> cases = {
      {"build:\n  steps:\n    - run: x\n      timeout: soon\n", 4, 16, "expected a duration"},
      {"build:\n  steps:\n    - run: x\n      retries: many\n", 4, 16, "expected an integer"},
      {"build:\n  steps:\n    - run: x\n      retries: 101\n", 4, 16, "retries"},
      {"build:\n  steps:\n    - run: x\n      always: maybe\n", 4, 15, "expected a boolean"},
      {"build:\n  steps:\n    - run: x\n      retry-on-exit-codes: [1, 300]\n", 4, 32, "retry-on-exit-codes"},
      {"build:\n  steps:\n    - run: x\n      retry-on-output: ['(unclosed']\n", 4, 25,
       "invalid regular expression"},
      {"build:\n  steps:\n    - run: x\n      working-directory: ../outside\n", 4, 26, "not a folder inside"},
      {"build:\n  steps:\n    - run: x\n      working-directory: /etc\n", 4, 26, "not a folder inside"},
      {"build:\n  steps:\n    - run: x\n      env: [A, B]\n", 4, 12, "expected a mapping"},
      {"build:\n  steps:\n    - run: x\n      env:\n        1BAD: x\n", 5, 9,
       "invalid environment variable name"},
      {"build:\n  steps:\n    - run: x\n      command: [make]\n", 4, 7, "has both \"run\" and \"command\""},
      {"build:\n  steps:\n    - name: lonely\n", 3, 7, "step 1 has nothing to run"},
      {"build:\n  steps:\n    - run: ''\n", 3, 12, "empty command"},
      {"build:\n  steps:\n    - run: x\n      run: y\n", 4, 7, "duplicate key \"run\""},
      {"build:\n  steps:\n    - name: a\n      run: x\n    - name: a\n      run: y\n", 5, 13,
       "duplicate step name \"a\" (also step 1)"},
      {"build:\n  steps:\n    - just a string\n", 3, 7, "step 1 must be a mapping"},
      {"build:\n  steps: make all\n", 2, 10, "build.steps must be a list"},
      {"build:\n  steps: []\n", 2, 10, "build.steps is empty"},
      {"build:\n  steps:\n", 2, 3, "build.steps is empty"},
      {"build: [1]\n", 1, 8, "\"build\" is a section"},
      {"build:\n  steps:\n    - run: x\n   bad indent: [\n", 4, 0, "invalid YAML"},
  };
  for (const Case& c : cases) {
    INFO(c.yaml);
    const Error error = read_error(folder, c.yaml);
    CHECK(error.line == c.line);
    if (c.column > 0) CHECK(error.column == c.column);
    CHECK_THAT(error.message, Catch::Contains(c.message));
  }
}

TEST_CASE("a bad if condition is reported at its character in the file", "[step_reader]") {
  test::TempFolder folder;
  const Error plain = read_error(folder, "build:\n  steps:\n    - run: x\n      if: branch == main\n");
  CHECK(plain.line == 4);
  CHECK(plain.column == 21);  // "main" starts at column 21 of the line
  CHECK_THAT(plain.message,
             Catch::Contains("expected a quoted string") && Catch::Contains("\"if\" in step 1"));

  const Error quoted = read_error(folder, "build:\n  steps:\n    - run: x\n      if: \"brnch == 'main'\"\n");
  CHECK(quoted.line == 4);
  CHECK(quoted.column == 12);  // after the opening quote
  CHECK(quoted.hint == "did you mean \"branch\"?");

  const Error folded = read_error(folder, "build:\n  steps:\n    - run: x\n      if: >-\n        true &&\n");
  CHECK(folded.line == 4);
  CHECK(folded.column == 11);  // the value's start
}
