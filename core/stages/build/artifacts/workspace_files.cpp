// The artifact walk: which workspace files the globs select, with every
// symlink and special file refused rather than followed or read.
//
// The walk opens each folder relative to its parent's descriptor with
// O_NOFOLLOW and inspects entries with fstatat(AT_SYMLINK_NOFOLLOW), so a
// folder replaced by a symlink between two calls is refused instead of
// followed; the later reads reopen the path the same way, component by
// component. Folders no glob can reach are not entered at all (a glob such
// as "dist/*.tar.gz" never walks node_modules/), except that globs without a
// '/' ("*.whl") match a file name in any folder and so need the whole tree.
//
// A symlink is an error when a glob matches it, when it sits on the literal
// folder path of a glob ("out/app" with "out" a symlink) or when it is the
// folder a "dir/" glob names. Symlinks only a wildcard could reach are not
// followed and not reported: following them is exactly what must not happen,
// and failing on every symlink in the tree would make "*.whl" unusable.
#include "stages/build/artifacts/workspace_files.hpp"

#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::build::artifacts {

namespace {

constexpr int k_folder_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

Error path_error(const std::string& path, std::string message, std::string hint = {}) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = path;
  return error;
}

Error symlink_error(const std::string& path) {
  return path_error(path, "is a symlink; build.artifacts never follows symlinks",
                    "list the file it points to instead (when that is inside the workspace), or copy it "
                    "into the workspace in a build step");
}

bool has_wildcard(std::string_view segment) {
  return segment.find_first_of("*?[\\") != std::string_view::npos;
}

// A glob taken apart: its body without a leading '/' (anchor) or trailing
// '/' (folder glob), and whether it matches at any depth (no '/' inside).
struct GlobShape {
  std::string body;
  bool folder_only = false;
  bool any_depth = false;
};

GlobShape shape_of(std::string pattern) {
  GlobShape shape;
  while (!pattern.empty() && pattern.back() == '/') {
    pattern.pop_back();
    shape.folder_only = true;
  }
  const bool anchored = !pattern.empty() && pattern.front() == '/';
  if (anchored) pattern.erase(0, 1);
  shape.any_depth = !anchored && pattern.find('/') == std::string::npos;
  shape.body = std::move(pattern);
  return shape;
}

// Whether something below the folder `dir` could match `pattern`.
bool could_match_below(const std::string& pattern, const std::string& dir) {
  const GlobShape shape = shape_of(pattern);
  if (shape.any_depth) return true;  // a file or folder name in any folder
  const std::vector<std::string> pattern_parts = util::split(shape.body, '/');
  const std::vector<std::string> dir_parts = util::split(dir, '/');
  for (std::size_t i = 0; i < dir_parts.size(); ++i) {
    if (i >= pattern_parts.size()) return shape.folder_only;
    if (pattern_parts[i].find("**") != std::string::npos) return true;
    if (!util::glob_match(pattern_parts[i], dir_parts[i])) return false;
  }
  return true;
}

// The folders a glob names literally before its first wildcard segment:
// "a/b/*.tgz" -> {"a", "a/b"}; "dist/" -> {"dist"}.
std::vector<std::string> literal_folders(const std::string& pattern) {
  const GlobShape shape = shape_of(pattern);
  if (shape.any_depth && !shape.folder_only) return {};
  std::vector<std::string> parts = util::split(shape.body, '/');
  if (!shape.folder_only) parts.pop_back();
  std::vector<std::string> folders;
  std::string prefix;
  for (const std::string& part : parts) {
    if (part.empty() || has_wildcard(part)) break;
    prefix += prefix.empty() ? part : "/" + part;
    folders.push_back(prefix);
  }
  return folders;
}

const char* special_kind(mode_t mode) {
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISSOCK(mode)) return "a socket";
  if (S_ISCHR(mode)) return "a character device";
  if (S_ISBLK(mode)) return "a block device";
  return "not a regular file";
}

class Walker {
 public:
  Walker(const std::vector<std::string>& globs, const std::vector<std::string>& skip_prefixes)
      : m_globs(globs), m_skip(skip_prefixes), m_used(globs.size(), false) {
    for (const std::string& glob : globs) {
      for (std::string& folder : literal_folders(glob)) m_literal_folders.insert(std::move(folder));
    }
  }

  Result<void> walk(int dir_fd, const std::string& prefix, const std::vector<std::size_t>& active) {
    auto names = list_names(dir_fd, prefix);
    if (!names.ok()) return names.error();
    for (const std::string& name : *names) {
      const std::string path = prefix.empty() ? name : prefix + "/" + name;
      if (name == ".git" || skipped(path)) continue;
      std::vector<std::size_t> matching = active;
      for (std::size_t i = 0; i < m_globs.size(); ++i) {
        if (util::glob_match(m_globs[i], path)) matching.push_back(i);
      }
      const bool matched = !matching.empty();

      struct stat st {};
      if (::fstatat(dir_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) != 0) {
        if (!matched) continue;  // vanished meanwhile and not wanted
        return path_error(path, std::string("cannot inspect: ") + std::strerror(errno));
      }
      if (S_ISLNK(st.st_mode)) {
        if (matched || blocks_a_glob(path)) return symlink_error(path);
      } else if (S_ISDIR(st.st_mode)) {
        if (!matched && !could_reach_below(path)) continue;
        UniqueFd child(::openat(dir_fd, name.c_str(), k_folder_flags));
        if (!child.valid()) {
          if (errno == ELOOP || errno == ENOTDIR) return symlink_error(path);
          if (!matched && errno == EACCES) continue;  // only a wildcard could have looked inside
          return path_error(path, std::string("cannot open folder: ") + std::strerror(errno));
        }
        if (auto walked = walk(child.get(), path, matching); !walked.ok()) return walked;
      } else if (S_ISREG(st.st_mode)) {
        if (!matched) continue;
        m_files.push_back(WorkspaceFile{path, (st.st_mode & S_IXUSR) != 0});
        for (const std::size_t i : matching) m_used[i] = true;
      } else if (matched) {
        return path_error(path, std::string("is ") + special_kind(st.st_mode) + ", not a regular file",
                          "build.artifacts takes regular files and folders only");
      }
    }
    return {};
  }

  Result<std::vector<WorkspaceFile>> result() {
    for (std::size_t i = 0; i < m_globs.size(); ++i) {
      if (!m_used[i]) {
        return make_error("build.artifacts pattern \"" + m_globs[i] + "\" matched no file",
                          "check the path (relative to the workspace root) and the step that should "
                          "produce it; symlinked folders are not followed");
      }
    }
    std::sort(m_files.begin(), m_files.end(),
              [](const WorkspaceFile& a, const WorkspaceFile& b) { return a.path < b.path; });
    return std::move(m_files);
  }

 private:
  static Result<std::vector<std::string>> list_names(int dir_fd, const std::string& prefix) {
    const int listing_fd = ::dup(dir_fd);
    DIR* dir = listing_fd >= 0 ? ::fdopendir(listing_fd) : nullptr;
    if (dir == nullptr) {
      const int saved = errno;
      if (listing_fd >= 0) ::close(listing_fd);
      return path_error(prefix.empty() ? "." : prefix,
                        std::string("cannot list folder: ") + std::strerror(saved));
    }
    std::vector<std::string> names;
    while (const dirent* entry = ::readdir(dir)) {
      const std::string_view name = entry->d_name;
      if (name != "." && name != "..") names.emplace_back(name);
    }
    ::closedir(dir);
    std::sort(names.begin(), names.end());
    return names;
  }

  [[nodiscard]] bool skipped(const std::string& path) const {
    return std::any_of(m_skip.begin(), m_skip.end(),
                       [&](const std::string& prefix) { return util::starts_with(path, prefix); });
  }

  [[nodiscard]] bool could_reach_below(const std::string& dir) const {
    return std::any_of(m_globs.begin(), m_globs.end(),
                       [&](const std::string& glob) { return could_match_below(glob, dir); });
  }

  [[nodiscard]] bool blocks_a_glob(const std::string& path) const {
    if (m_literal_folders.count(path) != 0) return true;
    return std::any_of(m_globs.begin(), m_globs.end(), [&](const std::string& glob) {
      return util::ends_with(glob, "/") && util::glob_match(glob, path + "/x");
    });
  }

  const std::vector<std::string>& m_globs;
  const std::vector<std::string>& m_skip;
  std::vector<bool> m_used;
  std::set<std::string> m_literal_folders;
  std::vector<WorkspaceFile> m_files;
};

}  // namespace

UniqueFd& UniqueFd::operator=(UniqueFd&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = other.release();
  }
  return *this;
}

UniqueFd::~UniqueFd() {
  if (m_fd >= 0) ::close(m_fd);
}

int UniqueFd::release() {
  const int fd = m_fd;
  m_fd = -1;
  return fd;
}

Result<std::vector<std::string>> check_artifact_globs(const std::vector<std::string>& globs) {
  std::vector<std::string> checked;
  for (const std::string& glob : globs) {
    std::string_view pattern = util::trim(glob);
    auto refuse = [&](const std::string& why) -> Error {
      return make_error("build.artifacts pattern \"" + glob + "\" " + why,
                        "write globs relative to the workspace root, e.g. \"dist/*.tar.gz\"");
    };
    if (pattern.empty()) return refuse("is empty");
    if (pattern.front() == '/') {
      return make_error("build.artifacts pattern \"" + glob +
                            "\" is an absolute path; artifacts must come from "
                            "the workspace",
                        "write globs relative to the workspace root, e.g. \"dist/*.tar.gz\" (\"./app\" "
                        "takes only the app at the root, \"app\" any file named app)");
    }
    const bool rooted = util::starts_with(pattern, "./");
    while (util::starts_with(pattern, "./")) pattern.remove_prefix(2);
    for (const std::string& segment : util::split(pattern, '/')) {
      if (segment == "..") return refuse("leads outside the workspace (\"..\")");
    }
    if (pattern.empty() || pattern == ".") return refuse("names no file (use \"**\" for every file)");
    // "./name" anchors a bare name at the root; util::glob_match spells that "/name".
    const GlobShape shape = shape_of(std::string(pattern));
    checked.push_back(rooted && shape.any_depth ? "/" + std::string(pattern) : std::string(pattern));
  }
  return checked;
}

Result<std::vector<WorkspaceFile>> find_artifact_files(int root_fd, const std::vector<std::string>& globs,
                                                       const std::vector<std::string>& skip_prefixes) {
  Walker walker(globs, skip_prefixes);
  if (auto walked = walker.walk(root_fd, "", {}); !walked.ok()) return walked.error();
  return walker.result();
}

Result<UniqueFd> open_workspace_file(int root_fd, const std::string& relative, std::uint64_t& size) {
  const std::vector<std::string> parts = util::split(relative, '/');
  UniqueFd folder;
  int current = root_fd;
  std::string walked;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    const std::string& part = parts[i];
    walked += walked.empty() ? part : "/" + part;
    if (part.empty() || part == "." || part == "..")
      return path_error(relative, "is not a plain workspace path");
    const bool last = i + 1 == parts.size();
    const int flags = last ? (O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC) : k_folder_flags;
    UniqueFd next(::openat(current, part.c_str(), flags));
    if (!next.valid()) {
      const int saved = errno;
      struct stat st {};
      if (::fstatat(current, part.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0 && S_ISLNK(st.st_mode)) {
        return symlink_error(walked);
      }
      return path_error(relative, std::string("cannot open: ") + std::strerror(saved));
    }
    if (last) {
      struct stat st {};
      if (::fstat(next.get(), &st) != 0) {
        return path_error(relative, std::string("cannot inspect: ") + std::strerror(errno));
      }
      if (!S_ISREG(st.st_mode)) return path_error(relative, std::string("is ") + special_kind(st.st_mode));
      size = static_cast<std::uint64_t>(st.st_size);
      return next;
    }
    folder = std::move(next);
    current = folder.get();
  }
  return path_error(relative, "is not a plain workspace path");
}

}  // namespace slipway::build::artifacts
