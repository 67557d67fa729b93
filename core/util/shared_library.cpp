// SharedLibrary over dlopen/dlsym (see shared_library.hpp).
#include "util/shared_library.hpp"

#include <dlfcn.h>

namespace slipway::util {

namespace {

std::string last_dl_error() {
  const char* text = dlerror();
  return text != nullptr ? text : "unknown error";
}

}  // namespace

Result<SharedLibrary> SharedLibrary::open(const std::string& soname, const std::string& debian_package) {
  void* handle = dlopen(soname.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    return make_error("cannot load " + soname + ": " + last_dl_error(),
                      "install it: apt-get install " + debian_package);
  }
  return SharedLibrary(handle, soname, debian_package);
}

Result<void*> SharedLibrary::symbol(const char* name) const {
  dlerror();  // clears an older error
  void* address = dlsym(m_handle, name);
  if (address == nullptr) {
    return make_error(
        m_soname + " has no " + name + ": " + last_dl_error(),
        "the installed library is older than this build expects: apt-get install --only-upgrade " +
            m_package);
  }
  return address;
}

}  // namespace slipway::util
