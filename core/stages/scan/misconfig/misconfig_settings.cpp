// scan.misconfig.* schema and settings (see misconfig_settings.hpp).
#include "stages/scan/misconfig/misconfig_settings.hpp"

#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

constexpr const char* k_disable = "scan.misconfig.disable";
constexpr const char* k_exclude = "scan.misconfig.exclude";
constexpr const char* k_max_file_kb = "scan.misconfig.max-file-kb";
constexpr const char* k_trusted_owners = "scan.misconfig.trusted-action-owners";

bool is_glob(const std::string& pattern) {
  return pattern.find_first_of("*?[") != std::string::npos;
}

}  // namespace

model::ConfigSchema settings_schema() {
  using model::ConfigKey;
  using model::ValueType;
  model::ConfigSchema schema;
  schema.push_back(
      ConfigKey{k_disable,
                ValueType::string_list,
                std::vector<std::string>{},
                "Misconfiguration rules not to run: ids such as config/dockerfile/sudo, or globs "
                "such as config/kubernetes/*",
                {}});
  schema.push_back(ConfigKey{k_exclude,
                             ValueType::string_list,
                             std::vector<std::string>{},
                             "Globs of files the misconfiguration scan does not check",
                             {}});
  ConfigKey max_kb{k_max_file_kb,
                   ValueType::integer,
                   k_default_max_file_kb,
                   "Files larger than this many KiB are skipped with a note",
                   {}};
  max_kb.min = 1;
  schema.push_back(std::move(max_kb));
  schema.push_back(ConfigKey{k_trusted_owners,
                             ValueType::string_list,
                             std::vector<std::string>{"actions", "github"},
                             "GitHub owners whose actions need not be pinned to a commit SHA",
                             {}});
  return schema;
}

Result<MisconfigSettings> read_settings(const model::Config* config) {
  MisconfigSettings settings;
  settings.enabled.set();
  if (config == nullptr) return settings;
  if (config->has(k_exclude)) settings.exclude = config->get_list(k_exclude);
  if (config->has(k_max_file_kb)) settings.max_file_kb = config->get_int(k_max_file_kb);
  if (config->has(k_trusted_owners)) {
    settings.trusted_action_owners.clear();
    for (const std::string& owner : config->get_list(k_trusted_owners)) {
      settings.trusted_action_owners.push_back(util::to_lower(owner));
    }
  }
  if (!config->has(k_disable)) return settings;
  std::vector<std::string> ids;
  for (const RuleSpec& spec : rule_specs()) ids.push_back(rule_id(spec.rule));
  for (const std::string& pattern : config->get_list(k_disable)) {
    bool matched = false;
    for (std::size_t i = 0; i < ids.size(); ++i) {
      if (ids[i] == pattern || (is_glob(pattern) && util::glob_match(pattern, ids[i]))) {
        settings.enabled.reset(i);
        matched = true;
      }
    }
    if (matched) continue;
    Error error = make_error(std::string(k_disable) + ": \"" + pattern + "\" is not a misconfiguration rule" +
                             (is_glob(pattern) ? " pattern that matches any rule" : ""));
    const std::string& origin = config->get(k_disable).origin;
    error.message += " (set in " + origin + ")";
    const std::string suggestion = util::closest_match(pattern, ids);
    error.hint = suggestion.empty() ? "rule ids look like config/dockerfile/sudo; see docs/rules/misconfig.md"
                                    : "did you mean \"" + suggestion + "\"?";
    return error;
  }
  return settings;
}

}  // namespace slipway::scan::misconfig
