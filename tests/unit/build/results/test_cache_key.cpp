// Cache keys: stable for the same inputs, different when a listed file, a
// tool's version or the OS changes, and an Error for a missing file or tool.
// The tool is a small script whose version line the test controls.
#include <sys/utsname.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <regex>
#include <string>

#include "../../util/temp_folder.hpp"
#include "stages/build/results/build_results.hpp"

namespace slipway::build::results {

namespace fs = std::filesystem;

namespace {

std::string key_ok(const std::string& name, const CacheKeySpec& spec) {
  Result<std::string> key = cache_key(name, spec);
  if (!key) FAIL(key.error().to_string());
  return *key;
}

// An executable script printing `version_line` for `--version`.
fs::path fake_tool(const test::TempFolder& folder, const std::string& name, const std::string& version_line) {
  const fs::path path = folder.write(name, "#!/bin/sh\n[ \"$1\" = --version ] || exit 3\necho '" +
                                               version_line + "'\necho 'second line is ignored'\n");
  fs::permissions(path, fs::perms::owner_all | fs::perms::group_read | fs::perms::others_read);
  return path;
}

}  // namespace

TEST_CASE("cache key: name, OS and a digest of files and tools", "[results][cache]") {
  test::TempFolder root;
  test::TempFolder tools;
  root.write("package-lock.json", "{\"lockfileVersion\": 3}\n");
  root.write("web/package-lock.json", "{\"lockfileVersion\": 2}\n");
  root.write(".git/package-lock.json", "{\"ignored\": true}\n");
  const fs::path os_release =
      tools.write("os-release",
                  "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\n"
                  "VERSION_ID=\"12\"\nID=debian\n");
  const fs::path node = fake_tool(tools, "node", "v20.11.1");

  CacheKeySpec spec;
  spec.root = root.path().string();
  spec.files = {"package-lock.json"};
  spec.tools = {node.string()};
  spec.os_release_path = os_release.string();

  const std::string key = key_ok("deps", spec);
  struct utsname names {};
  REQUIRE(::uname(&names) == 0);
  std::string system = names.sysname;
  for (char& c : system) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  INFO(key);
  CHECK(std::regex_match(key, std::regex("deps-" + system + "-debian12-[0-9a-f]{16}")));
  CHECK(key_ok("deps", spec) == key);  // deterministic

  SECTION("a listed file's content changes the key") {
    root.write("web/package-lock.json", "{\"lockfileVersion\": 3}\n");  // both files match the bare name
    CHECK(key_ok("deps", spec) != key);
  }
  SECTION("a file the globs do not name does not change it") {
    root.write("README.md", "changed");
    root.write(".git/package-lock.json", "{\"changed\": true}\n");
    CHECK(key_ok("deps", spec) == key);
  }
  SECTION("an anchored glob names only the root file") {
    spec.files = {"/package-lock.json"};
    const std::string anchored = key_ok("deps", spec);
    CHECK(anchored != key);
    root.write("web/package-lock.json", "{\"other\": 1}\n");
    CHECK(key_ok("deps", spec) == anchored);
    root.write("package-lock.json", "{\"other\": 1}\n");
    CHECK(key_ok("deps", spec) != anchored);
  }
  SECTION("the tool's version changes the key") {
    fake_tool(tools, "node", "v22.0.0");
    CHECK(key_ok("deps", spec) != key);
  }
  SECTION("the OS changes the key") {
    tools.write("os-release", "ID=ubuntu\nVERSION_ID=\"24.04\"\n");
    const std::string ubuntu = key_ok("deps", spec);
    CHECK(ubuntu.find("-ubuntu24.04-") != std::string::npos);
    CHECK(ubuntu.substr(ubuntu.size() - 16) != key.substr(key.size() - 16));
  }
  SECTION("no os-release file: just the system name") {
    spec.os_release_path = (tools / "missing").string();
    CHECK(std::regex_match(key_ok("deps", spec), std::regex("deps-" + system + "-[0-9a-f]{16}")));
  }
  SECTION("the name is part of the key") {
    const std::string other = key_ok("npm", spec);
    CHECK(other.rfind("npm-", 0) == 0);
    CHECK(other.substr(other.size() - 16) == key.substr(key.size() - 16));
  }
}

TEST_CASE("cache key: missing inputs are Errors", "[results][cache]") {
  test::TempFolder root;
  root.write("go.sum", "x\n");
  CacheKeySpec spec;
  spec.root = root.path().string();

  SECTION("a listed file that does not exist") {
    spec.files = {"go.sum", "/Cargo.lock"};
    Result<std::string> key = cache_key("deps", spec);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().message.find("\"/Cargo.lock\" matched no file") != std::string::npos);
  }
  SECTION("a glob that matches nothing") {
    spec.files = {"**/*.lock"};
    REQUIRE_FALSE(cache_key("deps", spec).ok());
  }
  SECTION("a path outside the root is not read") {
    test::TempFolder outside;
    outside.write("secret.lock", "s");
    fs::create_directory_symlink(outside.path(), root / "linked");
    spec.files = {"/linked/secret.lock"};
    REQUIRE_FALSE(cache_key("deps", spec).ok());
    spec.files = {"/../" + outside.path().filename().string() + "/secret.lock"};
    REQUIRE_FALSE(cache_key("deps", spec).ok());
  }
  SECTION("a tool that is not installed") {
    spec.tools = {"slipway-no-such-tool-xyz"};
    Result<std::string> key = cache_key("deps", spec);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().message.find("cannot find slipway-no-such-tool-xyz") != std::string::npos);
  }
  SECTION("a tool whose version command fails") {
    test::TempFolder tools;
    const fs::path tool = fake_tool(tools, "tool", "1.0");
    spec.tools = {tool.string() + " -version"};  // written with arguments: run as written, exits 3
    Result<std::string> key = cache_key("deps", spec);
    REQUIRE_FALSE(key.ok());
    CHECK(key.error().message.find("exit code 3") != std::string::npos);
  }
  SECTION("a bad name") {
    spec.files = {"go.sum"};
    for (const char* name : {"", "has space", "a/b", "ünï"}) {
      INFO(name);
      CHECK_FALSE(cache_key(name, spec).ok());
    }
    CHECK(cache_key("Deps_1.x-y", spec).ok());
  }
}

}  // namespace slipway::build::results
