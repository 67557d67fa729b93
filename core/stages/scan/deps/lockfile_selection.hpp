// Which lockfiles a run looks at: the repository's files (or only the
// selected ones with scan.deps.scope: selected) whose names are lockfiles,
// minus scan.deps.exclude, and minus a go.sum that has a go.mod beside it
// (go.mod is then the source of truth). Sorted by path.
#pragma once

#include <string>
#include <vector>

#include "stages/scan/deps/deps_settings.hpp"
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "stages/scan/scan_types.hpp"

namespace slipway::scan::deps {

struct SelectedLockfile {
  std::string path;  // repository-relative
  LockfileKind kind;
};

std::vector<SelectedLockfile> select_lockfiles(const ScanOptions& options, const DepsSettings& settings);

}  // namespace slipway::scan::deps
