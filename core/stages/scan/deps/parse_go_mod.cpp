// go.mod and go.sum. go.mod is the source of truth: its require directives
// (single or in a block) list the selected module versions, and replace
// directives redirect a module to another module version (reported under the
// new path) or to a local folder (left out). go.sum is read only when no
// go.mod sits beside it: every "module version h1:..." line (not the
// "/go.mod" ones) is reported. Versions lose their leading "v", as OSV's Go
// records write them.
#include <map>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

std::vector<std::string> tokens_of(std::string_view text) {
  std::vector<std::string> tokens;
  std::size_t i = 0;
  while (i < text.size()) {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= text.size()) break;
    std::size_t end = i;
    if (text[i] == '"' || text[i] == '`') {
      end = text.find(text[i], i + 1);
      if (end == std::string_view::npos) end = text.size() - 1;
      tokens.emplace_back(text.substr(i + 1, end - i - 1));
      i = end + 1;
      continue;
    }
    while (end < text.size() && text[end] != ' ' && text[end] != '\t') ++end;
    tokens.emplace_back(text.substr(i, end - i));
    i = end;
  }
  return tokens;
}

// Module versions are "v" followed by a semantic version.
bool is_module_version(const std::string& version) {
  return version.size() > 1 && version.front() == 'v';
}

std::string strip_v(const std::string& version) {
  return !version.empty() && version.front() == 'v' ? version.substr(1) : version;
}

struct Requirement {
  std::string path;
  std::string version;
  int line = 0;
};

struct Replacement {
  std::string new_path;
  std::string new_version;  // "" = a local folder
};

class GoModReader {
 public:
  explicit GoModReader(LockfileContents& contents) : m_contents(contents) {}

  void line(const std::vector<std::string>& words, const std::string& directive, int number) {
    if (directive == "require") {
      if (words.size() != 2) return bad(number, "require needs a module path and a version");
      if (!is_module_version(words[1]))
        return bad(number, "\"" + words[1] + "\" is not a module version (vX.Y.Z)");
      m_requires.push_back(Requirement{words[0], words[1], number});
    } else if (directive == "replace") {
      std::size_t arrow = 0;
      while (arrow < words.size() && words[arrow] != "=>") ++arrow;
      if (arrow == 0 || arrow > 2 || arrow + 1 >= words.size() || words.size() > arrow + 3) {
        return bad(number, "replace needs \"old [version] => new [version]\"");
      }
      if (words.size() == arrow + 3 && !is_module_version(words[arrow + 2])) {
        return bad(number, "\"" + words[arrow + 2] + "\" is not a module version (vX.Y.Z)");
      }
      const std::string key = words[0] + (arrow == 2 ? "@" + words[1] : std::string());
      m_replacements[key] = Replacement{words[arrow + 1], words.size() == arrow + 3 ? words[arrow + 2] : ""};
    }
  }

  void finish(const std::string& file) {
    for (const Requirement& requirement : m_requires) {
      auto found = m_replacements.find(requirement.path + "@" + requirement.version);
      if (found == m_replacements.end()) found = m_replacements.find(requirement.path);
      if (found == m_replacements.end()) {
        m_contents.add(ecosystem::go, requirement.path, strip_v(requirement.version), file, requirement.line);
      } else if (!found->second.new_version.empty()) {
        m_contents.add(ecosystem::go, found->second.new_path, strip_v(found->second.new_version), file,
                       requirement.line);
      }
    }
  }

 private:
  LockfileContents& m_contents;
  std::vector<Requirement> m_requires;
  std::map<std::string, Replacement> m_replacements;  // "path" or "path@version"

  void bad(int number, const std::string& message) { m_contents.problem(number, message); }
};

bool is_directive(const std::string& word) {
  for (const char* known : {"module", "go", "toolchain", "require", "replace", "exclude", "retract",
                            "godebug", "tool", "ignore"}) {
    if (word == known) return true;
  }
  return false;
}

}  // namespace

LockfileContents parse_go_mod(std::string_view text, const std::string& file) {
  LockfileContents contents;
  GoModReader reader(contents);
  std::string block;  // the directive of the open "( ... )" block
  int block_line = 0;
  const std::vector<std::string> lines = util::split_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    std::string_view line = lines[index];
    const std::size_t comment = line.find("//");
    if (comment != std::string_view::npos) line = line.substr(0, comment);
    std::vector<std::string> words = tokens_of(line);
    if (words.empty()) continue;
    if (!block.empty()) {
      if (words.size() == 1 && words[0] == ")") {
        block.clear();
      } else {
        reader.line(words, block, number);
      }
      continue;
    }
    const std::string directive = words[0];
    if (!is_directive(directive)) {
      contents.problem(number, "unknown go.mod directive \"" + directive + "\"");
      continue;
    }
    words.erase(words.begin());
    if (words.size() == 1 && words[0] == "(") {
      block = directive;
      block_line = number;
      continue;
    }
    reader.line(words, directive, number);
  }
  if (!block.empty()) contents.problem(block_line, "this \"" + block + " (\" block is not closed");
  reader.finish(file);
  return contents;
}

LockfileContents parse_go_sum(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const std::vector<std::string> lines = util::split_lines(text);
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const int number = static_cast<int>(index) + 1;
    const std::vector<std::string> words = tokens_of(lines[index]);
    if (words.empty()) continue;
    if (words.size() != 3 || !is_module_version(words[1])) {
      contents.problem(number, "expected \"module version hash\"");
      continue;
    }
    if (util::ends_with(words[1], "/go.mod")) continue;
    contents.add(ecosystem::go, words[0], strip_v(words[1]), file, number);
  }
  return contents;
}

}  // namespace slipway::scan::deps
