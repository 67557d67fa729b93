// Dockerfile parsing for the checks: instructions with their arguments, line
// continuations joined (with the `# escape=` directive honoured), comment
// lines inside continuations dropped, and BuildKit heredoc bodies
// (`RUN <<EOF ... EOF`) appended to their instruction. Each instruction keeps
// a map from argument offsets to physical lines, so a check can point at the
// exact line of a word inside a long continued RUN.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "stages/scan/misconfig/shell_commands.hpp"

namespace slipway::scan::misconfig {

struct DockerInstruction {
  std::string keyword;                                   // upper case: FROM, RUN, ...
  std::string arguments;                                 // everything after the keyword, continuations joined
  int line = 0;                                          // physical line of the keyword
  std::vector<std::pair<std::size_t, int>> line_starts;  // (offset in arguments, physical line)

  // The physical line of the character at `offset` in arguments.
  [[nodiscard]] int line_at(std::size_t offset) const;
};

std::vector<DockerInstruction> parse_dockerfile(std::string_view text);

// The words of an instruction's arguments: whitespace-separated with quotes
// removed, or the strings of a JSON exec-form array (`["a", "b"]`, all at the
// array's offset). Leading `--flag` words are moved to `flags`.
struct InstructionWords {
  std::vector<ShellWord> flags;
  std::vector<ShellWord> words;
  bool exec_form = false;
};
InstructionWords instruction_words(std::string_view arguments);

// The value of a `--name=value` flag, "" when absent.
std::string flag_value(const std::vector<ShellWord>& flags, std::string_view name);

}  // namespace slipway::scan::misconfig
