// The process environment as a value, so code that reads CI variables can be
// tested with a made-up environment instead of the real one.
#pragma once

#include <map>
#include <string>

namespace slipway::util {

using EnvMap = std::map<std::string, std::string>;

EnvMap current_environment();
// The value of `name`, or "" when unset.
std::string env_get(const EnvMap& env, const std::string& name);

// Slipway's per-user cache folder for `name`: $XDG_CACHE_HOME/slipway/<name>
// when XDG_CACHE_HOME is absolute, else $HOME/.cache/slipway/<name>, else
// .slipway-cache/<name> (relative to the working folder).
std::string user_cache_dir(const EnvMap& env, const std::string& name);

}  // namespace slipway::util
