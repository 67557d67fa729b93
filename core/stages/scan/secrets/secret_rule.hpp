// What a secret rule is, in two shapes.
//
// RuleSpec is one row of the built-in tables (builtin_rules_*.cpp): string
// views into static storage, so the tables are plain constant data. SecretRule
// is the effective rule after the user's rules file and .slipway.yml were
// applied: owned strings, one per rule that will run.
//
// Patterns are written once and used twice: Vectorscan finds where a rule
// matches (all rules in one database, one pass), then std::regex (ECMAScript)
// runs on just the matched region to pull out the secret's capture group. A
// pattern therefore has to mean the same to both engines: no inline flags
// (use `caseless`), no look-around, no back-references, no named groups.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slipway::scan::secrets {

// How sure a match alone is. When the secrets of two findings overlap, the
// more specific rule wins: a GitHub token inside `token = "…"` is reported
// once, as a GitHub token, not also by the generic rule.
enum class Specificity {
  exact = 0,       // a format with its own prefix or structure (ghp_…, AKIA…)
  contextual = 1,  // a shapeless value made credible by its surroundings (heroku… = <uuid>)
  generic = 2,     // the catch-all assignment and URL rules
};

struct RuleSpec {
  std::string_view name;         // "github-pat": the rule id is "secret/github-pat"
  std::string_view description;  // "GitHub personal access token"
  std::string_view provider;     // where it is revoked, for the help text ("GitHub settings")
  std::string_view pattern;      // may use the {assign}/{end} shorthands (builtin_rules.cpp)
  int secret_group = 1;          // capture group holding the secret (0 = the whole match)
  double min_entropy = 0.0;      // Shannon entropy (bits per byte) the secret must reach
  double score = 7.0;            // security severity, 0-10
  Specificity specificity = Specificity::exact;
  bool caseless = false;
  std::string_view keywords = {};      // comma-separated; one must occur (any case) in the match
  std::string_view allow_values = {};  // an ECMAScript regex: secrets it finds are ignored
  std::string_view allow_paths = {};   // comma-separated globs of files the rule skips
};

struct SecretRule {
  std::string id;  // "secret/<name>"
  std::string description;
  std::string provider;
  std::string pattern;  // shorthands expanded
  int secret_group = 1;
  double min_entropy = 0.0;
  double score = 7.0;
  Specificity specificity = Specificity::exact;
  bool caseless = false;
  std::vector<std::string> keywords;      // lower case
  std::vector<std::string> allow_values;  // ECMAScript regexes
  std::vector<std::string> allow_paths;   // globs
  std::string origin;                     // "built-in", "rules.yml", ".slipway.yml:12:5"
  bool builtin = true;
};

// "secret/" + name.
inline std::string rule_id_for(std::string_view name) {
  return "secret/" + std::string(name);
}

}  // namespace slipway::scan::secrets
