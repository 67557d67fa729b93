#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <cstdlib>

#include "temp_folder.hpp"
#include "util/files.hpp"

using namespace slipway::util;
namespace fs = std::filesystem;

namespace {

fs::perms mode_of(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

std::vector<std::string> names_in(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(folder)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

}  // namespace

TEST_CASE("read_file and read_file_prefix", "[files]") {
  slipway::test::TempFolder folder;
  const std::string content("line one\nline\0two\n", 18);
  const auto file = folder.write("data.bin", content);

  const auto whole = read_file(file);
  REQUIRE(whole.ok());
  CHECK(*whole == content);

  const auto head = read_file_prefix(file, 4);
  REQUIRE(head.ok());
  CHECK(*head == "line");

  const auto missing = read_file(folder / "missing.txt");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().file == (folder / "missing.txt").string());
  CHECK_FALSE(read_file(folder.path()).ok());
}

TEST_CASE("write_file_atomic creates files with 0644 and parent folders", "[files]") {
  slipway::test::TempFolder folder;
  const fs::path target = folder / "a/b/new.txt";
  REQUIRE(write_file_atomic(target, "hello").ok());
  CHECK(*read_file(target) == "hello");
  CHECK(mode_of(target) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  CHECK(names_in(target.parent_path()) == std::vector<std::string>{"new.txt"});
}

TEST_CASE("write_file_atomic keeps an existing file's mode and leaves no temp file", "[files]") {
  slipway::test::TempFolder folder;
  const fs::path script = folder.write("deploy.sh", "#!/bin/sh\necho old\n");
  fs::permissions(script, fs::perms::owner_all | fs::perms::group_read | fs::perms::group_exec);
  const fs::perms before = mode_of(script);

  REQUIRE(write_file_atomic(script, "#!/bin/sh\necho new\n").ok());
  CHECK(*read_file(script) == "#!/bin/sh\necho new\n");
  CHECK(mode_of(script) == before);
  CHECK(names_in(folder.path()) == std::vector<std::string>{"deploy.sh"});
}

TEST_CASE("write_file_atomic applies an explicit mode", "[files]") {
  slipway::test::TempFolder folder;
  const fs::path secret = folder.write("token", "old");
  REQUIRE(write_file_atomic(secret, "new", fs::perms::owner_read | fs::perms::owner_write).ok());
  CHECK(mode_of(secret) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(*read_file(secret) == "new");
}

TEST_CASE("write_file_atomic fails cleanly and keeps the old file", "[files]") {
  slipway::test::TempFolder folder;
  // The target is an existing folder: the rename must fail, the folder stays
  // and the temporary file is removed.
  fs::create_directories(folder / "taken/inside");
  const auto result = write_file_atomic(folder / "taken", "data");
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().file == (folder / "taken").string());
  CHECK(fs::is_directory(folder / "taken/inside"));
  CHECK(names_in(folder.path()) == std::vector<std::string>{"taken"});
}

TEST_CASE("looks_binary looks for a NUL byte in the first 8 KiB", "[files]") {
  CHECK_FALSE(looks_binary("plain text\n"));
  CHECK_FALSE(looks_binary(""));
  CHECK(
      looks_binary(std::string_view("\x7f"
                                    "ELF\0\0",
                                    6)));
  std::string late_nul(9000, 'a');
  late_nul[8500] = '\0';
  CHECK_FALSE(looks_binary(late_nul));
  late_nul[100] = '\0';
  CHECK(looks_binary(late_nul));
}

TEST_CASE("relative_inside gives '/'-separated paths inside the root", "[files]") {
  const fs::path root = "/work/repo";
  CHECK(*relative_inside(root, "/work/repo/src/main.cpp") == "src/main.cpp");
  CHECK(*relative_inside(root, "/work/repo/src/../docs/./a.md") == "docs/a.md");
  CHECK(*relative_inside(root, "src/x.cpp") == "src/x.cpp");  // relative to the root
  CHECK(*relative_inside(root, "/work/repo") == ".");
  CHECK(*relative_inside("/work/repo/", "/work/repo/a") == "a");
}

TEST_CASE("relative_inside rejects paths that escape the root", "[files]") {
  const fs::path root = "/work/repo";
  const auto escape = relative_inside(root, "../secrets.txt");
  REQUIRE_FALSE(escape.ok());
  CHECK(escape.error().file == "../secrets.txt");
  CHECK_FALSE(relative_inside(root, "src/../../other/file").ok());
  CHECK_FALSE(relative_inside(root, "/work/repo/../repo2/a").ok());
  CHECK_FALSE(relative_inside(root, "/work/repository/a").ok());  // a prefix of the name is not inside
  CHECK_FALSE(relative_inside(root, "/etc/passwd").ok());
}

TEST_CASE("expand_home replaces a leading ~/", "[files]") {
  const char* old_home = std::getenv("HOME");
  const std::string saved = old_home != nullptr ? old_home : "";
  ::setenv("HOME", "/home/builder", 1);
  CHECK(expand_home("~/cache") == fs::path("/home/builder/cache"));
  CHECK(expand_home("~") == fs::path("/home/builder"));
  CHECK(expand_home("/abs/~/x") == fs::path("/abs/~/x"));
  CHECK(expand_home("~other/x") == fs::path("~other/x"));
  if (old_home != nullptr) {
    ::setenv("HOME", saved.c_str(), 1);
  } else {
    ::unsetenv("HOME");
  }
}
