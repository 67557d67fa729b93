// --update-db against real local HTTP servers on 127.0.0.1 (a port the
// kernel picks, read from the server's first output line): python's
// http.server serving zips the test makes fills the cache, a second run is a
// conditional request that downloads nothing, a newer archive replaces the
// old one; a server that closes early, a short (incomplete) zip and a 404
// all leave the old cache intact with no temporary file behind.
#include <sys/stat.h>
#include <utime.h>

#include <catch2/catch.hpp>
#include <cstdlib>
#include <sstream>

#include "deps_test_support.hpp"
#include "lockfile_fixtures.hpp"

namespace slipway::scan::deps {

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Sends a 200 with the full Content-Length of the file but only half of its
// bytes, then closes; handles at most 20 connections and exits.
constexpr const char* k_truncating_server = R"py(
import socket, sys
data = open(sys.argv[1], 'rb').read()
server = socket.socket()
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(('127.0.0.1', 0))
server.listen(8)
print('listening on port', server.getsockname()[1], flush=True)
for _ in range(20):
    connection, _ = server.accept()
    connection.settimeout(10)
    request = b''
    try:
        while b'\r\n\r\n' not in request:
            chunk = connection.recv(4096)
            if not chunk:
                break
            request += chunk
        if request:
            head = b'HTTP/1.1 200 OK\r\nContent-Type: application/zip\r\nContent-Length: %d\r\n\r\n' % len(data)
            connection.sendall(head + data[:len(data) // 2])
    except OSError:
        pass
    connection.close()
)py";

std::string zip_bytes(const fs::path& where, const std::map<std::string, std::string>& members) {
  test::write_zip(where, members);
  return test::read_all(where);
}

std::string lodash_record(const std::string& fixed) {
  return test::osv_record("GHSA-p6mc-m468-83gw", "npm", "lodash",
                          test::range("SEMVER", json::array({{{"introduced", "0"}}, {{"fixed", fixed}}})))
      .dump();
}

void set_mtime(const fs::path& path, time_t when) {
  const struct utimbuf times { when, when };
  REQUIRE(::utime(path.c_str(), &times) == 0);
}

time_t mtime_of(const fs::path& path) {
  struct stat info {};
  REQUIRE(::stat(path.c_str(), &info) == 0);
  return info.st_mtime;
}

std::vector<std::string> leftovers(const fs::path& folder) {
  std::vector<std::string> names;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.path().filename() != "all.zip" && entry.is_regular_file())
      names.push_back(entry.path().string());
  }
  return names;
}

struct NoProxy {
  NoProxy() { ::setenv("no_proxy", "127.0.0.1,localhost", 1); }
};

}  // namespace

TEST_CASE("update-db downloads each present ecosystem's all.zip into the cache", "[deps][update]") {
  NoProxy no_proxy;
  test::Repo repo;
  repo.write("package-lock.json", test::k_package_lock_v3);
  repo.write("py/requirements.txt", "Django==3.2.0\n");
  slipway::test::TempFolder served;
  slipway::test::TempFolder cache;
  const std::string npm_zip =
      zip_bytes(served / "npm/all.zip", {{"GHSA-p6mc-m468-83gw.json", lodash_record("4.17.19")}});
  const std::string pypi_zip = zip_bytes(served / "PyPI/all.zip", {{"README", "no records yet"}});
  set_mtime(served / "npm/all.zip", 1600000000);
  set_mtime(served / "PyPI/all.zip", 1600000000);

  test::ServerProcess server({"python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory",
                              served.path().string()});
  const std::string url = "http://127.0.0.1:" + std::to_string(server.port());
  const model::Config config = test::deps_config(cache.path().string(), {{"scan.deps.db-url", url}});

  std::ostringstream log;
  auto summary = update_advisory_db(test::options_for(repo, config), log);
  INFO(log.str());
  REQUIRE(summary.ok());
  CHECK(summary->find("npm updated") != std::string::npos);
  CHECK(summary->find("PyPI updated") != std::string::npos);
  CHECK(test::read_all(cache / "npm/all.zip") == npm_zip);
  CHECK(test::read_all(cache / "PyPI/all.zip") == pypi_zip);
  CHECK(mtime_of(cache / "npm/all.zip") == 1600000000);  // the server's Last-Modified
  CHECK(leftovers(cache.path()).empty());

  // The downloaded database is what the scan reads.
  auto scanned = scan_dependencies(test::options_for(repo, config));
  REQUIRE(scanned.ok());
  REQUIRE(scanned->findings.size() == 1);
  CHECK(scanned->findings[0].rule_id == "GHSA-p6mc-m468-83gw");

  // Unchanged on the server: a conditional request, nothing rewritten.
  std::ostringstream second_log;
  auto second = update_advisory_db(test::options_for(repo, config), second_log);
  REQUIRE(second.ok());
  CHECK(second->find("npm up to date") != std::string::npos);
  CHECK(second->find("PyPI up to date") != std::string::npos);

  // A newer archive on the server replaces the cached one.
  const std::string newer =
      zip_bytes(served / "npm/all.zip", {{"GHSA-p6mc-m468-83gw.json", lodash_record("4.17.10")}});
  set_mtime(served / "npm/all.zip", 1700000000);
  auto third = update_advisory_db(test::options_for(repo, config), second_log);
  REQUIRE(third.ok());
  CHECK(third->find("npm updated") != std::string::npos);
  CHECK(test::read_all(cache / "npm/all.zip") == newer);
  auto rescanned = scan_dependencies(test::options_for(repo, config));
  REQUIRE(rescanned.ok());
  CHECK(rescanned->findings.empty());  // 4.17.15 is past the new record's fix
}

TEST_CASE("a download that ends early leaves the old cache intact", "[deps][update]") {
  NoProxy no_proxy;
  test::Repo repo;
  repo.write("package-lock.json", test::k_package_lock_v3);
  slipway::test::TempFolder served;
  slipway::test::TempFolder cache;
  const std::string old_zip = zip_bytes(cache / "npm/all.zip", {{"old.json", lodash_record("4.17.19")}});
  set_mtime(cache / "npm/all.zip", 946684800);  // 2000-01-01: anything served is newer
  std::map<std::string, std::string> big;
  for (int i = 0; i < 50; ++i)
    big["r" + std::to_string(i) + ".json"] = lodash_record("1." + std::to_string(i) + ".0");
  const std::string full_zip = zip_bytes(served / "full.zip", big);

  SECTION("the server closes the connection after half of Content-Length") {
    const fs::path script = served / "truncating_server.py";
    std::ofstream(script) << k_truncating_server;
    test::ServerProcess server({"python3", "-u", script.string(), (served / "full.zip").string()});
    const model::Config config = test::deps_config(
        cache.path().string(), {{"scan.deps.db-url", "http://127.0.0.1:" + std::to_string(server.port())}});
    std::ostringstream log;
    auto result = update_advisory_db(test::options_for(repo, config), log);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("npm") != std::string::npos);
    CHECK(result.error().hint.find("unchanged") != std::string::npos);
  }
  SECTION("the server sends a complete response holding half a zip") {
    fs::create_directories(served / "npm");
    std::ofstream(served / "npm/all.zip", std::ios::binary) << full_zip.substr(0, full_zip.size() / 2);
    test::ServerProcess server({"python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                                "--directory", served.path().string()});
    const model::Config config = test::deps_config(
        cache.path().string(), {{"scan.deps.db-url", "http://127.0.0.1:" + std::to_string(server.port())}});
    std::ostringstream log;
    auto result = update_advisory_db(test::options_for(repo, config), log);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("not a complete zip") != std::string::npos);
  }
  SECTION("the server has no archive for the ecosystem (404)") {
    test::ServerProcess server({"python3", "-u", "-m", "http.server", "0", "--bind", "127.0.0.1",
                                "--directory", served.path().string()});
    const model::Config config = test::deps_config(
        cache.path().string(), {{"scan.deps.db-url", "http://127.0.0.1:" + std::to_string(server.port())}});
    std::ostringstream log;
    auto result = update_advisory_db(test::options_for(repo, config), log);
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("404") != std::string::npos);
  }
  CHECK(test::read_all(cache / "npm/all.zip") == old_zip);
  CHECK(leftovers(cache.path()).empty());
  // The old cache still works.
  const model::Config offline = test::deps_config(cache.path().string());
  auto scanned = scan_dependencies(test::options_for(repo, offline));
  REQUIRE(scanned.ok());
  CHECK(scanned->findings.size() == 1);
}

TEST_CASE("update-db without lockfiles downloads nothing", "[deps][update]") {
  test::Repo repo;
  repo.write("README.md", "no lockfiles\n");
  slipway::test::TempFolder cache;
  const model::Config config =
      test::deps_config(cache.path().string(), {{"scan.deps.db-url", "http://127.0.0.1:9/unreachable"}});
  std::ostringstream log;
  auto result = update_advisory_db(test::options_for(repo, config), log);
  REQUIRE(result.ok());
  CHECK(result->find("nothing to download") != std::string::npos);
  CHECK(fs::is_empty(cache.path()));
}

}  // namespace slipway::scan::deps
