// Loading a shared library when it is first needed, instead of at start-up.
//
// Every library the executable links is mapped and relocated before main()
// runs, on every command; a library only one rarely used command needs
// (libcurl, for `scan --update-db`, with twenty libraries of its own) costs
// every `slipway lint` its start-up time. Such a library is opened here by
// its versioned name on first use and stays loaded until the process ends.
#pragma once

#include <string>
#include <utility>

#include "util/result.hpp"

namespace slipway::util {

// A library opened by soname (e.g. "libcurl.so.4"); the error names the
// Debian package to install.
class SharedLibrary {
 public:
  static Result<SharedLibrary> open(const std::string& soname, const std::string& debian_package);

  // The address of `name`; the caller converts it to the type its header
  // declares for it.
  [[nodiscard]] Result<void*> symbol(const char* name) const;

  // Sets `slot` to the function `name`, typed as the caller's header
  // declares it (e.g. a member `decltype(&curl_easy_init)`).
  template <typename Function>
  Result<void> bind(const char* name, Function*& slot) const {
    Result<void*> found = symbol(name);
    if (!found) return found.error();
    slot = reinterpret_cast<Function*>(*found);
    return {};
  }

 private:
  SharedLibrary(void* handle, std::string soname, std::string package)
      : m_handle(handle), m_soname(std::move(soname)), m_package(std::move(package)) {}
  void* m_handle;  // never closed: the process keeps the library to the end
  std::string m_soname;
  std::string m_package;
};

}  // namespace slipway::util
