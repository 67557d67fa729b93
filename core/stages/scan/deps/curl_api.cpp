// Loading libcurl on first use (see curl_api.hpp). The function types come
// from curl/curl.h (checked below), so a mismatch with the header is a
// compile error here, not a crash later.
#include "stages/scan/deps/curl_api.hpp"

#include <initializer_list>
#include <type_traits>

#include "util/shared_library.hpp"

namespace slipway::scan::deps {

namespace {

static_assert(std::is_same_v<decltype(&curl_easy_init), decltype(CurlApi::easy_init)>);
static_assert(std::is_same_v<decltype(&curl_easy_setopt), decltype(CurlApi::easy_setopt)>);
static_assert(std::is_same_v<decltype(&curl_easy_perform), decltype(CurlApi::easy_perform)>);
static_assert(std::is_same_v<decltype(&curl_easy_getinfo), decltype(CurlApi::easy_getinfo)>);
static_assert(std::is_same_v<decltype(&curl_easy_strerror), decltype(CurlApi::easy_strerror)>);
static_assert(std::is_same_v<decltype(&curl_easy_cleanup), decltype(CurlApi::easy_cleanup)>);

Result<CurlApi> load_curl() {
  Result<util::SharedLibrary> library = util::SharedLibrary::open("libcurl.so.4", "libcurl4");
  if (!library) return library.error();
  CurlApi api{};
  decltype(&curl_global_init) global_init = nullptr;
  for (const Result<void>& bound :
       {library->bind("curl_global_init", global_init), library->bind("curl_easy_init", api.easy_init),
        library->bind("curl_easy_setopt", api.easy_setopt),
        library->bind("curl_easy_perform", api.easy_perform),
        library->bind("curl_easy_getinfo", api.easy_getinfo),
        library->bind("curl_easy_strerror", api.easy_strerror),
        library->bind("curl_easy_cleanup", api.easy_cleanup)}) {
    if (!bound) return bound.error();
  }
  if (global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) return make_error("libcurl could not initialise");
  return api;
}

}  // namespace

Result<const CurlApi*> curl_api() {
  static const Result<CurlApi> loaded = load_curl();
  if (!loaded) return loaded.error();
  return &*loaded;
}

}  // namespace slipway::scan::deps
