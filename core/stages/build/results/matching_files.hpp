// Finding the files a user's globs name (build.junit, build.cache.<name>.files)
// below the repository root, with the glob meaning of util/glob.hpp.
#pragma once

#include <string>
#include <vector>

#include "util/result.hpp"

namespace slipway::build::results {

// Regular files below `root` whose root-relative path ('/' separated) matches
// one of `globs`, sorted. `.git` folders are not entered; symbolic links are
// neither followed nor listed (nothing outside the root is read through
// them); the files in `exclude` (any path form) are left out. When every glob
// is a plain anchored path ("/go.sum", "web/package-lock.json") the files are
// looked up directly instead of walking the tree.
Result<std::vector<std::string>> matching_files(const std::string& root,
                                                const std::vector<std::string>& globs,
                                                const std::vector<std::string>& exclude = {});

// The glob with any leading "./" removed (paths are matched root-relative).
std::string normalize_glob(std::string glob);

}  // namespace slipway::build::results
