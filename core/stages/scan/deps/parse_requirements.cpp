// requirements*.txt (pip). Only pinned requirements are reported:
// "name==1.2.3" or "name===1.2.3", with optional extras, environment markers
// (after ';') and --hash options; continuation lines ending in '\' are
// joined. Options (-r, -e, --index-url ...), URLs, paths, "name @ url" and
// ranges are not pins and are skipped. A line that is none of these is a
// problem.
#include <cctype>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '-' || c == '_' || c == '.';
}

struct Logical {
  std::string text;
  int line = 0;
};

// Joins continuation lines and drops comments (a '#' at the start or after whitespace).
std::vector<Logical> logical_lines(std::string_view text) {
  std::vector<Logical> result;
  const std::vector<std::string> lines = util::split_lines(text);
  Logical current;
  for (std::size_t index = 0; index < lines.size(); ++index) {
    std::string line = lines[index];
    for (std::size_t i = 0; i < line.size(); ++i) {
      if (line[i] == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
        line.erase(i);
        break;
      }
    }
    if (current.text.empty()) current.line = static_cast<int>(index) + 1;
    const std::string_view trimmed = util::trim(line);
    if (!trimmed.empty() && trimmed.back() == '\\') {
      current.text += std::string(trimmed.substr(0, trimmed.size() - 1)) + " ";
      continue;
    }
    current.text += std::string(trimmed);
    result.push_back(current);
    current = Logical{};
  }
  if (!current.text.empty()) result.push_back(current);
  return result;
}

}  // namespace

LockfileContents parse_requirements(std::string_view text, const std::string& file) {
  LockfileContents contents;
  for (const Logical& logical : logical_lines(text)) {
    std::string_view line = util::trim(logical.text);
    if (line.empty() || line.front() == '-') continue;
    if (line.find("://") != std::string_view::npos || line.front() == '.' || line.front() == '/') continue;
    const std::size_t marker = line.find(';');
    if (marker != std::string_view::npos) line = util::trim(line.substr(0, marker));
    const std::size_t option = line.find(" --");
    if (option != std::string_view::npos) line = util::trim(line.substr(0, option));

    std::size_t pos = 0;
    while (pos < line.size() && is_name_char(line[pos])) ++pos;
    const std::string name(line.substr(0, pos));
    if (name.empty() || std::isalnum(static_cast<unsigned char>(name.front())) == 0) {
      contents.problem(logical.line, "not a requirement: \"" + std::string(line) + "\"");
      continue;
    }
    std::string_view rest = util::trim(line.substr(pos));
    if (!rest.empty() && rest.front() == '[') {
      const std::size_t close = rest.find(']');
      if (close == std::string_view::npos) {
        contents.problem(logical.line, "unclosed extras bracket in \"" + std::string(line) + "\"");
        continue;
      }
      rest = util::trim(rest.substr(close + 1));
    }
    if (rest.empty() || rest.front() == '@') continue;  // unpinned, or a direct URL
    if (!util::starts_with(rest, "==")) continue;       // a range, not a pin
    std::string_view version = util::trim(rest.substr(util::starts_with(rest, "===") ? 3 : 2));
    if (version.find_first_of(",<>!~= \t") != std::string_view::npos ||
        version.find('*') != std::string_view::npos) {
      continue;  // "==1.*" or a pin combined with a range: not one exact version
    }
    if (version.empty()) {
      contents.problem(logical.line, "\"==\" without a version in \"" + std::string(line) + "\"");
      continue;
    }
    contents.add(ecosystem::pypi, name, std::string(version), file, logical.line);
  }
  return contents;
}

}  // namespace slipway::scan::deps
