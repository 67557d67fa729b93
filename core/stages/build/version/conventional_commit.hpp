// Conventional commit messages (conventionalcommits.org 1.0.0): the header
// `type(scope)!: subject` and the `BREAKING CHANGE:` / `BREAKING-CHANGE:`
// footer, and the version bump each kind of commit calls for.
#pragma once

#include <string>
#include <string_view>

namespace slipway::build::version {

// Ordered: a larger bump includes the smaller ones.
enum class Bump { none, patch, minor, major };

std::string_view to_string(Bump bump);  // "none", "patch", "minor", "major"

struct ConventionalCommit {
  bool conventional = false;  // the header has the conventional form
  std::string type;           // lower-cased ("feat", "fix", ...); "" when not conventional
  std::string scope;          // "" when none
  std::string subject;        // the header's description; the whole first line when not conventional
  bool breaking = false;      // '!' before ':' or a BREAKING CHANGE footer
  std::string breaking_note;  // the footer's text ("" when the '!' alone said so)
};

// Parses a full commit message. Types are case-insensitive ("Feat:" is
// feat); the footer token must be written in capitals, as the spec says.
ConventionalCommit parse_commit_message(std::string_view message);

// breaking -> major; feat -> minor; fix, perf -> patch; anything else ->
// none (docs, chore, refactor, ci, test, build, style, non-conventional).
Bump bump_for(const ConventionalCommit& commit);

}  // namespace slipway::build::version
