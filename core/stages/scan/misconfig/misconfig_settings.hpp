// The scan.misconfig.* configuration: the schema rows and the settings read
// from a configuration (defaults when there is none, or when the application
// did not join this section into its schema).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "stages/scan/misconfig/finding_sink.hpp"
#include "util/result.hpp"

namespace slipway::scan::misconfig {

inline constexpr std::int64_t k_default_max_file_kb = 1024;

struct MisconfigSettings {
  RuleSet enabled;                   // every rule minus scan.misconfig.disable
  std::vector<std::string> exclude;  // globs of files not to check
  std::int64_t max_file_kb = k_default_max_file_kb;
  std::vector<std::string> trusted_action_owners{"actions", "github"};  // lower case
};

model::ConfigSchema settings_schema();

// An unknown rule id in scan.misconfig.disable is an error naming the rule,
// where it was set, and the closest known id.
Result<MisconfigSettings> read_settings(const model::Config* config);

}  // namespace slipway::scan::misconfig
