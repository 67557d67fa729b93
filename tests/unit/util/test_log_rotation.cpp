#include <catch2/catch.hpp>

#include "temp_folder.hpp"
#include "util/files.hpp"
#include "util/log_rotation.hpp"

using namespace slipway::util;
namespace fs = std::filesystem;

namespace {

std::uintmax_t size_of(const fs::path& path) {
  return fs::file_size(path);
}

}  // namespace

TEST_CASE("a log under the size limit does not rotate", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = (folder / "run.log").string();
  RotatingLog log(path, 1000, 3);
  REQUIRE(log.open().ok());
  log.write(std::string(400, 'a'));
  log.write(std::string(600, 'b'));
  log.close();
  CHECK(size_of(path) == 1000);
  CHECK_FALSE(fs::exists(path + ".1"));
}

TEST_CASE("a write that would pass the limit rotates first", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = (folder / "run.log").string();
  RotatingLog log(path, 1000, 3);
  REQUIRE(log.open().ok());
  log.write(std::string(600, 'a'));
  log.write(std::string(600, 'b'));
  log.close();
  REQUIRE(fs::exists(path + ".1"));
  CHECK(*read_file(path + ".1") == std::string(600, 'a'));
  CHECK(*read_file(path) == std::string(600, 'b'));
}

TEST_CASE("rotation keeps at most `backups` old files, newest first", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = (folder / "run.log").string();
  RotatingLog log(path, 100, 2);
  REQUIRE(log.open().ok());
  for (char c : std::string("abcde")) log.write(std::string(100, c));
  log.close();
  CHECK(*read_file(path) == std::string(100, 'e'));
  CHECK(*read_file(path + ".1") == std::string(100, 'd'));
  CHECK(*read_file(path + ".2") == std::string(100, 'c'));
  CHECK_FALSE(fs::exists(path + ".3"));
}

TEST_CASE("a single write larger than the limit is split, no file passes the limit", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = (folder / "big.log").string();
  RotatingLog log(path, 1000, 5);
  REQUIRE(log.open().ok());
  log.write(std::string(2500, 'x'));
  log.close();
  CHECK(size_of(path + ".2") == 1000);
  CHECK(size_of(path + ".1") == 1000);
  CHECK(size_of(path) == 500);
  CHECK_FALSE(fs::exists(path + ".3"));
}

TEST_CASE("open appends to an existing log and counts its size", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = folder.write("run.log", std::string(900, 'o')).string();
  RotatingLog log(path, 1000, 1);
  REQUIRE(log.open().ok());
  log.write(std::string(50, 'n'));
  CHECK(size_of(path) == 950);
  log.write(std::string(100, 'm'));
  log.close();
  CHECK(size_of(path + ".1") == 950);
  CHECK(*read_file(path) == std::string(100, 'm'));
}

TEST_CASE("zero backups truncates instead of keeping old logs", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const std::string path = (folder / "run.log").string();
  RotatingLog log(path, 10, 0);
  REQUIRE(log.open().ok());
  log.write("0123456789");
  log.write("abc");
  log.close();
  CHECK(*read_file(path) == "abc");
  CHECK_FALSE(fs::exists(path + ".1"));
}

TEST_CASE("open reports a log path that cannot be created", "[log_rotation]") {
  slipway::test::TempFolder folder;
  const auto blocker = folder.write("file", "x");
  RotatingLog log((blocker / "run.log").string(), 1000, 3);
  const auto opened = log.open();
  REQUIRE_FALSE(opened.ok());
  CHECK(opened.error().file == (blocker / "run.log").string());
  log.write("ignored");  // writing to a log that failed to open is a no-op, not a crash
}
