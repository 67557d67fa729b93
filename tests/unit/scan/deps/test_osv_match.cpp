// OSV matching semantics, one rule at a time: versions lists, SEMVER and
// ECOSYSTEM ranges, several intervals in one range, last_affected (the
// version itself is affected), fixed (it is not), limit, introduced "0",
// GIT ranges skipped, the lowest fixed version above the installed one,
// and record reading (withdrawn, aliases, severities).
#include <catch2/catch.hpp>

#include "deps_test_support.hpp"
#include "stages/scan/deps/osv_match.hpp"
#include "stages/scan/deps/package_vulnerabilities.hpp"

namespace slipway::scan::deps {

namespace {

using nlohmann::json;

OsvRange make_range(const std::string& type, std::vector<OsvEvent> events) {
  return OsvRange{type, std::move(events)};
}
OsvEvent introduced(const std::string& v) {
  return {OsvEvent::Kind::introduced, v};
}
OsvEvent fixed(const std::string& v) {
  return {OsvEvent::Kind::fixed, v};
}
OsvEvent last_affected(const std::string& v) {
  return {OsvEvent::Kind::last_affected, v};
}
OsvEvent limit(const std::string& v) {
  return {OsvEvent::Kind::limit, v};
}

}  // namespace

TEST_CASE("SEMVER range with several intervals, given out of order", "[deps][match]") {
  // [0.6.3, 0.6.14) and [1.0.0, 1.6.1), events deliberately unsorted.
  const OsvRange range =
      make_range("SEMVER", {fixed("1.6.1"), introduced("0.6.3"), introduced("1.0.0"), fixed("0.6.14")});
  for (const char* affected : {"0.6.3", "0.6.13", "1.0.0", "1.6.0", "1.6.1-rc.1"}) {
    INFO(affected);
    CHECK(range_includes(range, "crates.io", affected));
  }
  for (const char* safe : {"0.6.2", "0.6.14", "0.9.0", "0.9.9-beta", "1.6.1", "2.0.0", "not-a-version"}) {
    INFO(safe);
    CHECK_FALSE(range_includes(range, "crates.io", safe));
  }
}

TEST_CASE("introduced 0, fixed and last_affected boundaries", "[deps][match]") {
  const OsvRange to_fixed = make_range("ECOSYSTEM", {introduced("0"), fixed("1.26.5")});
  CHECK(range_includes(to_fixed, "PyPI", "0.1"));
  CHECK(range_includes(to_fixed, "PyPI", "1.26.5rc1"));
  CHECK_FALSE(range_includes(to_fixed, "PyPI", "1.26.5"));
  CHECK_FALSE(range_includes(to_fixed, "PyPI", "1.26.5.post1"));

  const OsvRange to_last = make_range("ECOSYSTEM", {introduced("0"), last_affected("2.11.2")});
  CHECK(range_includes(to_last, "PyPI", "2.11.2"));
  CHECK(range_includes(to_last, "PyPI", "2.11.2.0"));
  CHECK_FALSE(range_includes(to_last, "PyPI", "2.11.2.post1"));
  CHECK_FALSE(range_includes(to_last, "PyPI", "2.11.3"));

  const OsvRange open = make_range("SEMVER", {introduced("2.0.0")});
  CHECK(range_includes(open, "npm", "99.0.0"));
  CHECK_FALSE(range_includes(open, "npm", "1.9.9"));
  CHECK_FALSE(range_includes(open, "npm", "2.0.0-beta.1"));
}

TEST_CASE("limit events bound a range from above", "[deps][match]") {
  const OsvRange limited = make_range("ECOSYSTEM", {introduced("1.0"), limit("2.0")});
  CHECK(range_includes(limited, "Maven", "1.5"));
  CHECK_FALSE(range_includes(limited, "Maven", "2.0"));
  CHECK_FALSE(range_includes(limited, "Maven", "2.1"));
  const OsvRange two_limits = make_range("ECOSYSTEM", {introduced("1.0"), limit("1.2"), limit("3.0")});
  CHECK(range_includes(two_limits, "Maven", "2.5"));  // below one of the limits
  const OsvRange infinite = make_range("ECOSYSTEM", {introduced("1.0"), limit("*")});
  CHECK(range_includes(infinite, "Maven", "99"));
}

TEST_CASE("ECOSYSTEM ranges use the ecosystem's order, SEMVER ranges SemVer", "[deps][match]") {
  // Maven: 2.0-beta9 < 2.14.1 < 2.15.0; RubyGems: 2.2.3.1 < 2.2.4; PyPI epochs.
  CHECK(
      range_includes(make_range("ECOSYSTEM", {introduced("2.0-beta9"), fixed("2.15.0")}), "Maven", "2.14.1"));
  CHECK_FALSE(
      range_includes(make_range("ECOSYSTEM", {introduced("0"), fixed("2.2.3.1")}), "RubyGems", "2.2.4"));
  CHECK_FALSE(range_includes(make_range("ECOSYSTEM", {introduced("0"), fixed("2.0")}), "PyPI", "1!1.0"));
  CHECK(range_includes(make_range("ECOSYSTEM", {introduced("0"), fixed("1!2.0")}), "PyPI", "1!1.0"));
  // Packagist: 5.4.1 inside [5.0.0, 5.4.20); "v" prefixes are ignored.
  CHECK(
      range_includes(make_range("ECOSYSTEM", {introduced("5.0.0"), fixed("5.4.20")}), "Packagist", "v5.4.1"));
  // Go pseudo-versions are pre-releases of their base.
  CHECK(range_includes(make_range("SEMVER", {introduced("0"), fixed("0.7.0")}), "Go",
                       "0.0.0-20220722155237-a158d28d115b"));
  // GIT ranges need the repository: never matched.
  CHECK_FALSE(range_includes(make_range("GIT", {introduced("0")}), "npm", "1.0.0"));
}

TEST_CASE("versions lists and the lowest fixed version", "[deps][match]") {
  OsvAffected affected;
  affected.ecosystem = "PyPI";
  affected.name = "django";
  affected.versions = {"3.2", "3.2.1"};
  affected.ranges = {
      make_range("ECOSYSTEM", {introduced("4.0"), fixed("4.0.6"), introduced("4.1"), fixed("4.1.1")}),
      make_range("ECOSYSTEM", {introduced("4.0"), fixed("4.0.4")})};
  CHECK(match_affected(affected, "3.2.1").has_value());
  CHECK(match_affected(affected, "3.2.0").has_value());  // "3.2.0" == "3.2" in PEP 440
  CHECK_FALSE(match_affected(affected, "3.2.2").has_value());
  const auto in_both = match_affected(affected, "4.0.1");
  REQUIRE(in_both.has_value());
  CHECK(in_both->fixed == std::optional<std::string>("4.0.4"));
  const auto later = match_affected(affected, "4.0.5");
  REQUIRE(later.has_value());
  CHECK(later->fixed == std::optional<std::string>("4.0.6"));
  const auto listed_only = match_affected(affected, "3.2");
  REQUIRE(listed_only.has_value());
  CHECK_FALSE(listed_only->fixed.has_value());
  CHECK_FALSE(match_affected(affected, "4.0.6").has_value());
}

TEST_CASE("package names compare per ecosystem", "[deps][match]") {
  CHECK(normalized_package_name("PyPI", "PyYAML") == "pyyaml");
  CHECK(normalized_package_name("PyPI", "zope.interface") == "zope-interface");
  CHECK(normalized_package_name("PyPI", "Foo__Bar-.baz") == "foo-bar-baz");
  CHECK(normalized_package_name("NuGet", "Newtonsoft.Json") == "newtonsoft.json");
  CHECK(normalized_package_name("Packagist", "Symfony/Http-Kernel") == "symfony/http-kernel");
  CHECK(normalized_package_name("npm", "JSONStream") == "JSONStream");
  CHECK(base_ecosystem("Maven:https://maven.google.com") == "Maven");
}

TEST_CASE("OSV records: fields, withdrawn, severities", "[deps][match]") {
  json data =
      test::osv_record("GHSA-aaaa-bbbb-cccc", "npm", "lodash",
                       test::range("SEMVER", json::array({{{"introduced", "0"}}, {{"fixed", "4.17.19"}}})));
  data["aliases"] = {"CVE-2020-8203"};
  data["severity"] =
      json::array({{{"type", "CVSS_V3"}, {"score", "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:H/A:H"}}});
  data["references"] = json::array({{{"type", "WEB"}, {"url", "https://example.com/w"}},
                                    {{"type", "ADVISORY"}, {"url", "https://example.com/a"}}});
  auto record = read_osv_record(data);
  REQUIRE(record.ok());
  CHECK(record->id == "GHSA-aaaa-bbbb-cccc");
  CHECK(record->aliases == std::vector<std::string>{"CVE-2020-8203"});
  CHECK(*record->score == Approx(7.4));
  CHECK(record->advisory_url == "https://example.com/a");
  CHECK_FALSE(record->withdrawn);
  REQUIRE(record->affected.size() == 1);
  CHECK(record->affected[0].ranges[0].events.size() == 2);

  data["withdrawn"] = "2024-02-01T00:00:00Z";
  CHECK(read_osv_record(data)->withdrawn);
  CHECK_FALSE(read_osv_record(json::array()).ok());
  CHECK_FALSE(read_osv_record(json{{"summary", "no id"}}).ok());

  OsvRecord labelled;
  labelled.id = "GHSA-x";
  labelled.severity_label = "MODERATE";
  CHECK(fallback_score(labelled) == 5.0);
  labelled.severity_label = "CRITICAL";
  CHECK(fallback_score(labelled) == 9.0);
  OsvRecord malware;
  malware.id = "MAL-2024-1";
  CHECK(fallback_score(malware) == 10.0);
}

}  // namespace slipway::scan::deps
