// gradle.lockfile: one "group:artifact:version=configuration,..." line per
// dependency, comments starting with '#', and an "empty=..." line listing
// configurations without dependencies. The Maven name is "group:artifact".
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

LockfileContents parse_gradle_lockfile(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const std::vector<std::string> lines = util::split_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    const std::string_view line = util::trim(lines[index]);
    if (line.empty() || line.front() == '#' || util::starts_with(line, "empty=")) continue;
    const std::size_t equals = line.find('=');
    const std::vector<std::string> parts = util::split(line.substr(0, equals), ':');
    if (equals == std::string_view::npos || parts.size() < 3 || parts[0].empty() || parts[1].empty() ||
        parts[2].empty()) {
      contents.problem(
          number, "expected \"group:artifact:version=configurations\", got \"" + std::string(line) + "\"");
      continue;
    }
    contents.add(ecosystem::maven, parts[0] + ":" + parts[1], parts[2], file, number);
  }
  return contents;
}

}  // namespace slipway::scan::deps
