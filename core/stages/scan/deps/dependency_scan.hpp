// The dependency area of the scan stage (`slipway scan --deps`): finds the
// lockfiles of the repository, reads the exact package versions they pin,
// and matches them against OSV advisories read offline from a local cache
// (a folder of OSV JSON records and/or per-ecosystem all.zip archives).
//
// Which lockfiles: by default every lockfile in options.all_files (falling
// back to options.files when all_files is empty), because a new advisory can
// make an unchanged lockfile vulnerable; `scan.deps.scope: selected` limits
// the scan to options.files (the changed-only selection).
//
// Findings: rule id = the advisory id (a GHSA id when the advisory has one,
// else the OSV id), one finding per lockfile, package, version and
// vulnerability (records that alias each other are merged), located at the
// package's line in the lockfile. A lockfile that cannot be read gives a
// `deps/malformed-lockfile` finding at the offending line, or an Error when
// `scan.deps.strict` is true. See docs/scan-deps.md.
#pragma once

#include <ostream>
#include <string>

#include "model/config_schema.hpp"
#include "stages/scan/scan_types.hpp"
#include "util/result.hpp"

namespace slipway::scan::deps {

// Scans the lockfiles chosen by scan.deps.scope against the advisory cache in
// scan.deps.db-dir. Errors: the database is missing (the hint names
// `--update-db` and scan.deps.db-dir), or a malformed lockfile in strict mode.
Result<ScanOutcome> scan_dependencies(const ScanOptions& options);

// Downloads the OSV all.zip of every ecosystem that has a lockfile in the
// repository from scan.deps.db-url into scan.deps.db-dir (one
// `<Ecosystem>/all.zip` each). Each download goes to a temporary file that is
// checked (complete transfer, readable zip) and then renamed over the old
// archive, so a failed or truncated download leaves the old cache intact.
// Progress lines go to `log`; the value is a one-line summary. An Error when
// any ecosystem failed (the others are still updated).
Result<std::string> update_advisory_db(const ScanOptions& options, std::ostream& log);

// The scan.deps.* keys of .slipway.yml.
model::ConfigSchema deps_config_schema();

}  // namespace slipway::scan::deps
