// Tests of the stat walk (model/worktree_stat.cpp, with its early listing in
// worktree_early_listing.cpp) on its own, on real files,
// and of changed_files with the walk first (model/worktree_suspects.cpp)
// against the whole libgit2 diff on real repositories made with git: the
// cases the stat data alone must not miss (same size and mtime, a mode
// change, racy entries), the index entries it must leave to the diff
// (submodules, intent-to-add), the base tree taken from the index's cached
// tree, and many rounds of random changes.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <deque>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "git_test_repo.hpp"
#include "model/git_repo.hpp"
#include "model/worktree_early_listing.hpp"
#include "model/worktree_stat.hpp"

namespace fs = std::filesystem;
using slipway::model::GitRepo;
using slipway::model::IndexedFile;
using slipway::model::IndexStamp;
using slipway::model::stat_suspects;
using slipway::model::StatWalk;
using namespace slipway::test;

namespace {

// An "index" made from what lstat sees now, as git would record it.
class FakeIndex {
 public:
  explicit FakeIndex(fs::path root) : m_root(std::move(root)) {}

  void track(const std::string& path) {
    struct stat found {};
    REQUIRE(lstat((m_root / path).c_str(), &found) == 0);
    m_paths.push_back(path);
    IndexedFile file;
    file.path = m_paths.back();
    if (S_ISLNK(found.st_mode)) {
      file.mode = 0120000;
    } else if (S_ISDIR(found.st_mode)) {
      file.mode = 0160000;
    } else {
      file.mode = (found.st_mode & S_IXUSR) != 0 ? 0100755 : 0100644;
    }
    file.stat = slipway::model::file_stat(found).stat;
    m_files.push_back(file);
  }

  // Written a second after the newest file: nothing is racy.
  [[nodiscard]] IndexStamp later_stamp() const {
    IndexStamp stamp;
    for (const IndexedFile& file : m_files)
      stamp.seconds = std::max<std::int64_t>(stamp.seconds, file.stat.mtime_seconds);
    stamp.seconds += 1;
    return stamp;
  }

  // Both ways must agree: with the index known before any folder is read
  // (the guided walk does everything) and after the early listing has read
  // the whole tree (only its listings are used).
  [[nodiscard]] std::vector<std::string> suspects(IndexStamp stamp, std::size_t threads) const {
    auto guided = stat_suspects(m_root.string(), m_files, stamp, threads);
    REQUIRE(guided.has_value());
    std::sort(guided->begin(), guided->end());
    StatWalk early(m_root.string());
    early.wait_for_listing();
    auto listed = early.suspects(m_files, stamp, threads);
    REQUIRE(listed.has_value());
    std::sort(listed->begin(), listed->end());
    CHECK(*listed == *guided);
    return *guided;
  }

  [[nodiscard]] std::vector<std::string> suspects() const { return suspects(later_stamp(), 2); }

  std::vector<IndexedFile>& files() { return m_files; }

 private:
  fs::path m_root;
  std::deque<std::string> m_paths;  // the views in m_files point here
  std::vector<IndexedFile> m_files;
};

void write_file(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
}

// Sets a file's mtime back to what it was (the ctime still moves on).
void restore_mtime(const fs::path& file, const struct stat& before) {
  const struct timespec times[2] = {before.st_atim, before.st_mtim};
  REQUIRE(utimensat(AT_FDCWD, file.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
}

// The whole diff is the reference; the walk first must agree with it.
void check_same_as_whole_diff(const GitRepo& repo, const std::string& base) {
  auto whole = repo.changed_files(base, 1, /*stat_first=*/false);
  REQUIRE(whole.ok());
  for (int threads : {1, 2, 4}) {
    INFO("threads " << threads);
    auto walked = repo.changed_files(base, threads, /*stat_first=*/true);
    REQUIRE(walked.ok());
    CHECK(*walked == *whole);
  }
}

std::size_t object_files(const fs::path& repo) {
  std::size_t count = 0;
  for (const auto& entry : fs::recursive_directory_iterator(repo / ".git/objects"))
    count += entry.is_regular_file();
  return count;
}

}  // namespace

TEST_CASE("stat walk: an untouched tree has no suspects, every kind of change has", "[git][worktree][stat]") {
  TempDir temp;
  const fs::path root = temp.path();
  for (const std::string path :
       {"a.txt", "src/one.c", "src/two.c", "src/deep/three.c", "docs/x.md", "run.sh"}) {
    write_file(root / path, "content of " + path + "\n");
  }
  fs::create_directories(root / ".git");
  write_file(root / ".git/index", "not looked at\n");
  fs::create_symlink("a.txt", root / "link");
  fs::create_directories(root / "sub");  // a submodule's folder
  FakeIndex index(root);
  for (const std::string path :
       {"a.txt", "src/one.c", "src/two.c", "src/deep/three.c", "docs/x.md", "run.sh", "link"}) {
    index.track(path);
  }
  index.track("sub");
  for (std::size_t threads : {1, 2, 4}) CHECK(index.suspects(index.later_stamp(), threads).empty());

  SECTION("same size, mtime put back: the ctime gives it away") {
    struct stat before {};
    REQUIRE(lstat((root / "src/one.c").c_str(), &before) == 0);
    write_file(root / "src/one.c", "CONTENT of src/one.c\n");
    restore_mtime(root / "src/one.c", before);
    CHECK(index.suspects() == std::vector<std::string>{"src/one.c"});
  }
  SECTION("an executable bit, a new size, a file gone") {
    fs::permissions(root / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
    write_file(root / "docs/x.md", "longer content than before\n");
    fs::remove(root / "src/deep/three.c");
    CHECK(index.suspects() == std::vector<std::string>{"docs/x.md", "run.sh", "src/deep/three.c"});
  }
  SECTION("names the index does not know: a file, a folder as one name, a nested .git") {
    write_file(root / "new.txt", "new\n");
    write_file(root / "build/out/a.o", "object\n");
    write_file(root / "src/.git", "gitdir: elsewhere\n");
    CHECK(index.suspects() == std::vector<std::string>{"build", "new.txt", "src/.git"});
  }
  SECTION("a folder turned into a symbolic link, a file turned into a folder") {
    fs::rename(root / "src/deep", root / "elsewhere");
    fs::create_symlink(root / "elsewhere", root / "src/deep");
    fs::remove(root / "docs/x.md");
    fs::create_directories(root / "docs/x.md");
    CHECK(index.suspects() ==
          std::vector<std::string>{"docs/x.md", "elsewhere", "src/deep", "src/deep/three.c"});
  }
  SECTION("a submodule that is no longer a folder") {
    fs::remove(root / "sub");
    write_file(root / "sub", "a file now\n");
    CHECK(index.suspects() == std::vector<std::string>{"sub"});
  }
  SECTION("racy: a file written no earlier than the index is a suspect even with the same stat data") {
    // Every file well before the index, one of them exactly when it was written.
    const std::vector<std::string> paths = {"a.txt",     "src/one.c", "src/two.c", "src/deep/three.c",
                                            "docs/x.md", "run.sh",    "link"};
    struct stat now {};
    REQUIRE(lstat(root.c_str(), &now) == 0);
    for (const std::string& path : paths) {
      struct timespec times[2] = {now.st_mtim, now.st_mtim};
      times[1].tv_sec -= path == "src/one.c" ? 50 : 100;
      REQUIRE(utimensat(AT_FDCWD, (root / path).c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
    }
    FakeIndex written(root);
    for (const std::string& path : paths) written.track(path);
    written.track("sub");
    const IndexedFile& one = written.files()[1];
    REQUIRE(one.path == "src/one.c");
    CHECK(written.suspects(written.later_stamp(), 2).empty());
    const IndexStamp same{one.stat.mtime_seconds, one.stat.mtime_nanoseconds};
    CHECK(written.suspects(same, 2) == std::vector<std::string>{"src/one.c"});
  }
  SECTION("no such root") {
    CHECK_FALSE(
        stat_suspects((root / "missing").string(), index.files(), index.later_stamp(), 2).has_value());
  }
}

TEST_CASE("changed_files with the stat walk first: what stat data alone must not miss",
          "[git][worktree][stat]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  for (int i = 0; i < 12; ++i)
    made.write("src/f" + std::to_string(i) + ".txt", numbered_lines("f" + std::to_string(i), 5));
  made.write("tool.sh", "#!/bin/sh\necho hi\n");
  made.write(".gitignore", "build/\n*.log\n");
  made.commit_all("base");
  const std::string base = made.git("rev-parse HEAD");
  GitRepo repo = open_repo(made.dir());
  REQUIRE(repo.changed_files(base).ok());
  CHECK(repo.changed_files(base)->empty());

  SECTION("same size, same mtime") {
    const fs::path file = made.dir() / "src/f3.txt";
    struct stat before {};
    REQUIRE(lstat(file.c_str(), &before) == 0);
    std::string text = numbered_lines("f3", 5);
    text[0] = 'F';
    made.write("src/f3.txt", text);
    restore_mtime(file, before);
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"src/f3.txt"});
    check_same_as_whole_diff(repo, base);
  }
  SECTION("only the executable bit") {
    fs::permissions(made.dir() / "tool.sh", fs::perms::owner_exec, fs::perm_options::add);
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"tool.sh"});
    check_same_as_whole_diff(repo, base);
  }
  SECTION("ignored folders and files stay out, untracked ones come in") {
    made.write("build/a/b.o", "ignored\n");
    made.write("src/trace.log", "ignored\n");
    made.write("src/new/one.txt", "untracked\n");
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"src/new/one.txt"});
    check_same_as_whole_diff(repo, base);
  }
  SECTION("intent to add, a submodule entry") {
    made.write("later.txt", "added with -N\n");
    made.git("add -N later.txt");
    fs::create_directories(made.dir() / "vendor/lib");
    made.git("update-index --add --cacheinfo 160000," + base + ",vendor/lib");
    auto changed = repo.changed_files(base);
    REQUIRE(changed.ok());
    CHECK(std::find(changed->begin(), changed->end(), "later.txt") != changed->end());
    CHECK(std::find(changed->begin(), changed->end(), "vendor/lib") == changed->end());
    check_same_as_whole_diff(repo, base);
  }
  SECTION("the base tree against the index: staged, committed since the base, both") {
    made.write("src/f1.txt", "staged\n");
    made.git("add src/f1.txt");
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"src/f1.txt"});
    check_same_as_whole_diff(repo, base);
    made.git("commit -q -m one");
    // The index now holds a committed tree: compared with the base tree.
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"src/f1.txt"});
    check_same_as_whole_diff(repo, base);
    made.git("rm -q src/f2.txt");
    made.write("src/f4.txt", "staged after the commit\n");
    made.git("add src/f4.txt");
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"src/f1.txt", "src/f4.txt"});
    check_same_as_whole_diff(repo, base);
  }
}

TEST_CASE("changed_files with the stat walk first writes nothing into the repository",
          "[git][worktree][stat]") {
  // With a staged change the index's cached tree is out of date, so the tree
  // the index would commit is built (in memory only).
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  for (int i = 0; i < 5; ++i)
    made.write("d" + std::to_string(i) + "/f.txt", "file " + std::to_string(i) + "\n");
  made.commit_all("base");
  const std::string base = made.git("rev-parse HEAD");
  made.write("d2/f.txt", "staged\n");
  made.git("add d2/f.txt");
  made.write("d3/new.txt", "staged new file\n");
  made.git("add d3/new.txt");
  const std::size_t objects_before = object_files(made.dir());
  const auto index_before = fs::last_write_time(made.dir() / ".git/index");

  GitRepo repo = open_repo(made.dir());
  auto changed = repo.changed_files(base);
  REQUIRE(changed.ok());
  CHECK(*changed == std::vector<std::string>{"d2/f.txt", "d3/new.txt"});
  CHECK(object_files(made.dir()) == objects_before);
  CHECK(fs::last_write_time(made.dir() / ".git/index") == index_before);
  CHECK(made.git("status --porcelain") == "M  d2/f.txt\nA  d3/new.txt");
}

TEST_CASE("changed_files with the stat walk first agrees with the whole diff over random changes",
          "[git][worktree][stat]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  std::vector<std::string> tracked;
  for (const std::string folder : {"a", "a/b", "a/b/c", "d", "e/f"}) {
    for (int i = 0; i < 8; ++i) tracked.push_back(folder + "/n" + std::to_string(i) + ".txt");
  }
  for (const std::string& path : tracked) made.write(path, numbered_lines(path, 4));
  made.write(".gitignore", "*.tmp\nout/\n");
  made.commit_all("base");
  const std::string base = made.git("rev-parse HEAD");
  GitRepo repo = open_repo(made.dir());

  std::mt19937 random(20261207);  // fixed: a failure can be replayed
  auto pick = [&](const std::vector<std::string>& from) { return from[random() % from.size()]; };
  for (int round = 0; round < 8; ++round) {
    INFO("round " << round);
    for (int change = 0; change < 6; ++change) {
      const std::string path = pick(tracked);
      const fs::path file = made.dir() / path;
      switch (random() % 8) {
        case 0:
          made.write(path, "rewritten in round " + std::to_string(round) + "\n");
          break;
        case 1: {  // same length, mtime put back
          struct stat before {};
          if (lstat(file.c_str(), &before) != 0 || !S_ISREG(before.st_mode)) break;
          std::string text = numbered_lines(path, 4);
          text[0] = static_cast<char>('A' + round);
          made.write(path, text);
          restore_mtime(file, before);
          break;
        }
        case 2:
          fs::remove_all(file);
          break;
        case 3:
          made.write(fs::path(path).parent_path().string() + "/r" + std::to_string(round) + ".tmp",
                     "ignored\n");
          break;
        case 4:
          made.write("out/r" + std::to_string(round) + "/x.txt", "ignored folder\n");
          break;
        case 5:
          made.write(fs::path(path).parent_path().string() + "/u" + std::to_string(round) + "/new.txt",
                     "untracked\n");
          break;
        case 6:
          if (fs::exists(file)) made.git("add -A " + quote(path));
          break;
        default:
          if (fs::is_regular_file(file)) fs::permissions(file, fs::perms::owner_exec, fs::perm_options::add);
          break;
      }
    }
    check_same_as_whole_diff(repo, base);
    if (round % 3 == 2) {
      made.git("add -A");
      made.git("commit -q --allow-empty -m round");
    }
  }
}

TEST_CASE("a working-tree listing started when the repository opens gives the same answers",
          "[git][worktree][stat]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  for (int i = 0; i < 30; ++i)
    made.write("p" + std::to_string(i % 3) + "/f" + std::to_string(i) + ".txt", "x\n");
  made.commit_all("base");
  const std::string base = made.git("rev-parse HEAD");
  made.write("p1/f4.txt", "edited\n");
  made.write("p2/new.txt", "untracked\n");
  const std::vector<std::string> expected = {"p1/f4.txt", "p2/new.txt"};

  auto at_root = GitRepo::open(made.dir().string(), /*prefetch_worktree=*/true);
  REQUIRE(at_root.ok());
  CHECK(*at_root->changed_files(base) == expected);
  CHECK(*at_root->changed_files(base) == expected);  // the second call walks afresh

  // From a subfolder the listing is of no use (a different root): dropped.
  auto below = GitRepo::open((made.dir() / "p1").string(), /*prefetch_worktree=*/true);
  REQUIRE(below.ok());
  CHECK(*below->changed_files(base) == expected);

  // Another listing first: the early one is stopped, the answers still right.
  auto listing_first = GitRepo::open(made.dir().string(), /*prefetch_worktree=*/true);
  REQUIRE(listing_first.ok());
  auto all = listing_first->tracked_and_untracked_files();
  REQUIRE(all.ok());
  CHECK(all->size() == 31);
  CHECK(*listing_first->changed_files(base) == expected);
}
