// GitLab security reports (artifacts:reports:secret_detection, :sast and
// :dependency_scanning), which GitLab shows in the merge request security
// widget, the pipeline's Security tab and the vulnerability report.
//
// One ReportInput becomes up to three files, split by what the finding is:
// secrets (rule ids "secret/...") go to gl-secret-detection-report.json,
// misconfigurations ("config/...") to gl-sast-report.json, and the other
// findings of the scanner (tool "slipway-scan") that name a package, that is
// advisories, to gl-dependency-scanning-report.json. A file is written when
// it has a finding, and always for the "scan" stage, so that a clean scan
// tells GitLab that earlier vulnerabilities are gone.
//
// GitLab validates each report against the schema version it declares and
// drops a report that fails, so the shape follows security-report-schemas
// 15.0.7 (docs/gitlab-security-reports.md lists the required fields and where
// they come from):
//  - vulnerability ids are UUIDs made from a SHA-256 of the report type and
//    the finding's fingerprint (plus an occurrence number for repeats), so the
//    same finding keeps its id across pipelines and no two entries share one;
//  - the secret detection location requires a commit: the commit that
//    introduced a secret found in history, else the commit that was scanned,
//    else the placeholder "0000000" (no commit known, e.g. outside git);
//  - dependency_scanning 15.0.x requires dependency_files; it lists the
//    vulnerable dependencies of each lockfile (Slipway reports no full
//    dependency list), and findings without a package are left out because
//    their location could not name one;
//  - start_time/end_time are UTC "YYYY-MM-DDTHH:MM:SS", the end being now and
//    the start that minus the stage's duration.
// Only Finding fields are written; scanners redact secrets before that.
#include <algorithm>
#include <cctype>
#include <ctime>
#include <map>
#include <set>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::report {

namespace {

using Json = nlohmann::ordered_json;

constexpr std::string_view k_schema_base =
    "https://gitlab.com/gitlab-org/security-products/security-report-schemas/-/raw/v";
constexpr std::string_view k_scanner_tool = "slipway-scan";
constexpr std::string_view k_placeholder_commit = "0000000";
constexpr std::size_t k_max_name_bytes = 255;
constexpr std::size_t k_max_description_bytes = 1048576;
constexpr std::size_t k_max_solution_bytes = 7000;

enum class ReportType { secret_detection, sast, dependency_scanning };

struct ReportKind {
  ReportType type;
  std::string_view scan_type;  // scan.type
  std::string_view file_name;
  std::string_view schema_file;  // the schema's file name in security-report-schemas/dist
  std::string_view scanner_id;
  std::string_view scanner_name;
};

constexpr ReportKind k_kinds[] = {
    {ReportType::secret_detection, "secret_detection", "gl-secret-detection-report.json",
     "secret-detection-report-format.json", "slipway-secrets", "Slipway secret scanner"},
    {ReportType::sast, "sast", "gl-sast-report.json", "sast-report-format.json", "slipway-misconfig",
     "Slipway misconfiguration scanner"},
    {ReportType::dependency_scanning, "dependency_scanning", "gl-dependency-scanning-report.json",
     "dependency-scanning-report-format.json", "slipway-deps", "Slipway dependency scanner"},
};

std::string property(const model::Finding& finding, std::string_view key) {
  for (const auto& [name, value] : finding.properties) {
    if (name == key) return value;
  }
  return {};
}

std::optional<ReportType> report_type(const model::Finding& finding) {
  if (util::starts_with(finding.rule_id, "secret/")) return ReportType::secret_detection;
  if (util::starts_with(finding.rule_id, "config/")) return ReportType::sast;
  if (finding.tool == k_scanner_tool && !property(finding, "package").empty())
    return ReportType::dependency_scanning;
  return std::nullopt;
}

bool is_http_url(std::string_view url) {
  return util::starts_with(url, "https://") || util::starts_with(url, "http://");
}

// What identifies a finding when it has no fingerprint (not assigned yet).
std::string identity(const model::ReportInput& input, const model::Finding& finding) {
  if (!finding.fingerprint.empty()) return finding.fingerprint;
  return qualified_rule_id(input, finding) + "\n" + finding.location.path + "\n" +
         std::to_string(finding.location.start_line) + "\n" + finding.message;
}

// Advisory ids: the identifier type GitLab knows them by and a page about them.
std::pair<std::string, std::string> advisory_type_and_url(const std::string& id) {
  const std::string upper = util::to_upper(id);
  if (util::starts_with(upper, "CVE-")) return {"cve", "https://nvd.nist.gov/vuln/detail/" + id};
  if (util::starts_with(upper, "GHSA-")) return {"ghsa", "https://github.com/advisories/" + id};
  return {"osv", "https://osv.dev/vulnerability/" + id};
}

Json identifier(std::string_view type, std::string_view name, std::string_view value, std::string_view url) {
  Json entry;
  entry["type"] = type;
  entry["name"] = name;
  entry["value"] = value;
  if (is_http_url(url)) entry["url"] = url;
  return entry;
}

Json identifiers_json(const model::Finding& finding, ReportType type, const model::RuleInfo* rule) {
  // The bare rule id, not qualified by the scanner's tool name: it is what
  // users see in the rule documentation and what GitLab tracks by.
  const std::string& rule_id = finding.rule_id;
  const std::string help_uri = rule ? rule->help_uri : std::string();
  Json identifiers = Json::array();
  if (type != ReportType::dependency_scanning) {
    identifiers.push_back(identifier("slipway_rule_id", "Slipway rule " + rule_id, rule_id, help_uri));
    return identifiers;
  }
  // Advisories: the advisory id first (the primary identifier GitLab tracks
  // by), then its CVE/GHSA aliases.
  std::set<std::string> seen;
  auto add_advisory = [&](const std::string& id, std::string_view url_override) {
    if (id.empty() || !seen.insert(util::to_upper(id)).second) return;
    const auto [kind, url] = advisory_type_and_url(id);
    identifiers.push_back(
        identifier(kind, id, id, url_override.empty() ? std::string_view(url) : url_override));
  };
  add_advisory(finding.rule_id, help_uri);
  for (const auto& alias : util::split(property(finding, "aliases"), ',')) {
    add_advisory(std::string(util::trim(alias)), {});
  }
  return identifiers;
}

Json location_json(const model::ReportInput& input, const model::Finding& finding, ReportType type) {
  const auto& location = finding.location;
  Json entry;
  if (type == ReportType::dependency_scanning) {
    entry["file"] = location.path.empty() ? std::string(".") : location.path;
    entry["dependency"] = Json{{"package", Json{{"name", property(finding, "package")}}},
                               {"version", property(finding, "version")}};
    return entry;
  }
  const int start_line = location.start_line > 0 ? location.start_line : 1;
  entry["file"] = location.path.empty() ? std::string(".") : location.path;
  entry["start_line"] = start_line;
  entry["end_line"] = location.end_line >= start_line ? location.end_line : start_line;
  if (type == ReportType::secret_detection) {
    Json commit;
    std::string sha = property(finding, "commit");
    if (sha.empty()) sha = input.ci.commit;
    if (sha.empty()) sha = k_placeholder_commit;
    commit["sha"] = sha;
    if (const std::string author = property(finding, "author"); !author.empty()) commit["author"] = author;
    if (const std::string date = property(finding, "date"); !date.empty()) commit["date"] = date;
    entry["commit"] = commit;
  }
  return entry;
}

std::string solution_text(const model::Finding& finding, ReportType type, const model::RuleInfo* rule) {
  if (finding.fix) return *finding.fix;
  if (type == ReportType::dependency_scanning) {
    const std::string fixed = property(finding, "fixed-version");
    if (!fixed.empty()) return "Upgrade " + property(finding, "package") + " to " + fixed + " or later.";
  }
  return rule ? rule->help : std::string();
}

// Package manager names as GitLab's own analyzers write them: from the
// lockfile's name when it says, else from the OSV ecosystem.
std::string package_manager(const std::string& path, const std::string& ecosystem) {
  const auto slash = path.find_last_of('/');
  const std::string name = slash == std::string::npos ? path : path.substr(slash + 1);
  static const std::map<std::string, std::string> k_by_file = {
      {"package-lock.json", "npm"},
      {"npm-shrinkwrap.json", "npm"},
      {"yarn.lock", "yarn"},
      {"pnpm-lock.yaml", "pnpm"},
      {"Cargo.lock", "cargo"},
      {"go.mod", "go"},
      {"go.sum", "go"},
      {"poetry.lock", "poetry"},
      {"Pipfile.lock", "pipenv"},
      {"uv.lock", "uv"},
      {"Gemfile.lock", "bundler"},
      {"composer.lock", "composer"},
      {"conan.lock", "conan"},
      {"packages.lock.json", "nuget"},
      {"gradle.lockfile", "gradle"},
  };
  if (auto it = k_by_file.find(name); it != k_by_file.end()) return it->second;
  if (util::starts_with(name, "requirements") && util::ends_with(name, ".txt")) return "pip";
  static const std::map<std::string, std::string> k_by_ecosystem = {
      {"npm", "npm"},         {"pypi", "pip"},         {"go", "go"},
      {"crates.io", "cargo"}, {"rubygems", "bundler"}, {"packagist", "composer"},
      {"maven", "maven"},     {"nuget", "nuget"},      {"conancenter", "conan"},
  };
  const std::string lowered = util::to_lower(ecosystem);
  if (auto it = k_by_ecosystem.find(lowered); it != k_by_ecosystem.end()) return it->second;
  return lowered.empty() ? std::string("unknown") : lowered;
}

// dependency_files: per lockfile, the vulnerable dependencies found in it.
Json dependency_files_json(const std::vector<const model::Finding*>& findings) {
  struct FileEntry {
    std::string ecosystem;
    std::set<std::pair<std::string, std::string>> dependencies;  // (name, version)
  };
  std::map<std::string, FileEntry> files;
  for (const auto* finding : findings) {
    const std::string path = finding->location.path.empty() ? std::string(".") : finding->location.path;
    auto& entry = files[path];
    if (entry.ecosystem.empty()) entry.ecosystem = property(*finding, "ecosystem");
    entry.dependencies.emplace(property(*finding, "package"), property(*finding, "version"));
  }
  Json result = Json::array();
  for (const auto& [path, entry] : files) {
    Json dependencies = Json::array();
    for (const auto& [name, version] : entry.dependencies) {
      dependencies.push_back(Json{{"package", Json{{"name", name}}}, {"version", version}});
    }
    result.push_back(Json{{"path", path},
                          {"package_manager", package_manager(path, entry.ecosystem)},
                          {"dependencies", dependencies}});
  }
  return result;
}

Json scan_json(const model::ReportInput& input, const ReportKind& kind,
               std::chrono::system_clock::time_point end_time) {
  const std::string version = input.tool_version.empty() ? std::string("unknown") : input.tool_version;
  Json analyzer;
  analyzer["id"] = input.tool_name.empty() ? std::string("slipway") : input.tool_name;
  analyzer["name"] = "Slipway";
  if (is_http_url(input.information_uri)) analyzer["url"] = input.information_uri;
  analyzer["version"] = version;
  analyzer["vendor"] = Json{{"name", "Slipway"}};

  Json scanner;
  scanner["id"] = kind.scanner_id;
  scanner["name"] = kind.scanner_name;
  if (is_http_url(input.information_uri)) scanner["url"] = input.information_uri;
  scanner["version"] = version;
  scanner["vendor"] = Json{{"name", "Slipway"}};

  const auto duration = std::max(input.duration, std::chrono::milliseconds(0));
  Json scan;
  scan["analyzer"] = analyzer;
  scan["scanner"] = scanner;
  scan["type"] = kind.scan_type;
  scan["start_time"] =
      gitlab_scan_time(end_time - std::chrono::duration_cast<std::chrono::system_clock::duration>(duration));
  scan["end_time"] = gitlab_scan_time(end_time);
  scan["status"] = "success";
  Json messages = Json::array();
  for (const auto& note : input.notes) {
    if (!note.empty()) messages.push_back(Json{{"level", "info"}, {"value", note}});
  }
  if (!messages.empty()) scan["messages"] = messages;
  return scan;
}

}  // namespace

std::string gitlab_scan_time(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%S", &utc);
  return buffer;
}

std::string uuid_from_hex(std::string_view hex) {
  std::string digits;
  for (char c : hex) {
    if (std::isxdigit(static_cast<unsigned char>(c))) digits += static_cast<char>(std::tolower(c));
    if (digits.size() == 32) break;
  }
  digits.resize(32, '0');
  // RFC 9562: version 8 (custom, here SHA-256 based) and the 10xx variant.
  static constexpr char k_digits[] = "0123456789abcdef";
  digits[12] = '8';
  const char c = digits[16];
  const int nibble = c <= '9' ? c - '0' : c - 'a' + 10;
  digits[16] = k_digits[0x8 | (nibble & 0x3)];
  return digits.substr(0, 8) + "-" + digits.substr(8, 4) + "-" + digits.substr(12, 4) + "-" +
         digits.substr(16, 4) + "-" + digits.substr(20, 12);
}

std::vector<GitlabSecurityReport> render_gitlab_security(const model::ReportInput& input,
                                                         std::chrono::system_clock::time_point end_time) {
  const auto findings = sorted_findings(input);
  std::map<std::string, const model::RuleInfo*> rules;
  for (const auto& rule : input.rules) rules.emplace(qualified_rule_id(input, rule.tool, rule.id), &rule);

  std::vector<GitlabSecurityReport> reports;
  for (const auto& kind : k_kinds) {
    std::vector<const model::Finding*> selected;
    for (const auto& finding : findings) {
      if (report_type(finding) == kind.type) selected.push_back(&finding);
    }
    if (selected.empty() && input.stage != "scan") continue;

    std::map<std::string, std::size_t> occurrences;
    std::set<std::string> ids;
    Json vulnerabilities = Json::array();
    for (const auto* finding : selected) {
      const std::string key = std::string(kind.scan_type) + "\n" + identity(input, *finding);
      std::string id;
      do {  // guards against a fingerprint that equals another's "<fp>:<n>"
        const std::size_t occurrence = occurrences[key]++;
        id = uuid_from_hex(util::sha256_hex(occurrence == 0 ? key : key + ":" + std::to_string(occurrence)));
      } while (!ids.insert(id).second);

      const auto rule_it = rules.find(qualified_rule_id(input, *finding));
      const model::RuleInfo* rule = rule_it == rules.end() ? nullptr : rule_it->second;
      const std::string name =
          rule && !rule->short_description.empty() ? rule->short_description : finding->rule_id;

      Json vulnerability;
      vulnerability["id"] = id;
      vulnerability["name"] = truncate_utf8(name, k_max_name_bytes);
      vulnerability["description"] =
          truncate_utf8(finding->message.empty() ? name : finding->message, k_max_description_bytes);
      vulnerability["severity"] = gitlab_severity(finding->security_severity);
      if (const std::string solution = solution_text(*finding, kind.type, rule); !solution.empty())
        vulnerability["solution"] = truncate_utf8(solution, k_max_solution_bytes);
      vulnerability["identifiers"] = identifiers_json(*finding, kind.type, rule);
      vulnerability["location"] = location_json(input, *finding, kind.type);
      vulnerabilities.push_back(vulnerability);
    }

    Json report;
    report["version"] = k_gitlab_security_schema_version;
    report["schema"] = std::string(k_schema_base) + std::string(k_gitlab_security_schema_version) + "/dist/" +
                       std::string(kind.schema_file);
    report["scan"] = scan_json(input, kind, end_time);
    report["vulnerabilities"] = vulnerabilities;
    if (kind.type == ReportType::dependency_scanning)
      report["dependency_files"] = dependency_files_json(selected);
    reports.push_back(GitlabSecurityReport{std::string(kind.file_name), json_text(report)});
  }
  return reports;
}

std::string_view gitlab_severity(std::optional<double> security_severity) {
  if (!security_severity) return "Unknown";
  const double score = *security_severity;
  if (score >= 9.0) return "Critical";
  if (score >= 7.0) return "High";
  if (score >= 4.0) return "Medium";
  if (score > 0.0) return "Low";
  return "Info";
}

Result<std::vector<WrittenReport>> write_gitlab_security_reports(const model::ReportInput& input,
                                                                 const ReportOptions& options) {
  const std::filesystem::path dir =
      options.output_dir.empty() ? std::filesystem::path(".") : std::filesystem::path(options.output_dir);
  std::vector<WrittenReport> written;
  for (const auto& report : render_gitlab_security(input, std::chrono::system_clock::now())) {
    const auto path = dir / report.file_name;
    if (auto result = write_report_file(path, report.content); !result) return result.error();
    written.push_back(WrittenReport{"gitlab-security", path.string()});
  }
  return written;
}

}  // namespace slipway::report
