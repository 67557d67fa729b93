# Every third-party dependency, all from Debian packages (packaging/debian-packages.txt).
find_package(Threads REQUIRED)
find_package(PkgConfig REQUIRED)
find_package(OpenSSL REQUIRED)
find_package(Boost 1.81 REQUIRED COMPONENTS filesystem CONFIG)
find_package(yaml-cpp REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(CLI11 REQUIRED)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
pkg_check_modules(LIBHS REQUIRED IMPORTED_TARGET libhs)
pkg_check_modules(LIBCURL REQUIRED IMPORTED_TARGET libcurl)
# libcurl is opened when `scan --update-db` first needs it (util/shared_library),
# not linked: only its headers are used at build time.
add_library(slipway_curl_headers INTERFACE)
target_include_directories(slipway_curl_headers INTERFACE ${LIBCURL_INCLUDE_DIRS})
pkg_check_modules(LIBARCHIVE REQUIRED IMPORTED_TARGET libarchive)
# The same for libarchive (util/archive_api): the build and scan stages open
# it on first use; the tests that check archives link it themselves.
add_library(slipway_archive_headers INTERFACE)
target_include_directories(slipway_archive_headers INTERFACE ${LIBARCHIVE_INCLUDE_DIRS})
if(SLIPWAY_TESTS)
  find_package(Catch2 2 REQUIRED)
  include(Catch)
endif()
