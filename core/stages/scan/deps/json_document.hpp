// JSON lockfiles (package-lock.json, Pipfile.lock, composer.lock, conan.lock,
// packages.lock.json): the parsed value from nlohmann-json plus the line of
// every object member and array element, keyed by JSON pointer, so a package
// found at /packages/node_modules~1lodash can be reported at its line.
// nlohmann-json does not keep positions, so after a successful parse one
// lexical pass over the (now known valid) text records them.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "stages/scan/deps/package.hpp"

namespace slipway::scan::deps {

class JsonDocument {
 public:
  nlohmann::json value;

  // The 1-based line where the member or element at `pointer` starts
  // (its key, for object members); `fallback` when unknown.
  [[nodiscard]] int line_of(const nlohmann::json::json_pointer& pointer, int fallback = 1) const;

  // Parses `text`; on a syntax error adds a problem with the line to `out`
  // and returns nullopt.
  static std::optional<JsonDocument> parse(std::string_view text, LockfileContents& out);

 private:
  std::unordered_map<std::string, int> m_lines;  // JSON pointer text -> line
  void index_lines(std::string_view text);
};

// A string member of `object`, or "" when missing or not a string.
std::string json_string(const nlohmann::json& object, const char* key);

}  // namespace slipway::scan::deps
