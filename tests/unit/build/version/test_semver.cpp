// Semantic version parsing and precedence, with semver.org's own example
// chain 1.0.0-alpha < 1.0.0-alpha.1 < ... < 1.0.0.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/build/version/semver.hpp"

namespace slipway::build::version {

TEST_CASE("semver: valid versions parse and print back", "[version][semver]") {
  for (const char* text :
       {"0.0.0", "1.2.3", "10.20.30", "1.0.0-alpha", "1.0.0-alpha.1", "1.0.0-0.3.7", "1.0.0-x.7.z.92",
        "1.0.0-x-y-z.--", "1.0.0+20130313144700", "1.0.0-beta+exp.sha.5114f85", "18446744073709551615.0.0"}) {
    INFO(text);
    const std::optional<SemVer> version = parse_semver(text);
    REQUIRE(version.has_value());
    CHECK(version->to_string() == text);
  }
  const SemVer version = *parse_semver("1.2.3-rc.1+build.5");
  CHECK(version.major == 1);
  CHECK(version.minor == 2);
  CHECK(version.patch == 3);
  CHECK(version.prerelease == std::vector<std::string>{"rc", "1"});
  CHECK(version.build == "build.5");
  CHECK(version.is_prerelease());
}

TEST_CASE("semver: invalid versions are refused", "[version][semver]") {
  for (const char* text :
       {"", "1", "1.2", "1.2.3.4", "01.2.3", "1.02.3", "1.2.03", "v1.2.3", "1.2.3-", "1.2.3+", "1.2.3-01",
        "1.2.3-rc..1", "1.2.3-rc_1", "1.2.3+b@d", "-1.2.3", "1.2.x", " 1.2.3", "18446744073709551616.0.0"}) {
    INFO(text);
    CHECK_FALSE(parse_semver(text).has_value());
  }
}

TEST_CASE("semver: precedence", "[version][semver]") {
  const std::vector<std::string> chain = {"0.9.9",      "1.0.0-alpha",  "1.0.0-alpha.1", "1.0.0-alpha.beta",
                                          "1.0.0-beta", "1.0.0-beta.2", "1.0.0-beta.11", "1.0.0-rc.1",
                                          "1.0.0",      "1.0.1",        "1.1.0",         "1.10.0",
                                          "2.0.0-rc.1", "2.0.0"};
  for (std::size_t i = 0; i < chain.size(); ++i) {
    for (std::size_t j = 0; j < chain.size(); ++j) {
      INFO(chain[i] << " vs " << chain[j]);
      const auto order = compare(*parse_semver(chain[i]), *parse_semver(chain[j]));
      CHECK((order < 0) == (i < j));
      CHECK((order == 0) == (i == j));
    }
  }
  CHECK(std::is_eq(compare(*parse_semver("1.0.0+a"), *parse_semver("1.0.0+b"))));  // build metadata ignored
}

}  // namespace slipway::build::version
