// The schema of .slipway.yml as data: one table row per key. The same table
// drives the YAML validation, the SLIPWAY_* environment variables, the
// command-line overrides and `slipway config --explain`, so a key is declared
// once. Each layer contributes its section: model declares the top-level keys
// (core_config_schema()), each stage declares its own (e.g. lint_config_schema()
// in stages/lint), and the application joins them.
//
// Key paths are dotted ("lint.checks.large-file.max-size"). A segment "*"
// stands for any user-chosen name (e.g. "lint.linters.*.args").
#pragma once

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace slipway::model {

enum class ValueType { boolean, integer, string, string_list, choice };

using ConfigScalar = std::variant<bool, std::int64_t, std::string, std::vector<std::string>>;

struct ConfigKey {
  std::string path;  // dotted path, may contain "*" segments
  ValueType type = ValueType::string;
  ConfigScalar default_value;        // must hold the alternative that `type` implies
  std::string description;           // one line, shown by config --explain and docs
  std::vector<std::string> choices;  // allowed values for ValueType::choice
  std::int64_t min = 0;              // for integers
  std::int64_t max = INT64_MAX;
  bool env = true;  // settable as SLIPWAY_<PATH> (never for "*" keys)
};

using ConfigSchema = std::vector<ConfigKey>;

// The keys every command shares (version, fail-on, format, output-dir, ...).
ConfigSchema core_config_schema();

// SLIPWAY_ + the path upper-cased with '.' and '-' as '_' ("fail-on" -> SLIPWAY_FAIL_ON).
std::string env_name_for(const std::string& path);

}  // namespace slipway::model
