// Lockfile selection (see lockfile_selection.hpp).
#include "stages/scan/deps/lockfile_selection.hpp"

#include <algorithm>
#include <set>

#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

std::vector<SelectedLockfile> select_lockfiles(const ScanOptions& options, const DepsSettings& settings) {
  const std::vector<std::string>& files =
      settings.selected_only || options.all_files.empty() ? options.files : options.all_files;
  std::set<std::string> go_mod_folders;
  for (const std::string& file : files) {
    if (file == "go.mod" || util::ends_with(file, "/go.mod"))
      go_mod_folders.insert(file.substr(0, file.size() - 6));
  }
  std::vector<SelectedLockfile> selected;
  std::set<std::string> seen;
  for (const std::string& file : files) {
    const auto kind = lockfile_kind(file);
    if (!kind || util::glob_match_any(settings.exclude, file) || !seen.insert(file).second) continue;
    if (kind->format == "go.sum" && go_mod_folders.count(file.substr(0, file.size() - 6)) > 0) continue;
    selected.push_back(SelectedLockfile{file, *kind});
  }
  std::sort(selected.begin(), selected.end(),
            [](const SelectedLockfile& a, const SelectedLockfile& b) { return a.path < b.path; });
  return selected;
}

}  // namespace slipway::scan::deps
