// Fuzz target: the build stage's untrusted inputs — JUnit/Cobertura XML
// (build.junit, build.coverage), SHA256SUMS and DSSE provenance envelopes
// (`slipway verify`), and `if` expressions of build steps. The first byte
// picks the reader. Must never crash or throw.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string_view>

#include "model/ci_context.hpp"
#include "stages/build/artifacts/checksums.hpp"
#include "stages/build/artifacts/dsse.hpp"
#include "stages/build/results/xml_document.hpp"
#include "stages/build/steps/build_steps.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  const std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 4) {
    case 0:
      (void)slipway::build::results::parse_xml(text, "fuzz.xml");
      break;
    case 1:
      (void)slipway::build::artifacts::parse_checksums(text, "SHA256SUMS");
      break;
    case 2:
      (void)slipway::build::artifacts::parse_dsse_envelope(text, "provenance.intoto.jsonl", 1);
      break;
    default: {
      slipway::model::CiContext ci;
      ci.branch = "main";
      (void)slipway::build::evaluate_condition(text, ci, std::nullopt);
      break;
    }
  }
  return 0;
}
