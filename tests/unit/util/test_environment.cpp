#include <catch2/catch.hpp>
#include <cstdlib>

#include "util/environment.hpp"

using namespace slipway::util;

TEST_CASE("current_environment reads the process environment", "[environment]") {
  ::setenv("SLIPWAY_TEST_ENV_VALUE", "a=b=c", 1);
  ::setenv("SLIPWAY_TEST_ENV_EMPTY", "", 1);
  const EnvMap env = current_environment();
  // Only the first '=' separates the name from the value.
  CHECK(env_get(env, "SLIPWAY_TEST_ENV_VALUE") == "a=b=c");
  CHECK(env.count("SLIPWAY_TEST_ENV_EMPTY") == 1);
  CHECK(env_get(env, "SLIPWAY_TEST_ENV_EMPTY").empty());
  ::unsetenv("SLIPWAY_TEST_ENV_VALUE");
  ::unsetenv("SLIPWAY_TEST_ENV_EMPTY");
  CHECK(current_environment().count("SLIPWAY_TEST_ENV_VALUE") == 0);
}

TEST_CASE("env_get gives an empty string for unset variables", "[environment]") {
  const EnvMap env{{"CI", "true"}};
  CHECK(env_get(env, "CI") == "true");
  CHECK(env_get(env, "GITHUB_ACTIONS").empty());
}
