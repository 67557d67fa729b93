// `slipway config --explain` and `slipway ci-info`: read-only views of what
// Slipway would use, for users debugging a pipeline.
#include <nlohmann/json.hpp>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"

namespace slipway::app {

int run_config_explain(const AppContext& context) {
  std::ostream& out = *context.out;
  out << "# effective configuration (lowest layer first: defaults < "
      << (context.config.file_path().empty() ? std::string("(no .slipway.yml)") : context.config.file_path())
      << " < SLIPWAY_* < flags)\n";
  out << context.config.explain();
  return k_exit_passed;
}

int run_ci_info(const AppContext& context, bool json) {
  const auto& ci = context.ci;
  std::vector<std::pair<std::string, std::string>> fields = {
      {"platform", std::string(model::to_string(ci.platform))},
      {"commit", ci.commit},
      {"branch", ci.branch},
      {"tag", ci.tag},
      {"change_number", ci.change_number},
      {"target_branch", ci.target_branch},
      {"base_commit", ci.base_commit},
      {"base_ref", ci.base_ref},
      {"base_source", ci.base_source},
      {"event", ci.event_name},
      {"workspace", ci.workspace},
      {"runner", ci.runner},
      {"repository", context.root},
      {"shallow", context.repo && context.repo->is_shallow() ? "true" : "false"},
  };
  if (json) {
    nlohmann::json doc = nlohmann::json::object();
    for (const auto& [key, value] : fields) doc[key] = value;
    *context.out << doc.dump(2) << "\n";
    return k_exit_passed;
  }
  for (const auto& [key, value] : fields) {
    *context.out << key << ": " << (value.empty() ? "-" : value) << "\n";
  }
  return k_exit_passed;
}

}  // namespace slipway::app
