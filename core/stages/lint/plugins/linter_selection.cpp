// The lint.linters / lint.auto section of the configuration and the decision
// which linters run; see linter_selection.hpp for the rules.
//
// The plugin keys are read only when the configuration's schema has them, so
// the functions here also work with a Config built from another schema (the
// built-in checks' tests, or an application that has not joined our schema):
// everything then falls back to the descriptor's defaults.
#include "stages/lint/plugins/linter_selection.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "util/glob.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

using model::ConfigKey;
using model::ValueType;

constexpr std::string_view k_linters = "lint.linters";
constexpr std::int64_t k_max_timeout_seconds = 24 * 60 * 60;

ConfigKey make_key(std::string path, ValueType type, model::ConfigScalar default_value,
                   std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = type;
  key.default_value = std::move(default_value);
  key.description = std::move(description);
  key.env = key.path.find('*') == std::string::npos;
  return key;
}

std::string linter_key(const std::string& id, std::string_view leaf) {
  return std::string(k_linters) + "." + id + "." + std::string(leaf);
}

bool in_schema(const model::Config& config, const std::string& path) {
  return model::find_key(config.schema(), path) != nullptr;
}

// Where a linter's settings were written ("file:line:column" origins), for
// errors about the linter as a whole.
void locate_in_file(const model::Config& config, const std::string& id, Error& error) {
  const std::string prefix = std::string(k_linters) + "." + id + ".";
  error.file = config.file_path();
  for (const auto& [path, value] : config.values()) {
    if (!util::starts_with(path, prefix) || value.source != model::ConfigSource::file) continue;
    // origin is "file:line:column"; the file name may itself contain ':'.
    const std::vector<std::string> parts = util::split(value.origin, ':');
    if (parts.size() < 3) continue;
    error.line = std::atoi(parts[parts.size() - 2].c_str());
    error.column = std::atoi(parts.back().c_str());
    error.file = value.origin.substr(
        0, value.origin.size() - parts.back().size() - parts[parts.size() - 2].size() - 2);
    return;
  }
}

std::string config_file_label(const model::Config& config) {
  if (config.file_path().empty()) return "the configuration";
  return std::filesystem::path(config.file_path()).filename().string();
}

// The first repository file matching one of `patterns`, or "".
std::string first_match(const std::vector<std::string>& patterns, const std::vector<std::string>& files) {
  if (patterns.empty()) return {};
  for (const std::string& file : files) {
    if (util::glob_match_any(patterns, file)) return file;
  }
  return {};
}

}  // namespace

model::ConfigSchema plugin_config_schema() {
  model::ConfigSchema schema;
  schema.push_back(
      make_key("lint.auto", ValueType::boolean, false,
               "Also run every known linter whose detect files are present and whose tool is installed"));
  schema.push_back(make_key("lint.linters.*.enabled", ValueType::boolean, true,
                            "Run this linter (listing it under lint.linters enables it)"));
  schema.push_back(make_key("lint.linters.*.args", ValueType::string_list, std::vector<std::string>{},
                            "Extra arguments, inserted before the file arguments of its command"));
  schema.push_back(
      make_key("lint.linters.*.config", ValueType::string, std::string(),
               "The linter's own configuration file, passed as {config} (relative to the root)"));
  schema.push_back(make_key("lint.linters.*.exclude", ValueType::string_list, std::vector<std::string>{},
                            "Globs of files this linter skips"));
  ConfigKey fail_on = make_key("lint.linters.*.fail-on", ValueType::choice, std::string(),
                               "Fail threshold for this linter's findings (\"\" = the stage's fail-on)");
  fail_on.choices = {"", "error", "warning", "note", "never"};
  schema.push_back(std::move(fail_on));
  schema.push_back(make_key("lint.linters.*.required", ValueType::boolean, false,
                            "Fail the stage when the linter is not installed (default: the descriptor's)"));
  ConfigKey timeout = make_key("lint.linters.*.timeout", ValueType::integer, std::int64_t{0},
                               "Seconds one call of the linter may take (0 = the descriptor's timeout)");
  timeout.max = k_max_timeout_seconds;
  schema.push_back(std::move(timeout));
  return schema;
}

LinterSettings linter_settings(const Descriptor& descriptor, const model::Config* config) {
  LinterSettings settings;
  settings.required = descriptor.required;
  settings.timeout_seconds = descriptor.timeout_seconds;
  if (config == nullptr || !in_schema(*config, linter_key(descriptor.id, "args"))) return settings;
  const std::string& id = descriptor.id;
  settings.args = config->get_list(linter_key(id, "args"));
  settings.config = config->get_string(linter_key(id, "config"));
  settings.exclude = config->get_list(linter_key(id, "exclude"));
  const std::string& fail_on = config->get_string(linter_key(id, "fail-on"));
  if (!fail_on.empty()) settings.fail_on = model::parse_fail_on(fail_on);
  if (config->has(linter_key(id, "required")))
    settings.required = config->get_bool(linter_key(id, "required"));
  const std::int64_t timeout = config->get_int(linter_key(id, "timeout"));
  if (timeout > 0) settings.timeout_seconds = static_cast<int>(timeout);
  return settings;
}

Result<std::string> linter_config_file(const Descriptor& descriptor, const LinterSettings& settings,
                                       const std::string& root) {
  std::error_code ec;
  if (!settings.config.empty()) {
    std::filesystem::path path(settings.config);
    if (path.is_relative()) path = std::filesystem::path(root) / path;
    if (std::filesystem::exists(path, ec)) return settings.config;
    Error error =
        make_error("the config file of linter " + descriptor.id + " does not exist: " + settings.config,
                   "fix lint.linters." + descriptor.id + ".config (a path relative to the repository root)");
    return error;
  }
  for (const std::string& name : descriptor.config_files) {
    if (std::filesystem::exists(std::filesystem::path(root) / name, ec)) return name;
  }
  return std::string();
}

std::string locate_program(const Descriptor& descriptor, const std::string& root) {
  if (descriptor.command.empty()) return {};
  const std::string& program = descriptor.command.front();
  if (program.find('/') == std::string::npos) return util::find_program(program);
  std::filesystem::path path(program);
  if (path.is_relative()) path = std::filesystem::path(root.empty() ? "." : root) / path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec) || ::access(path.c_str(), X_OK) != 0) return {};
  return path.string();
}

std::string detected_file(const Descriptor& descriptor, const std::vector<std::string>& all_files) {
  return descriptor.detect.empty() ? first_match(descriptor.file_patterns, all_files)
                                   : first_match(descriptor.detect, all_files);
}

Result<std::vector<LinterChoice>> choose_linters(const std::vector<Descriptor>& descriptors,
                                                 const model::Config& config,
                                                 const std::vector<std::string>& all_files,
                                                 const std::string& root) {
  const bool has_keys = in_schema(config, "lint.auto");
  const std::vector<std::string> listed =
      has_keys ? config.children(std::string(k_linters)) : std::vector<std::string>{};
  std::vector<std::string> known;
  for (const Descriptor& descriptor : descriptors) known.push_back(descriptor.id);
  for (const std::string& id : listed) {
    if (std::find(known.begin(), known.end(), id) != known.end()) continue;
    const std::string suggestion = util::closest_match(id, known);
    Error error = make_error("unknown linter \"" + id + "\" under lint.linters",
                             suggestion.empty()
                                 ? "known linters: " + util::join(known, ", ") + " (or add a descriptor in " +
                                       std::string(k_user_descriptor_dir) + "/" + id + ".yml)"
                                 : "did you mean \"" + suggestion + "\"?");
    locate_in_file(config, id, error);
    return error;
  }

  const bool auto_enabled = has_keys && config.get_bool("lint.auto");
  const std::string label = config_file_label(config);
  std::vector<LinterChoice> choices;
  for (const Descriptor& descriptor : descriptors) {
    LinterChoice choice{&descriptor, false, "not enabled"};
    if (std::find(listed.begin(), listed.end(), descriptor.id) != listed.end()) {
      choice.enabled = config.get_bool(linter_key(descriptor.id, "enabled"));
      choice.reason = choice.enabled ? "listed in " + label : "disabled in " + label;
    } else if (auto_enabled) {
      const std::string detected = detected_file(descriptor, all_files);
      if (!detected.empty()) {
        choice.enabled = !locate_program(descriptor, root).empty();
        choice.reason = "auto: detected " + detected + (choice.enabled ? "" : ", but it is not installed");
      } else {
        choice.reason = "auto: nothing detected";
      }
    }
    choices.push_back(std::move(choice));
  }
  return choices;
}

Result<std::vector<const Descriptor*>> enabled_linters(const std::vector<Descriptor>& descriptors,
                                                       const model::Config& config,
                                                       const std::vector<std::string>& all_files,
                                                       const std::string& root) {
  Result<std::vector<LinterChoice>> choices = choose_linters(descriptors, config, all_files, root);
  if (!choices) return choices.error();
  std::vector<const Descriptor*> enabled;
  for (const LinterChoice& choice : *choices) {
    if (choice.enabled) enabled.push_back(choice.descriptor);
  }
  return enabled;
}

}  // namespace slipway::lint
