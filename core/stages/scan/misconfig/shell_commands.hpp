// A small shell command splitter for RUN instructions and CI scripts. It is
// not a shell: it knows quotes, backslash escapes, $( ) and ` ` substitutions,
// comments, line continuations and the operators that separate commands
// (; && || | & and newlines, plus ( ) grouping), which is all the checks need
// to find the program of each simple command, its arguments and where its
// output goes. Word offsets point into the input, so callers can map a word
// back to a file line.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::scan::misconfig {

struct ShellWord {
  std::string text;        // with quotes removed (substitutions kept verbatim)
  std::size_t offset = 0;  // of the word's first character in the input
};

enum class ShellOperator { end, sequence, and_if, or_if, pipe, background };

struct ShellCommand {
  std::vector<ShellWord> words;
  ShellOperator next = ShellOperator::end;  // what follows this command
};

std::vector<ShellCommand> split_shell(std::string_view script);

// The program and its arguments: words after leading variable assignments,
// shell keywords (if, then, do, !, ...), and the wrappers sudo, env, command,
// exec, nohup, time (with their options). `via_sudo` says a sudo was skipped.
struct Invocation {
  std::vector<const ShellWord*> words;             // words[0] is the program
  const ShellWord* sudo = nullptr;                 // the sudo word, when there was one
  [[nodiscard]] std::string_view program() const;  // basename of words[0], "" when none
};
Invocation invocation_of(const ShellCommand& command);

// Names of variables a word refers to: $NAME, ${NAME...}, %NAME%, $env:NAME.
std::vector<std::string> variable_references(std::string_view word);

}  // namespace slipway::scan::misconfig
