// The Dockerfile parser (see dockerfile_parser.hpp). It follows the Dockerfile
// reference: parser directives only at the very top, `#` comments only at the
// start of a line, the escape character ending a line continues the
// instruction, and empty or comment lines inside a continuation are skipped.
#include "stages/scan/misconfig/dockerfile_parser.hpp"

#include <nlohmann/json.hpp>
#include <regex>

#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

std::vector<std::string_view> physical_lines(std::string_view text) {
  std::vector<std::string_view> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.push_back(line);
    start = end + 1;
  }
  return lines;
}

std::string_view trim_left(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  return first == std::string_view::npos ? std::string_view() : text.substr(first);
}

std::string_view trim_right(std::string_view text) {
  const auto last = text.find_last_not_of(" \t");
  return last == std::string_view::npos ? std::string_view() : text.substr(0, last + 1);
}

bool is_comment_or_blank(std::string_view line) {
  const std::string_view body = trim_left(line);
  return body.empty() || body.front() == '#';
}

// Reads the directives at the top; returns the escape character and moves
// `index` past them.
char read_directives(const std::vector<std::string_view>& lines, std::size_t& index) {
  static const std::regex k_directive(R"(^\s*#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$)");
  char escape = '\\';
  while (index < lines.size()) {
    if (lines[index].size() > 1024) break;
    const std::string line(lines[index]);
    std::smatch match;
    if (!std::regex_match(line, match, k_directive)) break;
    if (util::to_lower(match[1].str()) == "escape" && (match[2].str() == "`" || match[2].str() == "\\")) {
      escape = match[2].str()[0];
    }
    ++index;
  }
  return escape;
}

// The heredoc delimiters an instruction opens (<<EOF, <<-EOF, <<"EOF").
std::vector<std::pair<std::string, bool>> heredoc_delimiters(std::string_view arguments) {
  static const std::regex k_heredoc(R"(<<(-?)(["']?)([A-Za-z_][A-Za-z0-9_]*)\2)");
  std::vector<std::pair<std::string, bool>> delimiters;
  // Heredocs are opened on the instruction's first line.
  const std::string text(arguments.substr(0, std::min<std::size_t>(arguments.find('\n'), 4096)));
  for (std::sregex_iterator it(text.begin(), text.end(), k_heredoc), end; it != end; ++it) {
    delimiters.emplace_back((*it)[3].str(), (*it)[1].length() > 0);
  }
  return delimiters;
}

}  // namespace

int DockerInstruction::line_at(std::size_t offset) const {
  int line_number = line;
  for (const auto& [start, physical] : line_starts) {
    if (start > offset) break;
    line_number = physical;
  }
  return line_number;
}

std::vector<DockerInstruction> parse_dockerfile(std::string_view text) {
  const std::vector<std::string_view> lines = physical_lines(text);
  std::size_t index = 0;
  const char escape = read_directives(lines, index);
  std::vector<DockerInstruction> instructions;
  while (index < lines.size()) {
    if (is_comment_or_blank(lines[index])) {
      ++index;
      continue;
    }
    DockerInstruction instruction;
    instruction.line = static_cast<int>(index) + 1;
    const std::string_view body = trim_left(lines[index]);
    const auto space = body.find_first_of(" \t");
    instruction.keyword = util::to_upper(body.substr(0, space));
    std::string_view rest =
        space == std::string_view::npos ? std::string_view() : trim_left(body.substr(space));
    // A keyword alone on a line followed by a continuation ("RUN \").
    if (instruction.keyword.size() > 1 && instruction.keyword.back() == escape && rest.empty()) {
      instruction.keyword.pop_back();
      rest = std::string_view(&escape, 1);
    }
    instruction.line_starts.emplace_back(0, instruction.line);
    for (;;) {
      const std::string_view trimmed = trim_right(rest);
      if (trimmed.empty() || trimmed.back() != escape) {
        instruction.arguments.append(rest);
        break;
      }
      instruction.arguments.append(trimmed.substr(0, trimmed.size() - 1));
      ++index;
      while (index < lines.size() && is_comment_or_blank(lines[index])) ++index;
      if (index >= lines.size()) break;
      instruction.line_starts.emplace_back(instruction.arguments.size(), static_cast<int>(index) + 1);
      rest = lines[index];
    }
    ++index;
    if (instruction.keyword == "RUN" || instruction.keyword == "COPY" || instruction.keyword == "ADD") {
      for (const auto& [delimiter, strip_tabs] : heredoc_delimiters(instruction.arguments)) {
        while (index < lines.size()) {
          std::string_view line = lines[index];
          if (strip_tabs) line = line.substr(std::min(line.find_first_not_of('\t'), line.size()));
          ++index;
          if (line == delimiter) break;
          instruction.arguments += '\n';
          instruction.line_starts.emplace_back(instruction.arguments.size(), static_cast<int>(index));
          instruction.arguments.append(lines[index - 1]);
        }
      }
    }
    instructions.push_back(std::move(instruction));
  }
  return instructions;
}

InstructionWords instruction_words(std::string_view arguments) {
  InstructionWords result;
  std::size_t pos = 0;
  const auto skip_space = [&] {
    while (pos < arguments.size() &&
           (arguments[pos] == ' ' || arguments[pos] == '\t' || arguments[pos] == '\n')) {
      ++pos;
    }
  };
  // Flags first: --name or --name=value words.
  for (;;) {
    skip_space();
    if (arguments.substr(pos, 2) != "--") break;
    const std::size_t end = std::min(arguments.find_first_of(" \t\n", pos), arguments.size());
    result.flags.push_back(ShellWord{std::string(arguments.substr(pos, end - pos)), pos});
    pos = end;
  }
  skip_space();
  if (pos < arguments.size() && arguments[pos] == '[') {
    try {
      const nlohmann::json array = nlohmann::json::parse(arguments.substr(pos));
      if (array.is_array()) {
        result.exec_form = true;
        for (const auto& item : array) {
          if (item.is_string()) result.words.push_back(ShellWord{item.get<std::string>(), pos});
        }
        return result;
      }
    } catch (const nlohmann::json::exception&) {
      // Not JSON: Docker reads it as shell form, and so do we.
    }
  }
  while (pos < arguments.size()) {
    skip_space();
    if (pos >= arguments.size()) break;
    ShellWord word{{}, pos};
    char quote = '\0';
    while (pos < arguments.size()) {
      const char c = arguments[pos];
      if (quote != '\0') {
        if (c == quote) {
          quote = '\0';
        } else {
          word.text += c;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == ' ' || c == '\t' || c == '\n') {
        break;
      } else {
        word.text += c;
      }
      ++pos;
    }
    result.words.push_back(std::move(word));
  }
  return result;
}

std::string flag_value(const std::vector<ShellWord>& flags, std::string_view name) {
  for (const ShellWord& flag : flags) {
    const std::string_view text = flag.text;
    if (text.size() > name.size() + 3 && text.substr(2, name.size()) == name &&
        text[name.size() + 2] == '=') {
      return std::string(text.substr(name.size() + 3));
    }
  }
  return {};
}

}  // namespace slipway::scan::misconfig
