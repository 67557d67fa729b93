// Tests for model/yaml_documents.hpp: YAML loading that cannot hang on the
// yaml-cpp 0.7.0 stray-comma bug (found by tests/fuzz/fuzz_config_yaml).
#include <catch2/catch.hpp>

#include "model/yaml_documents.hpp"

using slipway::model::check_yaml_syntax;
using slipway::model::load_yaml_documents;

TEST_CASE("a stray comma at document level is an error with its line, not a hang", "[yaml]") {
  for (const char* text : {",", " ,x", "- a\n,", "key: 1\n---\n,\n"}) {
    auto loaded = load_yaml_documents(text);
    INFO(text);
    REQUIRE_FALSE(loaded);
    CHECK(loaded.error().line >= 1);
    CHECK_FALSE(check_yaml_syntax(text));
  }
  auto loaded = load_yaml_documents("- a\n,\n");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().line == 2);
}

TEST_CASE("several documents load, one per separator", "[yaml]") {
  auto loaded = load_yaml_documents("a: 1\n---\nb: [1, 2]\n---\n- x\n");
  REQUIRE(loaded);
  REQUIRE(loaded->size() == 3);
  CHECK((*loaded)[1]["b"][1].as<int>() == 2);
  CHECK(check_yaml_syntax("a: 1\n---\nb: 2\n"));
}

TEST_CASE("ordinary syntax errors keep yaml-cpp's message and position", "[yaml]") {
  auto loaded = load_yaml_documents("a: [1, 2\nb: 3\n");
  REQUIRE_FALSE(loaded);
  CHECK(loaded.error().line > 0);
  CHECK_FALSE(loaded.error().message.empty());
  CHECK(load_yaml_documents(""));
  CHECK(load_yaml_documents("")->empty());
}
