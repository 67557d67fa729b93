// Shared fixtures for the reporter tests: a ReportInput that exercises every
// format (several tools, severities, a finding without a line, one without a
// path, characters that need escaping, a rule missing from the rule list) and
// a temporary folder removed at the end of the test.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "model/report_input.hpp"

namespace slipway::report::test {

inline model::Finding make_finding(std::string tool, std::string rule, model::Severity severity,
                                   std::string path, int line, int column, std::string message,
                                   std::string fingerprint) {
  model::Finding finding;
  finding.tool = std::move(tool);
  finding.rule_id = std::move(rule);
  finding.severity = severity;
  finding.message = std::move(message);
  finding.location.path = std::move(path);
  finding.location.start_line = line;
  finding.location.start_column = column;
  finding.fingerprint = std::move(fingerprint);
  return finding;
}

inline model::ReportInput sample_input() {
  model::ReportInput input;
  input.tool_version = "0.1.0";
  input.stage = "lint";
  input.repo_root = "/work/my repo";
  input.files_selected = 40;
  input.duration = std::chrono::milliseconds(210);
  input.fail_on = model::FailOn{model::Severity::error};
  input.ci.platform = model::CiPlatform::local;
  input.ci.commit = "0123456789abcdef0123456789abcdef01234567";

  auto trailing = make_finding("slipway", "trailing-whitespace", model::Severity::warning, "src/a.sh", 3, 10,
                               "Trailing whitespace", "fp-trailing");
  trailing.location.end_line = 3;
  trailing.location.end_column = 12;
  trailing.fix = "remove 2 trailing spaces";
  input.findings.push_back(trailing);
  input.findings.push_back(make_finding("shellcheck", "SC2086", model::Severity::error, "src/a.sh", 5, 7,
                                        "Double quote <$x> & \"y\" 'z'", "fp-sc2086"));
  input.findings.push_back(make_finding("slipway", "final-newline", model::Severity::note, "docs/readme.md",
                                        0, 0, "File does not end with a newline", "fp-newline"));
  auto secret = make_finding("slipway", "secret/aws-access-key", model::Severity::error, "config/.env", 2, 1,
                             "AWS access key AKIA\xE2\x80\xA6", "fp-secret");
  secret.security_severity = 9.5;
  input.findings.push_back(secret);
  input.findings.push_back(make_finding("slipway", "case-conflict", model::Severity::warning, "", 0, 0,
                                        "Files differ only in case:\nA.txt, a.txt", "fp-case"));

  model::RuleInfo rule;
  rule.tool = "slipway";
  rule.id = "trailing-whitespace";
  rule.short_description = "Trailing whitespace";
  rule.full_description = "Lines should not end in spaces or tabs.";
  rule.help = "Run `slipway lint --fix`.";
  input.rules.push_back(rule);
  rule = {};
  rule.tool = "slipway";
  rule.id = "final-newline";
  rule.short_description = "Missing final newline";
  rule.default_severity = model::Severity::note;
  input.rules.push_back(rule);
  rule = {};
  rule.tool = "slipway";
  rule.id = "secret/aws-access-key";
  rule.short_description = "AWS access key";
  rule.default_severity = model::Severity::error;
  rule.security_severity = 9.5;
  rule.help_uri = "https://example.com/rules/aws";
  input.rules.push_back(rule);
  rule = {};
  rule.tool = "slipway";
  rule.id = "merge-conflict";
  rule.short_description = "Merge conflict marker";
  rule.default_severity = model::Severity::error;
  input.rules.push_back(rule);

  input.checked = {{"slipway", "src/a.sh"},  {"slipway", "docs/readme.md"}, {"slipway", "config/.env"},
                   {"slipway", "clean.txt"}, {"shellcheck", "src/a.sh"},    {"shellcheck", "src/b.sh"}};
  input.notes = {"history too shallow to find the merge base: linted all files"};
  input.fixed_files = {"src/fixed.sh"};
  return input;
}

// A fresh folder under the system temp folder, removed with its contents.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "slipway-report-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    m_path = pattern;
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

inline std::string read_text(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream content;
  content << file.rdbuf();
  return content.str();
}

inline std::size_t count_occurrences(const std::string& text, const std::string& needle) {
  std::size_t count = 0;
  for (auto at = text.find(needle); at != std::string::npos; at = text.find(needle, at + needle.size()))
    ++count;
  return count;
}

}  // namespace slipway::report::test
