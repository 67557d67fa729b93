// Test helpers for the artifacts area: a temporary workspace, key pairs
// written by the code under test, real command-line tools run through the
// process runner (sha256sum, openssl), and a watch (inotify) that records
// every open, read and write of files in a folder, to prove that nothing
// outside the workspace is touched.
#pragma once

#include <sys/inotify.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "../../util/temp_folder.hpp"
#include "stages/build/artifacts/build_artifacts.hpp"
#include "util/files.hpp"
#include "util/process_runner.hpp"

namespace slipway::build::test {

namespace fs = std::filesystem;

inline std::string read_text(const fs::path& path) {
  auto text = util::read_file(path);
  REQUIRE(text.ok());
  return *text;
}

inline util::ProcessResult run_tool(const std::vector<std::string>& argv, const fs::path& cwd = {}) {
  util::ProcessSpec spec;
  spec.argv = argv;
  spec.working_directory = cwd.string();
  auto result = util::run_process(spec);
  if (!result.ok()) FAIL("could not run " << argv.front() << ": " << result.error().to_string());
  return std::move(result).value();
}

// A workspace folder inside a temporary folder, with room beside it for
// files "outside the workspace".
class Workspace {
 public:
  Workspace() : m_root(m_temp / "workspace") { fs::create_directories(m_root); }
  [[nodiscard]] const fs::path& root() const { return m_root; }
  [[nodiscard]] const fs::path& temp() const { return m_temp.path(); }
  [[nodiscard]] fs::path artifacts() const { return m_root / ".slipway/artifacts"; }
  fs::path write(const std::string& relative, const std::string& content) const {
    const fs::path file = m_root / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary) << content;
    return file;
  }
  fs::path write_outside(const std::string& relative, const std::string& content) const {
    return m_temp.write(relative, content);
  }
  // Writes a key pair with write_keypair and returns {private, public} paths.
  [[nodiscard]] std::pair<fs::path, fs::path> keys(const std::string& name) const {
    const fs::path private_key = m_temp / ("keys/" + name + ".pem");
    const fs::path public_key = m_temp / ("keys/" + name + ".pub");
    auto written = write_keypair(private_key.string(), public_key.string());
    if (!written.ok()) FAIL(written.error().to_string());
    return {private_key, public_key};
  }

 private:
  slipway::test::TempFolder m_temp;
  fs::path m_root;
};

inline SigningKey load_key(const fs::path& private_key) {
  SigningConfig config;
  config.key_file = private_key.string();
  auto key = load_signing_key(config, {}, "/");
  if (!key.ok()) FAIL(key.error().to_string());
  return std::move(key).value();
}

inline ArtifactSet collect_ok(const Workspace& workspace, const std::vector<std::string>& globs,
                              const ArtifactOptions& options = {}) {
  auto set = collect_artifacts(workspace.root().string(), globs, options);
  if (!set.ok()) FAIL("collect_artifacts failed: " << set.error().to_string());
  return std::move(set).value();
}

inline Error collect_error(const Workspace& workspace, const std::vector<std::string>& globs,
                           const ArtifactOptions& options = {}) {
  auto set = collect_artifacts(workspace.root().string(), globs, options);
  REQUIRE_FALSE(set.ok());
  return set.error();
}

// Every regular file below `folder`, relative path -> content.
inline std::vector<std::pair<std::string, std::string>> tree_contents(const fs::path& folder) {
  std::vector<std::pair<std::string, std::string>> files;
  if (!fs::exists(folder)) return files;
  for (const auto& entry : fs::recursive_directory_iterator(folder)) {
    if (entry.symlink_status().type() == fs::file_type::regular) {
      files.emplace_back(fs::relative(entry.path(), folder).string(), read_text(entry.path()));
    }
  }
  std::sort(files.begin(), files.end());
  return files;
}

// Records file-system events in the watched folders (not below them):
// opens, reads, writes, creations, attribute changes, moves, deletions.
class FolderWatch {
 public:
  FolderWatch() : m_fd(::inotify_init1(IN_NONBLOCK | IN_CLOEXEC)) { REQUIRE(m_fd >= 0); }
  ~FolderWatch() { ::close(m_fd); }
  FolderWatch(const FolderWatch&) = delete;
  FolderWatch& operator=(const FolderWatch&) = delete;

  void watch(const fs::path& folder) {
    const int wd = ::inotify_add_watch(m_fd, folder.c_str(),
                                       IN_OPEN | IN_ACCESS | IN_MODIFY | IN_CREATE | IN_ATTRIB | IN_MOVED_TO |
                                           IN_MOVED_FROM | IN_DELETE | IN_CLOSE_WRITE);
    REQUIRE(wd >= 0);
    m_folders.emplace_back(wd, folder.string());
  }

  // The events since the last call, as "<folder>/<name>: <kinds>".
  std::vector<std::string> events() {
    std::vector<std::string> seen;
    alignas(inotify_event) char buffer[64 * 1024];
    while (true) {
      const ssize_t got = ::read(m_fd, buffer, sizeof buffer);
      if (got <= 0) break;
      for (char* at = buffer; at < buffer + got;) {
        const auto* event = reinterpret_cast<const inotify_event*>(at);
        std::string where;
        for (const auto& [wd, folder] : m_folders) {
          if (wd == event->wd) where = folder;
        }
        std::ostringstream line;
        line << where << "/" << (event->len > 0 ? event->name : "") << ": mask " << std::hex << event->mask;
        seen.push_back(line.str());
        at += sizeof(inotify_event) + event->len;
      }
    }
    return seen;
  }

 private:
  int m_fd;
  std::vector<std::pair<int, std::string>> m_folders;
};

}  // namespace slipway::build::test
