// Fuzz target: a linter's report (stdout or report file) through every output
// parser: SARIF, checkstyle XML, the JSON mapping of the shipped shellcheck
// descriptor, and a regex. Tool output is untrusted input. Must never crash.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "stages/lint/plugins/descriptor.hpp"
#include "stages/lint/plugins/output_parsers.hpp"

namespace {

const slipway::lint::Descriptor& regex_descriptor() {
  static const slipway::lint::Descriptor descriptor = *slipway::lint::parse_descriptor(
      "id: fuzz\nfile-patterns: ['*']\ncommand: [x, '{files}']\n"
      "output: {parser: regex, pattern: '^(.+?):(\\d+):(\\d+): (\\w+): (.*) \\[(.+)\\]$',\n"
      "         groups: {path: 1, line: 2, column: 3, severity: 4, message: 5, rule: 6}}\n",
      "fuzz-regex.yml");
  return descriptor;
}

const slipway::lint::Descriptor* json_descriptor() {
  static const auto descriptors = slipway::lint::load_descriptors("/nonexistent-fuzz-root");
  if (!descriptors) return nullptr;
  for (const auto& descriptor : *descriptors) {
    if (descriptor.output.parser == slipway::lint::ParserKind::json) return &descriptor;
  }
  return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const slipway::lint::SeverityMap severities;
  (void)slipway::lint::parse_sarif(text, severities);
  (void)slipway::lint::parse_checkstyle(text, severities);
  (void)slipway::lint::parse_output(text, regex_descriptor());
  if (const auto* descriptor = json_descriptor()) (void)slipway::lint::parse_output(text, *descriptor);
  return 0;
}
