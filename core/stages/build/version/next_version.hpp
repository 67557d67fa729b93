// The next semantic version from the commit history (`slipway version
// --next`, `--changelog`), through libgit2.
//
// The base is the highest `<prefix>X.Y.Z` tag reachable from HEAD (tags on
// other branches do not count; pre-release tags only when configured). The
// conventional commits since it decide the bump: a breaking change (`!` or a
// BREAKING CHANGE footer) -> major, feat -> minor, fix/perf -> patch, nothing
// else -> no release. While the major version is 0 a breaking change bumps
// the minor version (configurable). Without any reachable tag the next version
// is the configured initial one (0.1.0) — unless the clone is shallow, where
// missing tags are likely: then the result has no version and a one-line
// warning instead of a wrong one. See docs/build-version.md.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "stages/build/version/conventional_commit.hpp"
#include "util/result.hpp"

namespace slipway::build::version {

struct VersionOptions {
  std::string tag_prefix = "v";        // build.version.tag-prefix
  std::string initial = "0.1.0";       // build.version.initial: the first release without tags
  bool pre_1_0_breaking_minor = true;  // build.version.pre-1-0-breaking-minor
  bool include_prereleases = false;    // build.version.include-prereleases: v1.2.0-rc.1 can be the base
};

struct ReleaseCommit {
  std::string sha;        // full
  std::string short_sha;  // unique abbreviation (at least 7 characters)
  ConventionalCommit message;
  Bump bump = Bump::none;  // what this commit alone calls for
};

struct NextVersion {
  // False when the version cannot be known (a shallow clone without a
  // reachable tag): version, tag and previous are empty and `warning` says why.
  bool known = true;
  bool release = false;                // a new version is due (version != previous)
  bool first_release = false;          // no reachable tag: version is the initial one
  Bump bump = Bump::none;              // the largest bump of the commits, after the pre-1.0 rule
  std::string previous;                // the base version ("1.2.3"), "" without a tag
  std::string previous_tag;            // its tag ("v1.2.3")
  std::string version;                 // the next version; == previous when nothing is releasable
  std::string tag;                     // prefix + version
  std::string head;                    // HEAD's full sha
  std::vector<ReleaseCommit> commits;  // since the base (all without one), newest first, merges left out
  // One line, "" when none: a shallow clone without a reachable tag (no
  // version), or one cut short outside the base's history (commits since
  // the base may be missing; the version is computed from what is there).
  std::string warning;
};

// Computes the next version of the repository containing `repo_path`.
// Errors: no repository, no commit yet, an unreadable history, an invalid
// options.initial.
Result<NextVersion> next_version(const std::string& repo_path, const VersionOptions& options);

// Markdown release notes: a heading with the version, then the commits
// grouped as Breaking changes, Features, Fixes, Performance, Other, each line
// with its scope and short SHA.
std::string changelog_markdown(const NextVersion& next);

// Variables for later steps ($GITHUB_OUTPUT, GitLab dotenv, the environment):
// SLIPWAY_VERSION, SLIPWAY_VERSION_TAG, SLIPWAY_VERSION_PREVIOUS and
// SLIPWAY_VERSION_BUMP (major, minor, patch, none, initial, or unknown in a
// shallow clone). Without a release SLIPWAY_VERSION is the current version.
std::vector<std::pair<std::string, std::string>> version_exports(const NextVersion& next);

// build.version.initial, .tag-prefix, .pre-1-0-breaking-minor, .include-prereleases.
model::ConfigSchema version_config_schema();

// The options from a configuration that includes version_config_schema()
// (nullptr or keys outside its schema: the defaults). Errors, naming where
// the value came from: an initial version that is not MAJOR.MINOR.PATCH, a
// tag prefix that cannot start a tag name.
Result<VersionOptions> version_options(const model::Config* config);

}  // namespace slipway::build::version
