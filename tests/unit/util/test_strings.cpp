#include <catch2/catch.hpp>

#include "util/strings.hpp"

using namespace slipway::util;

TEST_CASE("split keeps empty fields", "[strings]") {
  CHECK(split("a,b,c", ',') == std::vector<std::string>{"a", "b", "c"});
  CHECK(split("a,,b,", ',') == std::vector<std::string>{"a", "", "b", ""});
  CHECK(split("", ',') == std::vector<std::string>{""});
}

TEST_CASE("split_lines drops LF and CRLF line ends", "[strings]") {
  CHECK(split_lines("one\r\ntwo\nthree") == std::vector<std::string>{"one", "two", "three"});
  CHECK(split_lines("one\n\ntwo\n") == std::vector<std::string>{"one", "", "two"});
  CHECK(split_lines("").empty());
}

TEST_CASE("trim, join, case and affixes", "[strings]") {
  CHECK(trim("  \t hello world \r\n") == "hello world");
  CHECK(trim(" \n ").empty());
  CHECK(join({"a", "b", "c"}, ", ") == "a, b, c");
  CHECK(join({}, ",").empty());
  CHECK(to_lower("MiXeD-Case_1") == "mixed-case_1");
  CHECK(to_upper("MiXeD-Case_1") == "MIXED-CASE_1");
  CHECK(starts_with("slipway.yml", "slip"));
  CHECK_FALSE(starts_with("sl", "slip"));
  CHECK(ends_with("slipway.yml", ".yml"));
  CHECK_FALSE(ends_with("slipway.yaml", ".yml"));
}

TEST_CASE("replace_all replaces every occurrence, left to right", "[strings]") {
  CHECK(replace_all("a-b-c", "-", "--") == "a--b--c");
  CHECK(replace_all("aaa", "aa", "b") == "ba");
  CHECK(replace_all("abc", "", "x") == "abc");
}

TEST_CASE("edit_distance is the Levenshtein distance", "[strings]") {
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("abc", "") == 3);
  CHECK(edit_distance("same", "same") == 0);
  CHECK(edit_distance("flaw", "lawn") == 2);
}

TEST_CASE("closest_match suggests near typos only", "[strings]") {
  const std::vector<std::string> keys{"timeout", "retries", "working_directory", "environment"};
  CHECK(closest_match("tiemout", keys) == "timeout");
  CHECK(closest_match("Retries", keys) == "retries");
  CHECK(closest_match("enviroment", keys) == "environment");
  CHECK(closest_match("colour", keys).empty());
  CHECK(closest_match("ab", {"xy"}).empty());
  CHECK(closest_match("anything", {}).empty());
}

TEST_CASE("redact shows at most four characters", "[strings]") {
  CHECK(redact("ghp_0123456789abcdef") == "ghp_\xE2\x80\xA6");
  // Short secrets would be half given away by four characters.
  CHECK(redact("abc") == "\xE2\x80\xA6");
  CHECK(redact("") == "\xE2\x80\xA6");
  // Characters, not bytes: a multi-byte character is never cut.
  CHECK(redact("\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9secret") == "\xC3\xA9\xC3\xA9\xC3\xA9\xC3\xA9\xE2\x80\xA6");
}
