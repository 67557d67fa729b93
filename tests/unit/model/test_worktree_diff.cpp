// Tests of the split working-tree diff (model/worktree_diff.cpp) against the
// single diff, on real repositories made with the git command line: every
// kind of change, in several top-level folders and at the root, must come
// out the same however many parts the tree is cut into. And libgit2 itself
// must restrict a literal path list to those paths, which the split relies on.
#include <git2.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <initializer_list>
#include <string>
#include <vector>

#include "git_test_repo.hpp"
#include "model/git_repo.hpp"
#include "model/worktree_diff.hpp"

namespace fs = std::filesystem;
using slipway::model::GitRepo;
using namespace slipway::test;

namespace {

bool contains(const std::vector<std::string>& paths, const std::string& path) {
  return std::find(paths.begin(), paths.end(), path) != paths.end();
}

// A base commit with files in several top-level folders and at the root,
// then a branch and a working tree with every kind of change on top.
// Returns the base commit.
std::string make_changes(const TestRepo& made) {
  for (const std::string folder : {"docs", "lib", "src/core", "src/ui", "tools"}) {
    for (int i = 0; i < 6; ++i) {
      std::string name = folder + "/file_" + std::to_string(i) + ".txt";
      made.write(name, numbered_lines(name, 12));
    }
  }
  made.write("README.md", numbered_lines("readme", 15));
  made.write("root_move.txt", numbered_lines("root move", 15));
  made.write("gone/only.txt", "the whole folder goes\n");
  made.write("conflict.txt", "base\n");
  made.write("becomes_link.txt", "a file, then a symbolic link\n");
  made.write(".gitignore", "*.log\nbuild/\n");
  made.commit_all("base");
  std::string base = made.git("rev-parse HEAD");

  made.git("checkout -q -b other");
  made.write("conflict.txt", "other\n");
  made.commit_all("other side");
  made.git("checkout -q main");

  made.write("docs/file_1.txt", "modified and committed\n");
  made.git("mv src/core/file_2.txt lib/moved_across.txt");  // rename across top-level folders
  made.git("mv src/ui/file_3.txt src/ui/renamed.txt");      // rename within a folder
  made.write("src/ui/renamed.txt", numbered_lines("src/ui/file_3.txt", 11) + "edited\n");
  made.git("mv root_move.txt docs/from_root.txt");                            // root -> folder
  made.write("tools/copy_of_0.txt", numbered_lines("tools/file_0.txt", 12));  // a copy
  made.git("rm -q -r gone tools/file_5.txt");                                 // deletions
  made.write("conflict.txt", "main\n");
  made.commit_all("branch work");

  // A merge that stops on a conflict leaves conflicted entries in the index.
  sh(k_git_env + "git -C " + quote(made.dir()) + " merge -q other 2>&1 || true");

  made.write("lib/file_0.txt", "unstaged edit\n");
  made.write("src/core/file_1.txt", "staged edit\n");
  made.git("add src/core/file_1.txt");
  made.write("new_at_root.txt", "untracked at the root\n");
  made.write("src/core/deep/new/untracked.txt", "untracked, nested\n");
  made.write("fresh/one.txt", "an untracked top-level folder\n");
  made.write("fresh/two/three.txt", "and deeper\n");
  made.write("debug.log", "ignored\n");
  made.write("build/out.txt", "ignored folder\n");
  made.write("src/ui/trace.log", "ignored, nested\n");
  fs::remove(made.dir() / "becomes_link.txt");
  fs::create_symlink("README.md", made.dir() / "becomes_link.txt");  // a type change
  fs::remove(made.dir() / "docs/file_4.txt");                        // deleted, not staged
  return base;
}

// The whole diff split into up to n parts, and the stat walk
// (model/worktree_stat.cpp) on n threads picking the paths for the diff,
// must both list what the single diff lists.
void check_split_and_walked(const GitRepo& repo, const std::string& base,
                            const std::vector<std::string>& single,
                            std::initializer_list<int> thread_counts) {
  for (int threads : thread_counts) {
    INFO("threads " << threads);
    auto split = repo.changed_files(base, threads, /*stat_first=*/false);
    REQUIRE(split.ok());
    CHECK(*split == single);
    auto walked = repo.changed_files(base, threads, /*stat_first=*/true);
    REQUIRE(walked.ok());
    CHECK(*walked == single);
  }
}

}  // namespace

TEST_CASE("changed_files split across threads lists exactly what the single diff lists", "[git][worktree]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  std::string base = make_changes(made);
  GitRepo repo = open_repo(made.dir());

  auto single = repo.changed_files(base, 1, /*stat_first=*/false);
  REQUIRE(single.ok());
  // The single diff is the reference; check it is the right one first.
  const std::vector<std::string> expected = {"becomes_link.txt",    "conflict.txt",
                                             "docs/file_1.txt",     "docs/from_root.txt",
                                             "fresh/one.txt",       "fresh/two/three.txt",
                                             "lib/file_0.txt",      "lib/moved_across.txt",
                                             "new_at_root.txt",     "src/core/deep/new/untracked.txt",
                                             "src/core/file_1.txt", "src/ui/renamed.txt",
                                             "tools/copy_of_0.txt"};
  CHECK(*single == expected);

  check_split_and_walked(repo, base, *single, {2, 3, 4, 7, 0});
  // tracked_files() from the index snapshot the walk leaves (conflicted
  // entries, renames, deletions) equals libgit2's reading of the index.
  GitRepo after_walk = open_repo(made.dir());
  REQUIRE(after_walk.changed_files(base).ok());
  CHECK(*after_walk.tracked_files() == *open_repo(made.dir()).tracked_files());
  CHECK_FALSE(repo.changed_files("no-such-base", 2, false).ok());
  CHECK_FALSE(repo.changed_files("no-such-base", 2, true).ok());
}

TEST_CASE("changed_files split inside a folder that holds most of the tree", "[git][worktree]") {
  // Everything under one top-level folder: the split has to cut below it,
  // where an untracked file next to the subfolders and a subfolder turned
  // into a file must still be found.
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  // app/c is the heaviest, so the split would break it up if it were still a folder.
  for (const std::string folder : {"app/a", "app/b", "app/c", "app/d"}) {
    const int files = folder == "app/c" ? 40 : 8;
    for (int i = 0; i < files; ++i) made.write(folder + "/f" + std::to_string(i) + ".txt", folder + "\n");
  }
  made.write("app/main.txt", "main\n");
  made.commit_all("base");
  std::string base = made.git("rev-parse HEAD");

  made.write("app/b/f3.txt", "edited\n");
  made.write("app/loose.txt", "untracked, beside the subfolders\n");
  fs::remove_all(made.dir() / "app/c");
  made.write("app/c", "a file where a folder was\n");
  made.write("app/d/new/x.txt", "untracked below\n");

  GitRepo repo = open_repo(made.dir());
  auto single = repo.changed_files(base, 1, /*stat_first=*/false);
  REQUIRE(single.ok());
  CHECK(*single == std::vector<std::string>{"app/b/f3.txt", "app/c", "app/d/new/x.txt", "app/loose.txt"});
  check_split_and_walked(repo, base, *single, {2, 3, 4});
}

TEST_CASE("a literal path list restricts libgit2's diff to those paths", "[git][worktree]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  std::string base = make_changes(made);

  git_libgit2_init();
  git_repository* repo = nullptr;
  REQUIRE(git_repository_open(&repo, made.dir().c_str()) == 0);
  git_object* tree = nullptr;
  REQUIRE(git_revparse_single(&tree, repo, (base + "^{tree}").c_str()) == 0);
  auto* base_tree = reinterpret_cast<git_tree*>(tree);

  auto docs = slipway::model::changed_paths_in(repo, base_tree, {"docs", "new_at_root.txt"});
  REQUIRE(docs.ok());
  std::sort(docs->begin(), docs->end());
  CHECK(*docs == std::vector<std::string>{"docs/file_1.txt", "docs/from_root.txt", "new_at_root.txt"});

  // Special characters are taken literally: "*" matches nothing here.
  auto star = slipway::model::changed_paths_in(repo, base_tree, {"*"});
  REQUIRE(star.ok());
  CHECK(star->empty());

  auto everything = slipway::model::changed_paths_in(repo, base_tree, {});
  REQUIRE(everything.ok());
  CHECK(contains(*everything, "fresh/two/three.txt"));
  CHECK(contains(*everything, "lib/moved_across.txt"));
  CHECK_FALSE(contains(*everything, "debug.log"));

  git_object_free(tree);
  git_repository_free(repo);
  git_libgit2_shutdown();
}

TEST_CASE("tracked_and_untracked_files split across threads lists what git ls-files lists",
          "[git][worktree]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  make_changes(made);
  GitRepo repo = open_repo(made.dir());

  // The reference: git's own listing of tracked (a conflicted path once)
  // and untracked, not ignored files.
  std::vector<std::string> expected;
  for (const std::string& args :
       {std::string("ls-files"), std::string("ls-files --others --exclude-standard")}) {
    std::string listed = made.git(args) + "\n";
    for (std::size_t start = 0, end; (end = listed.find('\n', start)) != std::string::npos; start = end + 1) {
      if (end > start) expected.push_back(listed.substr(start, end - start));
    }
  }
  std::sort(expected.begin(), expected.end());
  expected.erase(std::unique(expected.begin(), expected.end()), expected.end());
  REQUIRE(contains(expected, "src/core/deep/new/untracked.txt"));
  REQUIRE(contains(expected, "fresh/two/three.txt"));
  REQUIRE_FALSE(contains(expected, "build/out.txt"));

  for (int threads : {1, 2, 3, 4, 7, 0}) {
    INFO("threads " << threads);
    auto all = repo.tracked_and_untracked_files(threads);
    REQUIRE(all.ok());
    CHECK(*all == expected);
  }
}
