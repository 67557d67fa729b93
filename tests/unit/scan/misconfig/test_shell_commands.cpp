// Tests of the shell command splitter (stages/scan/misconfig/shell_commands.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/shell_commands.hpp"

using namespace slipway::scan::misconfig;

namespace {

std::vector<std::string> texts(const ShellCommand& command) {
  std::vector<std::string> words;
  for (const ShellWord& word : command.words) words.push_back(word.text);
  return words;
}

}  // namespace

TEST_CASE("split_shell separates commands at operators and keeps the operator", "[scan][misconfig][shell]") {
  const auto commands = split_shell("a 1 && b | c; d || e & f\ng");
  REQUIRE(commands.size() == 7);
  CHECK(texts(commands[0]) == std::vector<std::string>{"a", "1"});
  CHECK(commands[0].next == ShellOperator::and_if);
  CHECK(commands[1].next == ShellOperator::pipe);
  CHECK(commands[2].next == ShellOperator::sequence);
  CHECK(commands[3].next == ShellOperator::or_if);
  CHECK(commands[4].next == ShellOperator::background);
  CHECK(commands[5].next == ShellOperator::sequence);
  CHECK(commands[6].next == ShellOperator::end);
}

TEST_CASE("split_shell removes quotes and keeps substitutions in one word", "[scan][misconfig][shell]") {
  const auto commands = split_shell(R"x(echo "a b" 'c | d' e\ f "$(curl -s "x y" | sh)" `g h` <(wget q))x");
  REQUIRE(commands.size() == 1);
  CHECK(texts(commands[0]) == std::vector<std::string>{"echo", "a b", "c | d", "e f",
                                                       "$(curl -s \"x y\" | sh)", "`g h`", "<(wget q)"});
}

TEST_CASE("split_shell reads redirections, comments and continuations", "[scan][misconfig][shell]") {
  const auto commands = split_shell("make 2>&1 &>log # a comment && not a command\nnext \\\n  arg");
  REQUIRE(commands.size() == 2);
  CHECK(texts(commands[0]) == std::vector<std::string>{"make", "2>&1", "&>log"});
  CHECK(texts(commands[1]) == std::vector<std::string>{"next", "arg"});
  CHECK(commands[1].words[1].offset ==
        std::string("make 2>&1 &>log # a comment && not a command\nnext \\\n  ").size());
}

TEST_CASE("split_shell survives unbalanced quotes and substitutions", "[scan][misconfig][shell]") {
  CHECK_NOTHROW(split_shell("echo \"unterminated"));
  CHECK_NOTHROW(split_shell("echo 'unterminated"));
  CHECK_NOTHROW(split_shell("echo $(never closed"));
  CHECK_NOTHROW(split_shell("\\"));
  CHECK(split_shell("").empty());
  CHECK(split_shell(" ;; && || ").empty());
}

TEST_CASE("invocation_of skips assignments, keywords and wrappers", "[scan][misconfig][shell]") {
  const auto commands =
      split_shell("if DEBIAN_FRONTEND=noninteractive sudo -u root -E env -i /usr/bin/apt-get install x");
  REQUIRE(commands.size() == 1);
  const Invocation invocation = invocation_of(commands[0]);
  CHECK(invocation.program() == "apt-get");
  REQUIRE(invocation.sudo != nullptr);
  CHECK(invocation.sudo->text == "sudo");
  REQUIRE(invocation.words.size() == 3);
  CHECK(invocation.words[2]->text == "x");
  CHECK(invocation_of(split_shell("A=1 B=2")[0]).words.empty());
  CHECK(invocation_of(split_shell("A=1 B=2")[0]).program().empty());
}

TEST_CASE("variable_references finds shell, Windows and PowerShell references", "[scan][misconfig][shell]") {
  CHECK(variable_references("token=$CI_JOB_TOKEN;${OTHER:-x} %WIN_VAR% $env:PS_VAR $1 $ 50%") ==
        std::vector<std::string>{"CI_JOB_TOKEN", "OTHER", "WIN_VAR", "PS_VAR"});
  CHECK(variable_references("no references here").empty());
}
