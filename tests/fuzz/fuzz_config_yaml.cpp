// Fuzz target: .slipway.yml text through the configuration loader (YAML
// parse, schema validation, error positions). Must never crash or throw.
#include <cstddef>
#include <cstdint>
#include <string>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "stages/lint/builtin_checks.hpp"
#include "stages/lint/plugins/linter_selection.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const slipway::model::ConfigSchema schema = [] {
    slipway::model::ConfigSchema joined = slipway::model::core_config_schema();
    for (auto& key : slipway::lint::lint_config_schema()) joined.push_back(key);
    for (auto& key : slipway::lint::plugin_config_schema()) joined.push_back(key);
    return joined;
  }();
  slipway::model::Config config(schema);
  auto applied = config.apply_yaml_text(std::string(reinterpret_cast<const char*>(data), size), "fuzz.yml");
  if (!applied) (void)applied.error().to_string();
  return 0;
}
