// A deterministic mutation sweep over every lockfile parser: truncations,
// byte flips and inserted structural characters of the realistic fixtures.
// No input may make a parser throw (the parse_lockfile() safety net is not
// used here), crash (run it under the sanitizer build too), or report a line
// outside the file.
#include <algorithm>
#include <catch2/catch.hpp>
#include <random>

#include "deps_test_support.hpp"
#include "lockfile_fixtures.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"

namespace slipway::scan::deps {

TEST_CASE("every parser survives mutated input and reports lines inside the file", "[deps][robustness]") {
  const std::vector<std::pair<std::string, std::string>> fixtures = {
      {"package-lock.json", test::k_package_lock_v3},
      {"package-lock.json", test::k_package_lock_v1},
      {"yarn.lock", test::k_yarn_v1},
      {"yarn.lock", test::k_yarn_berry},
      {"pnpm-lock.yaml", test::k_pnpm_v6},
      {"pnpm-lock.yaml", test::k_pnpm_v5},
      {"Cargo.lock", test::k_cargo_lock},
      {"go.mod", test::k_go_mod},
      {"go.sum", test::k_go_sum},
      {"requirements.txt", test::k_requirements},
      {"poetry.lock", test::k_poetry_lock},
      {"Pipfile.lock", test::k_pipfile_lock},
      {"uv.lock", test::k_uv_lock},
      {"Gemfile.lock", test::k_gemfile_lock},
      {"composer.lock", test::k_composer_lock},
      {"conan.lock", test::k_conan_lock},
      {"conan.lock", test::k_conan_lock_v1},
      {"packages.lock.json", test::k_nuget_lock},
      {"gradle.lockfile", test::k_gradle_lockfile},
  };
  const std::string structural("\"'[]{}():=,@#\\\n\t \x00\xff", 19);
  std::mt19937 random(20240601);
  for (const auto& [name, original] : fixtures) {
    const auto kind = lockfile_kind(name);
    REQUIRE(kind.has_value());
    for (int round = 0; round < 200; ++round) {
      std::string text = original;
      const int edits = 1 + static_cast<int>(random() % 4);
      for (int e = 0; e < edits && !text.empty(); ++e) {
        const std::size_t at = random() % text.size();
        switch (random() % 4) {
          case 0:
            text.resize(at);
            break;
          case 1:
            text[at] = structural[random() % structural.size()];
            break;
          case 2:
            text.insert(at, 1, structural[random() % structural.size()]);
            break;
          default:
            text.erase(at, 1 + random() % 8);
            break;
        }
      }
      const int lines = 1 + static_cast<int>(std::count(text.begin(), text.end(), '\n'));
      LockfileContents contents;
      REQUIRE_NOTHROW(contents = kind->parse(text, name));  // the parser itself, not the catching wrapper
      for (const LockfileProblem& problem : contents.problems) {
        INFO(name << " round " << round << ": " << problem.message);
        CHECK(problem.line >= 0);
        CHECK(problem.line <= lines);
      }
      for (const Package& package : contents.packages) {
        INFO(name << " round " << round << ": " << package.name << " " << package.version);
        CHECK(package.line >= 1);
        CHECK(package.line <= lines);
        CHECK_FALSE(package.name.empty());
        CHECK_FALSE(package.version.empty());
      }
    }
  }
}

}  // namespace slipway::scan::deps
