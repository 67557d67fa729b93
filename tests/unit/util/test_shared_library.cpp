// Tests of util/shared_library: a library opened by soname on first use,
// its functions found by name, and the errors that say what to install.
#include <catch2/catch.hpp>
#include <string>

#include "util/shared_library.hpp"

using slipway::util::SharedLibrary;

TEST_CASE("a library opened by soname gives the functions it exports", "[util][shared_library]") {
  // zlib is there wherever libgit2 is.
  auto zlib = SharedLibrary::open("libz.so.1", "zlib1g");
  REQUIRE(zlib.ok());
  auto found = zlib->symbol("zlibVersion");
  REQUIRE(found.ok());
  auto zlib_version = reinterpret_cast<const char* (*)()>(*found);
  const std::string version = zlib_version();
  CHECK(version.substr(0, 2) == "1.");

  auto missing = zlib->symbol("no_such_function_in_zlib");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().message.find("libz.so.1 has no no_such_function_in_zlib") != std::string::npos);
  CHECK(missing.error().hint.find("zlib1g") != std::string::npos);
}

TEST_CASE("a library that is not installed is an error naming the package", "[util][shared_library]") {
  auto absent = SharedLibrary::open("libslipway-not-installed.so.7", "libslipway-example7");
  REQUIRE_FALSE(absent.ok());
  CHECK(absent.error().message.find("cannot load libslipway-not-installed.so.7") != std::string::npos);
  CHECK(absent.error().hint == "install it: apt-get install libslipway-example7");
}
