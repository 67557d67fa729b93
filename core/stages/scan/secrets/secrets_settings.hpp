// The effective secret-scan settings: every rule that runs (built-in rules,
// then the rules file, then .slipway.yml, minus scan.secrets.disable) and the
// global limits and allow lists. Loading validates what the user wrote and
// names the rule and the file (or configuration origin) of any mistake.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "model/config.hpp"
#include "stages/scan/secrets/secret_rule.hpp"
#include "util/result.hpp"

namespace slipway::scan::secrets {

constexpr std::int64_t k_default_max_file_size = std::int64_t{10} << 20;  // 10 MiB
constexpr std::int64_t k_max_max_file_size = std::int64_t{1} << 30;       // Vectorscan scans < 4 GiB at once

// The fields of a user rule, each optional: an override changes only what it
// names; a new rule needs at least `pattern`.
struct RuleFields {
  std::optional<std::string> pattern;
  std::optional<std::string> description;
  std::optional<int> secret_group;
  std::optional<std::vector<std::string>> keywords;
  std::optional<double> min_entropy;
  std::optional<double> score;
  std::optional<bool> caseless;
  std::optional<std::vector<std::string>> allow_values;
  std::optional<std::vector<std::string>> allow_paths;
  std::optional<bool> enabled;
};

struct UserRule {
  std::string id;  // "secret/<name>" (a bare name gets the prefix)
  RuleFields fields;
  std::string origin;  // "file.yml:12:5"
};

struct SecretSettings {
  std::vector<SecretRule> rules;
  std::int64_t max_file_size = k_default_max_file_size;
  std::vector<std::string> allow_paths;   // globs
  std::vector<std::string> allow_values;  // ECMAScript regexes
  std::filesystem::path cache_dir;        // compiled databases (database_cache.hpp); empty = none
};

// Reads the settings from `config` (null, or a configuration without the
// scan.secrets keys: defaults and the built-in rules). A relative rules file
// is looked up under `root`.
Result<SecretSettings> load_secret_settings(const model::Config* config, const std::string& root);

// Parses a rules file (see docs/scan-secrets.md): a mapping with a `rules`
// list. `label` names the file in errors.
Result<std::vector<UserRule>> parse_rules_file(const std::string& text, const std::string& label);

// Applies user rules to `rules` in order: an id that exists is overridden
// field by field, a new id is appended (and needs a pattern), `enabled: false`
// removes the rule.
Result<void> apply_user_rules(std::vector<SecretRule>& rules, const std::vector<UserRule>& user_rules);

// Checks what std::regex can check: every pattern and allow-values regex
// compiles and the secret group exists. (Vectorscan's own check happens when
// the database is built; its errors name the rule too.)
Result<void> validate_rules(const std::vector<SecretRule>& rules);

}  // namespace slipway::scan::secrets
