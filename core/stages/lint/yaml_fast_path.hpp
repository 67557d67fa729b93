// A fast, conservative recognizer of the simplest kind of YAML, so that the
// yaml-syntax check does not pay for a full yaml-cpp parse (about 10 MB/s) on
// files that are plainly valid. See yaml_fast_path.cpp for the subset.
#pragma once

#include <string_view>

namespace slipway::lint {

// True only when `text` is certainly valid YAML: it lies entirely inside a small
// subset (block mappings and sequences of plain ASCII scalars). False means
// "not known": the caller must parse the text with yaml-cpp, which also
// produces every error message and position.
bool is_plain_yaml(std::string_view text);

}  // namespace slipway::lint
