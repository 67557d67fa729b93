// The effective configuration: every key of the schema with its value and the
// layer it came from. Layers, lowest first: built-in defaults, .slipway.yml,
// SLIPWAY_* environment variables, command-line flags. Each layer is applied
// with a validating call; nothing runs until all of them succeeded.
#pragma once

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "model/config_schema.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace slipway::model {

enum class ConfigSource { default_value, file, environment, flag };

struct ConfigValue {
  ConfigScalar value;
  ConfigSource source = ConfigSource::default_value;
  std::string origin;  // "defaults", "file.yml:12:3", "SLIPWAY_FAIL_ON", "--fail-on"
};

class Config {
 public:
  // A configuration holding every non-wildcard key's default.
  explicit Config(ConfigSchema schema);

  // Reads and validates a YAML file; on success its values override defaults.
  // Errors carry file:line:column, and for unknown keys a "did you mean".
  Result<void> apply_file(const std::string& path);
  Result<void> apply_yaml_text(const std::string& text, const std::string& file_name);
  // Applies SLIPWAY_* variables named after schema keys.
  Result<void> apply_environment(const util::EnvMap& env);
  // Sets one key from a command-line flag (text parsed by the key's type;
  // lists are comma-separated).
  Result<void> apply_flag(const std::string& path, const std::string& text, const std::string& flag_name);

  // True when the path holds a value: every non-wildcard key does (its default
  // at least), a concrete "*" instance only when some layer set it.
  [[nodiscard]] bool has(const std::string& path) const;
  // A concrete "*" path no layer set gives the wildcard row's default. A path
  // outside the schema is a programming error: std::out_of_range. The typed
  // getters throw the same on a key of another type.
  [[nodiscard]] const ConfigValue& get(
      const std::string& path) const;  // throws std::out_of_range on a schema bug
  [[nodiscard]] bool get_bool(const std::string& path) const;
  [[nodiscard]] std::int64_t get_int(const std::string& path) const;
  [[nodiscard]] const std::string& get_string(const std::string& path) const;  // strings and choices
  [[nodiscard]] const std::vector<std::string>& get_list(const std::string& path) const;

  // Names given under a wildcard: children("lint.linters") -> {"shellcheck", ...}.
  [[nodiscard]] std::vector<std::string> children(const std::string& prefix) const;

  [[nodiscard]] const ConfigSchema& schema() const { return m_schema; }
  [[nodiscard]] const std::map<std::string, ConfigValue>& values() const { return m_values; }
  [[nodiscard]] const std::string& file_path() const { return m_file; }  // "" when none read

  // Every effective value, one per line: "key = value  (origin)".
  [[nodiscard]] std::string explain() const;

 private:
  ConfigSchema m_schema;
  std::map<std::string, ConfigValue> m_values;
  std::string m_file;
  std::map<std::string, ConfigValue> m_wildcard_defaults;  // by "*" row path
  std::set<std::string> m_instances;  // concrete paths of names given for "*" ("lint.linters.shellcheck")

  void commit(std::map<std::string, ConfigValue> values, const std::set<std::string>& instances);
};

// Renders a value for messages and --explain ("true", "42", "a, b", "[]").
std::string to_display(const ConfigScalar& value);

}  // namespace slipway::model
