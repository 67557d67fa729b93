// The part of libarchive Slipway uses (tar.gz artifacts in the build stage,
// OSV zip archives in the scan stage), loaded on first use
// (util/shared_library.hpp): libarchive pulls in nine libraries of its own,
// ICU among them, that no other command should pay for at start-up.
//
// Each member has the name and type archive.h gives the function, so
// `api.archive_read_new()` reads like the library's own call.
#pragma once

#include <archive.h>
#include <archive_entry.h>

#include "util/result.hpp"

namespace slipway::util {

#define SLIPWAY_ARCHIVE_FUNCTIONS(X)         \
  X(archive_error_string)                    \
  X(archive_read_new)                        \
  X(archive_read_support_format_zip)         \
  X(archive_read_open_filename)              \
  X(archive_read_next_header)                \
  X(archive_read_data)                       \
  X(archive_read_free)                       \
  X(archive_write_new)                       \
  X(archive_write_set_format_pax_restricted) \
  X(archive_write_add_filter_gzip)           \
  X(archive_write_set_options)               \
  X(archive_write_open_filename)             \
  X(archive_write_header)                    \
  X(archive_write_data)                      \
  X(archive_write_close)                     \
  X(archive_write_free)                      \
  X(archive_entry_new)                       \
  X(archive_entry_free)                      \
  X(archive_entry_pathname)                  \
  X(archive_entry_filetype)                  \
  X(archive_entry_set_pathname_utf8)         \
  X(archive_entry_set_filetype)              \
  X(archive_entry_set_perm)                  \
  X(archive_entry_set_size)                  \
  X(archive_entry_set_mtime)                 \
  X(archive_entry_set_uid)                   \
  X(archive_entry_set_gid)

struct ArchiveApi {
#define SLIPWAY_ARCHIVE_MEMBER(name) decltype(&::name) name = nullptr;
  SLIPWAY_ARCHIVE_FUNCTIONS(SLIPWAY_ARCHIVE_MEMBER)
#undef SLIPWAY_ARCHIVE_MEMBER
};

// libarchive, loaded once per process; an error (with the package to
// install) when it is missing.
Result<const ArchiveApi*> archive_api();

}  // namespace slipway::util
