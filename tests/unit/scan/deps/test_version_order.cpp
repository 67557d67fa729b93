// Version ordering per ecosystem: each table is a chain of versions in
// ascending order (every pair is checked both ways), plus equalities and
// versions the scheme must reject.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/scan/deps/version_order.hpp"

namespace slipway::scan::deps {

namespace {

void check_ascending(VersionScheme scheme, const std::vector<std::string>& chain) {
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = i + 1; j < chain.size(); ++j) {
      INFO(chain[i] << " < " << chain[j]);
      const auto forward = compare_versions(scheme, chain[i], chain[j]);
      const auto backward = compare_versions(scheme, chain[j], chain[i]);
      REQUIRE(forward.has_value());
      REQUIRE(backward.has_value());
      CHECK(*forward < 0);
      CHECK(*backward > 0);
    }
  }
}

void check_equal(VersionScheme scheme, const std::string& a, const std::string& b) {
  INFO(a << " == " << b);
  const auto result = compare_versions(scheme, a, b);
  REQUIRE(result.has_value());
  CHECK(*result == 0);
}

void check_invalid(VersionScheme scheme, const std::string& version) {
  INFO(version << " is invalid");
  CHECK_FALSE(compare_versions(scheme, version, "1.0.0").has_value());
}

}  // namespace

TEST_CASE("ecosystems map to their version schemes", "[deps][version]") {
  CHECK(scheme_for_ecosystem("npm") == VersionScheme::semver);
  CHECK(scheme_for_ecosystem("crates.io") == VersionScheme::semver);
  CHECK(scheme_for_ecosystem("Go") == VersionScheme::go);
  CHECK(scheme_for_ecosystem("PyPI") == VersionScheme::pypi);
  CHECK(scheme_for_ecosystem("RubyGems") == VersionScheme::rubygems);
  CHECK(scheme_for_ecosystem("Packagist") == VersionScheme::packagist);
  CHECK(scheme_for_ecosystem("Maven") == VersionScheme::maven);
  CHECK(scheme_for_ecosystem("Maven:https://maven.google.com") == VersionScheme::maven);
  CHECK(scheme_for_ecosystem("NuGet") == VersionScheme::nuget);
  CHECK(scheme_for_ecosystem("ConanCenter") == VersionScheme::generic);
}

TEST_CASE("SemVer 2.0 precedence (npm, crates.io)", "[deps][version]") {
  // The example chain of semver.org section 11, then numeric (not textual) order.
  check_ascending(VersionScheme::semver,
                  {"1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-alpha.beta", "1.0.0-beta", "1.0.0-beta.2",
                   "1.0.0-beta.11", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.2.0", "1.10.0", "2.0.0", "10.0.0"});
  check_equal(VersionScheme::semver, "1.0.0+build.5", "1.0.0");
  check_equal(VersionScheme::semver, "v1.2.3", "1.2.3");
  check_equal(VersionScheme::semver, "=1.2.3", "1.2.3");
  check_equal(VersionScheme::semver, "1.2", "1.2.0");
  check_equal(VersionScheme::semver, "99999999999999999999.0.0", "99999999999999999999.0.0");
  check_ascending(VersionScheme::semver, {"18446744073709551615.0.0", "18446744073709551616.0.0"});
  check_invalid(VersionScheme::semver, "abc");
  check_invalid(VersionScheme::semver, "1.2.3.4");
  check_invalid(VersionScheme::semver, "1.2.x");
  check_invalid(VersionScheme::semver, "1.0.0-");
  check_invalid(VersionScheme::semver, "1.0.0-a..b");
  check_invalid(VersionScheme::semver, "");
}

TEST_CASE("Go module versions: pseudo-versions and +incompatible", "[deps][version]") {
  check_ascending(VersionScheme::go,
                  {"0.0.0-20190101000000-abcdefabcdef", "0.0.0-20220722155237-a158d28d115b", "0.1.0", "0.3.5",
                   "0.3.7", "1.0.0-rc.1", "1.0.0", "1.2.0-pre.0.20230101", "1.2.0"});
  check_equal(VersionScheme::go, "v2.0.0+incompatible", "2.0.0");
  check_equal(VersionScheme::go, "v0.3.5", "0.3.5");
}

TEST_CASE("PEP 440 ordering (PyPI)", "[deps][version]") {
  // The ordering example of PEP 440 ("Summary of permitted suffixes and relative ordering").
  check_ascending(VersionScheme::pypi,
                  {"1.0.dev456", "1.0a1", "1.0a2.dev456", "1.0a12.dev456", "1.0a12", "1.0b1.dev456", "1.0b2",
                   "1.0b2.post345.dev456", "1.0b2.post345", "1.0rc1.dev456", "1.0rc1", "1.0", "1.0+abc.5",
                   "1.0+abc.7", "1.0+5", "1.0.post456.dev34", "1.0.post456", "1.0.15", "1.1.dev1"});
  check_ascending(VersionScheme::pypi, {"2.0", "2.0.1", "2.10", "1!0.1", "1!1.0"});
  check_equal(VersionScheme::pypi, "1.0", "1.0.0");
  check_equal(VersionScheme::pypi, "1.0-1", "1.0.post1");
  check_equal(VersionScheme::pypi, "1.0alpha1", "1.0a1");
  check_equal(VersionScheme::pypi, "1.0-beta.2", "1.0b2");
  check_equal(VersionScheme::pypi, "1.0c1", "1.0rc1");
  check_equal(VersionScheme::pypi, "1.0preview1", "1.0rc1");
  check_equal(VersionScheme::pypi, "1.0.rev3", "1.0.post3");
  check_equal(VersionScheme::pypi, "1.0a", "1.0a0");
  check_equal(VersionScheme::pypi, "V1.0.DEV", "1.0.dev0");
  check_equal(VersionScheme::pypi, "0!1.0", "1.0");
  check_equal(VersionScheme::pypi, "1.0+ubuntu-1", "1.0+ubuntu.1");
  check_invalid(VersionScheme::pypi, "not-a-version");
  check_invalid(VersionScheme::pypi, "1.0+");
  check_invalid(VersionScheme::pypi, "1.0 beta");
  check_invalid(VersionScheme::pypi, "1.0+a..b");
}

TEST_CASE("RubyGems ordering (Gem::Version)", "[deps][version]") {
  check_ascending(VersionScheme::rubygems,
                  {"1.0.a", "1.0.b1", "1.0.0.beta", "1.0.0.rc1", "1.0", "1.0.0.1", "1.2.a", "1.2", "1.9.3",
                   "1.10.0", "2.2.3.1", "2.2.4", "5.2.4.3", "5.2.4.4"});
  check_equal(VersionScheme::rubygems, "1.0", "1.0.0.0");
  check_equal(VersionScheme::rubygems, "1.0.0.pre1", "1.0.0-1");
  check_equal(VersionScheme::rubygems, " 2.0 ", "2.0");
  check_invalid(VersionScheme::rubygems, "1..0");
  check_invalid(VersionScheme::rubygems, "junk");
  check_invalid(VersionScheme::rubygems, "1.0.");
}

TEST_CASE("Packagist ordering (PHP version_compare)", "[deps][version]") {
  check_ascending(VersionScheme::packagist,
                  {"1.0-dev", "1.0-alpha", "1.0-alpha2", "1.0-beta", "1.0-RC1", "1.0rc2", "1.0", "1.0.1",
                   "1.9", "1.10", "5.2", "5.2.0", "5.4.20"});
  // A patch level ("pl", "p") ranks above a number in the same position, as in PHP.
  check_ascending(VersionScheme::packagist, {"1.0", "1.0.1", "1.0-pl1", "1.0-pl2"});
  check_equal(VersionScheme::packagist, "v1.2.3", "1.2.3");
  check_equal(VersionScheme::packagist, "1.0-a1", "1.0alpha1");
  check_equal(VersionScheme::packagist, "1.0_b", "1.0-beta");
  check_equal(VersionScheme::packagist, "1.0+p2", "1.0-patch2");
}

TEST_CASE("Maven ordering (ComparableVersion)", "[deps][version]") {
  // The qualifier and number chains of Maven's own ComparableVersionTest.
  check_ascending(VersionScheme::maven, {"1-alpha2snapshot",
                                         "1-alpha2",
                                         "1-alpha-123",
                                         "1-beta-2",
                                         "1-beta123",
                                         "1-m2",
                                         "1-m11",
                                         "1-rc",
                                         "1-cr2",
                                         "1-rc123",
                                         "1-SNAPSHOT",
                                         "1",
                                         "1-sp",
                                         "1-sp2",
                                         "1-sp123",
                                         "1-abc",
                                         "1-def",
                                         "1-pom-1",
                                         "1-1-snapshot",
                                         "1-1",
                                         "1-2",
                                         "1-123"});
  check_ascending(VersionScheme::maven,
                  {"2.0",   "2-1",    "2.0.a",   "2.0.0.a", "2.0.2", "2.0.123", "2.1.0",  "2.1-a", "2.1b",
                   "2.1-c", "2.1-1",  "2.1.0.1", "2.2",     "2.123", "11.a2",   "11.a11", "11.b2", "11.b11",
                   "11.m2", "11.m11", "11",      "11.a",    "11b",   "11c",     "11m"});
  check_ascending(VersionScheme::maven, {"2.0-beta9", "2.9.8", "2.9.9", "2.14.1", "2.15.0"});
  check_equal(VersionScheme::maven, "1", "1.0.0");
  check_equal(VersionScheme::maven, "1-ga", "1");
  check_equal(VersionScheme::maven, "1-final", "1.0");
  check_equal(VersionScheme::maven, "1-release", "1");
  check_equal(VersionScheme::maven, "1-cr1", "1-rc1");
  check_equal(VersionScheme::maven, "1a1", "1-alpha-1");
  check_equal(VersionScheme::maven, "1.0-ALPHA1", "1.0-alpha1");
  check_equal(VersionScheme::maven, "1.0-SNAPSHOT", "1.0-snapshot");
}

TEST_CASE("NuGet ordering (NuGetVersion)", "[deps][version]") {
  check_ascending(VersionScheme::nuget,
                  {"1.0.0-1", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.10",
                   "1.0.0-rc.1", "1.0.0", "1.0.0.1", "1.0.1", "12.0.3", "13.0.1"});
  check_equal(VersionScheme::nuget, "1.0", "1.0.0.0");
  check_equal(VersionScheme::nuget, "1.0.0-Beta", "1.0.0-beta");
  check_equal(VersionScheme::nuget, "1.0.0+metadata", "1.0.0");
  check_invalid(VersionScheme::nuget, "1.0.0.0.0");
  check_invalid(VersionScheme::nuget, "one");
  check_invalid(VersionScheme::nuget, "1.0.0-beta..1");
}

TEST_CASE("generic ordering for other ecosystems", "[deps][version]") {
  check_ascending(VersionScheme::generic, {"1.2", "1.2.1", "1.2.9", "1.2.10", "1.2.11", "1.3"});
  check_equal(VersionScheme::generic, "1.2.11", "1.2.11");
}

TEST_CASE("overlong versions are rejected, not parsed", "[deps][version]") {
  const std::string huge = "1" + std::string(1000, '-');
  CHECK_FALSE(compare_versions(VersionScheme::maven, huge, "1").has_value());
  CHECK_FALSE(compare_versions(VersionScheme::semver, "1.0.0-" + std::string(300, 'a'), "1.0.0").has_value());
}

}  // namespace slipway::scan::deps
