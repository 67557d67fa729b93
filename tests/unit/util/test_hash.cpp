#include <catch2/catch.hpp>

#include "temp_folder.hpp"
#include "util/hash.hpp"

using namespace slipway::util;

TEST_CASE("sha256_hex matches the FIPS 180-2 test vectors", "[hash]") {
  CHECK(sha256_hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(sha256_hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(sha256_hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq") ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

TEST_CASE("sha256_file_hex hashes files larger than one read chunk", "[hash]") {
  slipway::test::TempFolder folder;
  const auto file = folder.write("million-a", std::string(1000000, 'a'));
  const auto hash = sha256_file_hex(file);
  REQUIRE(hash.ok());
  CHECK(*hash == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

  const auto empty = sha256_file_hex(folder.write("empty", ""));
  REQUIRE(empty.ok());
  CHECK(*empty == sha256_hex(""));
}

TEST_CASE("sha256_file_hex reports a missing file or a folder", "[hash]") {
  slipway::test::TempFolder folder;
  const auto missing = sha256_file_hex(folder / "nope");
  REQUIRE_FALSE(missing.ok());
  CHECK(missing.error().file == (folder / "nope").string());
  CHECK_FALSE(sha256_file_hex(folder.path()).ok());
}
