// composer.lock: "packages" and "packages-dev" are arrays of objects with
// "name" and "version" (often with a leading "v"). Branch versions
// ("dev-main") are not releases and are left out.
#include "stages/scan/deps/json_document.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

LockfileContents parse_composer_lock(std::string_view text, const std::string& file) {
  using nlohmann::json;
  LockfileContents contents;
  const auto document = JsonDocument::parse(text, contents);
  if (!document) return contents;
  if (!document->value.is_object()) {
    contents.problem(1, "expected a JSON object at the top level");
    return contents;
  }
  for (const char* section : {"packages", "packages-dev"}) {
    const auto found = document->value.find(section);
    if (found == document->value.end() || found->is_null()) continue;
    const json::json_pointer base = json::json_pointer() / section;
    if (!found->is_array()) {
      contents.problem(document->line_of(base), std::string("\"") + section + "\" is not an array");
      continue;
    }
    for (std::size_t i = 0; i < found->size(); ++i) {
      const json& entry = (*found)[i];
      const int line = document->line_of(base / i);
      const std::string name = json_string(entry, "name");
      std::string version = json_string(entry, "version");
      if (name.empty() || version.empty()) {
        contents.problem(line, std::string("an entry of \"") + section + "\" has no name or version");
        continue;
      }
      if (util::starts_with(version, "dev-")) continue;
      if (version.front() == 'v' || version.front() == 'V') version.erase(0, 1);
      contents.add(ecosystem::packagist, name, version, file, line);
    }
  }
  return contents;
}

}  // namespace slipway::scan::deps
