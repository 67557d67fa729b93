// Pipfile.lock: the "default" and "develop" sections map package names to
// objects whose "version" is "==X". Packages without a pinned version (git,
// path, editable installs) are left out.
#include "stages/scan/deps/json_document.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

LockfileContents parse_pipfile_lock(std::string_view text, const std::string& file) {
  using nlohmann::json;
  LockfileContents contents;
  const auto document = JsonDocument::parse(text, contents);
  if (!document) return contents;
  if (!document->value.is_object()) {
    contents.problem(1, "expected a JSON object at the top level");
    return contents;
  }
  for (const char* section : {"default", "develop"}) {
    const auto found = document->value.find(section);
    if (found == document->value.end()) continue;
    const json::json_pointer base = json::json_pointer() / section;
    if (!found->is_object()) {
      contents.problem(document->line_of(base), std::string("\"") + section + "\" is not an object");
      continue;
    }
    for (const auto& [name, entry] : found->items()) {
      const int line = document->line_of(base / name);
      const std::string version = json_string(entry, "version");
      if (!util::starts_with(version, "==")) continue;
      std::string pinned(
          util::trim(std::string_view(version).substr(util::starts_with(version, "===") ? 3 : 2)));
      if (pinned.empty()) {
        contents.problem(line, "package \"" + name + "\" has an empty version");
        continue;
      }
      contents.add(ecosystem::pypi, name, pinned, file, line);
    }
  }
  return contents;
}

}  // namespace slipway::scan::deps
