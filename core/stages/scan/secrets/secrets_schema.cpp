// The scan.secrets.* section of the configuration schema. User rules in
// .slipway.yml live under scan.secrets.rules.<name>.*; the same fields make up
// an entry of the rules file (rules_file.cpp), so both are described once in
// docs/scan-secrets.md.
#include "stages/scan/secrets/secret_scan.hpp"
#include "stages/scan/secrets/secrets_settings.hpp"

namespace slipway::scan {
namespace {

using model::ConfigKey;
using model::ValueType;

ConfigKey make_key(std::string path, ValueType type, model::ConfigScalar value, std::string description,
                   bool env = true) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = type;
  key.default_value = std::move(value);
  key.description = std::move(description);
  key.env = env;
  return key;
}

}  // namespace

model::ConfigSchema secrets_config_schema() {
  using secrets::k_default_max_file_size;
  using Strings = std::vector<std::string>;
  model::ConfigSchema schema;
  ConfigKey max_size = make_key("scan.secrets.max-file-size", ValueType::integer, k_default_max_file_size,
                                "Files and blobs larger than this many bytes are skipped with a note");
  max_size.min = 1;
  max_size.max = secrets::k_max_max_file_size;
  schema.push_back(std::move(max_size));
  schema.push_back(
      make_key("scan.secrets.rules-file", ValueType::string, std::string(),
               "A YAML file of extra or overriding secret rules (relative to the repository root)"));
  schema.push_back(make_key("scan.secrets.disable", ValueType::string_list, Strings{},
                            "Secret rule ids that do not run (e.g. secret/jwt)"));
  schema.push_back(make_key("scan.secrets.allow-paths", ValueType::string_list, Strings{},
                            "Globs of files where no secret is reported"));
  schema.push_back(make_key("scan.secrets.allow-values", ValueType::string_list, Strings{},
                            "Regexes (ECMAScript): a secret they find is not reported"));
  schema.push_back(make_key("scan.secrets.cache-dir", ValueType::string, std::string(),
                            "Folder for the compiled rule database, reused while the rules stay the same; "
                            "empty = $XDG_CACHE_HOME/slipway/vectorscan or ~/.cache/slipway/vectorscan, "
                            "`off` = compile on every run"));

  const std::string rule = "scan.secrets.rules.*.";
  schema.push_back(
      make_key(rule + "pattern", ValueType::string, std::string(),
               "The rule's pattern (a new rule needs one; an override may keep the built-in one)", false));
  schema.push_back(make_key(rule + "description", ValueType::string, std::string(),
                            "What the rule finds, shown in findings and reports", false));
  ConfigKey group = make_key(
      rule + "secret-group", ValueType::integer, std::int64_t{1},
      "The capture group that holds the secret (0 = the whole match; default 1, or 0 without groups)", false);
  group.max = 99;
  schema.push_back(std::move(group));
  schema.push_back(make_key(rule + "keywords", ValueType::string_list, Strings{},
                            "Words (any case) of which one must occur in the match", false));
  schema.push_back(make_key(rule + "min-entropy", ValueType::string, std::string("0"),
                            "Minimum Shannon entropy of the secret in bits per byte (0-8)", false));
  schema.push_back(make_key(rule + "score", ValueType::string, std::string("7.0"),
                            "Security severity, 0-10 (critical >= 9, high >= 7, medium >= 4)", false));
  schema.push_back(make_key(rule + "case-insensitive", ValueType::boolean, false,
                            "Match the pattern without regard to case", false));
  schema.push_back(make_key(rule + "allow-values", ValueType::string_list, Strings{},
                            "Regexes: a secret they find is not reported by this rule", false));
  schema.push_back(make_key(rule + "allow-paths", ValueType::string_list, Strings{},
                            "Globs of files this rule skips", false));
  schema.push_back(make_key(rule + "enabled", ValueType::boolean, true, "false disables the rule", false));
  return schema;
}

}  // namespace slipway::scan
