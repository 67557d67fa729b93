// Tests of the `if` grammar (stages/build/steps/step_condition.cpp): every
// operator and field against made-up CI contexts, precedence, changed(...)
// with known and unknown changed paths, and parse errors with positions.
#include <catch2/catch.hpp>

#include "stages/build/steps/build_steps.hpp"
#include "stages/build/steps/step_condition.hpp"

using namespace slipway;
using namespace slipway::build;

namespace {

model::CiContext github_push(const std::string& branch, const std::string& tag = {}) {
  model::CiContext ci;
  ci.platform = model::CiPlatform::github;
  ci.branch = branch;
  ci.tag = tag;
  ci.event_name = "push";
  return ci;
}

bool eval(const std::string& expression, const model::CiContext& ci,
          const std::optional<std::vector<std::string>>& changed = std::vector<std::string>{}) {
  Result<bool> value = evaluate_condition(expression, ci, changed);
  if (!value) FAIL("condition did not parse: " << value.error().to_string());
  return *value;
}

Error parse_error(const std::string& expression) {
  Result<Condition> parsed = Condition::parse(expression);
  REQUIRE_FALSE(parsed.ok());
  return parsed.error();
}

}  // namespace

TEST_CASE("conditions compare branch, tag, platform and event exactly", "[step_condition]") {
  const model::CiContext ci = github_push("main");
  CHECK(eval("branch == 'main'", ci));
  CHECK_FALSE(eval("branch == 'mai'", ci));
  CHECK(eval("branch != \"develop\"", ci));
  CHECK(eval("platform == 'github'", ci));
  CHECK_FALSE(eval("platform == 'gitlab'", ci));
  CHECK(eval("event == 'push'", ci));
  CHECK(eval("tag == ''", ci));

  model::CiContext gitlab;
  gitlab.platform = model::CiPlatform::gitlab;
  gitlab.target_branch = "main";
  gitlab.change_number = "12";
  gitlab.runner = "docker-7";
  CHECK(eval("platform == 'gitlab' && change_request", gitlab));
  CHECK(eval("target_branch == 'main'", gitlab));
  CHECK(eval("runner =~ 'docker-*'", gitlab));
  CHECK_FALSE(eval("change_request", ci));
}

TEST_CASE("=~ matches wildcards where * crosses slashes", "[step_condition]") {
  CHECK(eval("tag =~ 'v*'", github_push("", "v1.2.3")));
  CHECK_FALSE(eval("tag =~ 'v*'", github_push("main")));
  CHECK(eval("tag !~ 'v*'", github_push("main")));
  CHECK(eval("branch =~ 'release/*'", github_push("release/2024/q1")));
  CHECK(eval("branch =~ 'feature-?'", github_push("feature-x")));
  CHECK_FALSE(eval("branch =~ 'feature-?'", github_push("feature-xy")));
  CHECK(wildcard_match("*", ""));
  CHECK(wildcard_match("a*b*c", "a-b-b-c"));
  CHECK_FALSE(wildcard_match("a*b*c", "a-b-b-"));
}

TEST_CASE("&& binds tighter than ||, ! and parentheses work", "[step_condition]") {
  const model::CiContext ci = github_push("dev");
  // false && false || true -> true (as (false && false) || true)
  CHECK(eval("branch == 'main' && tag == 'x' || platform == 'github'", ci));
  // false && (false || true) -> false
  CHECK_FALSE(eval("branch == 'main' && (tag == 'x' || platform == 'github')", ci));
  CHECK(eval("!(branch == 'main')", ci));
  CHECK(eval("!!true", ci));
  CHECK_FALSE(eval("false", ci));
  CHECK(eval("  true\t&&\n true ", ci));
}

TEST_CASE("changed() matches changed paths with globs; unknown paths count as changed", "[step_condition]") {
  const model::CiContext ci = github_push("main");
  const std::vector<std::string> changed = {"src/app/main.cpp", "README.md"};
  CHECK(eval("changed('src/**')", ci, changed));
  CHECK(eval("changed('docs/**', '*.md')", ci, changed));
  CHECK_FALSE(eval("changed('docs/**')", ci, changed));
  CHECK_FALSE(eval("changed('src/**')", ci, std::vector<std::string>{}));
  CHECK(eval("changed('docs/**')", ci, std::nullopt));

  Result<Condition> parsed = Condition::parse("branch == 'main' || changed('x')");
  REQUIRE(parsed.ok());
  CHECK(parsed->uses_changed());
  CHECK_FALSE(Condition::parse("branch == 'main'")->uses_changed());
}

TEST_CASE("condition parse errors say what and where", "[step_condition]") {
  Error unquoted = parse_error("branch == main");
  CHECK(unquoted.column == 11);
  CHECK_THAT(unquoted.message, Catch::Contains("expected a quoted string"));
  CHECK_THAT(unquoted.hint, Catch::Contains("branch == 'main'"));

  Error unknown = parse_error("brnch == 'main'");
  CHECK(unknown.column == 1);
  CHECK_THAT(unknown.message, Catch::Contains("unknown name \"brnch\""));
  CHECK(unknown.hint == "did you mean \"branch\"?");

  CHECK(parse_error("branch == 'main").column == 11);   // unterminated string
  CHECK(parse_error("branch = 'main'").column == 8);    // single '='
  CHECK(parse_error("(true").column == 6);              // missing ')'
  CHECK(parse_error("true true").column == 6);          // missing operator
  CHECK(parse_error("changed()").column == 9);          // no glob
  CHECK(parse_error("changed('a' 'b')").column == 13);  // missing ','
  CHECK(parse_error("true &&").column == 8);            // dangling operator
  CHECK_THAT(parse_error("").message, Catch::Contains("empty condition"));
  CHECK_THAT(parse_error("branch == 'a' ; rm").message, Catch::Contains("unexpected character \";\""));
}
