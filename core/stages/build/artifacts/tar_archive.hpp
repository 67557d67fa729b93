// Packing artifacts into one reproducible tar.gz with libarchive.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "stages/build/artifacts/workspace_files.hpp"
#include "util/result.hpp"

namespace slipway::build::artifacts {

// Writes `files` (root-relative, read through open_workspace_file) into a
// new gzip-compressed POSIX tar at `output_path`. The bytes depend only on
// the files' paths, contents and executable bits: entries in the given
// order, every mtime `mtime`, uid/gid 0 without names, modes 0644/0755, no
// timestamp in the gzip header.
Result<void> write_tar_gz(int root_fd, const std::vector<WorkspaceFile>& files, std::int64_t mtime,
                          const std::string& output_path);

}  // namespace slipway::build::artifacts
