// Acceptance for OSV matching: advisories written by the test (SEMVER and
// ECOSYSTEM ranges, versions lists, last_affected, withdrawn, aliases; some
// as JSON files, the PyPI ones inside an all.zip) against a lockfile of every
// supported format give exactly the expected findings: rule id, file, line,
// fixed version in the message, severity from the CVSS vector.
#include <catch2/catch.hpp>
#include <set>

#include "deps_test_support.hpp"
#include "lockfile_fixtures.hpp"

namespace slipway::scan::deps {

namespace {

using nlohmann::json;
using test::line_of;
using test::range;

json events(std::initializer_list<std::pair<const char*, const char*>> list) {
  json out = json::array();
  for (const auto& [kind, version] : list) out.push_back({{kind, version}});
  return out;
}

// The lockfiles of the repository: path -> content.
const std::vector<std::pair<std::string, std::string>>& lockfiles() {
  static const std::vector<std::pair<std::string, std::string>> files = {
      {"package-lock.json", test::k_package_lock_v3},
      {"legacy/package-lock.json", test::k_package_lock_v1},
      {"web/yarn.lock", test::k_yarn_v1},
      {"berry/yarn.lock", test::k_yarn_berry},
      {"pnpm-lock.yaml", test::k_pnpm_v6},
      {"old/pnpm-lock.yaml", test::k_pnpm_v5},
      {"new/pnpm-lock.yaml", test::k_pnpm_v9},
      {"rust/Cargo.lock", test::k_cargo_lock},
      {"svc/go.mod", test::k_go_mod},
      {"svc/go.sum", test::k_go_sum},  // ignored: go.mod beside it
      {"tools/go.sum", test::k_go_sum},
      {"py/requirements.txt", test::k_requirements},
      {"poetry/poetry.lock", test::k_poetry_lock},
      {"pipenv/Pipfile.lock", test::k_pipfile_lock},
      {"uv/uv.lock", test::k_uv_lock},
      {"ruby/Gemfile.lock", test::k_gemfile_lock},
      {"php/composer.lock", test::k_composer_lock},
      {"cpp/conan.lock", test::k_conan_lock},
      {"dotnet/packages.lock.json", test::k_nuget_lock},
      {"java/gradle.lockfile", test::k_gradle_lockfile},
  };
  return files;
}

const std::string& content_of(const std::string& path) {
  for (const auto& [name, content] : lockfiles()) {
    if (name == path) return content;
  }
  FAIL("no fixture " << path);
  static const std::string none;
  return none;
}

// Writes the advisory database: JSON records for most ecosystems, an all.zip for PyPI.
void write_database(const std::filesystem::path& db) {
  std::vector<json> records;
  json lodash = test::osv_record("GHSA-p6mc-m468-83gw", "npm", "lodash",
                                 range("SEMVER", events({{"introduced", "0"}, {"fixed", "4.17.19"}})));
  lodash["aliases"] = {"CVE-2020-8203"};
  lodash["severity"] =
      json::array({{{"type", "CVSS_V3"}, {"score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"}}});
  records.push_back(lodash);
  json withdrawn = test::osv_record("GHSA-wwww-wwww-wwww", "npm", "lodash",
                                    range("SEMVER", events({{"introduced", "0"}})));
  withdrawn["withdrawn"] = "2023-01-01T00:00:00Z";
  records.push_back(withdrawn);
  records.push_back(
      test::osv_record("GHSA-vh95-rmgr-6w4m", "npm", "minimist", json::array(), {"0.0.8", "1.2.0"}));
  records.push_back(test::osv_record("GHSA-safe-left-pad1", "npm", "left-pad",
                                     range("SEMVER", events({{"introduced", "2.0.0"}}))));
  records.push_back(test::osv_record("GHSA-scop-safe-0001", "npm", "@scope/safe",
                                     range("SEMVER", events({{"introduced", "0"}, {"fixed", "1.0.0"}}))));
  records.push_back(test::osv_record("RUSTSEC-2021-0003", "crates.io", "smallvec",
                                     range("SEMVER", events({{"introduced", "0.6.3"},
                                                             {"fixed", "0.6.14"},
                                                             {"introduced", "1.0.0"},
                                                             {"fixed", "1.6.1"}}))));
  records.push_back(test::osv_record("RUSTSEC-2099-0001", "crates.io", "myapp",
                                     range("SEMVER", events({{"introduced", "0"}}))));
  records.push_back(test::osv_record("RUSTSEC-2099-0002", "crates.io", "patched",
                                     range("SEMVER", events({{"introduced", "0"}}))));
  records.push_back(test::osv_record("GO-2021-0113", "Go", "golang.org/x/text",
                                     range("SEMVER", events({{"introduced", "0"}, {"fixed", "0.3.7"}}))));
  records.push_back(test::osv_record("GO-2022-1144", "Go", "golang.org/x/net",
                                     range("SEMVER", events({{"introduced", "0"}, {"fixed", "0.7.0"}}))));
  records.push_back(
      test::osv_record("GO-2099-0001", "Go", "example.com/new",
                       range("ECOSYSTEM", events({{"introduced", "0"}, {"last_affected", "1.0.0"}}))));
  records.push_back(test::osv_record("GO-2099-0002", "Go", "example.com/old",
                                     range("SEMVER", events({{"introduced", "0"}}))));
  records.push_back(test::osv_record("GO-2099-0003", "Go", "example.com/local",
                                     range("SEMVER", events({{"introduced", "0"}}))));
  json nokogiri = test::osv_record("GHSA-xxxx-nokogiri1", "RubyGems", "nokogiri",
                                   range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "1.13.4"}})));
  nokogiri["database_specific"] = {{"severity", "HIGH"}};
  records.push_back(nokogiri);
  records.push_back(
      test::osv_record("GHSA-rack-rack-rack", "RubyGems", "rack",
                       range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "2.2.3.1"}}))));
  records.push_back(test::osv_record("GHSA-mygm-mygm-mygm", "RubyGems", "mygem",
                                     range("ECOSYSTEM", events({{"introduced", "0"}}))));
  records.push_back(
      test::osv_record("GHSA-symf-http-kern", "Packagist", "symfony/http-kernel",
                       range("ECOSYSTEM", events({{"introduced", "5.0.0"}, {"fixed", "5.4.20"}}))));
  records.push_back(test::osv_record("GHSA-mono-mono-mono", "Packagist", "monolog/monolog",
                                     range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "1.25.2"}}))));
  records.push_back(test::osv_record("GHSA-phpu-phpu-phpu", "Packagist", "phpunit/phpunit",
                                     range("ECOSYSTEM", events({{"introduced", "0"}}))));
  records.push_back(test::osv_record("CVE-2018-25032", "ConanCenter", "zlib",
                                     range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "1.2.12"}}))));
  records.push_back(test::osv_record("CVE-2099-00001", "ConanCenter", "fmt", json::array(), {"8.0.0"}));
  records.push_back(test::osv_record("GHSA-5crp-9r3c-p9vr", "NuGet", "Newtonsoft.Json",
                                     range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "13.0.1"}}))));
  records.push_back(test::osv_record("GHSA-seri-seri-seri", "NuGet", "serilog",
                                     range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "2.10.0"}}))));
  records.push_back(
      test::osv_record("GHSA-jack-jack-jack", "Maven", "com.fasterxml.jackson.core:jackson-databind",
                       range("ECOSYSTEM", events({{"introduced", "2.9.0"}, {"fixed", "2.9.9"}}))));
  json log4j =
      test::osv_record("GHSA-jfh8-c2jp-5v3q", "Maven", "org.apache.logging.log4j:log4j-core",
                       range("ECOSYSTEM", events({{"introduced", "2.0-beta9"}, {"fixed", "2.15.0"}})));
  log4j["severity"] =
      json::array({{{"type", "CVSS_V3"}, {"score", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H"}}});
  records.push_back(log4j);
  records.push_back(
      test::osv_record("GHSA-slf4-slf4-slf4", "Maven", "org.slf4j:slf4j-api",
                       range("ECOSYSTEM", events({{"introduced", "2.0.0-alpha1"}, {"fixed", "2.0.1"}}))));
  records.push_back(test::osv_record("GHSA-unus-unus-unus", "npm", "not-installed",
                                     range("SEMVER", events({{"introduced", "0"}}))));
  for (const json& record : records) {
    std::ofstream(db / "records" / (record["id"].get<std::string>() + ".json")) << record.dump(2);
  }

  std::map<std::string, std::string> pypi;
  json django_ghsa =
      test::osv_record("GHSA-2gwj-7jmv-h26r", "PyPI", "django",
                       range("ECOSYSTEM", events({{"introduced", "3.2"}, {"fixed", "3.2.13"}})));
  django_ghsa["aliases"] = {"CVE-2022-28346"};
  django_ghsa["database_specific"] = {{"severity", "CRITICAL"}};
  json django_pysec =
      test::osv_record("PYSEC-2022-190", "PyPI", "Django",
                       range("ECOSYSTEM", events({{"introduced", "3.2"}, {"fixed", "3.2.13"}})));
  django_pysec["aliases"] = {"CVE-2022-28346", "GHSA-2gwj-7jmv-h26r"};
  json jinja_old =
      test::osv_record("GHSA-jinj-aold-0001", "PyPI", "jinja2",
                       range("ECOSYSTEM", events({{"introduced", "0"}, {"last_affected", "2.11.2"}})));
  json jinja_new =
      test::osv_record("GHSA-h5c8-rqwp-cp95", "PyPI", "Jinja2",
                       range("ECOSYSTEM", events({{"introduced", "3.0.0"}, {"fixed", "3.1.3"}})));
  json urllib3 =
      test::osv_record("GHSA-urll-ib3s-0001", "PyPI", "urllib3",
                       range("ECOSYSTEM", events({{"introduced", "0"}, {"last_affected", "1.26.17"}})));
  json pyyaml = test::osv_record("PYSEC-2020-96", "PyPI", "PyYAML",
                                 range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "5.4"}})));
  json flask = test::osv_record("GHSA-562c-5r94-xh97", "PyPI", "Flask",
                                range("ECOSYSTEM", events({{"introduced", "0"}, {"fixed", "0.12.3"}})));
  json click = test::osv_record("GHSA-clic-clic-clic", "PyPI", "click", json::array(), {"7.0"});
  json app = test::osv_record("GHSA-appp-appp-appp", "PyPI", "app",
                              range("ECOSYSTEM", events({{"introduced", "0"}})));
  json mylib = test::osv_record("GHSA-myli-myli-myli", "PyPI", "mylib",
                                range("ECOSYSTEM", events({{"introduced", "0"}})));
  for (const json* record : {&django_ghsa, &django_pysec, &jinja_old, &jinja_new, &urllib3, &pyyaml, &flask,
                             &click, &app, &mylib}) {
    pypi[(*record)["id"].get<std::string>() + ".json"] = record->dump();
  }
  pypi["README.txt"] = "not a record";
  test::write_zip(db / "PyPI" / "all.zip", pypi);
}

struct ExpectedFinding {
  std::string rule;
  std::string path;
  std::string line_marker;  // text of the package's line in the lockfile
  int line_offset = 0;      // added to the marker's line
  std::string fixed;        // "" = no fixed version known
};

}  // namespace

TEST_CASE("every lockfile format against test-written OSV advisories gives exactly the expected findings",
          "[deps][scan]") {
  test::Repo repo;
  for (const auto& [path, content] : lockfiles()) repo.write(path, content);
  slipway::test::TempFolder db;
  std::filesystem::create_directories(db.path() / "records");
  write_database(db.path());
  const model::Config config = test::deps_config(db.path().string());
  std::vector<std::string> notes;
  ScanOptions options = test::options_for(repo, config);
  options.on_note = [&](const std::string& line) { notes.push_back(line); };

  auto outcome = scan_dependencies(options);
  REQUIRE(outcome.ok());

  const std::vector<ExpectedFinding> expected = {
      {"GHSA-p6mc-m468-83gw", "package-lock.json", "\"node_modules/lodash\"", 0, "4.17.19"},
      {"GHSA-vh95-rmgr-6w4m", "legacy/package-lock.json", "\"minimist\": {", 0, ""},
      {"GHSA-vh95-rmgr-6w4m", "web/yarn.lock", "\"minimist@^1.2.0\"", 0, ""},
      {"GHSA-p6mc-m468-83gw", "berry/yarn.lock", "\"lodash@npm:^4.17.0", 0, "4.17.19"},
      {"GHSA-p6mc-m468-83gw", "pnpm-lock.yaml", "/lodash@4.17.4:", 0, "4.17.19"},
      {"GHSA-p6mc-m468-83gw", "old/pnpm-lock.yaml", "/lodash/4.17.11:", 0, "4.17.19"},
      {"RUSTSEC-2021-0003", "rust/Cargo.lock", "name = \"smallvec\"", -1, "1.6.1"},
      {"GO-2021-0113", "svc/go.mod", "golang.org/x/text v0.3.5", 0, "0.3.7"},
      {"GO-2022-1144", "svc/go.mod", "require golang.org/x/net", 0, "0.7.0"},
      {"GO-2099-0001", "svc/go.mod", "example.com/old v1.2.0", 0, ""},
      {"GO-2021-0113", "tools/go.sum", "golang.org/x/text v0.3.6 h1:", 0, "0.3.7"},
      {"GHSA-2gwj-7jmv-h26r", "py/requirements.txt", "Django==", 0, "3.2.13"},
      {"GHSA-jinj-aold-0001", "py/requirements.txt", "Jinja2[i18n]", 0, ""},
      {"PYSEC-2020-96", "poetry/poetry.lock", "[[package]]", 0, "5.4"},
      {"GHSA-562c-5r94-xh97", "pipenv/Pipfile.lock", "\"flask\"", 0, "0.12.3"},
      {"GHSA-h5c8-rqwp-cp95", "uv/uv.lock", "version = \"3.1.2\"", -2, "3.1.3"},
      {"GHSA-xxxx-nokogiri1", "ruby/Gemfile.lock", "nokogiri (", 0, "1.13.4"},
      {"GHSA-symf-http-kern", "php/composer.lock", "\"name\": \"symfony", -1, "5.4.20"},
      {"CVE-2018-25032", "cpp/conan.lock", "zlib/", 0, "1.2.12"},
      {"GHSA-5crp-9r3c-p9vr", "dotnet/packages.lock.json", "\"Newtonsoft.Json\"", 0, "13.0.1"},
      {"GHSA-jack-jack-jack", "java/gradle.lockfile", "jackson-databind", 0, "2.9.9"},
      {"GHSA-jfh8-c2jp-5v3q", "java/gradle.lockfile", "log4j-core", 0, "2.15.0"},
  };
  std::multiset<std::string> want;
  for (const ExpectedFinding& finding : expected) {
    const int line = line_of(content_of(finding.path), finding.line_marker) + finding.line_offset;
    REQUIRE(line > 0);
    want.insert(finding.rule + " " + finding.path + ":" + std::to_string(line) + " " +
                (finding.fixed.empty() ? "No fixed version is known." : "Fixed in " + finding.fixed + "."));
  }
  std::multiset<std::string> got;
  for (const model::Finding& finding : outcome->findings) {
    const std::string& message = finding.message;
    const std::size_t tail = message.rfind(". ");
    got.insert(finding.rule_id + " " + finding.location.path + ":" +
               std::to_string(finding.location.start_line) + " " +
               (tail == std::string::npos ? message : message.substr(tail + 2)));
    CHECK(finding.tool == "slipway-scan");
    REQUIRE(finding.security_severity.has_value());
    CHECK(finding.severity == to_model_severity(*finding.security_severity));
  }
  CHECK(got == want);

  // Severities: CVSS vectors scored, labels mapped, the rest medium.
  for (const model::Finding& finding : outcome->findings) {
    if (finding.rule_id == "GHSA-p6mc-m468-83gw") CHECK(*finding.security_severity == Approx(9.8));
    if (finding.rule_id == "GHSA-jfh8-c2jp-5v3q") CHECK(*finding.security_severity == Approx(10.0));
    if (finding.rule_id == "GHSA-xxxx-nokogiri1") CHECK(*finding.security_severity == Approx(7.0));
    if (finding.rule_id == "GHSA-2gwj-7jmv-h26r") {
      // Merged with PYSEC-2022-190 through the aliases: one finding naming every id.
      CHECK(*finding.security_severity == Approx(9.0));
      CHECK(finding.message.find("CVE-2022-28346") != std::string::npos);
      CHECK(finding.message.find("PYSEC-2022-190") != std::string::npos);
      CHECK(finding.message.find("Django 3.2.0 (PyPI)") == 0);
    }
    if (finding.rule_id == "GHSA-vh95-rmgr-6w4m") CHECK(*finding.security_severity == Approx(5.0));
  }

  // Rules: the malformed-lockfile rule plus one per advisory that fired.
  std::set<std::string> rule_ids;
  for (const model::RuleInfo& rule : outcome->rules) {
    rule_ids.insert(rule.id);
    CHECK(rule.security_severity.has_value());
    CHECK_FALSE(rule.help.empty());
    CHECK_FALSE(rule.short_description.empty());
  }
  std::set<std::string> fired{"deps/malformed-lockfile"};
  for (const ExpectedFinding& finding : expected) fired.insert(finding.rule);
  CHECK(rule_ids == fired);

  // Every lockfile except the go.sum beside a go.mod was checked.
  CHECK(outcome->checked.size() == lockfiles().size() - 1);
  CHECK_FALSE(notes.empty());
}

TEST_CASE("scan.deps.ignore drops an advisory by any of its ids, exclude and scope pick lockfiles",
          "[deps][scan]") {
  test::Repo repo;
  repo.write("a/package-lock.json", test::k_package_lock_v3);
  repo.write("b/package-lock.json", test::k_package_lock_v3);
  repo.write("fixtures/package-lock.json", test::k_package_lock_v3);
  slipway::test::TempFolder db;
  json lodash = test::osv_record("GHSA-p6mc-m468-83gw", "npm", "lodash",
                                 range("SEMVER", events({{"introduced", "0"}, {"fixed", "4.17.19"}})));
  lodash["aliases"] = {"CVE-2020-8203"};
  db.write("lodash.json", lodash.dump());

  auto count = [&](const std::map<std::string, std::string>& settings, std::vector<std::string> selected) {
    const model::Config config = test::deps_config(db.path().string(), settings);
    ScanOptions options = test::options_for(repo, config);
    if (!selected.empty()) options.files = std::move(selected);
    auto outcome = scan_dependencies(options);
    REQUIRE(outcome.ok());
    return outcome->findings.size();
  };
  CHECK(count({}, {}) == 3);
  CHECK(count({{"scan.deps.exclude", "fixtures/"}}, {}) == 2);
  CHECK(count({{"scan.deps.ignore", "CVE-2020-8203"}}, {}) == 0);
  CHECK(count({{"scan.deps.scope", "selected"}}, {"b/package-lock.json"}) == 1);
  CHECK(count({}, {"b/package-lock.json"}) == 3);  // scope all: every lockfile of the repository
}

TEST_CASE("a missing advisory database is an error naming both fixes", "[deps][scan]") {
  test::Repo repo;
  repo.write("package-lock.json", test::k_package_lock_v3);
  slipway::test::TempFolder db;
  for (const std::string& dir : {(db.path() / "missing").string(), db.path().string()}) {
    const model::Config config = test::deps_config(dir);
    auto outcome = scan_dependencies(test::options_for(repo, config));
    REQUIRE_FALSE(outcome.ok());
    CHECK(outcome.error().message.find("no advisory database") != std::string::npos);
    CHECK(outcome.error().hint.find("--update-db") != std::string::npos);
    CHECK(outcome.error().hint.find("scan.deps.db-dir") != std::string::npos);
  }
  // Without lockfiles no database is needed.
  test::Repo empty;
  empty.write("README.md", "hello\n");
  const model::Config config = test::deps_config((db.path() / "missing").string());
  auto outcome = scan_dependencies(test::options_for(empty, config));
  REQUIRE(outcome.ok());
  CHECK(outcome->findings.empty());
}

TEST_CASE("a damaged cached archive is an error, an unreadable record a note", "[deps][scan]") {
  test::Repo repo;
  repo.write("package-lock.json", test::k_package_lock_v3);
  slipway::test::TempFolder db;
  db.write("npm/all.zip", "PK\x03\x04 this is not really a zip");
  const model::Config config = test::deps_config(db.path().string());
  auto damaged = scan_dependencies(test::options_for(repo, config));
  REQUIRE_FALSE(damaged.ok());
  CHECK(damaged.error().hint.find("--update-db") != std::string::npos);

  slipway::test::TempFolder db2;
  db2.write("broken.json", "{\"id\": \"X\", \"affected\": [{\"package\": {\"name\": \"lodash\"");
  const model::Config config2 = test::deps_config(db2.path().string());
  auto outcome = scan_dependencies(test::options_for(repo, config2));
  REQUIRE(outcome.ok());
  CHECK(outcome->findings.empty());
  bool noted = false;
  for (const std::string& note : outcome->notes)
    noted = noted || note.find("unreadable advisory") != std::string::npos;
  CHECK(noted);
}

}  // namespace slipway::scan::deps
