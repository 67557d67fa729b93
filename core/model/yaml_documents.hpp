// Loading YAML text safely. yaml-cpp 0.7.0 (Debian 12) never returns from
// YAML::LoadAll when a document starts with a ',' outside a flow collection
// (",", " ,x", "- a\n,"): its parser reports a new empty document forever
// without consuming the token, and memory runs out. Found by
// tests/fuzz/fuzz_config_yaml. Every YAML read of untrusted text goes through
// these functions instead of YAML::LoadAll.
#pragma once

#include <yaml-cpp/yaml.h>

#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::model {

// Every document of `text`. Errors carry the 1-based line and column
// (0 = unknown) and yaml-cpp's message; never throws.
Result<std::vector<YAML::Node>> load_yaml_documents(std::string_view text);

// Whether `text` is valid YAML, without building nodes (for syntax checks).
Result<void> check_yaml_syntax(std::string_view text);

}  // namespace slipway::model
