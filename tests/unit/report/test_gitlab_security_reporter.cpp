// Tests for core/report/gitlab_security_reporter.cpp: GitLab's secret
// detection, SAST and dependency scanning reports. The schemas' required
// fields and the walker that checks them are in gitlab_required_fields.hpp.
#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <regex>
#include <set>
#include <sstream>

#include "gitlab_required_fields.hpp"
#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "report/reporters.hpp"
#include "report_test_support.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::report;
using Json = nlohmann::json;

namespace {

using namespace gitlab_schema;

// ---------------------------------------------------------------------------
// A scan-stage input with findings of every kind.

model::Finding scan_finding(std::string rule, std::string path, int line, std::optional<double> score,
                            std::string message, std::string fingerprint,
                            std::vector<std::pair<std::string, std::string>> properties = {}) {
  auto finding = test::make_finding("slipway-scan", std::move(rule), model::Severity::error, std::move(path),
                                    line, 1, std::move(message), std::move(fingerprint));
  finding.security_severity = score;
  finding.properties = std::move(properties);
  return finding;
}

model::ReportInput scan_input() {
  model::ReportInput input;
  input.tool_version = "0.3.0";
  input.stage = "scan";
  input.repo_root = "/work/repo";
  input.duration = std::chrono::milliseconds(90500);
  input.ci.commit = "0123456789abcdef0123456789abcdef01234567";
  input.notes = {"skipped big.bin: larger than scan.secrets.max-file-size"};

  // Secrets: one in the working tree, one found in history.
  input.findings.push_back(scan_finding("secret/aws-access-key", "config/.env", 2, 9.5,
                                        "AWS access key AKIA\xE2\x80\xA6", "fp-secret-tree"));
  input.findings.push_back(scan_finding("secret/github-pat", "deploy/old.sh", 7, 8.0,
                                        "GitHub token ghp_\xE2\x80\xA6", "fp-secret-history",
                                        {{"commit", "89abcdef0123456789abcdef0123456789abcdef"},
                                         {"author", "Dev One"},
                                         {"date", "2024-05-01T10:00:00Z"}}));
  // Misconfiguration, one per severity band below High, and one unscored.
  input.findings.push_back(scan_finding("config/dockerfile/latest-tag", "Dockerfile", 1, 5.0,
                                        "Base image uses the latest tag", "fp-config-medium"));
  input.findings.push_back(
      scan_finding("config/k8s/no-probe", "k8s/app.yaml", 12, 2.0, "No readiness probe", "fp-config-low"));
  input.findings.push_back(scan_finding("config/gitlab/unpinned-include", ".gitlab-ci.yml", 3, 0.0,
                                        "Note only", "fp-config-info"));
  input.findings.push_back(scan_finding("config/jenkins/unpinned-library", "Jenkinsfile", 0, std::nullopt,
                                        "Unpinned @Library", "fp-config-unscored"));
  // Advisories: two in one lockfile, one in another.
  input.findings.push_back(scan_finding("GHSA-35jh-r3h4-6jhm", "package-lock.json", 0, 9.8,
                                        "lodash 4.17.20 has a command injection; fixed in 4.17.21",
                                        "fp-dep-lodash",
                                        {{"package", "lodash"},
                                         {"version", "4.17.20"},
                                         {"ecosystem", "npm"},
                                         {"fixed-version", "4.17.21"},
                                         {"aliases", "CVE-2021-23337, GHSA-35jh-r3h4-6jhm"}}));
  input.findings.push_back(scan_finding("CVE-2021-3749", "package-lock.json", 0, 7.0,
                                        "axios 0.21.0 is vulnerable to ReDoS", "fp-dep-axios",
                                        {{"package", "axios"}, {"version", "0.21.0"}, {"ecosystem", "npm"}}));
  input.findings.push_back(scan_finding("PYSEC-2023-74", "requirements.txt", 3, 6.1,
                                        "requests 2.25.0 leaks Proxy-Authorization", "fp-dep-requests",
                                        {{"package", "requests"},
                                         {"version", "2.25.0"},
                                         {"ecosystem", "PyPI"},
                                         {"aliases", "CVE-2023-32681,GHSA-j8r2-6x86-q33q"}}));
  // Neither a secret, a misconfiguration nor an advisory with a package.
  input.findings.push_back(scan_finding("deps/malformed-lockfile", "yarn.lock", 4, 3.0,
                                        "yarn.lock: unexpected token", "fp-malformed"));
  input.findings.push_back(test::make_finding("slipway", "trailing-whitespace", model::Severity::warning,
                                              "src/a.sh", 3, 10, "Trailing whitespace", "fp-trailing"));

  model::RuleInfo rule;
  rule.tool = "slipway-scan";
  rule.id = "secret/aws-access-key";
  rule.short_description = "AWS access key";
  rule.help_uri = "https://example.com/rules/secret/aws-access-key";
  input.rules.push_back(rule);
  rule = {};
  rule.tool = "slipway-scan";
  rule.id = "config/dockerfile/latest-tag";
  rule.short_description = "Base image without a pinned tag";
  rule.help = "Pin the base image to a version tag or digest.";
  input.rules.push_back(rule);
  return input;
}

const std::chrono::system_clock::time_point k_end_time =
    std::chrono::sys_days{std::chrono::year{2026} / 3 / 1} + std::chrono::hours{12};

std::map<std::string, Json> render_by_file(const model::ReportInput& input,
                                           std::chrono::system_clock::time_point end = k_end_time) {
  std::map<std::string, Json> reports;
  for (const auto& report : render_gitlab_security(input, end)) {
    reports[report.file_name] = Json::parse(report.content);
  }
  return reports;
}

std::map<std::string, Json> by_primary_identifier(const Json& report) {
  std::map<std::string, Json> vulnerabilities;
  for (const auto& vulnerability : report["vulnerabilities"])
    vulnerabilities[vulnerability["identifiers"][0]["value"].get<std::string>()] = vulnerability;
  return vulnerabilities;
}

std::set<std::string> folder_entries(const std::filesystem::path& folder) {
  std::set<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) names.insert(entry.path().filename());
  return names;
}

}  // namespace

TEST_CASE("gitlab-security reports carry every field the 15.x schemas require", "[gitlab-security]") {
  const auto reports = render_by_file(scan_input());
  REQUIRE(reports.size() == 3);
  const std::vector<std::pair<std::string, std::string>> kinds = {
      {"gl-secret-detection-report.json", "secret_detection"},
      {"gl-sast-report.json", "sast"},
      {"gl-dependency-scanning-report.json", "dependency_scanning"}};
  for (const auto& [file, type] : kinds) {
    INFO(file);
    REQUIRE(reports.count(file) == 1);
    const Json& report = reports.at(file);
    CHECK(report_problems(report, type) == "");  // shows what is wrong when it fails
    CHECK(report["version"] == std::string(k_gitlab_security_schema_version));
    CHECK(report["version"] == "15.0.7");
    CHECK_FALSE(report["vulnerabilities"].empty());
  }
}

TEST_CASE("the required-field walk catches a missing or mistyped field", "[gitlab-security]") {
  // The checker itself must be able to fail, or the test above proves nothing.
  auto report = render_by_file(scan_input()).at("gl-secret-detection-report.json");
  REQUIRE(report_problems(report, "secret_detection").empty());
  auto broken = report;
  broken["vulnerabilities"][0]["location"].erase("commit");
  CHECK(report_problems(broken, "secret_detection").find(".location.commit is missing") != std::string::npos);
  broken = report;
  broken["scan"]["analyzer"]["vendor"]["name"] = "";
  CHECK(report_problems(broken, "secret_detection").find("scan.analyzer.vendor.name") != std::string::npos);
  broken = report;
  broken["scan"]["end_time"] = "2026-03-01T12:00:00Z";
  CHECK(report_problems(broken, "secret_detection").find("scan.end_time") != std::string::npos);
  broken = report;
  broken["vulnerabilities"][0]["identifiers"] = Json::array();
  CHECK(report_problems(broken, "secret_detection").find(".identifiers") != std::string::npos);
  auto dependencies = render_by_file(scan_input()).at("gl-dependency-scanning-report.json");
  dependencies.erase("dependency_files");
  CHECK(report_problems(dependencies, "dependency_scanning").find("report.dependency_files is missing") !=
        std::string::npos);
}

TEST_CASE("gitlab-security puts each finding in the report of its kind", "[gitlab-security]") {
  const auto reports = render_by_file(scan_input());
  const auto secrets = by_primary_identifier(reports.at("gl-secret-detection-report.json"));
  const auto sast = by_primary_identifier(reports.at("gl-sast-report.json"));
  const auto dependencies = by_primary_identifier(reports.at("gl-dependency-scanning-report.json"));
  CHECK(secrets.size() == 2);
  CHECK(secrets.count("secret/aws-access-key") == 1);
  CHECK(secrets.count("secret/github-pat") == 1);
  CHECK(sast.size() == 4);
  CHECK(sast.count("config/dockerfile/latest-tag") == 1);
  CHECK(dependencies.size() == 3);
  CHECK(dependencies.count("GHSA-35jh-r3h4-6jhm") == 1);
  CHECK(dependencies.count("CVE-2021-3749") == 1);
  CHECK(dependencies.count("PYSEC-2023-74") == 1);
  // The malformed lockfile names no package and the lint finding is no
  // security finding: neither is in any report.
  for (const auto& [file, report] : reports) {
    CHECK(report.dump().find("malformed") == std::string::npos);
    CHECK(report.dump().find("trailing-whitespace") == std::string::npos);
  }
  for (const auto& [file, report] : reports) {
    CHECK(report["scan"]["scanner"]["vendor"]["name"] == "Slipway");
    CHECK(report["scan"]["analyzer"]["version"] == "0.3.0");
    CHECK(report["scan"]["messages"] ==
          Json::array(
              {{{"level", "info"}, {"value", "skipped big.bin: larger than scan.secrets.max-file-size"}}}));
  }
}

TEST_CASE("gitlab-security severities follow the security-severity bands", "[gitlab-security]") {
  CHECK(gitlab_severity(10.0) == "Critical");
  CHECK(gitlab_severity(9.0) == "Critical");
  CHECK(gitlab_severity(8.99) == "High");
  CHECK(gitlab_severity(7.0) == "High");
  CHECK(gitlab_severity(6.9) == "Medium");
  CHECK(gitlab_severity(4.0) == "Medium");
  CHECK(gitlab_severity(3.9) == "Low");
  CHECK(gitlab_severity(0.1) == "Low");
  CHECK(gitlab_severity(0.0) == "Info");
  CHECK(gitlab_severity(std::nullopt) == "Unknown");

  const auto reports = render_by_file(scan_input());
  const auto secrets = by_primary_identifier(reports.at("gl-secret-detection-report.json"));
  const auto sast = by_primary_identifier(reports.at("gl-sast-report.json"));
  const auto dependencies = by_primary_identifier(reports.at("gl-dependency-scanning-report.json"));
  CHECK(secrets.at("secret/aws-access-key")["severity"] == "Critical");
  CHECK(secrets.at("secret/github-pat")["severity"] == "High");
  CHECK(sast.at("config/dockerfile/latest-tag")["severity"] == "Medium");
  CHECK(sast.at("config/k8s/no-probe")["severity"] == "Low");
  CHECK(sast.at("config/gitlab/unpinned-include")["severity"] == "Info");
  CHECK(sast.at("config/jenkins/unpinned-library")["severity"] == "Unknown");
  CHECK(dependencies.at("GHSA-35jh-r3h4-6jhm")["severity"] == "Critical");
  CHECK(dependencies.at("CVE-2021-3749")["severity"] == "High");
  CHECK(dependencies.at("PYSEC-2023-74")["severity"] == "Medium");
}

TEST_CASE("gitlab-security ids are UUIDs derived from the fingerprint, unique per finding",
          "[gitlab-security]") {
  static const std::regex k_uuid(R"(^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$)");
  auto input = scan_input();
  const auto first = render_by_file(input);
  // Another run, an hour later: the same findings keep their ids.
  const auto again = render_by_file(input, k_end_time + std::chrono::hours{1});
  for (const auto& [file, report] : first) {
    INFO(file);
    std::set<std::string> ids;
    for (std::size_t i = 0; i < report["vulnerabilities"].size(); ++i) {
      const std::string id = report["vulnerabilities"][i]["id"];
      CHECK(std::regex_match(id, k_uuid));
      CHECK(ids.insert(id).second);
      CHECK(again.at(file)["vulnerabilities"][i]["id"] == id);
    }
  }
  const auto secrets = by_primary_identifier(first.at("gl-secret-detection-report.json"));
  CHECK(secrets.at("secret/aws-access-key")["id"] ==
        uuid_from_hex(util::sha256_hex("secret_detection\nfp-secret-tree")));

  // Identical findings (same fingerprint) still get distinct ids.
  input.findings.push_back(input.findings[0]);
  input.findings.push_back(input.findings[0]);
  const auto doubled = render_by_file(input).at("gl-secret-detection-report.json");
  REQUIRE(doubled["vulnerabilities"].size() == 4);
  std::set<std::string> ids;
  for (const auto& vulnerability : doubled["vulnerabilities"]) ids.insert(vulnerability["id"]);
  CHECK(ids.size() == 4);
  CHECK(ids.count(uuid_from_hex(util::sha256_hex("secret_detection\nfp-secret-tree"))) == 1);
  CHECK(ids.count(uuid_from_hex(util::sha256_hex("secret_detection\nfp-secret-tree:1"))) == 1);

  CHECK(uuid_from_hex("00000000000000000000000000000000ffff") == "00000000-0000-8000-8000-000000000000");
  CHECK(uuid_from_hex("ffffffffffffffffffffffffffffffff") == "ffffffff-ffff-8fff-bfff-ffffffffffff");
}

TEST_CASE("gitlab-security vulnerabilities carry name, description, identifiers and location",
          "[gitlab-security]") {
  const auto reports = render_by_file(scan_input());
  const auto secrets = by_primary_identifier(reports.at("gl-secret-detection-report.json"));
  const auto& tree = secrets.at("secret/aws-access-key");
  CHECK(tree["name"] == "AWS access key");  // the rule's description, not the finding's details
  CHECK(tree["description"] == "AWS access key AKIA\xE2\x80\xA6");
  CHECK(tree["identifiers"] == Json::array({{{"type", "slipway_rule_id"},
                                             {"name", "Slipway rule secret/aws-access-key"},
                                             {"value", "secret/aws-access-key"},
                                             {"url", "https://example.com/rules/secret/aws-access-key"}}}));
  // Found in the working tree: the commit that was scanned.
  CHECK(tree["location"] == Json({{"file", "config/.env"},
                                  {"start_line", 2},
                                  {"end_line", 2},
                                  {"commit", {{"sha", "0123456789abcdef0123456789abcdef01234567"}}}}));
  // Found in history: the commit that introduced it.
  const auto& history = secrets.at("secret/github-pat");
  CHECK(history["name"] == "secret/github-pat");  // no rule description: the rule id
  CHECK(history["location"]["commit"] == Json({{"sha", "89abcdef0123456789abcdef0123456789abcdef"},
                                               {"author", "Dev One"},
                                               {"date", "2024-05-01T10:00:00Z"}}));

  const auto sast = by_primary_identifier(reports.at("gl-sast-report.json"));
  const auto& latest = sast.at("config/dockerfile/latest-tag");
  CHECK(latest["solution"] == "Pin the base image to a version tag or digest.");
  CHECK(latest["location"] == Json({{"file", "Dockerfile"}, {"start_line", 1}, {"end_line", 1}}));
  // A whole-file finding points at line 1.
  CHECK(sast.at("config/jenkins/unpinned-library")["location"]["start_line"] == 1);
  CHECK_FALSE(latest["location"].contains("commit"));

  const auto dependencies = by_primary_identifier(reports.at("gl-dependency-scanning-report.json"));
  const auto& lodash = dependencies.at("GHSA-35jh-r3h4-6jhm");
  CHECK(lodash["location"] ==
        Json({{"file", "package-lock.json"},
              {"dependency", {{"package", {{"name", "lodash"}}}, {"version", "4.17.20"}}}}));
  CHECK(lodash["solution"] == "Upgrade lodash to 4.17.21 or later.");
  // The advisory first, then its aliases, without repeating the advisory.
  CHECK(lodash["identifiers"] == Json::array({{{"type", "ghsa"},
                                               {"name", "GHSA-35jh-r3h4-6jhm"},
                                               {"value", "GHSA-35jh-r3h4-6jhm"},
                                               {"url", "https://github.com/advisories/GHSA-35jh-r3h4-6jhm"}},
                                              {{"type", "cve"},
                                               {"name", "CVE-2021-23337"},
                                               {"value", "CVE-2021-23337"},
                                               {"url", "https://nvd.nist.gov/vuln/detail/CVE-2021-23337"}}}));
  const auto& requests = dependencies.at("PYSEC-2023-74");
  REQUIRE(requests["identifiers"].size() == 3);
  CHECK(requests["identifiers"][0]["type"] == "osv");
  CHECK(requests["identifiers"][1]["value"] == "CVE-2023-32681");
  CHECK(requests["identifiers"][2]["type"] == "ghsa");
  CHECK_FALSE(requests.contains("solution"));  // no fixed version known
}

TEST_CASE("gitlab-security secret locations fall back to a placeholder commit", "[gitlab-security]") {
  auto input = scan_input();
  input.ci.commit.clear();
  const auto secrets = by_primary_identifier(render_by_file(input).at("gl-secret-detection-report.json"));
  CHECK(secrets.at("secret/aws-access-key")["location"]["commit"] == Json({{"sha", "0000000"}}));
  CHECK(secrets.at("secret/github-pat")["location"]["commit"]["sha"] ==
        "89abcdef0123456789abcdef0123456789abcdef");
}

TEST_CASE("gitlab-security dependency_files lists the vulnerable dependencies per lockfile",
          "[gitlab-security]") {
  const auto report = render_by_file(scan_input()).at("gl-dependency-scanning-report.json");
  const Json expected = Json::array(
      {{{"path", "package-lock.json"},
        {"package_manager", "npm"},
        {"dependencies", Json::array({{{"package", {{"name", "axios"}}}, {"version", "0.21.0"}},
                                      {{"package", {{"name", "lodash"}}}, {"version", "4.17.20"}}})}},
       {{"path", "requirements.txt"},
        {"package_manager", "pip"},
        {"dependencies", Json::array({{{"package", {{"name", "requests"}}}, {"version", "2.25.0"}}})}}});
  CHECK(report["dependency_files"] == expected);

  // Two advisories for one package list it once; the ecosystem names the
  // package manager when the file name does not.
  auto input = scan_input();
  auto second = input.findings[6];  // lodash
  second.rule_id = "GHSA-p6mc-m468-83gw";
  second.fingerprint = "fp-dep-lodash-2";
  input.findings.push_back(second);
  auto gem = scan_finding("GHSA-vvvv-wwww-xxxx", "vendor/Gems.lock", 0, 5.0, "rack is vulnerable", "fp-gem",
                          {{"package", "rack"}, {"version", "2.0.1"}, {"ecosystem", "RubyGems"}});
  input.findings.push_back(gem);
  const auto more = render_by_file(input).at("gl-dependency-scanning-report.json");
  REQUIRE(more["dependency_files"].size() == 3);
  CHECK(more["dependency_files"][0]["dependencies"].size() == 2);
  CHECK(more["dependency_files"][2] ==
        Json({{"path", "vendor/Gems.lock"},
              {"package_manager", "bundler"},
              {"dependencies", Json::array({{{"package", {{"name", "rack"}}}, {"version", "2.0.1"}}})}}));
  CHECK(more["vulnerabilities"].size() == 5);
}

TEST_CASE("gitlab-security scan times are UTC seconds, the start being the end minus the duration",
          "[gitlab-security]") {
  const auto report = render_by_file(scan_input()).at("gl-sast-report.json");
  CHECK(report["scan"]["end_time"] == "2026-03-01T12:00:00");
  CHECK(report["scan"]["start_time"] == "2026-03-01T11:58:29");  // 90.5 s earlier
  CHECK(gitlab_scan_time(std::chrono::system_clock::from_time_t(0)) == "1970-01-01T00:00:00");
}

TEST_CASE("gitlab-security writes a report only when it has findings, or for the scan stage",
          "[gitlab-security]") {
  // A lint run with no security findings: nothing at all.
  auto lint = test::sample_input();
  lint.findings.erase(
      std::remove_if(lint.findings.begin(), lint.findings.end(),
                     [](const model::Finding& f) { return f.rule_id.rfind("secret/", 0) == 0; }),
      lint.findings.end());
  CHECK(render_gitlab_security(lint, k_end_time).empty());

  // The sample lint input has one secret: only the secret detection report.
  const auto with_secret = render_gitlab_security(test::sample_input(), k_end_time);
  REQUIRE(with_secret.size() == 1);
  CHECK(with_secret[0].file_name == "gl-secret-detection-report.json");

  // A clean scan: all three, empty, so GitLab learns the old ones are fixed.
  auto clean = scan_input();
  clean.findings.clear();
  const auto reports = render_by_file(clean);
  REQUIRE(reports.size() == 3);
  for (const auto& [file, report] : reports) {
    INFO(file);
    CHECK(report["vulnerabilities"] == Json::array());
    CHECK(report_problems(report, report["scan"]["type"].get<std::string>()).empty());
  }
  CHECK(reports.at("gl-dependency-scanning-report.json")["dependency_files"] == Json::array());
}

TEST_CASE("write_reports writes gitlab-security files atomically under GitLab's names", "[gitlab-security]") {
  test::TempDir dir;
  const auto folder = dir.path() / "out";
  std::filesystem::create_directories(folder);
  { std::ofstream(folder / "gl-sast-report.json") << "old content that is longer than nothing"; }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = folder.string();
  const auto result = write_reports(scan_input(), {"gitlab-security", "json"}, options);
  REQUIRE(result.ok());
  REQUIRE(result->size() == 4);
  CHECK((*result)[0].format == "gitlab-security");
  CHECK((*result)[0].path == (folder / "gl-secret-detection-report.json").string());
  CHECK((*result)[1].path == (folder / "gl-sast-report.json").string());
  CHECK((*result)[2].path == (folder / "gl-dependency-scanning-report.json").string());
  CHECK((*result)[3].format == "json");
  // No temporary files left, the old report replaced.
  CHECK(folder_entries(folder) == std::set<std::string>{"gl-secret-detection-report.json",
                                                        "gl-sast-report.json",
                                                        "gl-dependency-scanning-report.json", "scan.json"});
  const auto sast = Json::parse(test::read_text(folder / "gl-sast-report.json"));
  CHECK(sast["vulnerabilities"].size() == 4);

  // A lint run without security findings writes nothing and says nothing.
  auto lint = test::sample_input();
  lint.findings.clear();
  const auto empty_folder = dir.path() / "lint";
  options.output_dir = empty_folder.string();
  const auto none = write_reports(lint, {"gitlab-security"}, options);
  REQUIRE(none.ok());
  CHECK(none->empty());
  CHECK_FALSE(std::filesystem::exists(empty_folder));
}

TEST_CASE("write_reports names the gitlab-security file it cannot write", "[gitlab-security]") {
  test::TempDir dir;
  const auto blocker = dir.path() / "file";
  { std::ofstream(blocker) << "x"; }
  std::ostringstream stream;
  ReportOptions options;
  options.out = &stream;
  options.output_dir = (blocker / "reports").string();
  const auto result = write_reports(scan_input(), {"gitlab-security"}, options);
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().to_string().find("gl-secret-detection-report.json") != std::string::npos);
}
