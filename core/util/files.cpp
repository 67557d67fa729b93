// File helpers: whole-file reads, atomic writes and path containment checks.
//
// Writes go through a temporary file created next to the target (mkstemp in
// the same folder, so the final rename(2) never crosses a file system and is
// atomic), flushed with fsync before the rename: a crash leaves either the old
// file or the new one, never a torn mix. The temporary file is removed on every
// failure path. The POSIX calls are used directly because std::ofstream can
// neither fsync nor create a uniquely named file.
//
// relative_inside() is lexical on purpose: it resolves "." and ".." but does
// not follow symlinks, so the answer does not depend on what is on disk and a
// path the user wrote as "../x" is rejected even when a symlink would make it
// land inside the root.
#include "util/files.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <system_error>
#include <vector>

namespace slipway::util {

namespace {

constexpr std::size_t k_binary_sniff_bytes = 8192;
constexpr fs::perms k_default_new_file_mode =
    fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read;

Error file_error(const fs::path& path, const std::string& what, int error_number) {
  Error error = make_error(what + ": " + std::strerror(error_number));
  error.file = path.string();
  return error;
}

Result<std::string> read_up_to(const fs::path& path, std::size_t max_bytes) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) return file_error(path, "cannot read file", EISDIR);
  errno = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) return file_error(path, "cannot open file for reading", errno != 0 ? errno : ENOENT);
  std::string content;
  std::vector<char> buffer(64 * 1024);
  while (content.size() < max_bytes) {
    const std::size_t want = std::min(buffer.size(), max_bytes - content.size());
    in.read(buffer.data(), static_cast<std::streamsize>(want));
    const std::streamsize got = in.gcount();
    if (got > 0) content.append(buffer.data(), static_cast<std::size_t>(got));
    if (!in) break;
  }
  if (in.bad()) return file_error(path, "cannot read file", errno ? errno : EIO);
  return content;
}

bool write_all(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t written = ::write(fd, data.data(), data.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data.remove_prefix(static_cast<std::size_t>(written));
  }
  return true;
}

// Strips "." and "" components and applies ".." lexically; false when ".."
// would climb above the first component.
bool normalize_components(const fs::path& path, std::vector<std::string>& out) {
  for (const fs::path& part : path.relative_path()) {
    const std::string name = part.string();
    if (name.empty() || name == ".") continue;
    if (name == "..") {
      if (out.empty()) return false;
      out.pop_back();
      continue;
    }
    out.push_back(name);
  }
  return true;
}

}  // namespace

Result<std::string> read_file(const fs::path& path) {
  return read_up_to(path, std::string::npos);
}

Result<std::string> read_file_prefix(const fs::path& path, std::size_t max_bytes) {
  return read_up_to(path, max_bytes);
}

Result<void> write_file_atomic(const fs::path& path, std::string_view content,
                               std::optional<fs::perms> mode) {
  std::error_code ec;
  const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::create_directories(parent, ec);
  if (ec) return file_error(parent, "cannot create folder", ec.value());

  fs::perms final_mode = k_default_new_file_mode;
  if (mode) {
    final_mode = *mode;
  } else {
    const fs::file_status status = fs::status(path, ec);
    if (!ec && fs::exists(status)) final_mode = status.permissions();
  }

  std::string temp_name = (parent / ("." + path.filename().string() + ".tmp.XXXXXX")).string();
  const int fd = ::mkstemp(temp_name.data());
  if (fd < 0) return file_error(path, "cannot create temporary file next to it", errno);

  auto fail = [&](const std::string& what) -> Result<void> {
    const int saved = errno;
    ::close(fd);
    ::unlink(temp_name.c_str());
    return file_error(path, what, saved);
  };
  if (!write_all(fd, content)) return fail("cannot write file");
  // mkstemp creates 0600; fchmod gives the wanted mode regardless of umask.
  if (::fchmod(fd, static_cast<mode_t>(final_mode & fs::perms::mask)) != 0)
    return fail("cannot set file mode");
  if (::fsync(fd) != 0) return fail("cannot flush file to disk");
  if (::close(fd) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    return file_error(path, "cannot write file", saved);
  }
  if (::rename(temp_name.c_str(), path.c_str()) != 0) {
    const int saved = errno;
    ::unlink(temp_name.c_str());
    return file_error(path, "cannot replace file", saved);
  }
  return {};
}

bool looks_binary(std::string_view head) {
  const std::string_view sniffed = head.substr(0, std::min(head.size(), k_binary_sniff_bytes));
  return sniffed.find('\0') != std::string_view::npos;
}

Result<std::string> relative_inside(const fs::path& root, const fs::path& path) {
  std::error_code ec;
  const fs::path absolute_root = fs::absolute(root, ec);
  if (ec) return file_error(root, "cannot resolve folder", ec.value());
  const fs::path absolute_path = path.is_absolute() ? path : absolute_root / path;

  std::vector<std::string> root_parts;
  std::vector<std::string> path_parts;
  const bool path_ok = normalize_components(absolute_path, path_parts);
  if (!normalize_components(absolute_root, root_parts) || !path_ok || path_parts.size() < root_parts.size() ||
      !std::equal(root_parts.begin(), root_parts.end(), path_parts.begin())) {
    Error error = make_error("path lies outside " + root.string(),
                             "use a path inside " + root.string() + " (without \"..\" leading out of it)");
    error.file = path.string();
    return error;
  }
  std::string relative;
  for (std::size_t i = root_parts.size(); i < path_parts.size(); ++i) {
    if (!relative.empty()) relative += '/';
    relative += path_parts[i];
  }
  return relative.empty() ? std::string(".") : relative;
}

fs::path expand_home(const std::string& path) {
  if (path != "~" && !path.starts_with("~/")) return path;
  const char* home = std::getenv("HOME");
  if (home == nullptr || *home == '\0') return path;
  if (path == "~") return fs::path(home);
  return fs::path(home) / path.substr(2);
}

}  // namespace slipway::util
