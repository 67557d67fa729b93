// Fuzz target: the secrets scanner's untrusted inputs — file and blob
// contents (matched by the Vectorscan database, then the capture regexes,
// entropy and allow lists) and a user rules file (first byte 0xff: the rest
// is a rules file). The matcher is built once. Must never crash or throw.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "stages/scan/secrets/input_scanner.hpp"
#include "stages/scan/secrets/secret_matcher.hpp"
#include "stages/scan/secrets/secrets_settings.hpp"

using namespace slipway::scan::secrets;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static std::optional<SecretMatcher> matcher = [] {
    std::optional<SecretMatcher> built;
    auto settings = load_secret_settings(nullptr, ".");
    if (!settings) return built;
    auto created = SecretMatcher::create(*settings);
    if (created) built.emplace(std::move(*created));
    return built;
  }();
  static std::optional<PatternDatabase::Scratch> scratch = [] {
    std::optional<PatternDatabase::Scratch> made;
    if (matcher) {
      auto created = matcher->make_scratch();
      if (created) made.emplace(std::move(*created));
    }
    return made;
  }();
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  if (size > 0 && data[0] == 0xff) {
    (void)parse_rules_file(std::string(text.substr(1)), "fuzz-rules.yml");
    return 0;
  }
  if (matcher && scratch) (void)scan_bytes(*matcher, *scratch, text, "fuzz.txt");
  return 0;
}
