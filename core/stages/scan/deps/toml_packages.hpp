// A minimal reader for the TOML lockfiles (Cargo.lock, poetry.lock, uv.lock),
// which all list their packages as `[[package]]` tables of `key = value`
// lines. No TOML library is used: this reads exactly that shape. Each package
// keeps its scalar fields decoded ("name", "version", "source", ...); a
// sub-table such as `[package.source]` adds its keys with a prefix
// ("source.type"); arrays and inline tables are kept as raw text. Any line
// that is not a table header, a `key = value`, a comment or a continuation of
// a multi-line array is a problem with its line number.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/deps/package.hpp"

namespace slipway::scan::deps {

struct TomlPackage {
  int line = 0;  // the line of its [[package]] header
  std::map<std::string, std::string> fields;

  [[nodiscard]] std::string get(const std::string& key) const {
    const auto found = fields.find(key);
    return found == fields.end() ? std::string() : found->second;
  }
};

// Reads every [[package]] table of `text`; problems go to `out`.
std::vector<TomlPackage> read_toml_packages(std::string_view text, LockfileContents& out);

}  // namespace slipway::scan::deps
