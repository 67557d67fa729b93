// Tests of the yaml-syntax fast path (stages/lint/yaml_fast_path.cpp): it
// accepts the simple subset, declines everything else, and never accepts text
// that yaml-cpp rejects (checked on random texts built from YAML's tricky
// characters).
#include <yaml-cpp/yaml.h>

#include <catch2/catch.hpp>
#include <random>
#include <string>
#include <vector>

#include "stages/lint/yaml_fast_path.hpp"

using slipway::lint::is_plain_yaml;

TEST_CASE("the fast path accepts simple mappings and sequences", "[lint][yaml]") {
  CHECK(is_plain_yaml(""));
  CHECK(is_plain_yaml("# only a comment\n\n"));
  CHECK(is_plain_yaml("name: slipway\nversion: 1.2.3 # comment\nurl: https://example.com/a:b\n"));
  CHECK(is_plain_yaml(
      "jobs:\n  build:\n    steps:\n      - checkout\n      - make all\n  test:\n    image: debian\n"));
  CHECK(is_plain_yaml("a: 1\r\nb: 2\r\n"));
}

TEST_CASE("the fast path declines what it does not understand", "[lint][yaml]") {
  CHECK_FALSE(is_plain_yaml("a: 'quoted'\n"));
  CHECK_FALSE(is_plain_yaml("a: [1, 2]\n"));
  CHECK_FALSE(is_plain_yaml("a: |\n  block\n"));
  CHECK_FALSE(is_plain_yaml("---\na: 1\n"));
  CHECK_FALSE(is_plain_yaml("- name: x\n"));
  CHECK_FALSE(is_plain_yaml("a: b: c\n"));
  CHECK_FALSE(is_plain_yaml("a: b\n  c: d\n"));
  CHECK_FALSE(is_plain_yaml("a:\n  b: 1\n c: 2\n"));
  CHECK_FALSE(is_plain_yaml("a:\n\tb: 1\n"));
  CHECK_FALSE(is_plain_yaml("k: caf\xC3\xA9\n"));
  CHECK_FALSE(is_plain_yaml("a:\n- x\n"));  // valid, but outside the subset
}

TEST_CASE("the fast path never accepts what yaml-cpp rejects", "[lint][yaml]") {
  const std::vector<std::string> atoms = {"a",   "key", "x1", "-",    "- ", ":", ": ", " ", "  ", "#", " #",
                                          "\n",  "\n",  "\n", "\r\n", "\t", "'", "\"", "[", "]",  "{", "}",
                                          ",",   "?",   "&a", "*a",   "!t", "|", ">",  "%", "@",  "`", "...",
                                          "---", "~",   "1",  ".",    "/",  "_", "=",  "\\"};
  std::mt19937 random(20240);
  int accepted = 0;
  for (int round = 0; round < 200000; ++round) {
    std::string text;
    const auto length = random() % 24;
    for (unsigned i = 0; i < length; ++i) text += atoms[random() % atoms.size()];
    if (!is_plain_yaml(text)) continue;
    ++accepted;
    INFO("text: [" << text << "]");
    CHECK_NOTHROW(YAML::LoadAll(text));
  }
  CHECK(accepted > 1000);
}
