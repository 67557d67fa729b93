// The deterministic tar.gz. Two things would otherwise make the output
// differ between identical builds: libarchive's gzip filter stamps the
// current time into the gzip header unless told "!timestamp", and tar
// entries carry whatever mtime, owner and permission bits the build left on
// disk. Both are fixed here. The restricted pax format writes plain ustar
// headers and adds a pax extension only for what ustar cannot hold (long or
// non-ASCII names), so the common case is readable by any tar.
//
// The size in each header is taken when the file is opened; a file that
// grows or shrinks while it is copied in is an error rather than a silently
// inconsistent archive.
#include "stages/build/artifacts/tar_archive.hpp"

#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <memory>

#include "util/archive_api.hpp"

namespace slipway::build::artifacts {

namespace {

using util::ArchiveApi;

struct ArchiveDeleter {
  const ArchiveApi* api;
  void operator()(archive* handle) const { api->archive_write_free(handle); }
};
struct EntryDeleter {
  const ArchiveApi* api;
  void operator()(archive_entry* entry) const { api->archive_entry_free(entry); }
};

Error archive_error(const ArchiveApi& api, const std::string& path, archive* handle,
                    const std::string& what) {
  const char* detail = handle != nullptr ? api.archive_error_string(handle) : nullptr;
  Error error = make_error(what + (detail != nullptr ? std::string(": ") + detail : std::string()));
  error.file = path;
  return error;
}

Result<void> add_file(const ArchiveApi& api, archive* handle, int root_fd, const WorkspaceFile& file,
                      std::int64_t mtime, const std::string& output_path) {
  std::uint64_t size = 0;
  auto input = open_workspace_file(root_fd, file.path, size);
  if (!input.ok()) return input.error();

  std::unique_ptr<archive_entry, EntryDeleter> entry(api.archive_entry_new(), EntryDeleter{&api});
  api.archive_entry_set_pathname_utf8(entry.get(), file.path.c_str());
  api.archive_entry_set_filetype(entry.get(), AE_IFREG);
  api.archive_entry_set_perm(entry.get(), file.executable ? 0755 : 0644);
  api.archive_entry_set_size(entry.get(), static_cast<la_int64_t>(size));
  api.archive_entry_set_mtime(entry.get(), static_cast<time_t>(mtime), 0);
  api.archive_entry_set_uid(entry.get(), 0);
  api.archive_entry_set_gid(entry.get(), 0);
  if (api.archive_write_header(handle, entry.get()) != ARCHIVE_OK) {
    return archive_error(api, output_path, handle, "cannot add " + file.path + " to the archive");
  }

  std::array<char, 64 * 1024> buffer{};
  std::uint64_t copied = 0;
  while (true) {
    const ssize_t got = ::read(input->get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      Error error = make_error(std::string("cannot read: ") + std::strerror(errno));
      error.file = file.path;
      return error;
    }
    if (got == 0) break;
    copied += static_cast<std::uint64_t>(got);
    if (copied > size) break;
    if (api.archive_write_data(handle, buffer.data(), static_cast<std::size_t>(got)) != got) {
      return archive_error(api, output_path, handle, "cannot write " + file.path + " into the archive");
    }
  }
  if (copied != size) {
    Error error =
        make_error("changed size while it was being archived", "make sure no build step is still writing it");
    error.file = file.path;
    return error;
  }
  return {};
}

}  // namespace

Result<void> write_tar_gz(int root_fd, const std::vector<WorkspaceFile>& files, std::int64_t mtime,
                          const std::string& output_path) {
  const Result<const ArchiveApi*> loaded = util::archive_api();
  if (!loaded) return loaded.error();
  const ArchiveApi& api = **loaded;
  std::unique_ptr<archive, ArchiveDeleter> handle(api.archive_write_new(), ArchiveDeleter{&api});
  if (!handle) return archive_error(api, output_path, nullptr, "libarchive could not start an archive");
  if (api.archive_write_set_format_pax_restricted(handle.get()) != ARCHIVE_OK ||
      api.archive_write_add_filter_gzip(handle.get()) != ARCHIVE_OK ||
      api.archive_write_set_options(handle.get(), "gzip:!timestamp") != ARCHIVE_OK) {
    return archive_error(api, output_path, handle.get(), "libarchive could not set up a tar.gz");
  }
  if (api.archive_write_open_filename(handle.get(), output_path.c_str()) != ARCHIVE_OK) {
    return archive_error(api, output_path, handle.get(), "cannot create the archive");
  }
  for (const WorkspaceFile& file : files) {
    if (auto added = add_file(api, handle.get(), root_fd, file, mtime, output_path); !added.ok())
      return added;
  }
  if (api.archive_write_close(handle.get()) != ARCHIVE_OK) {
    return archive_error(api, output_path, handle.get(), "cannot finish the archive");
  }
  return {};
}

}  // namespace slipway::build::artifacts
