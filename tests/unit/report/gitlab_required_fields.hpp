// The required fields of GitLab's security report schemas 15.x, per object
// level, and a walker that checks a report against them (for
// test_gitlab_security_reporter.cpp).
//
// The required-field lists below are GitLab's security-report-schemas 15.x
// (the "required" arrays of secret-detection-, sast- and
// dependency-scanning-report-format.json, plus dependency_files, required
// since 14.x and part of the 15.0.x line until 15.1.0 removed it), written
// down per object level; docs/gitlab-security-reports.md says where they come
// from. Each report is walked level by level and every required field must be
// there with the schema's type (and, where the schema says so, non-empty or
// matching its pattern).
#pragma once

#include <nlohmann/json.hpp>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

namespace gitlab_schema {

using Json = nlohmann::json;

// ---------------------------------------------------------------------------
// The schema's required fields, per object level.

enum class Type { string, non_empty_string, number, object, array, non_empty_array };

struct Field {
  std::string name;
  Type type;
};

using Fields = std::vector<Field>;

// Top level of every report: required ["scan", "version", "vulnerabilities"].
const Fields k_report_fields = {
    {"version", Type::non_empty_string}, {"vulnerabilities", Type::array}, {"scan", Type::object}};
// dependency_scanning 15.0.x only: dependency_files is required too.
const Fields k_dependency_report_fields = {{"dependency_files", Type::array}};
// scan: required ["analyzer", "end_time", "scanner", "start_time", "status", "type"].
const Fields k_scan_fields = {{"analyzer", Type::object},           {"scanner", Type::object},
                              {"type", Type::non_empty_string},     {"start_time", Type::non_empty_string},
                              {"end_time", Type::non_empty_string}, {"status", Type::non_empty_string}};
// scan.analyzer and scan.scanner: required ["id", "name", "version", "vendor"], strings minLength 1.
const Fields k_tool_fields = {{"id", Type::non_empty_string},
                              {"name", Type::non_empty_string},
                              {"version", Type::non_empty_string},
                              {"vendor", Type::object}};
// vendor: required ["name"], minLength 1.
const Fields k_vendor_fields = {{"name", Type::non_empty_string}};
// vulnerability: required ["id", "identifiers", "location"]; id minLength 1,
// identifiers minItems 1.
const Fields k_vulnerability_fields = {
    {"id", Type::non_empty_string}, {"identifiers", Type::non_empty_array}, {"location", Type::object}};
// Optional in 15.x but always written by Slipway (GitLab shows them).
const Fields k_vulnerability_written_fields = {
    {"name", Type::non_empty_string}, {"description", Type::string}, {"severity", Type::non_empty_string}};
// identifier: required ["type", "name", "value"], each minLength 1.
const Fields k_identifier_fields = {
    {"type", Type::non_empty_string}, {"name", Type::non_empty_string}, {"value", Type::non_empty_string}};
// secret_detection location: required ["commit"]; commit: required ["sha"], minLength 1.
const Fields k_secret_location_fields = {{"commit", Type::object}};
const Fields k_commit_fields = {{"sha", Type::non_empty_string}};
// sast location: nothing is required by the schema; GitLab's location
// fingerprint for SAST combines file, start_line and end_line, so they are
// written always (docs: "Security scanner integration", Location > SAST).
const Fields k_sast_location_fields = {
    {"file", Type::non_empty_string}, {"start_line", Type::number}, {"end_line", Type::number}};
// dependency_scanning location: required ["file", "dependency"], file minLength 1;
// dependency: required ["package", "version"]; package: required ["name"].
const Fields k_dependency_location_fields = {{"file", Type::non_empty_string}, {"dependency", Type::object}};
const Fields k_dependency_fields = {{"package", Type::object}, {"version", Type::string}};
const Fields k_package_fields = {{"name", Type::string}};
// dependency_files item: required ["path", "package_manager", "dependencies"].
const Fields k_dependency_file_fields = {{"path", Type::non_empty_string},
                                         {"package_manager", Type::non_empty_string},
                                         {"dependencies", Type::array}};

std::string problems_in(const Json& object, const Fields& fields, const std::string& where) {
  if (!object.is_object()) return where + " is not an object\n";
  std::string problems;
  for (const auto& field : fields) {
    const std::string at = where + "." + field.name;
    if (!object.contains(field.name)) {
      problems += at + " is missing\n";
      continue;
    }
    const Json& value = object.at(field.name);
    bool ok = false;
    switch (field.type) {
      case Type::string:
        ok = value.is_string();
        break;
      case Type::non_empty_string:
        ok = value.is_string() && !value.get<std::string>().empty();
        break;
      case Type::number:
        ok = value.is_number();
        break;
      case Type::object:
        ok = value.is_object();
        break;
      case Type::array:
        ok = value.is_array();
        break;
      case Type::non_empty_array:
        ok = value.is_array() && !value.empty();
        break;
    }
    if (!ok) problems += at + " has the wrong type or is empty: " + value.dump() + "\n";
  }
  return problems;
}

// Every required field of one report, walked level by level, plus the
// schema's enums and patterns for the fields Slipway fills in.
std::string report_problems(const Json& report, std::string_view scan_type) {
  static const std::regex k_version(R"(^[0-9]+\.[0-9]+\.[0-9]+$)");
  static const std::regex k_time(R"(^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$)");
  static const std::regex k_url(R"(^(https?|ftp)://.+)");
  static const std::set<std::string> k_severities = {"Info", "Unknown", "Low", "Medium", "High", "Critical"};

  std::string problems = problems_in(report, k_report_fields, "report");
  if (!problems.empty()) return problems;
  if (!std::regex_match(report["version"].get<std::string>(), k_version)) problems += "version pattern\n";

  const Json& scan = report["scan"];
  problems += problems_in(scan, k_scan_fields, "scan");
  if (!problems.empty()) return problems;
  for (const char* tool : {"analyzer", "scanner"}) {
    problems += problems_in(scan[tool], k_tool_fields, std::string("scan.") + tool);
    if (scan[tool].contains("vendor"))
      problems += problems_in(scan[tool]["vendor"], k_vendor_fields, std::string("scan.") + tool + ".vendor");
  }
  if (scan["type"] != scan_type) problems += "scan.type is " + scan["type"].dump() + "\n";
  if (scan["status"] != "success" && scan["status"] != "failure") problems += "scan.status enum\n";
  for (const char* time : {"start_time", "end_time"}) {
    if (!std::regex_match(scan[time].get<std::string>(), k_time))
      problems += std::string("scan.") + time + "\n";
  }

  std::size_t index = 0;
  for (const auto& vulnerability : report["vulnerabilities"]) {
    const std::string where = "vulnerabilities[" + std::to_string(index++) + "]";
    problems += problems_in(vulnerability, k_vulnerability_fields, where);
    problems += problems_in(vulnerability, k_vulnerability_written_fields, where);
    if (!problems.empty()) continue;
    if (vulnerability["name"].get<std::string>().size() > 255) problems += where + ".name too long\n";
    if (k_severities.count(vulnerability["severity"].get<std::string>()) == 0)
      problems += where + ".severity enum\n";
    std::size_t identifier_index = 0;
    for (const auto& identifier : vulnerability["identifiers"]) {
      const std::string at = where + ".identifiers[" + std::to_string(identifier_index++) + "]";
      problems += problems_in(identifier, k_identifier_fields, at);
      if (identifier.contains("url") && !std::regex_match(identifier["url"].get<std::string>(), k_url))
        problems += at + ".url pattern\n";
    }
    const Json& location = vulnerability["location"];
    if (scan_type == "secret_detection") {
      problems += problems_in(location, k_secret_location_fields, where + ".location");
      if (location.contains("commit"))
        problems += problems_in(location["commit"], k_commit_fields, where + ".location.commit");
    } else if (scan_type == "sast") {
      problems += problems_in(location, k_sast_location_fields, where + ".location");
    } else {
      problems += problems_in(location, k_dependency_location_fields, where + ".location");
      if (location.contains("dependency")) {
        problems += problems_in(location["dependency"], k_dependency_fields, where + ".location.dependency");
        if (location["dependency"].contains("package"))
          problems += problems_in(location["dependency"]["package"], k_package_fields,
                                  where + ".location.dependency.package");
      }
    }
  }

  if (scan_type == "dependency_scanning") {
    problems += problems_in(report, k_dependency_report_fields, "report");
    if (!report.contains("dependency_files")) return problems;
    std::size_t file_index = 0;
    for (const auto& file : report["dependency_files"]) {
      const std::string at = "dependency_files[" + std::to_string(file_index++) + "]";
      problems += problems_in(file, k_dependency_file_fields, at);
      if (!file.contains("dependencies")) continue;
      for (const auto& dependency : file["dependencies"]) {
        problems += problems_in(dependency, k_dependency_fields, at + ".dependencies[]");
        if (dependency.contains("package"))
          problems += problems_in(dependency["package"], k_package_fields, at + ".dependencies[].package");
      }
    }
  }
  return problems;
}

}  // namespace gitlab_schema
