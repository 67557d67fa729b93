// File helpers: reading whole files, writing them atomically (temp file in the
// same folder, then rename, so a reader never sees half a file and a failure
// never destroys the old one), and path checks against a root folder.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::util {

namespace fs = std::filesystem;

Result<std::string> read_file(const fs::path& path);
// Reads at most `max_bytes` (for sniffing binary content and large files).
Result<std::string> read_file_prefix(const fs::path& path, std::size_t max_bytes);

// Writes `content` to `path` atomically. When `mode` is given the file gets
// that permission set; otherwise an existing file's mode is kept (0644 for a
// new file). Creates missing parent folders.
Result<void> write_file_atomic(const fs::path& path, std::string_view content,
                               std::optional<fs::perms> mode = std::nullopt);

// True when the first bytes look binary (a NUL byte in the first 8 KiB).
bool looks_binary(std::string_view head);

// `path` relative to `root` with '/' separators, or an error when it lies
// outside root (after resolving "..", not following symlinks). A relative
// `path` is taken relative to `root`; `root` itself gives ".".
Result<std::string> relative_inside(const fs::path& root, const fs::path& path);

// Expands a leading "~/" using $HOME.
fs::path expand_home(const std::string& path);

}  // namespace slipway::util
