// conan.lock, both shapes: Conan 2 (lockfile "version" 0.5) lists references
// "name/version[@user/channel][#revision][%timestamp]" in "requires",
// "build_requires" and "python_requires"; Conan 1 (0.4) has a graph whose
// nodes carry a "ref" of the same form (node "0" is the consumer).
#include "stages/scan/deps/json_document.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"

namespace slipway::scan::deps {

namespace {

using nlohmann::json;

// Adds the package named by `reference`, or a problem when it has no version.
void add_reference(const std::string& reference, int line, const std::string& file,
                   LockfileContents& contents) {
  const std::size_t slash = reference.find('/');
  if (slash == std::string::npos || slash == 0) {
    contents.problem(line, "reference \"" + reference + "\" is not name/version");
    return;
  }
  const std::string name = reference.substr(0, slash);
  std::string version = reference.substr(slash + 1);
  const std::size_t end = version.find_first_of("@#%");
  if (end != std::string::npos) version.erase(end);
  if (version.empty()) {
    contents.problem(line, "reference \"" + reference + "\" has no version");
    return;
  }
  contents.add(ecosystem::conan, name, version, file, line);
}

}  // namespace

LockfileContents parse_conan_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const auto document = JsonDocument::parse(text, contents);
  if (!document) return contents;
  const json& root = document->value;
  if (!root.is_object()) {
    contents.problem(1, "expected a JSON object at the top level");
    return contents;
  }
  bool any_section = false;
  for (const char* section : {"requires", "build_requires", "python_requires"}) {
    const auto found = root.find(section);
    if (found == root.end()) continue;
    any_section = true;
    const json::json_pointer base = json::json_pointer() / section;
    if (!found->is_array()) {
      contents.problem(document->line_of(base), std::string("\"") + section + "\" is not an array");
      continue;
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
      const int line = document->line_of(base / i);
      if (!(*found)[i].is_string()) {
        contents.problem(line, std::string("an entry of \"") + section + "\" is not a string");
        continue;
      }
      add_reference((*found)[i].get<std::string>(), line, file, contents);
    }
  }
  const json::json_pointer nodes_at("/graph_lock/nodes");
  if (root.contains(nodes_at) && root.at(nodes_at).is_object()) {
    any_section = true;
    for (const auto& [id, node] : root.at(nodes_at).items()) {
      const std::string reference = json_string(node, "ref");
      if (!reference.empty()) add_reference(reference, document->line_of(nodes_at / id), file, contents);
    }
  }
  if (!any_section) contents.problem(1, "no \"requires\" or \"graph_lock\": not a Conan lockfile");
  return contents;
}

}  // namespace slipway::scan::deps
