// The part of libcurl `scan --update-db` uses, loaded on first use
// (util/shared_library.hpp): no other command pays for libcurl and the
// twenty libraries it pulls in at start-up.
#pragma once

#include <curl/curl.h>

#include "util/result.hpp"

namespace slipway::scan::deps {

struct CurlApi {
  CURL* (*easy_init)();
  CURLcode (*easy_setopt)(CURL*, CURLoption, ...);
  CURLcode (*easy_perform)(CURL*);
  CURLcode (*easy_getinfo)(CURL*, CURLINFO, ...);
  const char* (*easy_strerror)(CURLcode);
  void (*easy_cleanup)(CURL*);
};

// libcurl, loaded and globally initialised once per process; an error (with
// the package to install) when it is missing.
Result<const CurlApi*> curl_api();

}  // namespace slipway::scan::deps
