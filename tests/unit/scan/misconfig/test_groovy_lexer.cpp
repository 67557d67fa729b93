// Tests of the Groovy tokenizer (stages/scan/misconfig/groovy_lexer.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/groovy_lexer.hpp"

using namespace slipway::scan::misconfig;

TEST_CASE("lex_groovy tells the string kinds apart and keeps raw content", "[scan][misconfig][groovy]") {
  const GroovyTokens lexed = lex_groovy(R"(a 'b' "c$d" '''e
f''' """g
${h("}")}""" $/i/$ x = /j\/k/)");
  REQUIRE(lexed.ok());
  std::vector<StringKind> kinds;
  std::vector<std::string> texts;
  std::vector<int> lines;
  for (const GroovyToken& token : lexed.tokens) {
    if (token.kind != TokenKind::string) continue;
    kinds.push_back(token.string_kind);
    texts.push_back(token.text);
    lines.push_back(token.line);
  }
  CHECK(kinds == std::vector<StringKind>{StringKind::single, StringKind::double_quoted,
                                         StringKind::triple_single, StringKind::triple_double,
                                         StringKind::dollar_slashy, StringKind::slashy});
  CHECK(texts == std::vector<std::string>{"b", "c$d", "e\nf", "g\n${h(\"}\")}", "i", "j\\/k"});
  CHECK(lines == std::vector<int>{1, 1, 1, 2, 3, 3});
  CHECK(interpolates(StringKind::double_quoted));
  CHECK_FALSE(interpolates(StringKind::single));
  CHECK_FALSE(interpolates(StringKind::triple_single));
}

TEST_CASE("lex_groovy drops comments and reads division as division", "[scan][misconfig][groovy]") {
  const GroovyTokens lexed =
      lex_groovy("#!/usr/bin/env groovy\nx = a / b / c // 'not a string'\n/* \"nor\n this\" */ y");
  REQUIRE(lexed.ok());
  std::vector<std::string> texts;
  for (const GroovyToken& token : lexed.tokens) texts.push_back(token.text);
  CHECK(texts == std::vector<std::string>{"x", "=", "a", "/", "b", "/", "c", "y"});
  CHECK(lexed.tokens.back().line == 4);
}

TEST_CASE("lex_groovy matches brackets and records the enclosing brace", "[scan][misconfig][groovy]") {
  const GroovyTokens lexed = lex_groovy("a { b ( [ c ] ) { d } }");
  REQUIRE(lexed.ok());
  REQUIRE(lexed.tokens.size() == 12);
  CHECK(lexed.partner[1] == 11);
  CHECK(lexed.partner[3] == 7);
  CHECK(lexed.partner[4] == 6);
  CHECK(lexed.partner[8] == 10);
  CHECK(lexed.enclosing[9] == 8);
  CHECK(lexed.enclosing[2] == 1);
  CHECK(lexed.enclosing[0] == std::string::npos);
}

TEST_CASE("lex_groovy reports unterminated strings and comments with their line",
          "[scan][misconfig][groovy]") {
  for (const auto& [text, line] : std::vector<std::pair<std::string, int>>{{"a\nb = 'open\n", 2},
                                                                           {"x\n\n\"\"\"never closed", 3},
                                                                           {"/* open", 1},
                                                                           {"$/ open", 1},
                                                                           {"y = \"a\nb\"", 1}}) {
    INFO(text);
    const GroovyTokens lexed = lex_groovy(text);
    CHECK_FALSE(lexed.ok());
    CHECK(lexed.error.line == line);
  }
  const GroovyTokens unbalanced = lex_groovy(") } ] ( { [");
  CHECK(unbalanced.ok());
  CHECK(unbalanced.partner.size() == unbalanced.tokens.size());
  CHECK_NOTHROW(lex_groovy(std::string(100000, '{')));
  CHECK_NOTHROW(lex_groovy("\"${" + std::string(1000, '{')));
}
