// Typed reads of YAML fields for descriptor files; see yaml_fields.hpp.
#include "stages/lint/plugins/yaml_fields.hpp"

#include <algorithm>
#include <charconv>

#include "util/strings.hpp"

namespace slipway::lint::yaml_fields {

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return in_quotes(node.Scalar());
}

Error FieldReader::error_at(const YAML::Mark& mark, std::string message, std::string hint) const {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = m_file;
  error.line = mark.line >= 0 ? mark.line + 1 : 0;
  error.column = mark.column >= 0 ? mark.column + 1 : 0;
  return error;
}

void FieldReader::fail(const YAML::Mark& mark, std::string message, std::string hint) {
  if (!m_error) m_error = error_at(mark, std::move(message), std::move(hint));
}

Entries FieldReader::entries_of(const YAML::Node& node, const std::vector<std::string>& allowed,
                                const std::string& section) {
  Entries entries;
  for (auto it = node.begin(); it != node.end(); ++it) {
    // Copies: it-> returns a proxy that dies with the expression.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (!key.IsScalar()) {
      fail(key.Mark(), "expected a key name, got " + kind_of(key));
      continue;
    }
    const std::string name = key.Scalar();
    const std::string dotted = section.empty() ? name : section + "." + name;
    if (std::find(allowed.begin(), allowed.end(), name) == allowed.end()) {
      const std::string suggestion = util::closest_match(name, allowed);
      std::string hint =
          suggestion.empty()
              ? "valid keys" + (section.empty() ? std::string() : " under " + in_quotes(section)) + ": " +
                    util::join(allowed, ", ")
              : "did you mean " + in_quotes(section.empty() ? suggestion : section + "." + suggestion) + "?";
      fail(key.Mark(), "unknown key " + in_quotes(dotted), std::move(hint));
      continue;
    }
    if (!entries.emplace(name, Entry{key, value}).second) {
      fail(key.Mark(), "duplicate key " + in_quotes(dotted), "remove one of them");
    }
  }
  return entries;
}

const Entry* FieldReader::find(const Entries& entries, const std::string& name) {
  const auto found = entries.find(name);
  return found == entries.end() ? nullptr : &found->second;
}

void FieldReader::require(const Entries& entries, const YAML::Node& owner, const std::string& name,
                          const std::string& section, const std::string& hint) {
  if (entries.count(name) > 0) return;
  fail(owner.Mark(), "missing required key " + in_quotes(section.empty() ? name : section + "." + name),
       hint);
}

YAML::Mark FieldReader::value_mark(const Entry& entry) {
  return entry.value.IsNull() ? entry.key.Mark() : entry.value.Mark();
}

std::string FieldReader::read_string(const Entry& entry, const std::string& what) {
  if (!entry.value.IsScalar()) {
    fail(value_mark(entry), "expected a string for " + in_quotes(what) + ", got " + kind_of(entry.value));
    return {};
  }
  return entry.value.Scalar();
}

std::vector<std::string> FieldReader::read_list(const Entry& entry, const std::string& what) {
  std::vector<std::string> items;
  if (entry.value.IsNull()) return items;
  if (!entry.value.IsSequence()) {
    fail(value_mark(entry),
         "expected a list of strings for " + in_quotes(what) + ", got " + kind_of(entry.value),
         "write it as [a, b] or one \"- item\" per line");
    return items;
  }
  for (const YAML::Node& item : entry.value) {
    if (!item.IsScalar()) {
      fail(item.Mark(), "expected a string as list item of " + in_quotes(what) + ", got " + kind_of(item));
      continue;
    }
    items.push_back(item.Scalar());
  }
  return items;
}

bool FieldReader::read_bool(const Entry& entry, const std::string& what, bool fallback) {
  const std::string text = entry.value.IsScalar() ? util::to_lower(entry.value.Scalar()) : std::string();
  if (text == "true" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "no" || text == "off") return false;
  fail(value_mark(entry),
       "expected a boolean (true/false) for " + in_quotes(what) + ", got " + kind_of(entry.value));
  return fallback;
}

int FieldReader::read_int(const YAML::Node& node, const YAML::Mark& mark, const std::string& what, int min,
                          int max, int fallback) {
  const std::string text = node.IsScalar() ? node.Scalar() : std::string();
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) {
    fail(mark, "expected an integer for " + in_quotes(what) + ", got " + kind_of(node));
    return fallback;
  }
  if (value < min || value > max) {
    fail(mark, in_quotes(what) + " must be between " + std::to_string(min) + " and " + std::to_string(max) +
                   ", got " + text);
    return fallback;
  }
  return value;
}

std::vector<int> FieldReader::read_int_list(const Entry& entry, const std::string& what, int min, int max) {
  std::vector<int> codes;
  if (!entry.value.IsSequence()) {
    fail(value_mark(entry),
         "expected a list of integers for " + in_quotes(what) + ", got " + kind_of(entry.value),
         "write it as [0] or [1, 2]");
    return codes;
  }
  for (const YAML::Node& item : entry.value)
    codes.push_back(read_int(item, item.Mark(), what, min, max, min));
  return codes;
}

std::string FieldReader::read_choice(const Entry& entry, const std::string& what,
                                     const std::vector<std::string>& choices) {
  const std::string text = read_string(entry, what);
  if (m_error) return {};
  if (std::find(choices.begin(), choices.end(), text) != choices.end()) return text;
  const std::string suggestion = util::closest_match(text, choices);
  fail(value_mark(entry),
       "invalid value " + in_quotes(text) + " for " + in_quotes(what) + ": expected one of " +
           util::join(choices, ", "),
       suggestion.empty() ? "" : "did you mean " + in_quotes(suggestion) + "?");
  return {};
}

}  // namespace slipway::lint::yaml_fields
