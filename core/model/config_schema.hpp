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
#include <string_view>
#include <variant>
#include <vector>

#include "util/result.hpp"

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
  // Read by its stage straight from the file (e.g. build.steps, a list of
  // mappings the table cannot describe): the loader accepts any YAML value
  // there and leaves the validation, with file:line:column, to that stage.
  bool opaque = false;
};

using ConfigSchema = std::vector<ConfigKey>;

// The keys every command shares (version, fail-on, format, output-dir, ...).
ConfigSchema core_config_schema();

// SLIPWAY_ + the path upper-cased with '.' and '-' as '_' ("fail-on" -> SLIPWAY_FAIL_ON).
std::string env_name_for(const std::string& path);

// The row a concrete path falls under ("lint.linters.shellcheck.args" -> the
// "lint.linters.*.args" row). A literal segment wins over "*". nullptr when
// the path is not a key of the schema (sections are not keys).
const ConfigKey* find_key(const ConfigSchema& schema, std::string_view path);

// How a list is written as text: YAML gives one scalar per item, while
// environment variables and flags separate items with commas.
enum class ListText { single_item, comma_separated };

// Parses `text` by `key`'s type and checks choices and ranges. The error's
// message describes the value only ("expected an integer, got \"x\""); the
// caller says where it came from.
Result<ConfigScalar> parse_value_text(const ConfigKey& key, std::string_view text, ListText list_text);

// The expected type for messages: "a boolean (true/false, yes/no, on/off)",
// "an integer", "a string", "a list of strings", "one of a, b, c".
std::string describe_type(const ConfigKey& key);

// What is wrong with a schema: duplicate paths, a default of the wrong type or
// out of range, a key that is also a section, a "*" key settable from the
// environment. Empty when sound; tests run it on every schema.
std::vector<std::string> schema_problems(const ConfigSchema& schema);

}  // namespace slipway::model
