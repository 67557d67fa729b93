// next_version() on real temporary repositories made with the git command
// line (through util::run_process, with the user's and the system's git
// configuration switched off): each kind of commit gives its bump, tags on
// other branches are ignored, the highest reachable tag wins, and a shallow
// clone without tags warns instead of guessing.
#include <stdlib.h>  // mkdtemp

#include <catch2/catch.hpp>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stages/build/version/next_version.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::build::version {

namespace fs = std::filesystem;

namespace {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (fs::temp_directory_path() / "slipway-version-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = fs::canonical(pattern);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(m_path, ignored);
  }
  [[nodiscard]] const fs::path& path() const { return m_path; }

 private:
  fs::path m_path;
};

// Runs git (which must succeed) and returns its output without the last newline.
std::string run_git(const std::vector<std::string>& args,
                    const std::optional<std::string>& input = std::nullopt) {
  util::ProcessSpec spec;
  spec.argv = {"git"};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = {{"GIT_CONFIG_NOSYSTEM", "1"},           {"GIT_CONFIG_GLOBAL", "/dev/null"},
              {"GIT_AUTHOR_NAME", "Slipway Test"},    {"GIT_AUTHOR_EMAIL", "test@example.com"},
              {"GIT_COMMITTER_NAME", "Slipway Test"}, {"GIT_COMMITTER_EMAIL", "test@example.com"}};
  spec.stdin_data = input;
  spec.timeout = std::chrono::milliseconds(60000);
  Result<util::ProcessResult> result = util::run_process(spec);
  REQUIRE(result.ok());
  INFO(util::join(spec.argv, " ") << "\n" << result->stdout_text << result->stderr_text);
  REQUIRE(result->exit_code == 0);
  std::string out = result->stdout_text;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class Repo {
 public:
  explicit Repo(fs::path dir) : m_dir(std::move(dir)) {
    fs::create_directories(m_dir);
    git({"init", "-q", "-b", "main"});
    git({"config", "commit.gpgsign", "false"});
    git({"config", "tag.gpgsign", "false"});
  }

  std::string git(std::vector<std::string> args,
                  const std::optional<std::string>& input = std::nullopt) const {
    args.insert(args.begin(), {"-C", m_dir.string()});
    return run_git(args, input);
  }

  // An empty commit with the whole message (header, body, footers); returns its sha.
  std::string commit(const std::string& message) const {
    git({"commit", "-q", "--allow-empty", "--cleanup=verbatim", "-F", "-"}, message);
    return git({"rev-parse", "HEAD"});
  }

  void tag(const std::string& name, bool annotated = false) const {
    if (annotated) {
      git({"tag", "-a", name, "-m", "release " + name});
    } else {
      git({"tag", name});
    }
  }

  [[nodiscard]] const fs::path& dir() const { return m_dir; }

 private:
  fs::path m_dir;
};

NextVersion next_ok(const fs::path& dir, const VersionOptions& options = {}) {
  Result<NextVersion> next = next_version(dir.string(), options);
  if (!next) FAIL(next.error().to_string());
  return *next;
}

// A repository released as v1.0.0, plus whatever the test commits after it.
struct ReleasedRepo {
  TempDir temp;
  Repo repo{temp.path() / "repo"};
  ReleasedRepo() {
    repo.commit("feat: first feature");
    repo.tag("v1.0.0", true);
  }
};

std::size_t occurrences(const std::string& text, const std::string& part) {
  std::size_t count = 0;
  for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++count;
  return count;
}

}  // namespace

TEST_CASE("version: fix -> patch, feat -> minor, breaking -> major", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;

  SECTION("fix") {
    repo.commit("fix: handle empty input");
    const NextVersion next = next_ok(repo.dir());
    CHECK(next.known);
    CHECK(next.release);
    CHECK_FALSE(next.first_release);
    CHECK(next.bump == Bump::patch);
    CHECK(next.previous == "1.0.0");
    CHECK(next.previous_tag == "v1.0.0");
    CHECK(next.version == "1.0.1");
    CHECK(next.tag == "v1.0.1");
    CHECK(next.warning.empty());
    REQUIRE(next.commits.size() == 1);
    CHECK(next.commits[0].message.subject == "handle empty input");
    CHECK(next.head == repo.git({"rev-parse", "HEAD"}));
  }
  SECTION("perf") {
    repo.commit("perf: faster");
    CHECK(next_ok(repo.dir()).version == "1.0.1");
  }
  SECTION("feat beats fix") {
    repo.commit("fix: a");
    repo.commit("feat(api): b");
    repo.commit("fix: c");
    const NextVersion next = next_ok(repo.dir());
    CHECK(next.bump == Bump::minor);
    CHECK(next.version == "1.1.0");
    REQUIRE(next.commits.size() == 3);
    CHECK(next.commits[0].message.subject == "c");  // newest first
    CHECK(next.commits[2].message.subject == "a");
  }
  SECTION("feat! -> major") {
    repo.commit("fix: a");
    repo.commit("feat!: drop the v1 API");
    const NextVersion next = next_ok(repo.dir());
    CHECK(next.bump == Bump::major);
    CHECK(next.version == "2.0.0");
  }
  SECTION("a BREAKING CHANGE footer -> major") {
    repo.commit("fix(config): read the new key\n\nBREAKING CHANGE: old-key is no longer read\n");
    const NextVersion next = next_ok(repo.dir());
    CHECK(next.version == "2.0.0");
    CHECK(next.commits[0].message.breaking_note == "old-key is no longer read");
  }
  SECTION("docs only -> no release") {
    repo.commit("docs: explain the gate");
    repo.commit("chore: tidy");
    repo.commit("not a conventional commit");
    const NextVersion next = next_ok(repo.dir());
    CHECK(next.known);
    CHECK_FALSE(next.release);
    CHECK(next.bump == Bump::none);
    CHECK(next.version == "1.0.0");
    CHECK(next.tag == "v1.0.0");
    CHECK(next.commits.size() == 3);
  }
  SECTION("nothing since the tag -> no release") {
    const NextVersion next = next_ok(repo.dir());
    CHECK_FALSE(next.release);
    CHECK(next.commits.empty());
  }
}

TEST_CASE("version: no tags -> the initial version", "[version][git]") {
  TempDir temp;
  Repo repo(temp.path() / "repo");
  repo.commit("docs: readme");
  repo.commit("chore: tooling");
  NextVersion next = next_ok(repo.dir());
  CHECK(next.known);
  CHECK(next.release);
  CHECK(next.first_release);
  CHECK(next.version == "0.1.0");
  CHECK(next.tag == "v0.1.0");
  CHECK(next.previous.empty());
  CHECK(next.commits.size() == 2);

  VersionOptions options;
  options.initial = "1.0.0";
  CHECK(next_ok(repo.dir(), options).version == "1.0.0");

  // Tags that are not release tags do not count.
  repo.tag("latest");
  repo.tag("v1.2");
  repo.tag("release-2.0.0");
  CHECK(next_ok(repo.dir()).version == "0.1.0");
  options = VersionOptions{};
  options.tag_prefix = "release-";
  next = next_ok(repo.dir(), options);
  CHECK(next.previous_tag == "release-2.0.0");
  CHECK_FALSE(next.release);
}

TEST_CASE("version: tags not reachable from HEAD are ignored", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;
  repo.git({"checkout", "-q", "-b", "side"});
  repo.commit("feat!: experiment");
  repo.tag("v5.0.0");
  repo.git({"checkout", "-q", "main"});
  repo.commit("fix: on main");
  const NextVersion next = next_ok(repo.dir());
  CHECK(next.previous_tag == "v1.0.0");
  CHECK(next.version == "1.0.1");
  CHECK(next.commits.size() == 1);
}

TEST_CASE("version: the highest reachable tag is the base, not the nearest", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;
  repo.commit("feat!: big change");
  repo.tag("v2.0.0");
  repo.commit("chore: backport");
  repo.tag("v1.5.0");  // an older line tagged later on the same history
  repo.commit("fix: after both");
  const NextVersion next = next_ok(repo.dir());
  CHECK(next.previous_tag == "v2.0.0");
  CHECK(next.version == "2.0.1");
  CHECK(next.commits.size() == 2);
}

TEST_CASE("version: merge commits are skipped, merged commits count", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;
  repo.git({"checkout", "-q", "-b", "topic"});
  repo.commit("feat(search): fuzzy matching");
  repo.git({"checkout", "-q", "main"});
  repo.commit("fix: typo in output");
  repo.git({"merge", "-q", "--no-ff", "topic", "-m", "Merge branch 'topic'"});
  const NextVersion next = next_ok(repo.dir());
  CHECK(next.version == "1.1.0");
  CHECK(next.commits.size() == 2);
}

TEST_CASE("version: pre-1.0 breaking changes bump the minor version", "[version][git]") {
  TempDir temp;
  Repo repo(temp.path() / "repo");
  repo.commit("feat: start");
  repo.tag("v0.3.2");
  repo.commit("feat!: rework the CLI");
  CHECK(next_ok(repo.dir()).version == "0.4.0");
  CHECK(next_ok(repo.dir()).bump == Bump::minor);
  VersionOptions strict;
  strict.pre_1_0_breaking_minor = false;
  CHECK(next_ok(repo.dir(), strict).version == "1.0.0");
}

TEST_CASE("version: pre-release tags only when configured", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;
  repo.commit("feat: new thing");
  repo.tag("v1.1.0-rc.1");
  repo.commit("fix: rc feedback");
  CHECK(next_ok(repo.dir()).previous_tag == "v1.0.0");
  CHECK(next_ok(repo.dir()).version == "1.1.0");

  VersionOptions options;
  options.include_prereleases = true;
  NextVersion next = next_ok(repo.dir(), options);
  CHECK(next.previous_tag == "v1.1.0-rc.1");
  CHECK(next.version == "1.1.0");  // the fix is part of the announced 1.1.0
  CHECK(next.commits.size() == 1);
  repo.commit("feat!: breaks after the rc");
  next = next_ok(repo.dir(), options);
  CHECK(next.version == "2.0.0");
}

TEST_CASE("version: a shallow clone without tags warns instead of guessing", "[version][git]") {
  TempDir temp;
  Repo repo(temp.path() / "repo");
  repo.commit("chore: a");
  repo.commit("chore: b");
  repo.commit("feat: first feature");
  repo.tag("v1.0.0", true);
  repo.commit("fix: one");
  repo.commit("feat: two");
  const std::string source = "file://" + repo.dir().string();

  SECTION("depth 1: the tag is not fetched") {
    const fs::path clone = temp.path() / "shallow";
    run_git({"clone", "-q", "--depth", "1", source, clone.string()});
    REQUIRE(run_git({"-C", clone.string(), "rev-parse", "--is-shallow-repository"}) == "true");
    REQUIRE(run_git({"-C", clone.string(), "tag"}).empty());
    const NextVersion next = next_ok(clone);
    CHECK_FALSE(next.known);
    CHECK_FALSE(next.release);
    CHECK(next.version.empty());
    CHECK(next.tag.empty());
    CHECK(next.warning == "shallow clone: tags may be missing; fetch with fetch-depth: 0 / GIT_DEPTH: 0");
    CHECK(changelog_markdown(next).find("> shallow clone: tags may be missing") != std::string::npos);
    const auto exports = version_exports(next);
    REQUIRE(exports.size() == 5);
    CHECK(exports[0] == std::pair<std::string, std::string>("SLIPWAY_VERSION", ""));
    CHECK(exports[3] == std::pair<std::string, std::string>("SLIPWAY_VERSION_BUMP", "unknown"));
  }
  SECTION("deep enough to reach the tag: a normal answer") {
    const fs::path clone = temp.path() / "deeper";
    run_git({"clone", "-q", "--depth", "3", source, clone.string()});
    REQUIRE(run_git({"-C", clone.string(), "rev-parse", "--is-shallow-repository"}) == "true");
    REQUIRE(run_git({"-C", clone.string(), "tag"}) == "v1.0.0");
    const NextVersion next = next_ok(clone);
    CHECK(next.known);
    CHECK(next.warning.empty());
    CHECK(next.version == "1.1.0");
    CHECK(next.commits.size() == 2);
  }
  SECTION("a full clone of the same history has the tag") {
    const fs::path clone = temp.path() / "full";
    run_git({"clone", "-q", source, clone.string()});
    CHECK(next_ok(clone).version == "1.1.0");
  }
}

TEST_CASE("version: a shallow clone cut outside the base's history warns", "[version][git]") {
  TempDir temp;
  Repo repo(temp.path() / "repo");
  repo.commit("chore: root");
  repo.commit("chore: a");
  repo.git({"checkout", "-q", "-b", "side"});
  repo.commit("feat: side feature");
  repo.git({"checkout", "-q", "main"});
  repo.commit("fix: b");
  repo.tag("v1.0.0");
  repo.git({"merge", "-q", "--no-ff", "side", "-m", "Merge branch 'side'"});

  // Depth 2: the merge, then the tagged commit and the side commit, whose
  // common parent is cut off; the side branch could have had more commits.
  const fs::path clone = temp.path() / "shallow";
  run_git({"clone", "-q", "--depth", "2", "file://" + repo.dir().string(), clone.string()});
  REQUIRE(run_git({"-C", clone.string(), "tag"}) == "v1.0.0");
  const NextVersion next = next_ok(clone);
  CHECK(next.known);
  CHECK(next.version == "1.1.0");
  CHECK(next.warning ==
        "shallow clone: commits since v1.0.0 may be missing; fetch with fetch-depth: 0 / GIT_DEPTH: 0");

  // The full history gives the same answer without a warning.
  const NextVersion full = next_ok(repo.dir());
  CHECK(full.version == "1.1.0");
  CHECK(full.warning.empty());
}

TEST_CASE("version: errors", "[version][git]") {
  TempDir temp;
  Result<NextVersion> no_repo = next_version(temp.path().string(), {});
  REQUIRE_FALSE(no_repo.ok());
  CHECK(no_repo.error().message.find("cannot open the git repository") != std::string::npos);

  Repo repo(temp.path() / "empty");
  Result<NextVersion> empty = next_version(repo.dir().string(), {});
  REQUIRE_FALSE(empty.ok());
  CHECK(empty.error().message == "the repository has no commits yet");

  repo.commit("feat: x");
  VersionOptions options;
  options.initial = "v0.1.0";
  Result<NextVersion> bad_initial = next_version(repo.dir().string(), options);
  REQUIRE_FALSE(bad_initial.ok());
  CHECK(bad_initial.error().message == "invalid initial version \"v0.1.0\"");
}

TEST_CASE("version: exports for later steps", "[version][git]") {
  ReleasedRepo released;
  released.repo.commit("feat: x");
  const auto exports = version_exports(next_ok(released.repo.dir()));
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"SLIPWAY_VERSION", "1.1.0"},          {"SLIPWAY_VERSION_TAG", "v1.1.0"},
      {"SLIPWAY_VERSION_PREVIOUS", "1.0.0"}, {"SLIPWAY_VERSION_BUMP", "minor"},
      {"SLIPWAY_VERSION_RELEASE", "true"},
  };
  CHECK(exports == expected);

  TempDir temp;
  Repo fresh(temp.path() / "fresh");
  fresh.commit("chore: init");
  const auto first = version_exports(next_ok(fresh.dir()));
  CHECK(first[0] == std::pair<std::string, std::string>("SLIPWAY_VERSION", "0.1.0"));
  CHECK(first[3] == std::pair<std::string, std::string>("SLIPWAY_VERSION_BUMP", "initial"));
}

TEST_CASE("version: the changelog groups commits by type with short SHAs", "[version][git]") {
  ReleasedRepo released;
  const Repo& repo = released.repo;
  const std::string fix = repo.commit("fix(parser): accept <empty> *input*");
  repo.commit("feat: add `--plan`");
  repo.commit("perf: cache globs");
  repo.commit("docs: describe the gate");
  repo.commit("refactor(core)!: rename Config\n\nBREAKING CHANGE: Config is now Settings\n");
  repo.commit("Update README");
  const NextVersion next = next_ok(repo.dir());
  const std::string notes = changelog_markdown(next);
  INFO(notes);
  const std::string fix_short = repo.git({"rev-parse", "--short", fix});
  CHECK(notes.rfind("## v2.0.0\n\nChanges since v1.0.0.\n", 0) == 0);
  const std::size_t breaking =
      notes.find("### Breaking changes\n\n- **refactor(core):** rename Config — Config is now Settings (");
  const std::size_t features = notes.find("### Features\n\n- add `--plan` (");
  const std::size_t fixes =
      notes.find("### Fixes\n\n- **parser:** accept \\<empty\\> \\*input\\* (" + fix_short + ")\n");
  const std::size_t performance = notes.find("### Performance\n\n- cache globs (");
  const std::size_t other = notes.find("### Other\n\n");
  CHECK(breaking != std::string::npos);
  CHECK(features != std::string::npos);
  CHECK(fixes != std::string::npos);
  CHECK(performance != std::string::npos);
  CHECK(other != std::string::npos);
  CHECK((breaking < features && features < fixes && fixes < performance && performance < other));
  CHECK(notes.find("- Update README (") > other);
  CHECK(notes.find("- **docs:** describe the gate (") > other);
  CHECK(occurrences(notes, "rename Config") == 1);  // a breaking commit is listed once

  CHECK(fix_short.size() >= 7);
  for (const ReleaseCommit& commit : next.commits) CHECK(commit.sha.rfind(commit.short_sha, 0) == 0);
}

TEST_CASE("version: changelog without a release", "[version][git]") {
  ReleasedRepo released;
  NextVersion next = next_ok(released.repo.dir());
  CHECK(changelog_markdown(next) ==
        "## No release\n\nNothing releasable since v1.0.0 (no feat, fix, perf or breaking change).\n\nNo "
        "changes.\n");
  released.repo.commit("docs: x");
  next = next_ok(released.repo.dir());
  CHECK(changelog_markdown(next).find("### Other\n\n- **docs:** x (") != std::string::npos);
}

}  // namespace slipway::build::version
