// Tests of the index snapshot (model/index_snapshot.cpp): its round trip,
// refusal of anything damaged, stale or foreign, and its use by GitRepo on
// real repositories: the second run answers from it, a rewritten index is
// read again, a damaged snapshot is replaced, and tracked_files() from it
// equals libgit2's.
#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <vector>

#include "git_test_repo.hpp"
#include "model/git_repo.hpp"
#include "model/index_snapshot.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"

namespace fs = std::filesystem;
using slipway::model::GitRepo;
using slipway::model::IndexedFile;
using slipway::model::IndexFileKey;
using slipway::model::IndexSnapshot;
using namespace slipway::test;

namespace {

IndexedFile entry(std::string_view path, std::uint32_t mode, std::uint32_t size) {
  IndexedFile file;
  file.path = path;
  file.mode = mode;
  file.stat.size = size;
  file.stat.mtime_seconds = 1700000000;
  file.stat.mtime_nanoseconds = 123;
  file.stat.ctime_seconds = 1700000001;
  file.stat.ctime_nanoseconds = 456;
  file.stat.inode = 42;
  file.stat.uid = 1000;
  file.stat.gid = 100;
  return file;
}

IndexSnapshot sample() {
  IndexFileKey key;
  key.device = 2049;
  key.inode = 77;
  key.size = 4096;
  key.mtime_seconds = 1700000100;
  key.mtime_nanoseconds = 9;
  IndexSnapshot snapshot(key);
  std::string long_path(300, 'x');
  snapshot.add(entry("src/a.c", 0100644, 10), false);
  snapshot.add(entry("bin/run", 0100755, 20), false);
  snapshot.add(entry("vendor/lib", 0160000, 0), false);
  snapshot.add(entry(long_path, 0120000, 3), false);
  snapshot.add(entry("both.txt", 0100644, 5), true);  // stage 2
  snapshot.add(entry("both.txt", 0100644, 6), true);  // stage 3
  snapshot.set_tree({1, 2, 3});
  return snapshot;
}

std::string snapshot_file(const TestRepo& made) {
  return (made.dir() / ".git/slipway/index-snapshot").string();
}

}  // namespace

TEST_CASE("index snapshot: what is written is read back", "[git][snapshot]") {
  const IndexSnapshot written = sample();
  auto read = IndexSnapshot::parse(written.serialize());
  REQUIRE(read.has_value());
  CHECK(read->key() == written.key());
  REQUIRE(read->tree().has_value());
  CHECK((*read->tree())[2] == 3);
  REQUIRE(read->files().size() == 4);
  CHECK(read->files()[0].path == "src/a.c");
  CHECK(read->files()[1].mode == 0100755);
  CHECK(read->files()[3].path == std::string(300, 'x'));
  CHECK(read->files()[0].stat == entry("src/a.c", 0100644, 10).stat);
  CHECK(read->special_paths() == std::vector<std::string>{"both.txt", "both.txt"});
  // Sorted, one per path, the submodule left out.
  CHECK(read->tracked_paths() ==
        std::vector<std::string>{"bin/run", "both.txt", "src/a.c", std::string(300, 'x')});
  // The views survive moving the snapshot.
  IndexSnapshot moved = std::move(*read);
  CHECK(moved.files()[2].path == "vendor/lib");
}

TEST_CASE("index snapshot: the fuzz corpus seed is a valid body", "[git][snapshot]") {
  // tests/fuzz/fuzz_index_snapshot seals each input with its SHA-256; the
  // seed must then parse, or the mutations would only ever hit the checksum.
  auto seed = slipway::util::read_file(std::string(SLIPWAY_SOURCE_DIR) +
                                       "/tests/fuzz/corpus/index_snapshot/small.bin");
  REQUIRE(seed.ok());
  auto parsed = IndexSnapshot::parse(*seed + slipway::util::sha256_hex(*seed));
  REQUIRE(parsed.has_value());
  CHECK(parsed->tracked_paths() ==
        std::vector<std::string>{"README.md", "bin/run.sh", "conflict.txt", "link"});
}

TEST_CASE("index snapshot: anything damaged is refused", "[git][snapshot]") {
  const std::string good = sample().serialize();
  REQUIRE(IndexSnapshot::parse(good).has_value());
  CHECK_FALSE(IndexSnapshot::parse("").has_value());
  CHECK_FALSE(IndexSnapshot::parse("slipway index snapshot 2\n").has_value());
  for (std::size_t cut : {good.size() - 1, good.size() / 2, std::size_t{30}}) {
    INFO("cut at " << cut);
    CHECK_FALSE(IndexSnapshot::parse(good.substr(0, cut)).has_value());
  }
  for (std::size_t at : {std::size_t{30}, good.size() / 2, good.size() - 70, good.size() - 1}) {
    INFO("byte " << at << " changed");
    std::string damaged = good;
    damaged[at] = static_cast<char>(damaged[at] ^ 0x20);
    CHECK_FALSE(IndexSnapshot::parse(damaged).has_value());
  }
}

TEST_CASE("index snapshot: GitRepo answers from it while the index is the same file", "[git][snapshot]") {
  TempDir temp;
  TestRepo made = TestRepo::init(temp.path() / "repo");
  for (int i = 0; i < 20; ++i)
    made.write("d" + std::to_string(i % 4) + "/f" + std::to_string(i) + ".txt", "x\n");
  made.write(".gitignore", "*.log\n");
  made.commit_all("base");
  const std::string base = made.git("rev-parse HEAD");
  const std::vector<std::string> libgit2_tracked = *open_repo(made.dir()).tracked_files();

  // The first run reads the index with libgit2 and writes the snapshot.
  REQUIRE_FALSE(fs::exists(snapshot_file(made)));
  {
    GitRepo repo = open_repo(made.dir());
    CHECK(repo.changed_files(base)->empty());
  }
  REQUIRE(fs::exists(snapshot_file(made)));
  const auto written_at = fs::last_write_time(snapshot_file(made));

  // The second run answers from it (and does not rewrite it), tracked files included.
  made.write("d1/f5.txt", "edited\n");
  {
    GitRepo repo = open_repo(made.dir());
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"d1/f5.txt"});
    CHECK(*repo.tracked_files() == libgit2_tracked);
  }
  CHECK(fs::last_write_time(snapshot_file(made)) == written_at);

  // A new index (git add) is another file: read again, snapshot rewritten.
  made.write("d2/new.txt", "staged\n");
  made.git("add d2/new.txt");
  {
    GitRepo repo = open_repo(made.dir());
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"d1/f5.txt", "d2/new.txt"});
    auto tracked = repo.tracked_files();
    REQUIRE(tracked.ok());
    CHECK(std::find(tracked->begin(), tracked->end(), "d2/new.txt") != tracked->end());
    CHECK(*tracked == *open_repo(made.dir()).tracked_files());
  }
  CHECK(fs::last_write_time(snapshot_file(made)) != written_at);

  // A damaged snapshot is not used, and is replaced.
  REQUIRE(slipway::util::write_file_atomic(snapshot_file(made), "slipway index snapshot 1\ngarbage").ok());
  {
    GitRepo repo = open_repo(made.dir());
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"d1/f5.txt", "d2/new.txt"});
  }
  CHECK(fs::file_size(snapshot_file(made)) > 100);

  // When it cannot be written (a file where its folder should be), the
  // answers are the same.
  fs::remove_all(made.dir() / ".git/slipway");
  made.write(".git/slipway", "in the way\n");
  made.git("add -A");
  {
    GitRepo repo = open_repo(made.dir());
    CHECK(*repo.changed_files(base) == std::vector<std::string>{"d1/f5.txt", "d2/new.txt"});
    CHECK(*repo.tracked_files() == *open_repo(made.dir()).tracked_files());
  }
}
