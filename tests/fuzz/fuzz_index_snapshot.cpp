// Fuzz target: the index snapshot Slipway keeps in .git/slipway between runs
// (model/index_snapshot.cpp). A damaged file must be refused, never crash
// or throw. Each input is parsed as it is and with a valid SHA-256 trailer
// appended, so that the mutations reach the records and not only the
// checksum.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "model/index_snapshot.hpp"
#include "util/hash.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  (void)slipway::model::IndexSnapshot::parse(input);
  const std::string sealed = std::string(input) + slipway::util::sha256_hex(input);
  if (auto snapshot = slipway::model::IndexSnapshot::parse(sealed)) {
    // What parses must survive a round trip.
    (void)snapshot->tracked_paths();
    (void)snapshot->special_paths();
    if (!slipway::model::IndexSnapshot::parse(snapshot->serialize())) __builtin_trap();
  }
  return 0;
}
