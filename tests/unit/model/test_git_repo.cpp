// Tests of GitRepo against real temporary repositories built with the git
// command line, so what libgit2 reports is checked against what git itself
// made: branches, merge bases, renames, staged, unstaged, untracked and
// ignored files, shallow clones and upstreams.
// The repositories come from git_test_repo.hpp.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "git_test_repo.hpp"
#include "model/git_repo.hpp"

namespace fs = std::filesystem;
using slipway::model::AddedLines;
using slipway::model::GitRepo;
using slipway::model::line_added;
using slipway::model::LineRange;
using namespace slipway::test;

TEST_CASE("line_added looks up merged ranges per path", "[git]") {
  AddedLines added{{"a.txt", {{2, 4}, {9, 9}}}, {"b.txt", {{1, 1}}}};
  CHECK_FALSE(line_added(added, "a.txt", 1));
  CHECK(line_added(added, "a.txt", 2));
  CHECK(line_added(added, "a.txt", 4));
  CHECK_FALSE(line_added(added, "a.txt", 5));
  CHECK(line_added(added, "a.txt", 9));
  CHECK_FALSE(line_added(added, "a.txt", 10));
  CHECK(line_added(added, "b.txt", 1));
  CHECK_FALSE(line_added(added, "c.txt", 1));
}

TEST_CASE("open finds the repository root from a subfolder and refuses a plain folder", "[git]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  made.write("sub/dir/file.txt", "x\n");
  made.commit_all("first");

  GitRepo repo = open_repo(temp.path() / "repo" / "sub" / "dir");
  CHECK(repo.root() == (temp.path() / "repo").string());
  CHECK_FALSE(repo.is_shallow());

  fs::create_directories(temp.path() / "plain");
  auto not_repo = GitRepo::open((temp.path() / "plain").string());
  REQUIRE_FALSE(not_repo.ok());
  CHECK_THAT(not_repo.error().message, Catch::Contains("not inside a git repository"));
  CHECK_THAT(not_repo.error().hint, Catch::Contains("inside a git checkout"));
}

TEST_CASE("head, branch and resolve follow git rev-parse", "[git]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  made.write("a.txt", "one\n");
  made.commit_all("first");
  made.write("a.txt", "two\n");
  made.commit_all("second");
  made.git("tag -a v1.0 -m release");

  GitRepo repo = open_repo(made.dir());
  CHECK(*repo.head_commit() == made.git("rev-parse HEAD"));
  CHECK(*repo.head_branch() == "main");
  CHECK(*repo.resolve("HEAD~1") == made.git("rev-parse HEAD~1"));
  CHECK(*repo.resolve("v1.0") == made.git("rev-parse HEAD"));  // annotated tag peeled to its commit
  CHECK(*repo.resolve(made.git("rev-parse --short HEAD~1")) == made.git("rev-parse HEAD~1"));

  auto unknown = repo.resolve("origin/no-such-branch");
  REQUIRE_FALSE(unknown.ok());
  CHECK_THAT(unknown.error().message, Catch::Contains("unknown revision 'origin/no-such-branch'"));
  CHECK_FALSE(unknown.error().hint.empty());
  CHECK_FALSE(repo.resolve("").ok());

  made.git("checkout -q --detach HEAD~1");
  GitRepo detached = open_repo(made.dir());
  CHECK(detached.head_branch()->empty());
  CHECK(detached.upstream_of_head().empty());
}

TEST_CASE("a repository without commits has a branch name but no head commit", "[git]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  GitRepo repo = open_repo(made.dir());
  CHECK(*repo.head_branch() == "main");
  auto head = repo.head_commit();
  REQUIRE_FALSE(head.ok());
  CHECK_THAT(head.error().message, Catch::Contains("no commits"));
}

TEST_CASE("changed_files lists what a branch and the working tree changed since the merge base", "[git]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  for (int i = 0; i < 40; ++i) {
    std::string name = "src/file_" + std::to_string(100 + i) + ".txt";
    made.write(name, numbered_lines(name, 5));
  }
  made.write("rename_me.txt", numbered_lines("rename", 20));
  made.write("delete_me.txt", numbered_lines("delete", 3));
  made.write(".gitignore", "*.log\n");
  made.commit_all("base");

  made.git("checkout -q -b feature");
  made.write("src/file_105.txt", "changed\n" + numbered_lines("src/file_105.txt", 5));
  made.git("mv rename_me.txt renamed.txt");
  made.write("renamed.txt", numbered_lines("rename", 19) + "rename line 20 edited\n");
  made.write("added.txt", "new\n");
  made.git("rm -q delete_me.txt");
  made.commit_all("feature work");

  // main moves on; its change must not show up on the feature branch.
  made.git("checkout -q main");
  made.write("src/file_120.txt", "main only\n");
  made.commit_all("main work");
  made.git("checkout -q feature");

  made.write("src/file_107.txt", "unstaged edit\n");
  made.write("src/file_108.txt", "staged edit\n");
  made.git("add src/file_108.txt");
  made.write("untracked/deep/dir/new_file.txt", "hello\n");
  made.write("debug.log", "ignored\n");

  GitRepo repo = open_repo(made.dir());
  auto base = repo.merge_base("HEAD", "main");
  REQUIRE(base.ok());
  CHECK(*base == made.git("merge-base HEAD main"));

  auto changed = repo.changed_files(*base);
  REQUIRE(changed.ok());
  CHECK(*changed == std::vector<std::string>{"added.txt", "renamed.txt", "src/file_105.txt",
                                             "src/file_107.txt", "src/file_108.txt",
                                             "untracked/deep/dir/new_file.txt"});

  // Diffing against main's tip instead would wrongly blame the branch for main's change.
  auto against_tip = repo.changed_files("main");
  REQUIRE(against_tip.ok());
  CHECK(std::find(against_tip->begin(), against_tip->end(), "src/file_120.txt") != against_tip->end());

  auto tracked = repo.tracked_files();
  REQUIRE(tracked.ok());
  CHECK(tracked->size() == 43);  // 40 + .gitignore + renamed.txt + added.txt
  CHECK(std::is_sorted(tracked->begin(), tracked->end()));
  CHECK(std::find(tracked->begin(), tracked->end(), "delete_me.txt") == tracked->end());

  auto all = repo.tracked_and_untracked_files();
  REQUIRE(all.ok());
  CHECK(all->size() == 44);
  CHECK(std::find(all->begin(), all->end(), "untracked/deep/dir/new_file.txt") != all->end());
  CHECK(std::find(all->begin(), all->end(), "debug.log") == all->end());
  CHECK(std::is_sorted(all->begin(), all->end()));

  CHECK_FALSE(repo.changed_files("no-such-base").ok());
}

TEST_CASE("added_lines reports only the lines added since the base", "[git]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  made.write("a.txt", "alpha\nbeta\ngamma\ndelta\n");
  made.write("moved.txt", numbered_lines("moved", 20));
  made.write("gone.txt", "bye\n");
  made.commit_all("base");
  std::string base = made.git("rev-parse HEAD");

  // Line 2 modified, lines 5-7 appended; line 5 repeats line 1, which stays old.
  made.write("a.txt", "alpha\nBETA\ngamma\ndelta\nalpha\nepsilon\nzeta\n");
  made.git("mv moved.txt moved_again.txt");
  made.write("moved_again.txt", numbered_lines("moved", 10) + "moved line 11 edited\n" +
                                    numbered_lines("moved", 20).substr(numbered_lines("moved", 11).size()));
  made.git("rm -q gone.txt");
  made.commit_all("edit");
  made.write("untracked.txt", "one\ntwo\nthree\n");

  GitRepo repo = open_repo(made.dir());
  auto added = repo.added_lines(base);
  REQUIRE(added.ok());

  REQUIRE(added->count("a.txt") == 1);
  const std::vector<LineRange>& a_ranges = added->at("a.txt");
  REQUIRE(a_ranges.size() == 2);
  CHECK(a_ranges[0].first == 2);
  CHECK(a_ranges[0].last == 2);
  CHECK(a_ranges[1].first == 5);
  CHECK(a_ranges[1].last == 7);
  CHECK_FALSE(line_added(*added, "a.txt", 1));
  CHECK(line_added(*added, "a.txt", 2));
  CHECK_FALSE(line_added(*added, "a.txt", 3));
  CHECK(line_added(*added, "a.txt", 5));

  // The rename is detected, so only the edited line counts, under the new path.
  REQUIRE(added->count("moved_again.txt") == 1);
  REQUIRE(added->at("moved_again.txt").size() == 1);
  CHECK(added->at("moved_again.txt")[0].first == 11);
  CHECK(added->at("moved_again.txt")[0].last == 11);
  CHECK(added->count("moved.txt") == 0);

  REQUIRE(added->count("untracked.txt") == 1);
  REQUIRE(added->at("untracked.txt").size() == 1);
  CHECK(added->at("untracked.txt")[0].first == 1);
  CHECK(added->at("untracked.txt")[0].last == 3);

  CHECK(added->count("gone.txt") == 0);
  CHECK(added->size() == 3);
}

TEST_CASE("a shallow clone is reported and a merge base beyond it is an error", "[git]") {
  TempDir temp;
  TestRepo origin = TestRepo::init(temp.path() / "origin");
  origin.write("a.txt", "1\n");
  origin.commit_all("first");
  std::string first = origin.git("rev-parse HEAD");
  origin.write("a.txt", "2\n");
  origin.commit_all("second");
  origin.write("a.txt", "3\n");
  origin.commit_all("third");

  sh(k_git_env + "git clone -q --depth 1 " + quote("file://" + origin.dir().string()) + " " +
     quote((temp.path() / "shallow").string()));
  GitRepo repo = open_repo(temp.path() / "shallow");
  CHECK(repo.is_shallow());
  CHECK(*repo.head_commit() == origin.git("rev-parse HEAD"));

  auto base = repo.merge_base("HEAD", first);
  REQUIRE_FALSE(base.ok());
  CHECK_THAT(base.error().hint, Catch::Contains("shallow"));
}

TEST_CASE("upstream_of_head after a clone is the remote-tracking branch", "[git]") {
  TempDir temp;
  TestRepo origin = TestRepo::init(temp.path() / "origin");
  origin.write("a.txt", "1\n");
  origin.commit_all("first");
  origin.git("branch topic");

  sh(k_git_env + "git clone -q " + quote(origin.dir().string()) + " " +
     quote((temp.path() / "clone").string()));
  TestRepo clone(temp.path() / "clone");
  clone.configure();
  {
    GitRepo repo = open_repo(clone.dir());
    CHECK(repo.upstream_of_head() == "origin/main");
    CHECK(*repo.merge_base("HEAD", "origin/main") == origin.git("rev-parse HEAD"));
  }

  clone.git("checkout -q topic");  // creates a local branch tracking origin/topic
  CHECK(open_repo(clone.dir()).upstream_of_head() == "origin/topic");

  clone.git("checkout -q -b local-only");
  CHECK(open_repo(clone.dir()).upstream_of_head().empty());
}

TEST_CASE("in a shallow clone two present tips whose merge base is cut off give an error, not a guess",
          "[git]") {
  TempDir temp;
  TestRepo origin = TestRepo::init(temp.path() / "origin");
  origin.write("a.txt", "1\n");
  origin.commit_all("common");
  origin.git("checkout -q -b feature");
  origin.write("b.txt", "feature\n");
  origin.commit_all("feature");
  origin.git("checkout -q main");
  origin.write("a.txt", "2\n");
  origin.commit_all("main");

  sh(k_git_env + "git clone -q --depth 1 --no-single-branch " + quote("file://" + origin.dir().string()) +
     " " + quote((temp.path() / "shallow").string()));
  GitRepo repo = open_repo(temp.path() / "shallow");
  REQUIRE(repo.is_shallow());
  REQUIRE(repo.resolve("origin/feature").ok());
  auto base = repo.merge_base("origin/feature", "origin/main");
  INFO((base ? "merge base " + *base : base.error().to_string()));
  REQUIRE_FALSE(base.ok());
  CHECK_THAT(base.error().hint, Catch::Contains("shallow"));
}
