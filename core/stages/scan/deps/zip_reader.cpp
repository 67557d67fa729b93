// libarchive over a zip file (see zip_reader.hpp). Only the zip format is
// enabled: an HTML error page or a half-written file saved under all.zip
// fails here instead of being read as some other format.
#include "stages/scan/deps/zip_reader.hpp"

#include <memory>

#include "util/archive_api.hpp"

namespace slipway::scan::deps {

namespace {

using util::ArchiveApi;

struct ArchiveCloser {
  const ArchiveApi* api;
  void operator()(archive* handle) const { api->archive_read_free(handle); }
};

Error archive_error(const ArchiveApi& api, archive* handle, const std::filesystem::path& path,
                    const std::string& what) {
  const char* text = api.archive_error_string(handle);
  Error error = make_error(what + ": " + (text != nullptr ? text : "unknown libarchive error"));
  error.file = path.string();
  return error;
}

}  // namespace

Result<std::size_t> read_zip_members(const std::filesystem::path& path, std::string_view suffix,
                                     std::size_t max_member_size,
                                     const std::function<void(const std::string&, std::string&&)>& visit,
                                     std::size_t* skipped) {
  const Result<const ArchiveApi*> loaded = util::archive_api();
  if (!loaded) return loaded.error();
  const ArchiveApi& api = **loaded;
  std::unique_ptr<archive, ArchiveCloser> handle(api.archive_read_new(), ArchiveCloser{&api});
  if (!handle) return make_error("libarchive could not allocate a reader");
  api.archive_read_support_format_zip(handle.get());
  if (api.archive_read_open_filename(handle.get(), path.c_str(), 1 << 16) != ARCHIVE_OK) {
    return archive_error(api, handle.get(), path, "cannot open the zip archive");
  }
  std::size_t visited = 0;
  archive_entry* entry = nullptr;
  while (true) {
    const int status = api.archive_read_next_header(handle.get(), &entry);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      return archive_error(api, handle.get(), path, "damaged zip archive");
    }
    const std::string name =
        api.archive_entry_pathname(entry) != nullptr ? api.archive_entry_pathname(entry) : "";
    const bool wanted =
        api.archive_entry_filetype(entry) == AE_IFREG &&
        (suffix.empty() || (name.size() >= suffix.size() &&
                            name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0));
    std::string content;
    bool too_big = false;
    char buffer[1 << 16];
    while (true) {
      const la_ssize_t got = api.archive_read_data(handle.get(), buffer, sizeof buffer);
      if (got < 0) return archive_error(api, handle.get(), path, "damaged zip member " + name);
      if (got == 0) break;
      if (!wanted || too_big) continue;
      if (content.size() + static_cast<std::size_t>(got) > max_member_size) {
        too_big = true;
        content.clear();
        continue;
      }
      content.append(buffer, static_cast<std::size_t>(got));
    }
    if (!wanted) continue;
    if (too_big) {
      if (skipped != nullptr) ++*skipped;
      continue;
    }
    visit(name, std::move(content));
    ++visited;
  }
  return visited;
}

}  // namespace slipway::scan::deps
