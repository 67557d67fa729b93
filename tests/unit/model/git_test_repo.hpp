// Test helpers for the git-backed model tests: a temporary folder, a
// repository driven through the git command line (with the system and
// global config switched off, so a developer's ~/.gitconfig cannot change
// the outcome) and GitRepo opened on it. Core code never runs processes;
// the tests may, through `sh`.
#pragma once

#include <stdlib.h>  // mkdtemp

#include <array>
#include <catch2/catch.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include "model/git_repo.hpp"

namespace slipway::test {

struct CommandResult {
  int status = 0;
  std::string output;
};

// Runs a shell command, returning its exit status and standard output.
inline CommandResult run(const std::string& command) {
  CommandResult result;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0) result.output.append(buffer.data(), n);
  result.status = pclose(pipe);
  return result;
}

inline std::string quote(const std::string& text) {
  return "'" + text + "'";
}

// Runs a command that must succeed and returns its output without the last newline.
inline std::string sh(const std::string& command) {
  CommandResult result = run(command + " 2>&1");
  INFO(command << "\n" << result.output);
  REQUIRE(result.status == 0);
  while (!result.output.empty() && result.output.back() == '\n') result.output.pop_back();
  return result.output;
}

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "slipway-git-XXXXXX").string();
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    m_path = std::filesystem::canonical(pattern);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
  }
  [[nodiscard]] const std::filesystem::path& path() const { return m_path; }

 private:
  std::filesystem::path m_path;
};

inline const std::string k_git_env = "GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null ";

// A repository in a folder, driven through the git command line.
class TestRepo {
 public:
  explicit TestRepo(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  static TestRepo init(const std::filesystem::path& dir) {
    std::filesystem::create_directories(dir);
    TestRepo repo(dir);
    repo.git("init -q -b main");
    repo.configure();
    return repo;
  }

  void configure() {
    git("config user.name 'Slipway Test'");
    git("config user.email test@example.com");
    git("config commit.gpgsign false");
  }

  std::string git(const std::string& args) const {
    return sh(k_git_env + "git -C " + quote(m_dir) + " " + args);
  }

  void write(const std::string& relative, const std::string& content) const {
    std::filesystem::path file = m_dir / relative;
    std::filesystem::create_directories(file.parent_path());
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out << content;
  }

  void commit_all(const std::string& message) const {
    git("add -A");
    git("commit -q -m " + quote(message));
  }

  [[nodiscard]] const std::filesystem::path& dir() const { return m_dir; }

 private:
  std::filesystem::path m_dir;
};

inline slipway::model::GitRepo open_repo(const std::filesystem::path& dir) {
  auto repo = slipway::model::GitRepo::open(dir.string());
  INFO((repo ? std::string{} : repo.error().to_string()));
  REQUIRE(repo.ok());
  return std::move(repo).value();
}

inline std::string numbered_lines(const std::string& stem, int count) {
  std::string text;
  for (int i = 1; i <= count; ++i) text += stem + " line " + std::to_string(i) + "\n";
  return text;
}

}  // namespace slipway::test
