// The top-level keys of .slipway.yml, and the schema-level rules every layer
// of the configuration shares: which row a dotted path falls under, how text
// becomes a typed value, and what a sound schema looks like.
//
// The table in core_config_schema() is the only place a top-level key is
// declared; docs/configuration.md mirrors it. Parsing lives here rather than
// in Config because the YAML reader, the environment and the flags all parse
// the same way and must give the same messages. A message describes only the
// value ("expected an integer, got \"x\""); the caller adds where the value
// came from (file:line:column, the variable, the flag).
#include "model/config_schema.hpp"

#include <algorithm>
#include <charconv>
#include <optional>
#include <set>
#include <utility>

#include "util/strings.hpp"

namespace slipway::model {

namespace {

ConfigKey key_bool(std::string path, bool default_value, std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = ValueType::boolean;
  key.default_value = default_value;
  key.description = std::move(description);
  return key;
}

ConfigKey key_int(std::string path, std::int64_t default_value, std::int64_t min, std::int64_t max,
                  std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = ValueType::integer;
  key.default_value = default_value;
  key.description = std::move(description);
  key.min = min;
  key.max = max;
  return key;
}

ConfigKey key_string(std::string path, std::string default_value, std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = ValueType::string;
  key.default_value = std::move(default_value);
  key.description = std::move(description);
  return key;
}

ConfigKey key_list(std::string path, std::vector<std::string> default_value, std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = ValueType::string_list;
  key.default_value = std::move(default_value);
  key.description = std::move(description);
  return key;
}

ConfigKey key_choice(std::string path, std::string default_value, std::vector<std::string> choices,
                     std::string description) {
  ConfigKey key;
  key.path = std::move(path);
  key.type = ValueType::choice;
  key.default_value = std::move(default_value);
  key.description = std::move(description);
  key.choices = std::move(choices);
  return key;
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::optional<bool> parse_bool(std::string_view text) {
  const std::string lower = util::to_lower(text);
  if (lower == "true" || lower == "yes" || lower == "on") return true;
  if (lower == "false" || lower == "no" || lower == "off") return false;
  return std::nullopt;
}

std::optional<std::int64_t> parse_int(std::string_view text) {
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string range_text(const ConfigKey& key) {
  if (key.min == INT64_MIN && key.max == INT64_MAX) return "";
  if (key.max == INT64_MAX) return "at least " + std::to_string(key.min);
  if (key.min == INT64_MIN) return "at most " + std::to_string(key.max);
  if (key.min == key.max) return "exactly " + std::to_string(key.min);
  return "between " + std::to_string(key.min) + " and " + std::to_string(key.max);
}

// The variant alternative each type stores.
std::size_t alternative_for(ValueType type) {
  switch (type) {
    case ValueType::boolean:
      return 0;
    case ValueType::integer:
      return 1;
    case ValueType::string:
    case ValueType::choice:
      return 2;
    case ValueType::string_list:
      return 3;
  }
  return 2;
}

bool segments_match(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != path[i]) return false;
  }
  return true;
}

}  // namespace

ConfigSchema core_config_schema() {
  ConfigKey version = key_int("version", 1, 1, 1, "Format version of this file; 1 is the only one so far.");
  // SLIPWAY_VERSION is what adapters use to pick the binary to install.
  version.env = false;
  return {
      version,
      key_choice("fail-on", "error", {"error", "warning", "note", "never"},
                 "Lowest finding severity that fails the run (exit code 1); never = report only."),
      key_list("format", {},
               "Report formats to write besides the console; [] = the native set of the CI platform."),
      key_string("output-dir", ".slipway/reports", "Folder the report files are written to."),
      key_choice("changed-only", "auto", {"auto", "true", "false"},
                 "Check only changed files; auto = yes in pull/merge-request pipelines and on local "
                 "branches with an upstream, no on push builds."),
      key_string("base", "",
                 "Git revision changed files are diffed against; \"\" = the target branch from CI, "
                 "or the upstream."),
      key_bool("new-only", false, "Report only findings on lines added since the base."),
      key_int("jobs", 0, 0, 256, "Parallel jobs; 0 = the number of cores."),
      key_choice("color", "auto", {"auto", "always", "never"},
                 "Colored console output; auto = when the output is a terminal."),
      key_list("exclude", {}, "Glob patterns of paths excluded from every stage."),
      key_string("baseline", ".slipway-baseline.json",
                 "Baseline file: fingerprints of accepted findings, which are not reported."),
      key_list("stages", {"lint"}, "Stages `slipway run` runs, in order."),
      key_bool("quiet", false, "Console output: the summary line only."),
      key_bool("verbose", false, "Console output: also each step, command and timing."),
  };
}

std::string env_name_for(const std::string& path) {
  std::string name = "SLIPWAY_" + util::to_upper(path);
  std::replace(name.begin(), name.end(), '.', '_');
  std::replace(name.begin(), name.end(), '-', '_');
  return name;
}

const ConfigKey* find_key(const ConfigSchema& schema, std::string_view path) {
  const std::vector<std::string> segments = util::split(path, '.');
  const ConfigKey* best = nullptr;
  std::vector<bool> best_literal;  // per segment: matched literally
  for (const ConfigKey& key : schema) {
    const std::vector<std::string> pattern = util::split(key.path, '.');
    if (!segments_match(pattern, segments)) continue;
    std::vector<bool> literal(pattern.size());
    for (std::size_t i = 0; i < pattern.size(); ++i) literal[i] = pattern[i] != "*";
    // Earlier segments decide first: "a.b.*" beats "a.*.c" for "a.b.c".
    if (best == nullptr || literal > best_literal) {
      best = &key;
      best_literal = std::move(literal);
    }
  }
  return best;
}

std::string describe_type(const ConfigKey& key) {
  switch (key.type) {
    case ValueType::boolean:
      return "a boolean (true/false, yes/no, on/off)";
    case ValueType::integer:
      return "an integer";
    case ValueType::string:
      return "a string";
    case ValueType::string_list:
      return "a list of strings";
    case ValueType::choice:
      return "one of " + util::join(key.choices, ", ");
  }
  return "a value";
}

Result<ConfigScalar> parse_value_text(const ConfigKey& key, std::string_view text, ListText list_text) {
  // "; got" after a list of choices, so the list stays readable.
  const std::string got = key.type == ValueType::choice ? "; got " : ", got ";
  auto expected = [&] { return "expected " + describe_type(key) + got + in_quotes(text); };
  switch (key.type) {
    case ValueType::boolean:
      if (auto value = parse_bool(text)) return ConfigScalar{*value};
      return make_error(expected());
    case ValueType::integer: {
      const auto value = parse_int(text);
      if (!value) {
        const std::string range = range_text(key);
        return make_error(expected(), range.empty() ? "" : "give a whole number " + range);
      }
      if (*value < key.min || *value > key.max) {
        return make_error("must be " + range_text(key) + ", got " + std::to_string(*value));
      }
      return ConfigScalar{*value};
    }
    case ValueType::string:
      return ConfigScalar{std::string(text)};
    case ValueType::string_list: {
      std::vector<std::string> items;
      if (list_text == ListText::single_item) {
        items.emplace_back(text);
      } else {
        for (const std::string& item : util::split(text, ',')) {
          const std::string_view trimmed = util::trim(item);
          if (!trimmed.empty()) items.emplace_back(trimmed);
        }
      }
      return ConfigScalar{std::move(items)};
    }
    case ValueType::choice: {
      if (std::find(key.choices.begin(), key.choices.end(), text) != key.choices.end()) {
        return ConfigScalar{std::string(text)};
      }
      // "changed-only: yes" means true, as it would for a boolean.
      const bool has_bool_choices =
          std::find(key.choices.begin(), key.choices.end(), "true") != key.choices.end() &&
          std::find(key.choices.begin(), key.choices.end(), "false") != key.choices.end();
      if (has_bool_choices) {
        if (auto value = parse_bool(text)) return ConfigScalar{std::string(*value ? "true" : "false")};
      }
      const std::string suggestion = util::closest_match(text, key.choices);
      return make_error(expected(), suggestion.empty() ? "" : "did you mean " + in_quotes(suggestion) + "?");
    }
  }
  return make_error(expected());
}

std::vector<std::string> schema_problems(const ConfigSchema& schema) {
  std::vector<std::string> problems;
  std::set<std::string> seen;
  for (const ConfigKey& key : schema) {
    const std::string name = in_quotes(key.path);
    const std::vector<std::string> segments = util::split(key.path, '.');
    if (key.path.empty() ||
        std::any_of(segments.begin(), segments.end(), [](auto& s) { return s.empty(); })) {
      problems.push_back(name + ": empty path segment");
    }
    if (!seen.insert(key.path).second) problems.push_back(name + ": declared twice");
    if (key.description.empty()) problems.push_back(name + ": no description");
    const bool wildcard = std::find(segments.begin(), segments.end(), "*") != segments.end();
    if (wildcard && key.env) problems.push_back(name + ": a \"*\" key cannot be an environment variable");
    if (key.default_value.index() != alternative_for(key.type)) {
      problems.push_back(name + ": default value does not hold " + describe_type(key));
      continue;
    }
    if (key.type == ValueType::choice) {
      const auto& value = std::get<std::string>(key.default_value);
      if (std::find(key.choices.begin(), key.choices.end(), value) == key.choices.end()) {
        problems.push_back(name + ": default " + in_quotes(value) + " is not one of its choices");
      }
    }
    if (key.type == ValueType::integer) {
      const std::int64_t value = std::get<std::int64_t>(key.default_value);
      if (key.min > key.max) problems.push_back(name + ": min is greater than max");
      if (value < key.min || value > key.max) problems.push_back(name + ": default is out of range");
    }
    for (const ConfigKey& other : schema) {
      if (util::starts_with(other.path, key.path + ".")) {
        problems.push_back(name + ": is a key and also a section (of " + in_quotes(other.path) + ")");
        break;
      }
    }
  }
  return problems;
}

}  // namespace slipway::model
