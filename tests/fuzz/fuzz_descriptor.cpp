// Fuzz target: a linter descriptor (plugins/*.yml or .slipway/plugins/*.yml)
// through parsing and validation. Must never crash or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stages/lint/plugins/descriptor.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto parsed = slipway::lint::parse_descriptor(std::string_view(reinterpret_cast<const char*>(data), size),
                                                "fuzz.yml");
  if (!parsed) (void)parsed.error().to_string();
  return 0;
}
