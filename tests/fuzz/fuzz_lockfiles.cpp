// Fuzz target: lockfiles and OSV advisory records, the untrusted input of
// `slipway scan --deps`. The input's first line is the lockfile's name
// (package-lock.json, yarn.lock, Cargo.lock, ...) choosing the parser; the
// rest is its text. The same text is also read as an OSV record when it is
// JSON. Parsers never throw; a throw here is a bug.
#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "stages/scan/deps/lockfile_parsers.hpp"
#include "stages/scan/deps/osv_record.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string name(input.substr(0, newline));
  const std::string_view text = input.substr(newline + 1);
  if (auto kind = slipway::scan::deps::lockfile_kind(name); kind && kind->parse != nullptr) {
    (void)kind->parse(text, name);
  }
  const auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!json.is_discarded()) (void)slipway::scan::deps::read_osv_record(json);
  return 0;
}
