// The effective configuration: one value per key, each remembering the layer
// and the place it came from, so `slipway config --explain` can say why a
// setting has the value it has.
//
// Every layer is applied in two steps: validate everything into a staging
// map, then commit it. A layer with one bad value therefore changes nothing,
// and the caller can stop before anything runs. Keys under a "*" segment
// ("lint.linters.*.args") have no value until a layer names an instance; the
// names given are kept apart (m_instances) so that `linters: {shellcheck: }`
// still lists shellcheck although it sets no key. Reading the YAML file is in
// config_yaml.cpp.
#include "model/config.hpp"

#include <algorithm>
#include <stdexcept>
#include <utility>

#include "util/strings.hpp"

namespace slipway::model {

namespace {

constexpr std::size_t k_explain_max_column = 60;

bool is_wildcard_path(const std::string& path) {
  const std::vector<std::string> segments = util::split(path, '.');
  return std::find(segments.begin(), segments.end(), "*") != segments.end();
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

// True when `path` is an instance of `pattern`, segment by segment.
bool matches(const std::vector<std::string>& pattern, const std::vector<std::string>& path) {
  if (pattern.size() != path.size()) return false;
  for (std::size_t i = 0; i < path.size(); ++i) {
    if (pattern[i] != "*" && pattern[i] != path[i]) return false;
  }
  return true;
}

template <typename T>
const T& typed(const ConfigValue& value, const std::string& path, const char* type_name) {
  if (const T* held = std::get_if<T>(&value.value)) return *held;
  throw std::out_of_range("configuration key " + in_quotes(path) + " is not " + type_name);
}

}  // namespace

Config::Config(ConfigSchema schema) : m_schema(std::move(schema)) {
  for (const ConfigKey& key : m_schema) {
    ConfigValue value{key.default_value, ConfigSource::default_value, "defaults"};
    if (is_wildcard_path(key.path)) {
      m_wildcard_defaults.insert_or_assign(key.path, std::move(value));
    } else {
      m_values.insert_or_assign(key.path, std::move(value));
    }
  }
}

void Config::commit(std::map<std::string, ConfigValue> values, const std::set<std::string>& instances) {
  for (auto& [path, value] : values) m_values.insert_or_assign(path, std::move(value));
  m_instances.insert(instances.begin(), instances.end());
}

Result<void> Config::apply_environment(const util::EnvMap& env) {
  std::map<std::string, ConfigValue> staged;
  for (const ConfigKey& key : m_schema) {
    if (!key.env || is_wildcard_path(key.path)) continue;
    const std::string name = env_name_for(key.path);
    const auto found = env.find(name);
    // CI adapters pass unset inputs as empty variables: empty means "not set".
    if (found == env.end() || util::trim(found->second).empty()) continue;
    Result<ConfigScalar> parsed = parse_value_text(key, util::trim(found->second), ListText::comma_separated);
    if (!parsed) {
      Error error = parsed.error();
      error.message = "invalid value in " + name + " (" + in_quotes(key.path) + "): " + error.message;
      if (error.hint.empty()) error.hint = "fix or unset " + name;
      return error;
    }
    staged.insert_or_assign(key.path, ConfigValue{std::move(*parsed), ConfigSource::environment, name});
  }
  commit(std::move(staged), {});
  return {};
}

Result<void> Config::apply_flag(const std::string& path, const std::string& text,
                                const std::string& flag_name) {
  const std::vector<std::string> segments = util::split(path, '.');
  const bool empty_segment =
      path.empty() || std::any_of(segments.begin(), segments.end(), [](auto& s) { return s.empty(); });
  const ConfigKey* key = empty_segment ? nullptr : find_key(m_schema, path);
  if (key == nullptr) {
    std::vector<std::string> known;
    for (const ConfigKey& row : m_schema) known.push_back(row.path);
    const std::string suggestion = util::closest_match(path, known);
    return make_error("unknown key " + in_quotes(path) + " in " + flag_name,
                      suggestion.empty() ? "" : "did you mean " + in_quotes(suggestion) + "?");
  }
  Result<ConfigScalar> parsed = parse_value_text(*key, util::trim(text), ListText::comma_separated);
  if (!parsed) {
    Error error = parsed.error();
    error.message = "invalid value for " + flag_name + ": " + error.message;
    return error;
  }
  // Each "*" segment names an instance ("lint.linters.shellcheck").
  std::set<std::string> instances;
  const std::vector<std::string> pattern = util::split(key->path, '.');
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] != "*") continue;
    instances.insert(util::join(std::vector<std::string>(segments.begin(), segments.begin() + i + 1), "."));
  }
  std::map<std::string, ConfigValue> staged;
  staged.insert_or_assign(path, ConfigValue{std::move(*parsed), ConfigSource::flag, flag_name});
  commit(std::move(staged), instances);
  return {};
}

bool Config::has(const std::string& path) const {
  return m_values.count(path) > 0;
}

const ConfigValue& Config::get(const std::string& path) const {
  if (const auto found = m_values.find(path); found != m_values.end()) return found->second;
  if (const ConfigKey* key = find_key(m_schema, path)) {
    if (const auto wildcard = m_wildcard_defaults.find(key->path); wildcard != m_wildcard_defaults.end()) {
      return wildcard->second;
    }
  }
  throw std::out_of_range("configuration key " + in_quotes(path) + " is not in the schema");
}

bool Config::get_bool(const std::string& path) const {
  return typed<bool>(get(path), path, "a boolean");
}

std::int64_t Config::get_int(const std::string& path) const {
  return typed<std::int64_t>(get(path), path, "an integer");
}

const std::string& Config::get_string(const std::string& path) const {
  return typed<std::string>(get(path), path, "a string");
}

const std::vector<std::string>& Config::get_list(const std::string& path) const {
  return typed<std::vector<std::string>>(get(path), path, "a list");
}

std::vector<std::string> Config::children(const std::string& prefix) const {
  const std::string start = prefix.empty() ? "" : prefix + ".";
  std::vector<std::string> names;
  for (auto it = m_instances.lower_bound(start); it != m_instances.end() && util::starts_with(*it, start);
       ++it) {
    std::string rest = it->substr(start.size());
    if (rest.find('.') == std::string::npos) names.push_back(std::move(rest));
  }
  return names;
}

std::string Config::explain() const {
  std::map<std::string, const ConfigValue*> effective;
  for (const auto& [path, value] : m_values) effective.emplace(path, &value);
  // Each "*" row appears once per instance named, with its default when unset.
  for (const auto& [row_path, default_value] : m_wildcard_defaults) {
    const std::vector<std::string> segments = util::split(row_path, '.');
    const auto last_star = std::find(segments.rbegin(), segments.rend(), "*").base();
    const std::vector<std::string> pattern(segments.begin(), last_star);
    const std::vector<std::string> rest(last_star, segments.end());
    for (const std::string& instance : m_instances) {
      std::vector<std::string> concrete = util::split(instance, '.');
      if (!matches(pattern, concrete)) continue;
      concrete.insert(concrete.end(), rest.begin(), rest.end());
      const std::string path = util::join(concrete, ".");
      const ConfigKey* key = find_key(m_schema, path);
      if (key != nullptr && key->path == row_path) effective.emplace(path, &default_value);
    }
  }

  std::vector<std::pair<std::string, std::string>> lines;
  std::size_t width = 0;
  for (const auto& [path, value] : effective) {
    std::string left = path + " = " + to_display(value->value);
    if (left.size() <= k_explain_max_column) width = std::max(width, left.size());
    lines.emplace_back(std::move(left), value->origin);
  }
  std::string out;
  for (const auto& [left, origin] : lines) {
    out += left;
    out.append(left.size() < width ? width - left.size() + 2 : 2, ' ');
    out += "(" + origin + ")\n";
  }
  return out;
}

std::string to_display(const ConfigScalar& value) {
  if (const bool* flag = std::get_if<bool>(&value)) return *flag ? "true" : "false";
  if (const std::int64_t* number = std::get_if<std::int64_t>(&value)) return std::to_string(*number);
  if (const std::string* text = std::get_if<std::string>(&value)) return text->empty() ? "\"\"" : *text;
  const auto& items = std::get<std::vector<std::string>>(value);
  return items.empty() ? "[]" : util::join(items, ", ");
}

}  // namespace slipway::model
