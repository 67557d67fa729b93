// Tests of the compiled-database cache (stages/scan/secrets/database_cache.cpp)
// on real files: a second compile of the same rules loads the database the
// first one stored and matches the same; other rules get another file; a
// corrupted, truncated or foreign file is ignored and replaced, never an
// error; an unusable cache folder only costs the compile; old files are pruned.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "../../util/temp_folder.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/database_cache.hpp"
#include "stages/scan/secrets/pattern_database.hpp"
#include "util/files.hpp"

using namespace slipway;
using namespace slipway::scan::secrets;

namespace fs = std::filesystem;

namespace {

std::vector<RawMatch> matches_of(const PatternDatabase& database, std::string_view text) {
  auto scratch = database.make_scratch();
  REQUIRE(scratch.ok());
  std::vector<RawMatch> out;
  REQUIRE(database.scan(text, *scratch, out).ok());
  return out;
}

bool same(const std::vector<RawMatch>& a, const std::vector<RawMatch>& b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i].rule != b[i].rule || a[i].to != b[i].to) return false;
  }
  return true;
}

std::vector<SecretRule> two_rules(const std::string& second_pattern = R"(\bkey_[0-9a-f]{8}\b)") {
  SecretRule first;
  first.id = "secret/first";
  first.pattern = R"(\btok_[A-Za-z0-9]{10,40})";
  SecretRule second;
  second.id = "secret/second";
  second.pattern = second_pattern;
  second.caseless = true;
  return {first, second};
}

const std::string k_text = "a tok_ABCDEFGHIJ12 b KEY_0123abcd c tok_short";

// Where the two rules match in k_text: the first at each length from 10 to 12
// characters, the second (case-insensitive) once.
bool expected_in_text(const std::vector<RawMatch>& matches) {
  const std::vector<std::pair<unsigned, std::size_t>> expected = {{0, 16}, {0, 17}, {0, 18}, {1, 33}};
  if (matches.size() != expected.size()) return false;
  for (std::size_t i = 0; i < matches.size(); ++i) {
    if (matches[i].rule != expected[i].first || matches[i].to != expected[i].second) return false;
  }
  return true;
}

}  // namespace

TEST_CASE("the second compile of the same rules loads the stored database and matches the same") {
  test::TempFolder folder;
  const fs::path cache = folder / "cache";
  auto first = PatternDatabase::compile(two_rules(), cache);
  REQUIRE(first.ok());
  CHECK_FALSE(first->from_cache());
  const fs::path file = database_cache_file(cache, two_rules());
  REQUIRE(fs::is_regular_file(file));

  auto second = PatternDatabase::compile(two_rules(), cache);
  REQUIRE(second.ok());
  CHECK(second->from_cache());
  CHECK(same(matches_of(*first, k_text), matches_of(*second, k_text)));
  CHECK(expected_in_text(matches_of(*second, k_text)));
  for (std::size_t i = 0; i < 2; ++i) CHECK(second->max_width(i) == first->max_width(i));

  // Another pattern or another flag is another database.
  CHECK(database_cache_file(cache, two_rules(R"(\bkey_[0-9a-f]{9}\b)")) != file);
  auto flags = two_rules();
  flags[1].caseless = false;
  CHECK(database_cache_file(cache, flags) != file);
}

TEST_CASE("the built-in rules survive the round trip through the cache") {
  test::TempFolder folder;
  auto compiled = PatternDatabase::compile(builtin_rules(), folder / "cache");
  REQUIRE(compiled.ok());
  auto loaded = PatternDatabase::compile(builtin_rules(), folder / "cache");
  REQUIRE(loaded.ok());
  REQUIRE(loaded->from_cache());
  const std::string text =
      "aws_secret_access_key = abcdefghijABCDEFGHIJ0123456789abcdefghij\nghp_" + std::string(36, 'a') + "\n";
  CHECK(same(matches_of(*compiled, text), matches_of(*loaded, text)));
  for (std::size_t i = 0; i < builtin_rules().size(); ++i)
    CHECK(loaded->max_width(i) == compiled->max_width(i));
}

TEST_CASE("a corrupted or truncated cache file is ignored and replaced") {
  test::TempFolder folder;
  const fs::path cache = folder / "cache";
  REQUIRE(PatternDatabase::compile(two_rules(), cache).ok());
  const fs::path file = database_cache_file(cache, two_rules());
  auto original = util::read_file(file);
  REQUIRE(original.ok());

  SECTION("one byte of the database flipped") {
    std::string bad = *original;
    bad[bad.size() - 10] = static_cast<char>(bad[bad.size() - 10] ^ 0x5a);
    REQUIRE(util::write_file_atomic(file, bad).ok());
  }
  SECTION("cut in half") {
    REQUIRE(util::write_file_atomic(file, original->substr(0, original->size() / 2)).ok());
  }
  SECTION("not a cache file at all") {
    REQUIRE(util::write_file_atomic(file, "hello\n").ok());
  }
  SECTION("the widths line lists too few rules") {
    const std::string payload = "7\n";
    REQUIRE(
        util::write_file_atomic(file, "slipway-vectorscan-cache 1\n" + std::string(64, '0') + "\n" + payload)
            .ok());
  }

  auto again = PatternDatabase::compile(two_rules(), cache);
  REQUIRE(again.ok());
  CHECK_FALSE(again->from_cache());
  CHECK(expected_in_text(matches_of(*again, k_text)));
  // ... and the file is whole again.
  auto reloaded = PatternDatabase::compile(two_rules(), cache);
  REQUIRE(reloaded.ok());
  CHECK(reloaded->from_cache());
}

TEST_CASE("a cache folder that cannot be used only costs the compile") {
  test::TempFolder folder;
  std::ofstream(folder / "not-a-folder") << "x";
  auto database = PatternDatabase::compile(two_rules(), folder / "not-a-folder" / "cache");
  REQUIRE(database.ok());
  CHECK_FALSE(database->from_cache());
  CHECK(expected_in_text(matches_of(*database, k_text)));
}

TEST_CASE("the cache keeps the most recently written databases only") {
  test::TempFolder folder;
  const fs::path cache = folder / "cache";
  for (std::size_t i = 0; i < k_kept_databases + 3; ++i) {
    REQUIRE(
        PatternDatabase::compile(two_rules(R"(\bkey_[0-9a-f]{)" + std::to_string(8 + i) + R"(}\b)"), cache)
            .ok());
  }
  std::size_t files = 0;
  for (const auto& entry : fs::directory_iterator(cache)) {
    if (entry.path().extension() == ".hsdb") ++files;
  }
  CHECK(files == k_kept_databases);
  // The newest is among them.
  CHECK(fs::is_regular_file(database_cache_file(
      cache, two_rules(R"(\bkey_[0-9a-f]{)" + std::to_string(8 + k_kept_databases + 2) + R"(}\b)"))));
}
