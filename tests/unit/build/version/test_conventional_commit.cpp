// Conventional commit headers and footers, and the bump each calls for.
#include <catch2/catch.hpp>
#include <string>

#include "stages/build/version/conventional_commit.hpp"

namespace slipway::build::version {

TEST_CASE("conventional commits: headers", "[version][commits]") {
  struct Case {
    const char* message;
    bool conventional;
    const char* type;
    const char* scope;
    const char* subject;
    bool breaking;
    Bump bump;
  };
  const Case cases[] = {
      {"fix: handle empty input", true, "fix", "", "handle empty input", false, Bump::patch},
      {"feat(api): add /health", true, "feat", "api", "add /health", false, Bump::minor},
      {"feat!: drop Python 3.8", true, "feat", "", "drop Python 3.8", true, Bump::major},
      {"refactor(core)!: rename Config", true, "refactor", "core", "rename Config", true, Bump::major},
      {"perf: cache the index", true, "perf", "", "cache the index", false, Bump::patch},
      {"Feat(UI): dark mode", true, "feat", "UI", "dark mode", false, Bump::minor},
      {"chore(deps-dev): bump eslint", true, "chore", "deps-dev", "bump eslint", false, Bump::none},
      {"docs: fix a typo\n", true, "docs", "", "fix a typo", false, Bump::none},
      {"fix:no space", false, "", "", "fix:no space", false, Bump::none},
      {"fix(): empty scope", false, "", "", "fix(): empty scope", false, Bump::none},
      {"fix(scope: unclosed", false, "", "", "fix(scope: unclosed", false, Bump::none},
      {"fix: ", false, "", "", "fix:", false, Bump::none},
      {"Merge pull request #12 from a/b", false, "", "", "Merge pull request #12 from a/b", false,
       Bump::none},
      {"Revert \"feat: x\"", false, "", "", "Revert \"feat: x\"", false, Bump::none},
      {"1fix: digits first", false, "", "", "1fix: digits first", false, Bump::none},
      {"", false, "", "", "", false, Bump::none},
  };
  for (const Case& c : cases) {
    INFO(c.message);
    const ConventionalCommit commit = parse_commit_message(c.message);
    CHECK(commit.conventional == c.conventional);
    CHECK(commit.type == c.type);
    CHECK(commit.scope == c.scope);
    CHECK(commit.subject == c.subject);
    CHECK(commit.breaking == c.breaking);
    CHECK(bump_for(commit) == c.bump);
  }
}

TEST_CASE("conventional commits: BREAKING CHANGE footers", "[version][commits]") {
  const ConventionalCommit footer = parse_commit_message(
      "fix(config): read the new key\n\nLonger explanation.\n\n"
      "BREAKING CHANGE: `old-key` is gone;\nuse `new-key` instead.\nRefs: #42\n");
  CHECK(footer.conventional);
  CHECK(footer.breaking);
  CHECK(footer.breaking_note == "`old-key` is gone; use `new-key` instead.");
  CHECK(bump_for(footer) == Bump::major);

  const ConventionalCommit hyphen = parse_commit_message("feat: x\r\n\r\nBREAKING-CHANGE: y\r\n");
  CHECK(hyphen.breaking);
  CHECK(hyphen.breaking_note == "y");

  // The token must be in capitals and at the start of a line.
  CHECK_FALSE(parse_commit_message("feat: x\n\nbreaking change: y").breaking);
  CHECK_FALSE(parse_commit_message("feat: x\n\nThis is no BREAKING CHANGE: really").breaking);
  CHECK_FALSE(parse_commit_message("feat: mention BREAKING CHANGE: in the header").breaking);
  // A non-conventional commit announcing a breaking change still breaks.
  CHECK(bump_for(parse_commit_message("Update the API\n\nBREAKING CHANGE: v1 removed")) == Bump::major);
}

TEST_CASE("conventional commits: bumps are ordered", "[version][commits]") {
  CHECK(Bump::none < Bump::patch);
  CHECK(Bump::patch < Bump::minor);
  CHECK(Bump::minor < Bump::major);
  CHECK(to_string(Bump::major) == "major");
  CHECK(to_string(Bump::none) == "none");
}

}  // namespace slipway::build::version
