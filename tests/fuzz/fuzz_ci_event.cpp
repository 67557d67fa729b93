// Fuzz target: the GitHub event file ($GITHUB_EVENT_PATH) read by CI
// detection for the pull-request base. The file is written by the fuzzer
// into a private temporary file. Must never crash or throw.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "model/ci_context.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string path = [] {
    std::string pattern = "/tmp/slipway-fuzz-event.XXXXXX";
    const int fd = ::mkstemp(pattern.data());
    if (fd >= 0) ::close(fd);
    return pattern;
  }();
  {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  slipway::util::EnvMap env{{"GITHUB_ACTIONS", "true"},
                            {"GITHUB_EVENT_NAME", "pull_request"},
                            {"GITHUB_EVENT_PATH", path},
                            {"GITHUB_BASE_REF", "main"},
                            {"GITHUB_REF", "refs/pull/1/merge"}};
  (void)slipway::model::detect_ci(env);
  return 0;
}
