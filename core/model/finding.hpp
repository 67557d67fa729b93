// The findings model shared by every stage and every reporter.
//
// A Finding is one problem: which tool and rule found it, how severe it is,
// what it says, and where it is. Its fingerprint identifies it across runs
// even when lines shift (rule + path + normalized line content + occurrence
// index, hashed), which is what baselines and "new only" rely on.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace slipway::model {

enum class Severity { note = 0, warning = 1, error = 2 };

std::string_view to_string(Severity severity);
std::optional<Severity> parse_severity(std::string_view text);  // "error", "warning", "note"

// The --fail-on threshold: a severity, or never.
struct FailOn {
  std::optional<Severity> threshold;  // nullopt = never fail on findings
  [[nodiscard]] bool fails(Severity severity) const {
    return threshold.has_value() && severity >= *threshold;
  }
};
std::optional<FailOn> parse_fail_on(std::string_view text);  // error|warning|note|never

struct Location {
  std::string path;      // repository-relative, '/' separated; "" for repository-wide
  int start_line = 0;    // 1-based; 0 = whole file
  int start_column = 0;  // 1-based; 0 = unknown
  int end_line = 0;      // 0 = same as start_line
  int end_column = 0;    // 0 = unknown
};

struct Finding {
  std::string tool;     // "slipway" for built-in checks, otherwise the linter/scanner id
  std::string rule_id;  // e.g. "trailing-whitespace", "secret/aws-access-key"
  Severity severity = Severity::warning;
  std::optional<double> security_severity;  // 0.0-10.0, for security findings
  std::string message;
  Location location;
  std::string fingerprint;         // filled by assign_fingerprints()
  std::optional<std::string> fix;  // what --fix would do, when it can
  // Extra facts some reports need, as (key, value) pairs in a fixed order.
  // Keys in use: "package", "version", "ecosystem", "fixed-version",
  // "aliases" (comma-separated CVE/GHSA ids) for dependency findings;
  // "commit", "author", "date" for secrets found in history. Never a secret.
  std::vector<std::pair<std::string, std::string>> properties;
};

// What reporters say about a rule (SARIF rules, Code Quality check names, docs).
struct RuleInfo {
  std::string id;
  std::string tool;  // which tool owns the rule
  std::string short_description;
  std::string full_description;
  std::string help;  // how to fix it (Markdown allowed)
  std::string help_uri;
  Severity default_severity = Severity::warning;
  std::optional<double> security_severity;
};

// One file looked at by one tool: JUnit writes one testcase per pair.
struct CheckedFile {
  std::string tool;
  std::string path;
};

// Sort order used by every reporter: path, line, column, rule.
void sort_findings(std::vector<Finding>& findings);

}  // namespace slipway::model
