// Loading the effective secret rules and settings: built-in rules, then the
// rules file, then scan.secrets.rules.<name>.* from the configuration layers,
// then scan.secrets.disable. User mistakes (a bad regex, a missing pattern, an
// unknown id to disable) are Errors that name the rule id and where it was
// written, so that `slipway scan` exits 2 before reading any file.
#include "stages/scan/secrets/secrets_settings.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <regex>

#include "model/config_schema.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "util/environment.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr std::string_view k_rules_prefix = "scan.secrets.rules";

std::string normalized_id(const std::string& id) {
  return util::starts_with(id, "secret/") ? id : rule_id_for(id);
}

Error rule_error(const std::string& id, const std::string& origin, std::string message,
                 std::string hint = {}) {
  Error error = make_error("secret rule " + id + ": " + std::move(message), std::move(hint));
  if (!origin.empty() && origin != "built-in") error.message += " (" + origin + ")";
  return error;
}

Result<double> parse_number(const std::string& text, const std::string& id, const std::string& field,
                            const std::string& origin, double high) {
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  if (text.empty() || end == nullptr || *end != '\0' || value < 0 || value > high) {
    return rule_error(id, origin,
                      field + " must be a number from 0 to " + std::to_string(static_cast<int>(high)) +
                          ", got \"" + text + "\"");
  }
  return value;
}

// scan.secrets.rules.<name>.* as user rules (only the fields some layer set).
Result<std::vector<UserRule>> rules_from_config(const model::Config& config) {
  std::vector<UserRule> rules;
  const std::string prefix(k_rules_prefix);
  for (const std::string& name : config.children(prefix)) {
    UserRule rule;
    rule.id = normalized_id(name);
    auto key = [&](const char* field) { return prefix + "." + name + "." + field; };
    auto set = [&](const char* field) {
      if (!config.has(key(field))) return false;
      if (rule.origin.empty()) rule.origin = config.get(key(field)).origin;
      return true;
    };
    RuleFields& fields = rule.fields;
    if (set("pattern")) fields.pattern = config.get_string(key("pattern"));
    if (set("description")) fields.description = config.get_string(key("description"));
    if (set("secret-group")) fields.secret_group = static_cast<int>(config.get_int(key("secret-group")));
    if (set("keywords")) fields.keywords = config.get_list(key("keywords"));
    if (set("case-insensitive")) fields.caseless = config.get_bool(key("case-insensitive"));
    if (set("allow-values")) fields.allow_values = config.get_list(key("allow-values"));
    if (set("allow-paths")) fields.allow_paths = config.get_list(key("allow-paths"));
    if (set("enabled")) fields.enabled = config.get_bool(key("enabled"));
    if (set("min-entropy")) {
      auto value = parse_number(config.get_string(key("min-entropy")), rule.id, "min-entropy",
                                config.get(key("min-entropy")).origin, 8);
      if (!value) return value.error();
      fields.min_entropy = *value;
    }
    if (set("score")) {
      auto value = parse_number(config.get_string(key("score")), rule.id, "score",
                                config.get(key("score")).origin, 10);
      if (!value) return value.error();
      fields.score = *value;
    }
    rules.push_back(std::move(rule));
  }
  return rules;
}

std::filesystem::path resolve(const std::string& path, const std::string& root) {
  std::filesystem::path resolved = util::expand_home(path);
  if (resolved.is_relative() && !root.empty()) resolved = std::filesystem::path(root) / resolved;
  return resolved;
}

std::vector<std::string> lower_all(std::vector<std::string> words) {
  for (std::string& word : words) word = util::to_lower(word);
  return words;
}

std::regex::flag_type regex_flags(bool caseless) {
  return caseless ? std::regex::ECMAScript | std::regex::icase : std::regex::ECMAScript;
}

// A new rule's secret is its first capture group, or the whole match when the
// pattern has none. (A pattern std::regex rejects keeps 1; validation reports it.)
int default_secret_group(const SecretRule& rule) {
  try {
    return std::regex(rule.pattern, regex_flags(rule.caseless)).mark_count() > 0 ? 1 : 0;
  } catch (const std::regex_error&) {
    return 1;
  }
}

// scan.secrets.cache-dir: "off", a folder (relative to the repository), or
// the user's cache folder.
std::filesystem::path rule_cache_dir(const std::string& configured, const std::string& root) {
  if (configured == "off") return {};
  if (configured.empty()) {
    // Without HOME or XDG_CACHE_HOME there is no per-user folder: no cache
    // rather than one in the working folder.
    std::filesystem::path folder = util::user_cache_dir(util::current_environment(), "vectorscan");
    return folder.is_absolute() ? folder : std::filesystem::path();
  }
  std::filesystem::path path = util::expand_home(configured);
  if (path.is_relative()) path = std::filesystem::path(root) / path;
  return path;
}

}  // namespace

Result<void> apply_user_rules(std::vector<SecretRule>& rules, const std::vector<UserRule>& user_rules) {
  for (const UserRule& user : user_rules) {
    const std::string id = normalized_id(user.id);
    const RuleFields& fields = user.fields;
    auto found =
        std::find_if(rules.begin(), rules.end(), [&](const SecretRule& rule) { return rule.id == id; });
    if (fields.enabled.has_value() && !*fields.enabled) {
      if (found != rules.end()) rules.erase(found);
      continue;
    }
    if (found == rules.end()) {
      if (!fields.pattern.has_value() || fields.pattern->empty()) {
        return rule_error(id, user.origin, "a new rule needs a pattern",
                          "no built-in rule has this id; check the spelling or add `pattern`");
      }
      SecretRule rule;
      rule.id = id;
      rule.description = id.substr(7);
      rule.provider = "the service that issued it";
      rule.specificity = Specificity::exact;
      rule.builtin = false;
      rules.push_back(std::move(rule));
      found = std::prev(rules.end());
    }
    SecretRule& rule = *found;
    rule.origin = user.origin;
    if (fields.pattern) rule.pattern = *fields.pattern;
    if (fields.description) rule.description = *fields.description;
    if (fields.secret_group) {
      rule.secret_group = *fields.secret_group;
    } else if (!rule.builtin && fields.pattern) {
      rule.secret_group = default_secret_group(rule);
    }
    if (fields.keywords) rule.keywords = lower_all(*fields.keywords);
    if (fields.min_entropy) rule.min_entropy = *fields.min_entropy;
    if (fields.score) rule.score = *fields.score;
    if (fields.caseless) rule.caseless = *fields.caseless;
    if (fields.allow_values) rule.allow_values = *fields.allow_values;
    if (fields.allow_paths) rule.allow_paths = *fields.allow_paths;
  }
  return {};
}

Result<void> validate_rules(const std::vector<SecretRule>& rules) {
  for (const SecretRule& rule : rules) {
    if (rule.pattern.empty()) return rule_error(rule.id, rule.origin, "the pattern is empty");
    try {
      const std::regex capture(rule.pattern, regex_flags(rule.caseless));
      if (rule.secret_group < 0 || static_cast<std::size_t>(rule.secret_group) > capture.mark_count()) {
        return rule_error(rule.id, rule.origin,
                          "secret-group " + std::to_string(rule.secret_group) +
                              " does not exist: the pattern has " + std::to_string(capture.mark_count()) +
                              " capture group(s)",
                          "use 0 for the whole match or the number of the group that holds the secret");
      }
    } catch (const std::regex_error& error) {
      return rule_error(rule.id, rule.origin, "invalid pattern: " + std::string(error.what()),
                        "patterns use the syntax common to Vectorscan and ECMAScript regexes "
                        "(no inline flags, look-around or back-references)");
    }
    for (const std::string& allow : rule.allow_values) {
      try {
        const std::regex compiled(allow, std::regex::ECMAScript);
      } catch (const std::regex_error& error) {
        return rule_error(rule.id, rule.origin,
                          "invalid allow-values regex \"" + allow + "\": " + error.what());
      }
    }
  }
  return {};
}

Result<SecretSettings> load_secret_settings(const model::Config* config, const std::string& root) {
  SecretSettings settings;
  settings.rules = builtin_rules();
  const bool configured =
      config != nullptr && model::find_key(config->schema(), "scan.secrets.max-file-size") != nullptr;
  if (!configured) return settings;

  settings.max_file_size = config->get_int("scan.secrets.max-file-size");
  settings.allow_paths = config->get_list("scan.secrets.allow-paths");
  settings.allow_values = config->get_list("scan.secrets.allow-values");
  settings.cache_dir = rule_cache_dir(config->get_string("scan.secrets.cache-dir"), root);
  for (const std::string& allow : settings.allow_values) {
    try {
      const std::regex compiled(allow, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      return make_error("scan.secrets.allow-values: invalid regex \"" + allow + "\": " + error.what() + " (" +
                        config->get("scan.secrets.allow-values").origin + ")");
    }
  }

  const std::string& rules_file = config->get_string("scan.secrets.rules-file");
  if (!rules_file.empty()) {
    const std::filesystem::path path = resolve(rules_file, root);
    auto text = util::read_file(path);
    if (!text) {
      Error error = text.error();
      error.message = "cannot read scan.secrets.rules-file: " + error.message;
      return error;
    }
    auto user_rules = parse_rules_file(*text, rules_file);
    if (!user_rules) return user_rules.error();
    if (auto applied = apply_user_rules(settings.rules, *user_rules); !applied) return applied.error();
  }

  auto config_rules = rules_from_config(*config);
  if (!config_rules) return config_rules.error();
  if (auto applied = apply_user_rules(settings.rules, *config_rules); !applied) return applied.error();

  for (const std::string& disabled : config->get_list("scan.secrets.disable")) {
    const std::string id = normalized_id(std::string(util::trim(disabled)));
    auto found = std::find_if(settings.rules.begin(), settings.rules.end(),
                              [&](const SecretRule& rule) { return rule.id == id; });
    if (found == settings.rules.end()) {
      std::vector<std::string> ids;
      for (const SecretRule& rule : settings.rules) ids.push_back(rule.id);
      const std::string suggestion = util::closest_match(id, ids);
      return make_error("scan.secrets.disable: no secret rule \"" + id + "\" (" +
                            config->get("scan.secrets.disable").origin + ")",
                        suggestion.empty() ? "docs/scan-secrets.md lists every rule id"
                                           : "did you mean \"" + suggestion + "\"?");
    }
    settings.rules.erase(found);
  }

  // Built-in rules are checked by the unit tests; only what the user wrote is checked here.
  std::vector<SecretRule> touched;
  for (const SecretRule& rule : settings.rules) {
    if (rule.origin != "built-in") touched.push_back(rule);
  }
  if (auto valid = validate_rules(touched); !valid) return valid.error();
  return settings;
}

}  // namespace slipway::scan::secrets
