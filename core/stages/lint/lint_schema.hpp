// The table of built-in checks (id, default severity, whether --fix can repair
// it, and the texts shown in reports and docs) and the settings resolved from
// the configuration for one run. The table is the single place a check is
// declared: the configuration schema, the rule metadata and the settings are
// all generated from it.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "model/config.hpp"
#include "model/finding.hpp"
#include "stages/lint/check_context.hpp"

namespace slipway::lint {

struct CheckSpec {
  Check check;
  std::string_view id;  // rule id and config key segment
  model::Severity default_severity;
  bool fixable;
  std::string_view short_description;
  std::string_view full_description;
  std::string_view help;
};

// Every built-in check, in Check order.
const std::array<CheckSpec, k_check_count>& check_specs();
std::string_view check_id(Check check);

inline constexpr std::int64_t k_default_large_file_max_kb = 500;

struct CheckSettings {
  bool enabled = true;
  model::Severity severity = model::Severity::warning;
  std::vector<std::string> exclude;  // globs
};

// The lint.* configuration of one run, read once before the workers start.
struct LintSettings {
  std::vector<std::string> exclude;  // lint.exclude
  bool fail_if_fixed = false;
  std::int64_t large_file_max_kb = k_default_large_file_max_kb;
  std::array<CheckSettings, k_check_count> checks;
  SeverityTable severities{};

  // The checks that are enabled and not excluded for `path`.
  [[nodiscard]] CheckSet enabled_for(std::string_view path) const;
  [[nodiscard]] bool enabled(Check check) const { return checks[static_cast<std::size_t>(check)].enabled; }
};

// Reads lint.* from `config`; a null config (or a key the config's schema
// lacks) gives the defaults.
LintSettings resolve_settings(const model::Config* config);

}  // namespace slipway::lint
