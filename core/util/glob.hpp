// Glob patterns over repository-relative paths ('/' separated), with the
// meaning users know from .gitignore and CI configuration files:
//   *   any run of characters except '/'
//   **  any run of characters including '/' (whole path segments)
//   ?   one character except '/'
//   [abc] [a-z] [!a]  one character from (or not from) a set
// A pattern without '/' matches the file name in any folder ("*.md").
// A pattern ending in '/' matches everything below that folder ("build/").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace slipway::util {

bool glob_match(std::string_view pattern, std::string_view path);
bool glob_match_any(const std::vector<std::string>& patterns, std::string_view path);

}  // namespace slipway::util
