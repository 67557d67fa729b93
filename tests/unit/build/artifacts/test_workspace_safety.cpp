// Path traversal and symlinks in build.artifacts (issue #5, acceptance 6):
// each case is refused with an Error naming the glob or path, and an
// inotify watch on the folders outside the workspace proves that nothing
// there was opened, read, listed or written.
#include <sys/stat.h>

#include "artifacts_test_support.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;

namespace {

constexpr const char* k_secret = "outside secret 7f3a9c";

// A workspace with a secret file beside it, and watches on the folder
// holding both and on the outside folder.
struct Fixture {
  Workspace workspace;
  fs::path outside_dir = workspace.temp() / "outside";
  fs::path secret = workspace.write_outside("outside/secret.txt", k_secret);
  FolderWatch watch;

  Fixture() { workspace.write("dist/app.tar.gz", "the real artifact"); }

  void start_watching() {
    watch.watch(workspace.temp());
    watch.watch(outside_dir);
  }

  // Events outside the workspace: everything but the workspace folder itself
  // being opened in the parent folder.
  std::vector<std::string> outside_events() {
    std::vector<std::string> outside;
    for (const std::string& event : watch.events()) {
      if (event.find("/workspace: ") == std::string::npos) outside.push_back(event);
    }
    return outside;
  }

  void check_untouched() {
    CHECK(outside_events().empty());
    CHECK(read_text(secret) == k_secret);
    CHECK(tree_contents(outside_dir) ==
          std::vector<std::pair<std::string, std::string>>{{"secret.txt", k_secret}});
    // The secret was not copied anywhere in the workspace either.
    for (const auto& [path, content] : tree_contents(workspace.root())) {
      CHECK(content.find(k_secret) == std::string::npos);
    }
  }
};

}  // namespace

TEST_CASE("globs with .. are refused before anything is read", "[artifacts][safety]") {
  for (const std::string glob : {"../outside/secret.txt", "dist/../../outside/secret.txt", "../outside/",
                                 "../**/secret.txt", "./../outside/*"}) {
    Fixture fixture;
    fixture.start_watching();
    const Error error = collect_error(fixture.workspace, {"dist/app.tar.gz", glob});
    CHECK_THAT(error.message,
               Catch::Contains("\"" + glob + "\"") && Catch::Contains("outside the workspace"));
    fixture.check_untouched();
    CHECK_FALSE(fs::exists(fixture.workspace.root() / ".slipway"));
  }
}

TEST_CASE("absolute globs are refused", "[artifacts][safety]") {
  Fixture fixture;
  fixture.start_watching();
  const std::string glob = fixture.secret.string();
  const Error error = collect_error(fixture.workspace, {glob});
  CHECK_THAT(error.message, Catch::Contains(glob) && Catch::Contains("absolute"));
  fixture.check_untouched();
}

TEST_CASE("a matched symlink to a file outside is refused, not followed", "[artifacts][safety]") {
  Fixture fixture;
  fs::create_symlink(fixture.secret, fixture.workspace.root() / "dist/linked.txt");
  fixture.start_watching();
  for (const std::string glob : {"dist/*", "dist/linked.txt", "*.txt", "dist/", "dist"}) {
    const Error error = collect_error(fixture.workspace, {glob});
    CHECK(error.file == "dist/linked.txt");
    CHECK_THAT(error.message, Catch::Contains("symlink"));
  }
  fixture.check_untouched();
  CHECK_FALSE(fs::exists(fixture.workspace.artifacts()));
}

TEST_CASE("a relative symlink climbing out with .. is refused too", "[artifacts][safety]") {
  Fixture fixture;
  fs::create_symlink("../../outside/secret.txt", fixture.workspace.root() / "dist/up.txt");
  fixture.start_watching();
  const Error error = collect_error(fixture.workspace, {"dist/up.txt"});
  CHECK(error.file == "dist/up.txt");
  fixture.check_untouched();
}

TEST_CASE("a symlinked folder on a glob's path is refused; wildcards do not enter it",
          "[artifacts][safety]") {
  Fixture fixture;
  fs::create_symlink(fixture.outside_dir, fixture.workspace.root() / "out");
  fixture.start_watching();

  for (const std::string glob : {"out/secret.txt", "out/", "out/*.txt", "out"}) {
    const Error error = collect_error(fixture.workspace, {glob});
    CHECK(error.file == "out");
    CHECK_THAT(error.message, Catch::Contains("symlink"));
  }
  // A wildcard that could only reach the file through the symlink finds nothing.
  const Error error = collect_error(fixture.workspace, {"**/secret.txt"});
  CHECK_THAT(error.message, Catch::Contains("matched no file"));
  // Other artifacts are still collected with the symlink elsewhere in the tree.
  const ArtifactSet set = collect_ok(fixture.workspace, {"**/*.tar.gz"});
  REQUIRE(set.artifacts.size() == 1);
  CHECK(set.artifacts[0].name == "app.tar.gz");
  fixture.check_untouched();
}

TEST_CASE("a symlinked .slipway or artifacts folder is refused, nothing is written through it",
          "[artifacts][safety]") {
  SECTION(".slipway") {
    Fixture fixture;
    fs::create_symlink(fixture.outside_dir, fixture.workspace.root() / ".slipway");
    fixture.start_watching();
    const Error error = collect_error(fixture.workspace, {"dist/app.tar.gz"});
    CHECK(error.file == ".slipway");
    CHECK_THAT(error.message, Catch::Contains("symlink"));
    fixture.check_untouched();
  }
  SECTION(".slipway/artifacts") {
    Fixture fixture;
    fs::create_directories(fixture.workspace.root() / ".slipway");
    fs::create_symlink(fixture.outside_dir, fixture.workspace.root() / ".slipway/artifacts");
    fixture.start_watching();
    const Error error = collect_error(fixture.workspace, {"dist/app.tar.gz"});
    CHECK(error.file == ".slipway/artifacts");
    fixture.check_untouched();
  }
}

TEST_CASE("special files are refused without being opened for reading", "[artifacts][safety]") {
  Workspace workspace;
  workspace.write("dist/app", "app");
  REQUIRE(::mkfifo((workspace.root() / "dist/fifo").c_str(), 0644) == 0);
  // Reading a FIFO without a writer would block: the call returning at all
  // shows it was not opened for a blocking read.
  const Error error = collect_error(workspace, {"dist/"});
  CHECK(error.file == "dist/fifo");
  CHECK_THAT(error.message, Catch::Contains("not a regular file"));
}
