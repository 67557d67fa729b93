// Loading libarchive on first use (see archive_api.hpp).
#include "util/archive_api.hpp"

#include "util/shared_library.hpp"

namespace slipway::util {

namespace {

Result<ArchiveApi> load_archive() {
  Result<SharedLibrary> library = SharedLibrary::open("libarchive.so.13", "libarchive13");
  if (!library) return library.error();
  ArchiveApi api;
#define SLIPWAY_ARCHIVE_BIND(name) \
  if (Result<void> bound = library->bind(#name, api.name); !bound) return bound.error();
  SLIPWAY_ARCHIVE_FUNCTIONS(SLIPWAY_ARCHIVE_BIND)
#undef SLIPWAY_ARCHIVE_BIND
  return api;
}

}  // namespace

Result<const ArchiveApi*> archive_api() {
  static const Result<ArchiveApi> loaded = load_archive();
  if (!loaded) return loaded.error();
  return &*loaded;
}

}  // namespace slipway::util
