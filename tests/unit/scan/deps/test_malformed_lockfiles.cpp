// Malformed lockfiles of every format: a deps/malformed-lockfile finding at
// the offending line (never a crash, never silence), the rest of the file
// still scanned where the format allows; with scan.deps.strict an Error with
// file and line. Also binary content, invalid UTF-8, absurd nesting.
#include <catch2/catch.hpp>

#include "deps_test_support.hpp"

namespace slipway::scan::deps {

namespace {

struct Broken {
  std::string path;
  std::string content;
  int line;  // where the finding must point
};

const std::vector<Broken>& broken_files() {
  static const std::vector<Broken> files = {
      {"npm/package-lock.json",
       "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\"version\": 1.0.0}\n  "
       "}\n}\n",
       4},
      {"npm2/package-lock.json",
       "{\n  \"lockfileVersion\": 3,\n  \"packages\": {\n    \"node_modules/a\": {\"resolved\": \"x\"}\n  "
       "}\n}\n",
       4},
      {"yarn/yarn.lock", "# yarn lockfile v1\n\n  version \"1.0.0\"\nok@^1.0.0:\n  version \"1.0.0\"\n", 3},
      {"yarn2/yarn.lock",
       "# yarn lockfile v1\n\nleft-pad@^1.0.0:\n  version \"1.3.0\"\n\nno-colon@^1.0.0\n  version "
       "\"1.0.0\"\n",
       6},
      {"pnpm/pnpm-lock.yaml",
       "lockfileVersion: '6.0'\n\npackages:\n  /a@1.0.0:\n    resolution: {integrity: x\n  /b@1.0.0:\n", 6},
      {"rust/Cargo.lock", "version = 3\n\n[[package]]\nname \"serde\"\nversion = \"1.0.0\"\n", 4},
      {"rust2/Cargo.lock",
       "[[package]]\nname = \"serde\"\nsource = \"registry+https://github.com/rust-lang/crates.io-index\"\n",
       1},
      {"go/go.mod", "module x\n\nrequire golang.org/x/text\n", 3},
      {"go2/go.mod", "module x\n\nrequire (\n\tgolang.org/x/text v0.3.5\n", 3},
      {"go3/go.mod", "module x\nfrobnicate everything\n", 2},
      {"gosum/go.sum", "golang.org/x/text v0.3.6 h1:abc=\ngolang.org/x/text\n", 2},
      {"py/requirements.txt", "requests==2.0.0\n==1.0\n", 2},
      {"py2/requirements-dev.txt", "flask[async==2.0.0\n", 1},
      {"poetry/poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1.0\n", 3},
      {"poetry2/poetry.lock", "[[package]]\nname = \"a\"\nversion = \"1.0\"\nthis is not toml\n", 4},
      {"pipenv/Pipfile.lock", "{\n  \"default\": {\n    \"flask\": {\"version\": \"==1.0\"},,\n  }\n}\n", 3},
      {"uv/uv.lock",
       "version = 1\n\n[[package]]\nversion = \"1.0\"\nsource = { registry = \"https://pypi.org/simple\" }\n",
       3},
      {"uv2/uv.lock", "[[package]]\nname = \"a\"\nversion = \"1.0\"\ndependencies = [\n  { name = \"b\" },\n",
       4},
      {"ruby/Gemfile.lock",
       "GEM\n  remote: https://rubygems.org/\n  specs:\n    brokenline\n\nPLATFORMS\n  ruby\n", 4},
      {"ruby2/Gemfile.lock", "    rack (2.2.4)\nGEM\n", 1},
      {"php/composer.lock", "{\n  \"packages\": [\n    {\"name\": \"a/b\"}\n  ]\n}\n", 3},
      {"cpp/conan.lock", "{\n  \"version\": \"0.5\",\n  \"requires\": [\n    \"zlib\"\n  ]\n}\n", 4},
      {"cpp2/conan.lock", "{\"version\": \"0.5\"}\n", 1},
      {"dotnet/packages.lock.json", "{\n  \"version\": 1\n}\n", 1},
      {"dotnet2/packages.lock.json",
       "{\n  \"version\": 1,\n  \"dependencies\": {\n    \"net6.0\": {\n      \"A\": {\"type\": "
       "\"Direct\"}\n    }\n  }\n}\n",
       5},
      {"java/gradle.lockfile", "# comment\ncom.example:lib=compileClasspath\n", 2},
      {"bin/package-lock.json", std::string("{\"a\":\0\1\2}", 10), 1},
      {"utf8/package-lock.json",
       "{\n  \"packages\": {\"node_modules/\xff\xfe\": {\"version\": \"1.0.0\"}}\n}\n", 2},
      {"empty/Pipfile.lock", "", 1},
      {"deep/package-lock.json", std::string(100000, '[') + std::string(100000, ']'), 1},
      {"deep/pnpm-lock.yaml", "lockfileVersion: '6.0'\npackages: " + std::string(5000, '[') + "\n", 2},
  };
  return files;
}

}  // namespace

TEST_CASE("malformed lockfiles of every format give a finding at the line", "[deps][malformed]") {
  test::Repo repo;
  for (const Broken& file : broken_files()) repo.write(file.path, file.content);
  slipway::test::TempFolder db;
  db.write("unrelated.json",
           test::osv_record("GHSA-none", "npm", "nothing", nlohmann::json::array(), {"1.0"}).dump());
  const model::Config config = test::deps_config(db.path().string());
  auto outcome = scan_dependencies(test::options_for(repo, config));
  REQUIRE(outcome.ok());
  for (const Broken& file : broken_files()) {
    INFO(file.path);
    bool found = false;
    for (const model::Finding& finding : outcome->findings) {
      if (finding.location.path != file.path) continue;
      CHECK(finding.rule_id == "deps/malformed-lockfile");
      CHECK(finding.security_severity.has_value());
      if (finding.location.start_line == file.line) found = true;
      UNSCOPED_INFO(finding.location.start_line << ": " << finding.message);
    }
    CHECK(found);
  }
}

TEST_CASE("the valid entries of a partly malformed lockfile are still scanned", "[deps][malformed]") {
  test::Repo repo;
  repo.write("yarn.lock",
             "# yarn lockfile v1\n\nleft-pad@^1.0.0:\n  version \"1.3.0\"\n\nno-colon@^1.0.0\n  version "
             "\"1.0.0\"\n");
  slipway::test::TempFolder db;
  db.write(
      "left-pad.json",
      test::osv_record("GHSA-left-pad0-0001", "npm", "left-pad", nlohmann::json::array(), {"1.3.0"}).dump());
  const model::Config config = test::deps_config(db.path().string());
  auto outcome = scan_dependencies(test::options_for(repo, config));
  REQUIRE(outcome.ok());
  std::vector<std::string> rules;
  for (const model::Finding& finding : outcome->findings) rules.push_back(finding.rule_id);
  std::sort(rules.begin(), rules.end());
  CHECK(rules == std::vector<std::string>{"GHSA-left-pad0-0001", "deps/malformed-lockfile"});
}

TEST_CASE("scan.deps.strict turns a malformed lockfile into an error with file and line",
          "[deps][malformed]") {
  test::Repo repo;
  repo.write("go.mod", "module x\n\nrequire golang.org/x/text\n");
  slipway::test::TempFolder db;
  const model::Config config = test::deps_config(db.path().string(), {{"scan.deps.strict", "true"}});
  auto outcome = scan_dependencies(test::options_for(repo, config));
  REQUIRE_FALSE(outcome.ok());
  CHECK(outcome.error().file == "go.mod");
  CHECK(outcome.error().line == 3);
  CHECK(outcome.error().hint.find("scan.deps.strict") != std::string::npos);
}

}  // namespace slipway::scan::deps
