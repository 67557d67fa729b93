// Test helpers for the deps area: a temporary repository of lockfiles, an
// OSV record builder, zip archives made with libarchive, a configuration
// holding only the scan.deps keys, and a child process (a local HTTP server)
// whose first output line tells the port it listens on.
#pragma once

#include <archive.h>
#include <archive_entry.h>
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "../../util/temp_folder.hpp"
#include "model/config.hpp"
#include "stages/scan/deps/dependency_scan.hpp"

extern char** environ;

namespace slipway::scan::deps::test {

namespace fs = std::filesystem;

// A folder with files written by the test; `relative_files()` lists them.
class Repo {
 public:
  void write(const std::string& name, const std::string& content) {
    m_folder.write(name, content);
    m_files.push_back(name);
  }
  [[nodiscard]] const fs::path& root() const { return m_folder.path(); }
  [[nodiscard]] const std::vector<std::string>& relative_files() const { return m_files; }

 private:
  slipway::test::TempFolder m_folder;
  std::vector<std::string> m_files;
};

// The 1-based number of the first line of `text` containing `needle` (0 when none).
inline int line_of(const std::string& text, const std::string& needle) {
  std::istringstream in(text);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (line.find(needle) != std::string::npos) return number;
  }
  return 0;
}

// A configuration of the deps keys only, with db-dir set.
inline model::Config deps_config(const std::string& db_dir,
                                 const std::map<std::string, std::string>& more = {}) {
  model::Config config(deps_config_schema());
  REQUIRE(config.apply_flag("scan.deps.db-dir", db_dir, "--db-dir").ok());
  for (const auto& [key, value] : more) REQUIRE(config.apply_flag(key, value, "--" + key).ok());
  return config;
}

inline ScanOptions options_for(const Repo& repo, const model::Config& config) {
  ScanOptions options;
  options.root = repo.root().string();
  options.files = repo.relative_files();
  options.all_files = repo.relative_files();
  options.config = &config;
  return options;
}

// An OSV record: id, one affected package with ranges and/or versions.
inline nlohmann::json osv_record(const std::string& id, const std::string& ecosystem, const std::string& name,
                                 const nlohmann::json& ranges,
                                 const nlohmann::json& versions = nlohmann::json::array()) {
  nlohmann::json record = {{"schema_version", "1.6.0"},
                           {"id", id},
                           {"modified", "2024-01-01T00:00:00Z"},
                           {"summary", "Test advisory " + id},
                           {"affected", nlohmann::json::array()}};
  nlohmann::json affected = {{"package", {{"ecosystem", ecosystem}, {"name", name}}}};
  if (!ranges.empty()) affected["ranges"] = ranges;
  if (!versions.empty()) affected["versions"] = versions;
  record["affected"].push_back(affected);
  return record;
}

inline nlohmann::json range(const std::string& type, const nlohmann::json& events) {
  return nlohmann::json::array({{{"type", type}, {"events", events}}});
}

// Writes a zip archive holding `members` (name -> content) with libarchive.
inline void write_zip(const fs::path& path, const std::map<std::string, std::string>& members) {
  fs::create_directories(path.parent_path());
  archive* writer = archive_write_new();
  REQUIRE(archive_write_set_format_zip(writer) == ARCHIVE_OK);
  REQUIRE(archive_write_open_filename(writer, path.c_str()) == ARCHIVE_OK);
  for (const auto& [name, content] : members) {
    archive_entry* entry = archive_entry_new();
    archive_entry_set_pathname(entry, name.c_str());
    archive_entry_set_size(entry, static_cast<la_int64_t>(content.size()));
    archive_entry_set_filetype(entry, AE_IFREG);
    archive_entry_set_perm(entry, 0644);
    REQUIRE(archive_write_header(writer, entry) == ARCHIVE_OK);
    REQUIRE(archive_write_data(writer, content.data(), content.size()) ==
            static_cast<la_ssize_t>(content.size()));
    archive_entry_free(entry);
  }
  REQUIRE(archive_write_close(writer) == ARCHIVE_OK);
  archive_write_free(writer);
}

inline std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A child process started with posix_spawnp, stdout to a pipe, stderr to
// /dev/null. port() waits (up to 30 s, on the pipe, without sleeping) for an
// output line with "port N" and then checks that the port accepts a
// connection. The destructor stops the child (SIGTERM to its pid) and reaps it.
class ServerProcess {
 public:
  explicit ServerProcess(const std::vector<std::string>& argv) {
    int fds[2];
    REQUIRE(::pipe(fds) == 0);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, fds[1], STDOUT_FILENO);
    posix_spawn_file_actions_addclose(&actions, fds[0]);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    std::vector<char*> args;
    for (const std::string& arg : argv) args.push_back(const_cast<char*>(arg.c_str()));
    args.push_back(nullptr);
    const int spawned = ::posix_spawnp(&m_pid, args[0], &actions, nullptr, args.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    ::close(fds[1]);
    m_out = fds[0];
    REQUIRE(spawned == 0);
  }
  ~ServerProcess() {
    if (m_pid > 0) {
      ::kill(m_pid, SIGTERM);
      int status = 0;
      ::waitpid(m_pid, &status, 0);
    }
    if (m_out >= 0) ::close(m_out);
  }
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() {
    std::string output;
    while (true) {
      const std::size_t at = output.find("port ");
      if (at != std::string::npos) {
        const std::size_t end = output.find_first_not_of("0123456789", at + 5);
        if (end != std::string::npos && end > at + 5) {
          const int port = std::stoi(output.substr(at + 5, end - at - 5));
          REQUIRE(accepts_connections(port));
          return port;
        }
      }
      pollfd wait_for{m_out, POLLIN, 0};
      REQUIRE(::poll(&wait_for, 1, 30000) == 1);
      char buffer[256];
      const ssize_t got = ::read(m_out, buffer, sizeof buffer);
      REQUIRE(got > 0);
      output.append(buffer, static_cast<std::size_t>(got));
    }
  }

 private:
  pid_t m_pid = -1;
  int m_out = -1;

  static bool accepts_connections(int port) {
    const int socket_fd = ::socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(static_cast<std::uint16_t>(port));
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    const bool ok = ::connect(socket_fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
    ::close(socket_fd);
    return ok;
  }
};

}  // namespace slipway::scan::deps::test
