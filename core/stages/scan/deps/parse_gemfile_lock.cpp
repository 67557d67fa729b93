// Gemfile.lock (Bundler). Gems from a rubygems source are listed in a GEM
// section under "  specs:" as "    name (version)" lines (indent 4); their
// own dependencies follow at indent 6 and are not installed versions. A
// platform suffix ("1.13.3-x86_64-linux") is dropped. GIT and PATH sections
// hold gems that are not rubygems.org releases and are left out.
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

LockfileContents parse_gemfile_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const std::vector<std::string> lines = util::split_lines(text);
  std::string section;
  bool in_specs = false;
  bool any_section = false;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const std::string& line = lines[index];
    const int number = static_cast<int>(index) + 1;
    if (util::trim(line).empty()) continue;
    const std::size_t indent = line.find_first_not_of(' ');
    if (line[indent] == '\t') {
      contents.problem(number, "tab indentation is not valid in a Gemfile.lock");
      continue;
    }
    if (indent == 0) {
      section = std::string(util::trim(line));
      in_specs = false;
      any_section = true;
      continue;
    }
    if (!any_section) {
      contents.problem(number, "indented line before any section");
      continue;
    }
    if (indent == 2) {
      in_specs = util::trim(line) == "specs:";
      continue;
    }
    if (section != "GEM" || !in_specs || indent != 4) continue;
    const std::string_view spec = util::trim(line);
    const std::size_t open = spec.find(" (");
    if (open == std::string_view::npos || spec.back() != ')') {
      contents.problem(number, "expected \"name (version)\", got \"" + std::string(spec) + "\"");
      continue;
    }
    const std::string name(spec.substr(0, open));
    std::string version(spec.substr(open + 2, spec.size() - open - 3));
    const std::size_t platform = version.find('-');
    if (platform != std::string::npos) version.erase(platform);
    if (name.empty() || version.empty()) {
      contents.problem(number, "expected \"name (version)\", got \"" + std::string(spec) + "\"");
      continue;
    }
    contents.add(ecosystem::rubygems, name, version, file, number);
  }
  return contents;
}

}  // namespace slipway::scan::deps
