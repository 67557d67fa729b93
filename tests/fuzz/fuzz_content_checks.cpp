// Fuzz target: file contents through the built-in checks that parse them
// (YAML syntax, JSON syntax with duplicate keys, private key blocks).
// Repository files are untrusted input. Must never crash or throw.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stages/lint/check_context.hpp"
#include "stages/lint/content_checks.hpp"
#include "stages/lint/lint_schema.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace slipway::lint;
  static const LintSettings settings = resolve_settings(nullptr);
  static const CheckSet all = [] {
    CheckSet set;
    for (const CheckSpec& spec : check_specs()) set.set(spec.check);
    return set;
  }();
  const std::string_view content(reinterpret_cast<const char*>(data), size);
  FileFindings sink("fuzz", all, settings.severities);
  check_yaml(content, sink);
  check_json(content, sink);
  check_private_keys(content, sink);
  return 0;
}
