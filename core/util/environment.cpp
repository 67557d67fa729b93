// Snapshot of the real process environment as an EnvMap. Everything else in
// Slipway reads variables from an EnvMap it was given, so tests can pass a
// made-up one; this is the only place that reads `environ`.
#include "util/environment.hpp"

#include <unistd.h>

namespace slipway::util {

EnvMap current_environment() {
  EnvMap env;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const std::size_t equals = text.find('=');
    // Entries without '=' are malformed (possible with execve) and have no value to read.
    if (equals == std::string_view::npos || equals == 0) continue;
    // The first occurrence wins, as with getenv(3).
    env.emplace(std::string(text.substr(0, equals)), std::string(text.substr(equals + 1)));
  }
  return env;
}

std::string env_get(const EnvMap& env, const std::string& name) {
  const auto found = env.find(name);
  return found == env.end() ? std::string() : found->second;
}

std::string user_cache_dir(const EnvMap& env, const std::string& name) {
  const std::string cache = env_get(env, "XDG_CACHE_HOME");
  if (!cache.empty() && cache.front() == '/') return cache + "/slipway/" + name;
  const std::string home = env_get(env, "HOME");
  if (!home.empty()) return home + "/.cache/slipway/" + name;
  return ".slipway-cache/" + name;
}

}  // namespace slipway::util
