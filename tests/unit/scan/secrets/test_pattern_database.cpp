// Tests of the Vectorscan database (stages/scan/secrets/pattern_database.cpp):
// every built-in rule compiles into one database, matches carry their start,
// and a pattern Vectorscan rejects is an error naming the rule.
#include <catch2/catch.hpp>

#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/pattern_database.hpp"
#include "stages/scan/secrets/secret_matcher.hpp"

using namespace slipway::scan::secrets;

TEST_CASE("every built-in rule compiles into one Vectorscan database with a bounded width") {
  auto database = PatternDatabase::compile(builtin_rules());
  REQUIRE(database.ok());
  auto scratch = database->make_scratch();
  REQUIRE(scratch.ok());
  for (std::size_t i = 0; i < builtin_rules().size(); ++i) {
    INFO(builtin_rules()[i].id);
    CHECK(database->max_width(i) <= k_max_match_width);
  }
}

TEST_CASE("matches report where they end, and each rule its maximum width") {
  SecretRule rule;
  rule.id = "secret/test";
  rule.pattern = R"(\bab[0-9]{3}\b)";
  auto database = PatternDatabase::compile({rule});
  REQUIRE(database.ok());
  auto scratch = database->make_scratch();
  REQUIRE(scratch.ok());
  std::vector<RawMatch> matches;
  REQUIRE(database->scan("xx ab123 yy", *scratch, matches).ok());
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].to == 8);
  CHECK(database->max_width(0) == 5);
}

TEST_CASE("a pattern Vectorscan rejects names its rule") {
  SecretRule good;
  good.id = "secret/good";
  good.pattern = "abc[0-9]{4}";
  SecretRule bad;
  bad.id = "secret/backref";
  bad.origin = "rules.yml:3:5";
  bad.pattern = R"((a)\1)";
  auto database = PatternDatabase::compile({good, bad});
  REQUIRE_FALSE(database.ok());
  CHECK_THAT(database.error().message, Catch::Contains("secret/backref"));
  CHECK_THAT(database.error().message, Catch::Contains("rules.yml:3:5"));
}
