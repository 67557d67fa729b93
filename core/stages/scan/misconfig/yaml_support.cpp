// yaml-cpp helpers: loading with positioned errors, key lookup without
// operator[], line numbers from node marks.
#include "stages/scan/misconfig/yaml_support.hpp"

#include "model/yaml_documents.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {

// Through model::load_yaml_documents, which guards against yaml-cpp 0.7.0
// looping forever on a document-level ','.
Result<std::vector<YAML::Node>> load_yaml_documents(const std::string& text) {
  try {
    auto loaded = model::load_yaml_documents(text);
    if (!loaded) {
      Error failure = loaded.error();
      failure.message = "YAML syntax error: " + failure.message;
      return failure;
    }
    return std::move(*loaded);
  } catch (const std::exception& error) {
    return make_error(std::string("YAML could not be read: ") + error.what());
  }
}

YamlEntry entry(const YAML::Node& map, std::string_view key) {
  YamlEntry found{YAML::Node(YAML::NodeType::Undefined), YAML::Node(YAML::NodeType::Undefined)};
  if (!map.IsDefined() || !map.IsMap()) return found;
  for (auto it = map.begin(); it != map.end(); ++it) {
    const YAML::Node name = it->first;  // copies: it-> returns a short-lived proxy
    if (name.IsScalar() && name.Scalar() == key) {
      found.key = name;
      found.value = it->second;
      return found;
    }
  }
  return found;
}

int line_of(const YAML::Node& node) {
  if (!node.IsDefined()) return 0;
  const YAML::Mark mark = node.Mark();
  return mark.is_null() ? 0 : mark.line + 1;
}

std::string scalar_of(const YAML::Node& node) {
  return node.IsDefined() && node.IsScalar() ? node.Scalar() : std::string();
}

bool is_true(const YAML::Node& node) {
  const std::string text = util::to_lower(scalar_of(node));
  return text == "true" || text == "yes" || text == "on";
}

bool is_false(const YAML::Node& node) {
  const std::string text = util::to_lower(scalar_of(node));
  return text == "false" || text == "no" || text == "off";
}

std::vector<YAML::Node> items_of(const YAML::Node& node) {
  std::vector<YAML::Node> items;
  if (!node.IsDefined() || !node.IsSequence()) return items;
  for (auto it = node.begin(); it != node.end(); ++it) items.push_back(*it);
  return items;
}

std::vector<YamlEntry> entries_of(const YAML::Node& node) {
  std::vector<YamlEntry> entries;
  if (!node.IsDefined() || !node.IsMap()) return entries;
  for (auto it = node.begin(); it != node.end(); ++it) {
    entries.push_back(YamlEntry{it->first, it->second});
  }
  return entries;
}

SourceLines::SourceLines(std::string_view text) {
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      m_lines.push_back(text.substr(start));
      break;
    }
    m_lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
}

int SourceLines::find(std::string_view needle, int from_line) const {
  if (from_line < 1 || needle.empty()) return from_line;
  for (std::size_t i = static_cast<std::size_t>(from_line) - 1; i < m_lines.size(); ++i) {
    if (m_lines[i].find(needle) != std::string_view::npos) return static_cast<int>(i) + 1;
  }
  return from_line;
}

}  // namespace slipway::scan::misconfig
