// Finding the files `build.artifacts` names, and opening them, without ever
// leaving the workspace: globs are checked before use, the folder walk and
// every open go through file descriptors with O_NOFOLLOW, so neither a
// symlink nor a folder swapped for one can lead a read outside the root.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace slipway::build::artifacts {

// An owned file descriptor.
class UniqueFd {
 public:
  UniqueFd() = default;
  explicit UniqueFd(int fd) : m_fd(fd) {}
  UniqueFd(UniqueFd&& other) noexcept : m_fd(other.release()) {}
  UniqueFd& operator=(UniqueFd&& other) noexcept;
  UniqueFd(const UniqueFd&) = delete;
  UniqueFd& operator=(const UniqueFd&) = delete;
  ~UniqueFd();
  [[nodiscard]] int get() const { return m_fd; }
  [[nodiscard]] bool valid() const { return m_fd >= 0; }
  int release();

 private:
  int m_fd = -1;
};

// Checks the globs: none may be absolute or contain a ".." segment. Returns
// them in util::glob_match form: a leading "./" removed, and a bare name
// written "./name" (only at the root) turned into "/name".
Result<std::vector<std::string>> check_artifact_globs(const std::vector<std::string>& globs);

struct WorkspaceFile {
  std::string path;  // relative to the root, '/' separated
  bool executable = false;
};

// Walks the folder open as `root_fd` and returns the regular files the globs
// match (a glob matching a folder takes everything below it), sorted by
// path. ".git" folders and paths under `skip_prefixes` are left out. Errors
// (naming the path or glob): a matched symlink or a symlink on a glob's
// literal folder path, a matched special file, a glob matching no file.
Result<std::vector<WorkspaceFile>> find_artifact_files(int root_fd, const std::vector<std::string>& globs,
                                                       const std::vector<std::string>& skip_prefixes);

// Opens a root-relative path for reading, refusing a symlink at any component
// and anything but a regular file. `size` receives the file's size.
Result<UniqueFd> open_workspace_file(int root_fd, const std::string& relative, std::uint64_t& size);

}  // namespace slipway::build::artifacts
