// Tests of the Dockerfile parser (stages/scan/misconfig/dockerfile_parser.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/dockerfile_parser.hpp"

using namespace slipway::scan::misconfig;

TEST_CASE("parse_dockerfile joins continuations and skips comments inside them",
          "[scan][misconfig][dockerfile]") {
  const auto instructions = parse_dockerfile(
      "FROM alpine:3.19\n"
      "\n"
      "run apk add \\\n"
      "# a comment inside the continuation\n"
      "\n"
      "    curl \\\n"
      "    git\n"
      "USER app\n");
  REQUIRE(instructions.size() == 3);
  CHECK(instructions[0].keyword == "FROM");
  CHECK(instructions[0].line == 1);
  CHECK(instructions[1].keyword == "RUN");
  CHECK(instructions[1].line == 3);
  CHECK(instructions[1].arguments == "apk add     curl     git");
  CHECK(instructions[1].line_at(0) == 3);
  CHECK(instructions[1].line_at(instructions[1].arguments.find("curl")) == 6);
  CHECK(instructions[1].line_at(instructions[1].arguments.find("git")) == 7);
  CHECK(instructions[2].line == 8);
}

TEST_CASE("parse_dockerfile honours the escape directive and CRLF line ends",
          "[scan][misconfig][dockerfile]") {
  const auto instructions = parse_dockerfile(
      "# escape=`\r\nFROM mcr.microsoft.com/windows:ltsc2022\r\nRUN dir c:\\ `\r\n  && echo done\r\n");
  REQUIRE(instructions.size() == 2);
  CHECK(instructions[1].arguments == "dir c:\\   && echo done");
  CHECK(instructions[1].line_at(instructions[1].arguments.find("echo")) == 4);
}

TEST_CASE("parse_dockerfile appends heredoc bodies to their instruction", "[scan][misconfig][dockerfile]") {
  const auto instructions = parse_dockerfile(
      "FROM debian:12\n"
      "RUN <<EOF\n"
      "apt-get update\n"
      "FROM not-an-instruction\n"
      "EOF\n"
      "USER 1000\n");
  REQUIRE(instructions.size() == 3);
  CHECK(instructions[1].arguments == "<<EOF\napt-get update\nFROM not-an-instruction");
  CHECK(instructions[1].line_at(instructions[1].arguments.find("apt-get")) == 3);
  CHECK(instructions[2].keyword == "USER");
  CHECK(instructions[2].line == 6);
}

TEST_CASE("parse_dockerfile copes with truncated input", "[scan][misconfig][dockerfile]") {
  CHECK(parse_dockerfile("").empty());
  CHECK(parse_dockerfile("# only a comment\n").empty());
  const auto dangling = parse_dockerfile("RUN echo a \\");
  REQUIRE(dangling.size() == 1);
  CHECK(dangling[0].arguments == "echo a ");
  const auto heredoc = parse_dockerfile("RUN <<EOF\necho never closed\n");
  REQUIRE(heredoc.size() == 1);
  CHECK(heredoc[0].arguments == "<<EOF\necho never closed");
  const auto keyword_only = parse_dockerfile("RUN\\\n  echo hi\n");
  REQUIRE(keyword_only.size() == 1);
  CHECK(keyword_only[0].keyword == "RUN");
  CHECK(keyword_only[0].arguments.find("echo hi") != std::string::npos);
}

TEST_CASE("instruction_words splits flags, shell words and exec form", "[scan][misconfig][dockerfile]") {
  const InstructionWords words = instruction_words("--chown=app:app --link \"my file\" /dst");
  REQUIRE(words.flags.size() == 2);
  CHECK(flag_value(words.flags, "chown") == "app:app");
  CHECK(flag_value(words.flags, "link").empty());
  REQUIRE(words.words.size() == 2);
  CHECK(words.words[0].text == "my file");
  CHECK(words.words[0].offset == std::string("--chown=app:app --link ").size());
  CHECK_FALSE(words.exec_form);

  const InstructionWords exec = instruction_words(R"(["apt-get", "install", "-y", "curl"])");
  CHECK(exec.exec_form);
  REQUIRE(exec.words.size() == 4);
  CHECK(exec.words[3].text == "curl");

  const InstructionWords broken = instruction_words("[not json");
  CHECK_FALSE(broken.exec_form);
  CHECK(broken.words.size() == 2);
}
