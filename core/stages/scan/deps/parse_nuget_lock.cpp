// packages.lock.json (NuGet): "dependencies" maps each target framework to
// packages with a "resolved" version. The same package usually appears once
// per framework; it is reported once, at its first line. Project references
// ("type": "Project") are not NuGet packages and are left out.
#include <set>
#include <utility>

#include "stages/scan/deps/json_document.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"

namespace slipway::scan::deps {

LockfileContents parse_nuget_lock(std::string_view text, const std::string& file) {
  using nlohmann::json;
  LockfileContents contents;
  const auto document = JsonDocument::parse(text, contents);
  if (!document) return contents;
  const json::json_pointer base("/dependencies");
  if (!document->value.is_object() || !document->value.contains("dependencies") ||
      !document->value["dependencies"].is_object()) {
    contents.problem(1, "no \"dependencies\" object: not a NuGet packages.lock.json");
    return contents;
  }
  std::set<std::pair<std::string, std::string>> seen;
  for (const auto& [framework, packages] : document->value["dependencies"].items()) {
    if (!packages.is_object()) {
      contents.problem(document->line_of(base / framework),
                       "framework \"" + framework + "\" is not an object");
      continue;
    }
    for (const auto& [name, entry] : packages.items()) {
      const int line = document->line_of(base / framework / name);
      if (json_string(entry, "type") == "Project") continue;
      const std::string version = json_string(entry, "resolved");
      if (version.empty()) {
        contents.problem(line, "package \"" + name + "\" has no resolved version");
        continue;
      }
      if (seen.emplace(name, version).second) contents.add(ecosystem::nuget, name, version, file, line);
    }
  }
  return contents;
}

}  // namespace slipway::scan::deps
