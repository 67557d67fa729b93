#include <catch2/catch.hpp>

#include "util/glob.hpp"

using namespace slipway::util;

TEST_CASE("a pattern without '/' matches the file name in any folder", "[glob]") {
  CHECK(glob_match("*.md", "README.md"));
  CHECK(glob_match("*.md", "docs/guide/intro.md"));
  CHECK_FALSE(glob_match("*.md", "README.mdx"));
  CHECK_FALSE(glob_match("*.md", "docs.md/file.txt"));
  CHECK(glob_match("Makefile", "sub/Makefile"));
}

TEST_CASE("'*' and '?' do not cross '/'", "[glob]") {
  CHECK(glob_match("src/*.cpp", "src/main.cpp"));
  CHECK_FALSE(glob_match("src/*.cpp", "src/sub/main.cpp"));
  CHECK(glob_match("file?.txt", "file1.txt"));
  CHECK_FALSE(glob_match("file?.txt", "file10.txt"));
  CHECK_FALSE(glob_match("a?b", "a/b"));
  CHECK(glob_match("*", "anything"));
}

TEST_CASE("'**' matches whole path segments", "[glob]") {
  CHECK(glob_match("**/x", "x"));
  CHECK(glob_match("**/x", "a/b/x"));
  CHECK_FALSE(glob_match("**/x", "a/bx"));
  CHECK(glob_match("a/**/b", "a/b"));
  CHECK(glob_match("a/**/b", "a/x/y/b"));
  CHECK_FALSE(glob_match("a/**/b", "a/xb"));
  CHECK(glob_match("docs/**", "docs/a/b.md"));
  CHECK_FALSE(glob_match("docs/**", "docs"));
  CHECK(glob_match("src/**/*.hpp", "src/util/deep/x.hpp"));
}

TEST_CASE("a pattern ending in '/' matches everything below the folder", "[glob]") {
  CHECK(glob_match("build/", "build/obj/a.o"));
  CHECK(glob_match("build/", "sub/build/a.o"));
  CHECK_FALSE(glob_match("build/", "build"));
  CHECK_FALSE(glob_match("build/", "builder/a.o"));
  CHECK(glob_match("out/gen/", "out/gen/x.cpp"));
  CHECK_FALSE(glob_match("out/gen/", "sub/out/gen/x.cpp"));
}

TEST_CASE("a pattern with '/' is anchored at the root", "[glob]") {
  CHECK(glob_match("docs/*.md", "docs/a.md"));
  CHECK_FALSE(glob_match("docs/*.md", "x/docs/a.md"));
  CHECK(glob_match("/top.txt", "top.txt"));
  CHECK_FALSE(glob_match("/top.txt", "sub/top.txt"));
  CHECK(glob_match("src/main.cpp", "./src/main.cpp"));
}

TEST_CASE("character sets, ranges and negated sets", "[glob]") {
  CHECK(glob_match("[a-z].c", "q.c"));
  CHECK_FALSE(glob_match("[a-z].c", "Q.c"));
  CHECK(glob_match("[abc]x", "bx"));
  CHECK_FALSE(glob_match("[abc]x", "dx"));
  CHECK(glob_match("[!a-c]x", "dx"));
  CHECK_FALSE(glob_match("[!a-c]x", "bx"));
  CHECK(glob_match("[^0-9]*", "x1"));
  CHECK_FALSE(glob_match("[^0-9]*", "1x"));
  CHECK_FALSE(glob_match("a[!x]b", "a/b"));
  CHECK(glob_match("[]]", "]"));
  CHECK(glob_match("[a-]", "-"));
  // An unclosed '[' is an ordinary character.
  CHECK(glob_match("[abc", "[abc"));
}

TEST_CASE("escapes and odd inputs", "[glob]") {
  CHECK(glob_match("\\*.txt", "*.txt"));
  CHECK_FALSE(glob_match("\\*.txt", "a.txt"));
  CHECK_FALSE(glob_match("", "a"));
  CHECK(glob_match("a**b", "a/x/b"));
  // Many stars on a long path must stay fast (memoised, not exponential).
  CHECK_FALSE(glob_match("*a*a*a*a*a*a*a*a*a*a*b", std::string(200, 'a')));
}

TEST_CASE("glob_match_any matches when one pattern does", "[glob]") {
  const std::vector<std::string> patterns{"*.md", "build/"};
  CHECK(glob_match_any(patterns, "x/README.md"));
  CHECK(glob_match_any(patterns, "build/a"));
  CHECK_FALSE(glob_match_any(patterns, "src/a.cpp"));
  CHECK_FALSE(glob_match_any({}, "a"));
}
