// yaml-cpp helpers for the YAML areas (Kubernetes, GitHub Actions, GitLab CI).
//
// yaml-cpp's operator[] throws on scalars and gives nodes whose Mark() throws
// when a key is missing, so the checkers never use it: child() looks a key up
// by iterating a map and returns an undefined node when there is none, and
// line_of() is 0 for such nodes. Lines are 1-based file lines.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::scan::misconfig {

// Every document of `text`; a syntax error is an Error with line and column.
Result<std::vector<YAML::Node>> load_yaml_documents(const std::string& text);

struct YamlEntry {
  YAML::Node key;    // undefined when absent
  YAML::Node value;  // undefined when absent
  [[nodiscard]] bool found() const { return key.IsDefined(); }
};

// The entry for `key` in `map` (undefined nodes when `map` is not a map or has no such key).
YamlEntry entry(const YAML::Node& map, std::string_view key);
inline YAML::Node child(const YAML::Node& map, std::string_view key) {
  return entry(map, key).value;
}

// 1-based line of the node, 0 when unknown or undefined.
int line_of(const YAML::Node& node);

// The node's scalar text, "" for anything that is not a scalar.
std::string scalar_of(const YAML::Node& node);

// A YAML boolean true as Kubernetes and GitHub read it (true/yes/on, any case).
bool is_true(const YAML::Node& node);
bool is_false(const YAML::Node& node);

// The items of a sequence (empty for anything else).
std::vector<YAML::Node> items_of(const YAML::Node& node);

// The (key, value) pairs of a map (empty for anything else).
std::vector<YamlEntry> entries_of(const YAML::Node& node);

// The physical line of the `occurrence`-th appearance of `needle` at or after
// the node's line (scalars spread over several lines, e.g. `run: |` blocks).
// Falls back to the node's line when the raw text does not contain it.
class SourceLines {
 public:
  explicit SourceLines(std::string_view text);
  [[nodiscard]] int find(std::string_view needle, int from_line) const;

 private:
  std::vector<std::string_view> m_lines;
};

}  // namespace slipway::scan::misconfig
