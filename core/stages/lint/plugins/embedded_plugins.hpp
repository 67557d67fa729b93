// The shipped linter descriptors, compiled into the binary.
//
// cmake/EmbedPlugins.cmake turns every plugins/*.yml of the source tree into
// a byte array in a generated source file (build/generated/
// embedded_plugins.cpp) that defines this function, and regenerates it when a
// descriptor changes. Embedding keeps Slipway one self-contained binary: no
// data folder to install, find or keep in step with the executable.
#pragma once

#include <string_view>
#include <utility>
#include <vector>

namespace slipway::lint {

// (file name such as "shellcheck.yml", file text), sorted by file name.
const std::vector<std::pair<std::string_view, std::string_view>>& embedded_descriptors();

}  // namespace slipway::lint
