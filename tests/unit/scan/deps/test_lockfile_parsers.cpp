// Every lockfile parser on a realistic file: exactly the registry packages
// it pins, with ecosystem, name, version and the line of the entry; nothing
// from workspaces, links or git/path sources; no problems.
#include <algorithm>
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "deps_test_support.hpp"
#include "lockfile_fixtures.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"

namespace slipway::scan::deps {

namespace {

using test::line_of;
// "ecosystem name version @line", so that failures print readably; compared as sorted lists.
using Expected = std::string;

std::vector<Expected> sorted(std::vector<Expected> list) {
  std::sort(list.begin(), list.end());
  return list;
}

Expected e(const std::string& ecosystem, const std::string& name, const std::string& version, int line) {
  return ecosystem + " " + name + " " + version + " @" + std::to_string(line);
}

template <typename... Items>
std::vector<Expected> list(Items... items) {
  return sorted({items...});
}

std::vector<Expected> parse_as(const std::string& path, const std::string& text) {
  const auto kind = lockfile_kind(path);
  REQUIRE(kind.has_value());
  const LockfileContents contents = parse_lockfile(*kind, text, path);
  for (const LockfileProblem& problem : contents.problems)
    FAIL_CHECK(path << ":" << problem.line << ": " << problem.message);
  std::vector<Expected> out;
  for (const Package& package : contents.packages) {
    CHECK(package.file == path);
    out.push_back(e(package.ecosystem, package.name, package.version, package.line));
  }
  return sorted(out);
}

}  // namespace

TEST_CASE("lockfile names map to formats", "[deps][parsers]") {
  CHECK(lockfile_kind("package-lock.json")->format == "package-lock.json");
  CHECK(lockfile_kind("a/b/npm-shrinkwrap.json")->format == "package-lock.json");
  CHECK(lockfile_kind("requirements.txt")->ecosystem == "PyPI");
  CHECK(lockfile_kind("requirements-dev.txt")->ecosystem == "PyPI");
  CHECK(lockfile_kind("py/requirements_test.txt")->ecosystem == "PyPI");
  CHECK(lockfile_kind("gradle.lockfile")->ecosystem == "Maven");
  CHECK(lockfile_kind("src/packages.lock.json")->ecosystem == "NuGet");
  CHECK_FALSE(lockfile_kind("package.json").has_value());
  CHECK_FALSE(lockfile_kind("my-requirements.txt").has_value());
  CHECK_FALSE(lockfile_kind("requirements.txt.bak").has_value());
  CHECK_FALSE(lockfile_kind("Cargo.toml").has_value());
}

TEST_CASE("package-lock.json v3: packages by folder, aliases, no links or git", "[deps][parsers]") {
  const std::string& text = test::k_package_lock_v3;
  CHECK(parse_as("package-lock.json", text) ==
        list(e("npm", "lodash", "4.17.15", line_of(text, "\"node_modules/lodash\"")),
             e("npm", "left-pad", "1.3.0", line_of(text, "\"node_modules/left-pad\"")),
             e("npm", "string-width", "4.2.3", line_of(text, "\"node_modules/string-width-cjs\""))));
}

TEST_CASE("package-lock.json v1: nested dependencies", "[deps][parsers]") {
  const std::string& text = test::k_package_lock_v1;
  CHECK(parse_as("package-lock.json", text) ==
        list(e("npm", "lodash", "4.17.21", line_of(text, "\"lodash\": {")),
             e("npm", "mkdirp", "0.5.1", line_of(text, "\"mkdirp\"")),
             e("npm", "minimist", "0.0.8", line_of(text, "\"minimist\": {"))));
}

TEST_CASE("yarn.lock v1 and Berry", "[deps][parsers]") {
  const std::string& v1 = test::k_yarn_v1;
  CHECK(parse_as("yarn.lock", v1) ==
        list(e("npm", "chalk", "4.1.0", line_of(v1, "chalk@^4.1.0:")),
             e("npm", "minimist", "1.2.0", line_of(v1, "\"minimist@^1.2.0\"")),
             e("npm", "@babel/code-frame", "7.12.13", line_of(v1, "\"@babel/code-frame"))));
  const std::string& berry = test::k_yarn_berry;
  CHECK(parse_as("yarn.lock", berry) ==
        list(e("npm", "lodash", "4.17.10", line_of(berry, "\"lodash@npm:^4.17.0"))));
}

TEST_CASE("pnpm-lock.yaml 5.x, 6.x and 9.x keys", "[deps][parsers]") {
  CHECK(parse_as("pnpm-lock.yaml", test::k_pnpm_v6) ==
        list(e("npm", "lodash", "4.17.4", line_of(test::k_pnpm_v6, "/lodash@4.17.4:")),
             e("npm", "@scope/safe", "1.0.0", line_of(test::k_pnpm_v6, "/@scope/safe@"))));
  CHECK(parse_as("pnpm-lock.yaml", test::k_pnpm_v5) ==
        list(e("npm", "lodash", "4.17.11", line_of(test::k_pnpm_v5, "/lodash/4.17.11:")),
             e("npm", "@types/node", "18.0.0", line_of(test::k_pnpm_v5, "/@types/node/"))));
  CHECK(parse_as("pnpm-lock.yaml", test::k_pnpm_v9) ==
        list(e("npm", "@scope/thing", "2.0.0", line_of(test::k_pnpm_v9, "'@scope/thing@2.0.0':")),
             e("npm", "lodash", "4.17.21", line_of(test::k_pnpm_v9, "lodash@4.17.21:"))));
}

TEST_CASE("Cargo.lock: registry crates only", "[deps][parsers]") {
  const std::string& text = test::k_cargo_lock;
  const int serde = line_of(text, "name = \"serde\"") - 1;
  const int smallvec = line_of(text, "name = \"smallvec\"") - 1;
  CHECK(parse_as("Cargo.lock", text) ==
        list(e("crates.io", "serde", "1.0.130", serde), e("crates.io", "smallvec", "1.6.0", smallvec)));
}

TEST_CASE("go.mod with blocks and replace; go.sum", "[deps][parsers]") {
  const std::string& text = test::k_go_mod;
  CHECK(parse_as("go.mod", text) ==
        list(e("Go", "github.com/pkg/errors", "0.9.1", line_of(text, "github.com/pkg/errors")),
             e("Go", "golang.org/x/text", "0.3.5", line_of(text, "golang.org/x/text")),
             e("Go", "example.com/new", "1.0.0", line_of(text, "example.com/old v1.2.0")),
             e("Go", "golang.org/x/net", "0.0.0-20220722155237-a158d28d115b",
               line_of(text, "require golang.org/x/net"))));
  CHECK(parse_as("go.sum", test::k_go_sum) == list(e("Go", "golang.org/x/text", "0.3.6", 1)));
}

TEST_CASE("requirements.txt: pins only", "[deps][parsers]") {
  const std::string& text = test::k_requirements;
  CHECK(parse_as("requirements.txt", text) ==
        list(e("PyPI", "Django", "3.2.0", line_of(text, "Django==")),
             e("PyPI", "urllib3", "1.26.18", line_of(text, "urllib3==")),
             e("PyPI", "Jinja2", "2.11.2", line_of(text, "Jinja2[i18n]"))));
}

TEST_CASE("poetry.lock, Pipfile.lock and uv.lock", "[deps][parsers]") {
  CHECK(parse_as("poetry.lock", test::k_poetry_lock) ==
        list(e("PyPI", "pyyaml", "5.3", line_of(test::k_poetry_lock, "[[package]]"))));
  CHECK(parse_as("Pipfile.lock", test::k_pipfile_lock) ==
        list(e("PyPI", "flask", "0.12", line_of(test::k_pipfile_lock, "\"flask\"")),
             e("PyPI", "click", "8.1.3", line_of(test::k_pipfile_lock, "\"click\""))));
  const int jinja = line_of(test::k_uv_lock, "version = \"3.1.2\"") - 2;
  CHECK(parse_as("uv.lock", test::k_uv_lock) == list(e("PyPI", "jinja2", "3.1.2", jinja)));
}

TEST_CASE("Gemfile.lock: GEM specs without platform suffix", "[deps][parsers]") {
  const std::string& text = test::k_gemfile_lock;
  CHECK(parse_as("Gemfile.lock", text) ==
        list(e("RubyGems", "nokogiri", "1.13.3", line_of(text, "nokogiri (")),
             e("RubyGems", "racc", "1.6.0", line_of(text, "racc (1.6.0)")),
             e("RubyGems", "rack", "2.2.4", line_of(text, "rack (2.2.4)"))));
}

TEST_CASE("composer.lock, conan.lock, packages.lock.json, gradle.lockfile", "[deps][parsers]") {
  CHECK(parse_as("composer.lock", test::k_composer_lock) ==
        list(e("Packagist", "symfony/http-kernel", "5.4.1",
               line_of(test::k_composer_lock, "\"name\": \"symfony") - 1),
             e("Packagist", "monolog/monolog", "2.9.1",
               line_of(test::k_composer_lock, "\"name\": \"monolog") - 1)));
  CHECK(parse_as("conan.lock", test::k_conan_lock) ==
        list(e("ConanCenter", "zlib", "1.2.11", line_of(test::k_conan_lock, "zlib/")),
             e("ConanCenter", "fmt", "9.1.0", line_of(test::k_conan_lock, "fmt/"))));
  CHECK(parse_as("conan.lock", test::k_conan_lock_v1) ==
        list(e("ConanCenter", "openssl", "1.1.1k", line_of(test::k_conan_lock_v1, "\"1\": {"))));
  CHECK(parse_as("packages.lock.json", test::k_nuget_lock) ==
        list(e("NuGet", "Newtonsoft.Json", "12.0.3", line_of(test::k_nuget_lock, "\"Newtonsoft.Json\"")),
             e("NuGet", "Serilog", "2.12.0", line_of(test::k_nuget_lock, "\"Serilog\""))));
  const std::string& gradle = test::k_gradle_lockfile;
  CHECK(parse_as("gradle.lockfile", gradle) ==
        list(e("Maven", "com.fasterxml.jackson.core:jackson-databind", "2.9.8",
               line_of(gradle, "jackson-databind")),
             e("Maven", "org.apache.logging.log4j:log4j-core", "2.14.1", line_of(gradle, "log4j-core")),
             e("Maven", "org.slf4j:slf4j-api", "1.7.30", line_of(gradle, "slf4j-api"))));
}

}  // namespace slipway::scan::deps
