// Tests of collect_artifacts (collect_artifacts.cpp, workspace_files.cpp,
// artifact_names.cpp) on real temporary workspaces: which files are taken,
// how they are named, SHA256SUMS against the real sha256sum, and the
// all-or-nothing replacement of .slipway/artifacts/.
#include <sys/stat.h>

#include "artifacts_test_support.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;

namespace {

std::vector<std::string> names_of(const ArtifactSet& set) {
  std::vector<std::string> names;
  for (const Artifact& artifact : set.artifacts) names.push_back(artifact.name);
  return names;
}

std::vector<std::string> listing(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("artifacts are copied flat into .slipway/artifacts with their hashes", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("dist/app-1.0.tar.gz", "tarball bytes");
  workspace.write("dist/notes.txt", "not wanted");
  workspace.write("build/bin/tool", "#!/bin/sh\necho tool\n");
  fs::permissions(workspace.root() / "build/bin/tool", fs::perms::owner_exec, fs::perm_options::add);
  workspace.write("src/main.c", "int main(void) { return 0; }\n");

  const ArtifactSet set = collect_ok(workspace, {"dist/*.tar.gz", "./build/bin/tool"});
  CHECK(set.directory == fs::canonical(workspace.root()).string() + "/.slipway/artifacts");
  CHECK(names_of(set) == std::vector<std::string>{"app-1.0.tar.gz", "tool"});
  CHECK(listing(workspace.artifacts()) == std::vector<std::string>{"SHA256SUMS", "app-1.0.tar.gz", "tool"});
  for (const Artifact& artifact : set.artifacts) {
    CHECK(read_text(artifact.path) == read_text(workspace.root() / artifact.sources.at(0)));
    CHECK(artifact.sha256 == *util::sha256_file_hex(artifact.path));
    CHECK(artifact.size == fs::file_size(artifact.path));
    CHECK(artifact.signature_path.empty());
  }
  CHECK(set.artifacts[0].sources == std::vector<std::string>{"dist/app-1.0.tar.gz"});
  // The executable bit survives the copy; other files are 0644.
  CHECK((fs::status(set.artifacts[1].path).permissions() & fs::perms::owner_exec) != fs::perms::none);
  CHECK((fs::status(set.artifacts[0].path).permissions() & fs::perms::mask) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  CHECK(set.provenance_path.empty());
}

TEST_CASE("SHA256SUMS is byte for byte what sha256sum prints", "[artifacts][collect][checksums]") {
  Workspace workspace;
  workspace.write("out/a.bin", std::string("\x00\x01\x02 binary\n", 11));
  workspace.write("out/empty.txt", "");
  workspace.write("out/with space.txt", "spaces in the name\n");
  workspace.write("out/back\\slash.txt", "a backslash in the name\n");
  workspace.write("out/line\nfeed.txt", "a line feed in the name\n");
  std::string large(300 * 1024, 'x');
  for (std::size_t i = 0; i < large.size(); i += 997) large[i] = static_cast<char>('a' + i % 26);
  workspace.write("out/large.dat", large);

  const ArtifactSet set = collect_ok(workspace, {"out/"});
  REQUIRE(set.artifacts.size() == 6);
  std::vector<std::string> argv = {"sha256sum", "--"};
  for (const Artifact& artifact : set.artifacts) argv.push_back(artifact.name);
  const util::ProcessResult sha256sum = run_tool(argv, set.directory);
  REQUIRE(sha256sum.exit_code == 0);
  CHECK(read_text(set.checksums_path) == sha256sum.stdout_text);

  // And sha256sum -c accepts the file.
  const util::ProcessResult check = run_tool({"sha256sum", "-c", "--strict", "SHA256SUMS"}, set.directory);
  CHECK(check.exit_code == 0);
}

TEST_CASE("a glob naming a folder takes everything below it, a .git folder never", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("site/index.html", "<html></html>");
  workspace.write("site/css/style.css", "body {}");
  workspace.write("site/.git/config", "[core]");
  workspace.write("other/index2.html", "no");
  const ArtifactSet set = collect_ok(workspace, {"site"});
  CHECK(names_of(set) == std::vector<std::string>{"index.html", "style.css"});
}

TEST_CASE("globs without a folder match file names anywhere; previous artifacts are not collected again",
          "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("a/pkg-1.whl", "one");
  workspace.write("b/c/pkg-2.whl", "two");
  collect_ok(workspace, {"*.whl"});
  // The second run must not pick up its own output in .slipway/artifacts/.
  const ArtifactSet again = collect_ok(workspace, {"*.whl"});
  CHECK(names_of(again) == std::vector<std::string>{"pkg-1.whl", "pkg-2.whl"});
}

TEST_CASE("two artifacts with the same name are an error naming both", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("linux/app", "linux build");
  workspace.write("mac/app", "mac build");
  const Error error = collect_error(workspace, {"*/app"});
  CHECK_THAT(error.message, Catch::Contains("linux/app") && Catch::Contains("mac/app"));
  CHECK_THAT(error.hint, Catch::Contains("build.archive"));
  CHECK_FALSE(fs::exists(workspace.artifacts()));
}

TEST_CASE("names Slipway writes itself are refused", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("dist/SHA256SUMS", "someone else's sums");
  CHECK(collect_error(workspace, {"dist/*"}).file == "dist/SHA256SUMS");

  Workspace signing;
  signing.write("dist/app", "app");
  signing.write("dist/app.sig", "an old signature");
  const auto [private_key, public_key] = signing.keys("release");
  const SigningKey key = load_key(private_key);
  ArtifactOptions options;
  options.signing_key = &key;
  const Error error = collect_error(signing, {"dist/*"}, options);
  CHECK(error.file == "dist/app.sig");
  CHECK_THAT(error.message, Catch::Contains("overwritten by the signature of app"));
  // Without signing the same files are fine.
  CHECK(collect_artifacts(signing.root().string(), {"dist/*"}, {}).ok());
}

TEST_CASE("a glob that matches nothing is an error naming it", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("dist/app.tar.gz", "x");
  const Error error = collect_error(workspace, {"dist/*.tar.gz", "dist/*.zip"});
  CHECK_THAT(error.message, Catch::Contains("\"dist/*.zip\" matched no file"));
}

TEST_CASE("no globs: nothing is written", "[artifacts][collect]") {
  Workspace workspace;
  const ArtifactSet set = collect_ok(workspace, {});
  CHECK(set.artifacts.empty());
  CHECK_FALSE(fs::exists(workspace.root() / ".slipway"));
}

TEST_CASE("a new run replaces the folder; a failed run leaves the previous one untouched",
          "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("dist/old.bin", "old");
  collect_ok(workspace, {"dist/old.bin"});
  const auto before = tree_contents(workspace.artifacts());

  // A failing run (a FIFO is matched) changes nothing and leaves no staging folder.
  REQUIRE(::mkfifo((workspace.root() / "dist/pipe").c_str(), 0644) == 0);
  const Error error = collect_error(workspace, {"dist/*"});
  CHECK(error.file == "dist/pipe");
  CHECK_THAT(error.message, Catch::Contains("FIFO"));
  CHECK(tree_contents(workspace.artifacts()) == before);
  CHECK(listing(workspace.root() / ".slipway") == std::vector<std::string>{"artifacts"});

  // A successful run replaces the folder: the old artifact is gone.
  fs::remove(workspace.root() / "dist/pipe");
  workspace.write("dist/new.bin", "new");
  const ArtifactSet set = collect_ok(workspace, {"dist/new.bin"});
  CHECK(listing(workspace.artifacts()) == std::vector<std::string>{"SHA256SUMS", "new.bin"});
  CHECK(listing(workspace.root() / ".slipway") == std::vector<std::string>{"artifacts"});
  CHECK(read_text(set.checksums_path) == util::sha256_hex("new") + "  new.bin\n");
}

TEST_CASE("leftover staging folders of a crashed run are removed", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("app", "app");
  workspace.write(".slipway/.artifacts.staging-abc123/half-written", "partial");
  collect_ok(workspace, {"app"});
  CHECK(listing(workspace.root() / ".slipway") == std::vector<std::string>{"artifacts"});
}

TEST_CASE("bad archive names are refused", "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("app", "app");
  ArtifactOptions options;
  options.archive = true;
  for (const std::string name : {"", "../escape.tar.gz", "dir/a.tar.gz", "SHA256SUMS", "a.sig", ".."}) {
    options.archive_name = name;
    const Error error = collect_error(workspace, {"app"}, options);
    CHECK_THAT(error.message, Catch::Contains("build.archive-name"));
  }
  CHECK_FALSE(fs::exists(workspace.root() / "escape.tar.gz"));
}

TEST_CASE("./name takes only the file at the root; a bare name any file of that name",
          "[artifacts][collect]") {
  Workspace workspace;
  workspace.write("app", "root app");
  workspace.write("sub/app", "nested app");
  workspace.write("sub/dist/x.txt", "x");
  workspace.write("dist/y.txt", "y");
  const ArtifactSet rooted = collect_ok(workspace, {"./app", "./dist/"});
  REQUIRE(rooted.artifacts.size() == 2);
  CHECK(rooted.artifacts[0].sources == std::vector<std::string>{"app"});
  CHECK(rooted.artifacts[1].sources == std::vector<std::string>{"dist/y.txt"});
  // A bare "app" matches both and their names collide.
  CHECK_THAT(collect_error(workspace, {"app"}).message, Catch::Contains("app and sub/app"));
  CHECK_THAT(collect_error(workspace, {"."}).message, Catch::Contains("names no file"));
}
