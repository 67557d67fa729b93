// The folder walk behind build.junit and build.cache.<name>.files.
#include "stages/build/results/matching_files.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <set>
#include <system_error>

#include "util/glob.hpp"

namespace slipway::build::results {

namespace fs = std::filesystem;

namespace {

// The root-relative path a glob names when it has no wildcard and is
// anchored (contains a '/' before its end); nullopt otherwise.
std::optional<std::string> literal_path(const std::string& glob) {
  if (glob.find_first_of("*?[\\") != std::string::npos) return std::nullopt;
  std::string path = glob;
  if (path.starts_with('/')) {
    path.erase(0, 1);
  } else if (path.find('/') == std::string::npos) {
    return std::nullopt;  // a bare name matches in every folder
  }
  if (path.empty() || path.ends_with('/')) return std::nullopt;
  return path;
}

std::string normal_form(const std::string& path) {
  std::error_code ec;
  const fs::path absolute = fs::absolute(path, ec);
  return (ec ? fs::path(path) : absolute).lexically_normal().string();
}

bool inside(const fs::path& real_root, const fs::path& real) {
  const fs::path relative = real.lexically_relative(real_root);
  return !relative.empty() && *relative.begin() != "..";
}

}  // namespace

std::string normalize_glob(std::string glob) {
  while (glob.starts_with("./")) glob.erase(0, 2);
  return glob;
}

Result<std::vector<std::string>> matching_files(const std::string& root,
                                                const std::vector<std::string>& raw_globs,
                                                const std::vector<std::string>& exclude) {
  std::vector<std::string> globs;
  for (const std::string& glob : raw_globs) globs.push_back(normalize_glob(glob));
  std::set<std::string> excluded;
  for (const std::string& path : exclude) excluded.insert(normal_form(path));
  const fs::path base(root.empty() ? "." : root);
  const auto wanted = [&](const fs::path& file) { return excluded.count(normal_form(file.string())) == 0; };

  std::vector<std::string> found;
  std::vector<std::string> literals;
  for (const std::string& glob : globs) {
    if (std::optional<std::string> path = literal_path(glob)) literals.push_back(std::move(*path));
  }
  std::error_code ec;
  if (literals.size() == globs.size()) {
    const fs::path real_root = fs::canonical(base, ec);
    if (ec) return Error{"cannot open the folder: " + ec.message(), root, 0, 0, {}};
    for (const std::string& path : literals) {
      // A symlinked folder on the way could lead outside the root: compare real paths.
      const fs::file_status status = fs::symlink_status(base / path, ec);
      if (ec || !fs::is_regular_file(status)) continue;
      const fs::path real = fs::canonical(base / path, ec);
      if (ec || !inside(real_root, real) || !wanted(base / path)) continue;
      found.push_back(fs::path(path).lexically_normal().generic_string());
    }
  } else {
    fs::recursive_directory_iterator it(base, fs::directory_options::skip_permission_denied, ec);
    if (ec) return Error{"cannot list the folder: " + ec.message(), root, 0, 0, {}};
    const fs::recursive_directory_iterator end;
    while (it != end) {
      const fs::directory_entry& entry = *it;
      std::error_code entry_ec;
      const bool is_link = entry.is_symlink(entry_ec);
      if (!is_link && entry.is_directory(entry_ec)) {
        if (entry.path().filename() == ".git") it.disable_recursion_pending();
      } else if (!is_link && entry.is_regular_file(entry_ec)) {
        std::string relative = entry.path().lexically_relative(base).generic_string();
        if (util::glob_match_any(globs, relative) && wanted(entry.path()))
          found.push_back(std::move(relative));
      }
      it.increment(ec);
      if (ec) return Error{"cannot list the folder: " + ec.message(), root, 0, 0, {}};
    }
  }
  std::sort(found.begin(), found.end());
  found.erase(std::unique(found.begin(), found.end()), found.end());
  return found;
}

}  // namespace slipway::build::results
