// Tests of the SHA256SUMS writer and parser (checksums.cpp), including the
// escaped form coreutils uses for names with a backslash, LF or CR.
#include "artifacts_test_support.hpp"
#include "stages/build/artifacts/checksums.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::build::artifacts;
using slipway::build::test::run_tool;
using slipway::build::test::Workspace;

TEST_CASE("checksum lines match sha256sum for plain and escaped names", "[artifacts][checksums]") {
  Workspace workspace;
  for (const std::string name :
       {"plain.txt", "two  spaces", "back\\slash", "carriage\rreturn", "line\nfeed"}) {
    workspace.write_outside("sums/" + name, "content of " + name);
    const util::ProcessResult expected = run_tool({"sha256sum", "--", name}, workspace.temp() / "sums");
    REQUIRE(expected.exit_code == 0);
    CHECK(checksum_line(util::sha256_hex("content of " + name), name) == expected.stdout_text);
  }
}

TEST_CASE("parse_checksums reads what checksum_line writes, and sha256sum -b output",
          "[artifacts][checksums]") {
  const std::string sha(64, 'a');
  const std::string text = checksum_line(sha, "app") + checksum_line(sha, "odd\\name\nx") + "\n" +
                           std::string(64, 'B') + " *binary.bin\r\n";
  auto entries = parse_checksums(text, "SHA256SUMS");
  REQUIRE(entries.ok());
  REQUIRE(entries->size() == 3);
  CHECK((*entries)[0].name == "app");
  CHECK((*entries)[1].name == "odd\\name\nx");
  CHECK((*entries)[2].name == "binary.bin");
  CHECK((*entries)[2].sha256 == std::string(64, 'b'));
  CHECK((*entries)[2].line == 4);
}

TEST_CASE("malformed checksum lines are errors with the line", "[artifacts][checksums]") {
  const std::string sha(64, '0');
  for (const std::string& bad : {std::string("abc  app"), std::string(64, 'g') + "  app", sha + " app",
                                 sha + "  ", "\\" + sha + "  bad\\qescape"}) {
    auto entries = parse_checksums(sha + "  ok\n" + bad + "\n", "SUMS");
    REQUIRE_FALSE(entries.ok());
    CHECK(entries.error().file == "SUMS");
    CHECK(entries.error().line == 2);
  }
}
