// The names artifacts get in .slipway/artifacts/, and the names Slipway
// keeps for its own files there (SHA256SUMS, the provenance, signatures).
#pragma once

#include <map>
#include <string>
#include <vector>

#include "stages/build/artifacts/workspace_files.hpp"
#include "util/result.hpp"

namespace slipway::build::artifacts {

// A usable archive name: a plain file name, not one of Slipway's own.
Result<void> check_archive_name(const std::string& name);

// Output name -> the workspace file it comes from (its base name). Errors:
// two files with the same base name, a name Slipway uses itself, and (when
// `signed_output`) an artifact that another artifact's signature would
// overwrite.
Result<std::map<std::string, std::string>> flat_output_names(const std::vector<WorkspaceFile>& files,
                                                             bool signed_output);

}  // namespace slipway::build::artifacts
