// Reading .slipway.yml: YAML text to staged configuration values, validated
// against the schema, with every error pointing at a line and column.
//
// yaml-cpp parses the text into a node tree; the tree is then walked mapping
// by mapping, carrying the schema rows still possible at that depth. A key is
// valid when some row continues with its name (or with "*"); a literal name
// wins over "*". Rows that end at that depth make the key a leaf, parsed by
// its type; the others make it a section, which must hold a mapping. Knowing
// the rows at each level is what makes "did you mean" cheap and precise: the
// suggestion comes only from the keys valid at that very place.
//
// Positions: yaml-cpp's marks are 0-based; Error and origins are 1-based.
// Values take the position of their key in origins (that is where a user
// looks), and errors about a value point at the value.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <set>
#include <utility>

#include "model/config.hpp"
#include "model/yaml_documents.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::model {

namespace {

constexpr std::int64_t k_supported_version = 1;

struct Row {
  const ConfigKey* key = nullptr;
  std::vector<std::string> segments;
};

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return in_quotes(node.Scalar());
}

// A hint for a syntax error: tabs are the most common cause and yaml-cpp's
// message ("illegal map value") does not say so.
std::string syntax_hint(const std::string& text) {
  const std::vector<std::string> lines = util::split_lines(text);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const std::size_t indent_end = line.find_first_not_of(" \t");
    if (line.substr(0, indent_end).find('\t') != std::string::npos) {
      return "line " + std::to_string(i + 1) + " is indented with a tab; YAML allows only spaces";
    }
  }
  return "check the indentation and quoting here: a key needs \": \" before its value, and values "
         "containing \": \" or starting with [ { * & ! need quotes";
}

class YamlReader {
 public:
  YamlReader(const ConfigSchema& schema, std::string file_name) : m_file(std::move(file_name)) {
    for (const ConfigKey& key : schema) m_rows.push_back(Row{&key, util::split(key.path, '.')});
  }

  Result<void> read(const std::string& text) {
    auto loaded = load_yaml_documents(text);
    if (!loaded) {
      Error error = loaded.error();
      error.file = m_file;
      error.message = "invalid YAML: " + error.message;
      if (error.hint.empty()) error.hint = syntax_hint(text);
      return error;
    }
    const std::vector<YAML::Node>& documents = *loaded;
    if (documents.size() > 1) {
      return error_at(documents[1].Mark(),
                      "expected one YAML document, found " + std::to_string(documents.size()),
                      "remove the \"---\" separator and merge the documents");
    }
    if (documents.empty() || documents[0].IsNull()) return {};
    const YAML::Node& root = documents[0];
    if (!root.IsMap()) {
      return error_at(root.Mark(), "expected a mapping of keys at the top level, got " + kind_of(root),
                      "write one key per line, as in \"version: 1\"");
    }
    try {
      if (auto checked = check_version(root); !checked) return checked;
      std::vector<const Row*> rows;
      for (const Row& row : m_rows) rows.push_back(&row);
      return walk_mapping(root, {}, rows);
    } catch (const YAML::Exception& error) {
      return error_at(error.mark, std::string("cannot read the configuration: ") + error.what());
    }
  }

  std::map<std::string, ConfigValue> values;
  std::set<std::string> instances;

 private:
  Error error_at(const YAML::Mark& mark, std::string message, std::string hint = {}) const {
    Error error = make_error(std::move(message), std::move(hint));
    error.file = m_file;
    error.line = mark.line >= 0 ? mark.line + 1 : 0;
    error.column = mark.column >= 0 ? mark.column + 1 : 0;
    return error;
  }

  [[nodiscard]] std::string origin_at(const YAML::Mark& mark) const {
    return m_file + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
  }

  // A missing version means 1; any other version is refused before any key is
  // looked at, because its keys may mean something else.
  Result<void> check_version(const YAML::Node& root) const {
    for (auto it = root.begin(); it != root.end(); ++it) {
      if (!it->first.IsScalar() || it->first.Scalar() != "version") continue;
      const YAML::Node value = it->second;  // a copy: the iterator proxy dies with the statement
      if (value.IsScalar() && value.Scalar() == std::to_string(k_supported_version)) return {};
      const std::string given = value.IsScalar() ? value.Scalar() : kind_of(value);
      return error_at(value.IsNull() ? it->first.Mark() : value.Mark(),
                      "unsupported version " + given + ", expected " + std::to_string(k_supported_version),
                      "this Slipway reads version 1 of .slipway.yml; write \"version: 1\"");
    }
    return {};
  }

  Result<void> walk_mapping(const YAML::Node& node, const std::vector<std::string>& path,
                            const std::vector<const Row*>& candidates) {
    const std::size_t depth = path.size();
    std::set<std::string> names;
    for (auto it = node.begin(); it != node.end(); ++it) {
      const YAML::Node key_node = it->first;  // a copy: the iterator proxy dies with the statement
      const YAML::Node value = it->second;    // a copy: the iterator proxy dies with the statement
      if (!key_node.IsScalar()) {
        return error_at(key_node.Mark(), "expected a key name, got " + kind_of(key_node));
      }
      const std::string& name = key_node.Scalar();
      std::vector<std::string> child_path = path;
      child_path.push_back(name);
      const std::string dotted = util::join(child_path, ".");
      if (!names.insert(name).second) {
        return error_at(key_node.Mark(), "duplicate key " + in_quotes(dotted),
                        "remove one of them; only one value can apply");
      }

      std::vector<const Row*> literal;
      std::vector<const Row*> wildcard;
      for (const Row* row : candidates) {
        if (row->segments[depth] == name) literal.push_back(row);
        if (row->segments[depth] == "*") wildcard.push_back(row);
      }
      // check_version() accepted it; it is stored only when the schema has it.
      if (depth == 0 && name == "version" && literal.empty()) continue;
      const bool by_wildcard = literal.empty();
      const std::vector<const Row*>& matched = by_wildcard ? wildcard : literal;
      if (matched.empty()) return unknown_key(key_node, path, name, candidates);
      if (by_wildcard) {
        if (name.empty() || name.find('.') != std::string::npos) {
          return error_at(key_node.Mark(),
                          "invalid name " + in_quotes(name) + " under " + in_quotes(util::join(path, ".")),
                          "names may not be empty or contain '.'");
        }
        instances.insert(dotted);
      }

      const auto leaf = std::find_if(matched.begin(), matched.end(),
                                     [&](const Row* row) { return row->segments.size() == depth + 1; });
      if (leaf != matched.end()) {
        if ((*leaf)->key->opaque) continue;
        if (auto stored = read_leaf(key_node, value, dotted, *(*leaf)->key); !stored) return stored;
        continue;
      }
      if (value.IsNull()) continue;  // "lint:" with every key under it commented out
      if (!value.IsMap()) {
        return error_at(
            value.Mark(), in_quotes(dotted) + " is a section: expected a mapping, got " + kind_of(value),
            "put its keys under it, indented: " + util::join(next_names(matched, depth + 1), ", "));
      }
      if (auto walked = walk_mapping(value, child_path, matched); !walked) return walked;
    }
    return {};
  }

  // The names valid after `depth` segments, "*" shown as "<name>".
  static std::vector<std::string> next_names(const std::vector<const Row*>& rows, std::size_t depth) {
    std::set<std::string> names;
    for (const Row* row : rows) {
      if (row->segments.size() > depth)
        names.insert(row->segments[depth] == "*" ? "<name>" : row->segments[depth]);
    }
    return {names.begin(), names.end()};
  }

  Error unknown_key(const YAML::Node& key_node, const std::vector<std::string>& path, const std::string& name,
                    const std::vector<const Row*>& candidates) const {
    std::vector<std::string> siblings = next_names(candidates, path.size());
    if (path.empty()) siblings.push_back("version");
    std::sort(siblings.begin(), siblings.end());
    siblings.erase(std::unique(siblings.begin(), siblings.end()), siblings.end());

    std::vector<std::string> full = path;
    full.push_back(name);
    std::string hint;
    const std::string suggestion = util::closest_match(name, siblings);
    if (!suggestion.empty()) {
      full.back() = suggestion;
      hint = "did you mean " + in_quotes(util::join(full, ".")) + "?";
      full.back() = name;
    } else if (path.empty()) {
      hint = "valid top-level keys: " + util::join(siblings, ", ");
    } else {
      hint = "valid keys under " + in_quotes(util::join(path, ".")) + ": " + util::join(siblings, ", ");
    }
    return error_at(key_node.Mark(), "unknown key " + in_quotes(util::join(full, ".")), hint);
  }

  Result<void> read_leaf(const YAML::Node& key_node, const YAML::Node& value, const std::string& path,
                         const ConfigKey& key) {
    const YAML::Mark value_mark = value.IsNull() ? key_node.Mark() : value.Mark();
    const std::string prefix = "invalid value for " + in_quotes(path) + ": ";
    auto type_error = [&](const YAML::Mark& mark, const std::string& got) {
      const char* separator = key.type == ValueType::choice ? "; got " : ", got ";
      return error_at(mark, prefix + "expected " + describe_type(key) + separator + got);
    };

    ConfigScalar parsed;
    if (value.IsNull()) {
      if (key.type != ValueType::string_list) {
        return error_at(value_mark, prefix + "expected " + describe_type(key) + " (got nothing)",
                        "give a value, or remove the key to keep the default");
      }
      parsed = std::vector<std::string>{};
    } else if (value.IsMap()) {
      return type_error(value_mark, "a mapping");
    } else if (value.IsSequence()) {
      if (key.type != ValueType::string_list) return type_error(value_mark, "a list");
      std::vector<std::string> items;
      for (const YAML::Node& item : value) {
        if (!item.IsScalar()) {
          return error_at(item.Mark(), prefix + "expected a string as list item, got " + kind_of(item));
        }
        items.push_back(item.Scalar());
      }
      parsed = std::move(items);
    } else {
      Result<ConfigScalar> converted = parse_value_text(key, value.Scalar(), ListText::single_item);
      if (!converted) return error_at(value_mark, prefix + converted.error().message, converted.error().hint);
      parsed = std::move(*converted);
    }
    values.insert_or_assign(path,
                            ConfigValue{std::move(parsed), ConfigSource::file, origin_at(key_node.Mark())});
    return {};
  }

  std::string m_file;
  std::vector<Row> m_rows;
};

}  // namespace

Result<void> Config::apply_file(const std::string& path) {
  Result<std::string> text = util::read_file(path);
  if (!text) {
    Error error = text.error();
    if (error.file.empty()) error.file = path;
    return error;
  }
  return apply_yaml_text(*text, path);
}

Result<void> Config::apply_yaml_text(const std::string& text, const std::string& file_name) {
  YamlReader reader(m_schema, file_name);
  if (auto read = reader.read(text); !read) return read;
  commit(std::move(reader.values), reader.instances);
  m_file = file_name;
  return {};
}

}  // namespace slipway::model
