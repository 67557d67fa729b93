// The scalar configuration keys of the build steps, as a schema table the
// application joins with the other sections, and their reading into a
// RunContext. `build.steps` itself is not in the table: it is a list of
// mappings, read by read_steps() (step_reader.cpp).
#include "stages/build/steps/build_steps.hpp"

namespace slipway::build {

namespace {

constexpr std::int64_t k_default_log_max_bytes = 10LL << 20;
constexpr std::int64_t k_min_log_max_bytes = 1024;
constexpr std::int64_t k_max_log_max_bytes = 1LL << 40;
constexpr std::int64_t k_default_log_backups = 3;
constexpr std::int64_t k_max_log_backups = 100;

model::ConfigKey integer_key(std::string path, std::int64_t default_value, std::int64_t min, std::int64_t max,
                             std::string description) {
  model::ConfigKey key;
  key.path = std::move(path);
  key.type = model::ValueType::integer;
  key.default_value = default_value;
  key.description = std::move(description);
  key.min = min;
  key.max = max;
  return key;
}

}  // namespace

model::ConfigSchema steps_config_schema() {
  model::ConfigSchema schema;
  schema.push_back(
      integer_key("build.log-max-bytes", k_default_log_max_bytes, k_min_log_max_bytes, k_max_log_max_bytes,
                  "A step's log under .slipway/logs/build/ rotates when it would grow past this size"));
  schema.push_back(integer_key("build.log-backups", k_default_log_backups, 0, k_max_log_backups,
                               "Rotated logs kept per step (<step>.log.1 .. .N)"));
  model::ConfigKey stop;
  stop.path = "build.stop-on-failure";
  stop.type = model::ValueType::boolean;
  stop.default_value = true;
  stop.description = "After a failed step, skip the remaining steps except those marked always";
  schema.push_back(std::move(stop));
  return schema;
}

void apply_steps_config(const model::Config* config, RunContext& context) {
  if (config == nullptr) return;
  // A config built from another schema (tests, other commands) may lack the keys.
  if (config->has("build.log-max-bytes")) {
    context.log_max_bytes = static_cast<std::uint64_t>(config->get_int("build.log-max-bytes"));
  }
  if (config->has("build.log-backups")) {
    context.log_backups = static_cast<int>(config->get_int("build.log-backups"));
  }
  if (config->has("build.stop-on-failure"))
    context.stop_on_failure = config->get_bool("build.stop-on-failure");
}

}  // namespace slipway::build
