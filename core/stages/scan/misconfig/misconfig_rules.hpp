// The misconfiguration rules as data: one row per rule with its id, its score
// and the text users read (what the rule finds, why it matters, how to fix it).
// Everything else derives from this table: the RuleInfo reporters put into
// SARIF `help` and rule metadata, the `scan.misconfig.disable` validation, the
// severity of each finding, and the test that demands a fixture per rule.
// docs/rules/misconfig.md repeats the same text; a unit test keeps the two equal.
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>

namespace slipway::scan::misconfig {

// The areas a rule belongs to; the id is "config/<area>/<name>". parse_error
// belongs to no area and is "config/parse-error".
enum class Area { none, dockerfile, kubernetes, github_actions, gitlab_ci, jenkins };

enum class Rule {
  parse_error,
  dockerfile_unpinned_base_image,
  dockerfile_runs_as_root,
  dockerfile_add_instead_of_copy,
  dockerfile_unpinned_packages,
  dockerfile_package_cache_kept,
  dockerfile_curl_pipe_shell,
  dockerfile_secret_in_env,
  dockerfile_sudo,
  kubernetes_privileged,
  kubernetes_privilege_escalation,
  kubernetes_run_as_non_root_missing,
  kubernetes_host_namespaces,
  kubernetes_host_path_volume,
  kubernetes_dangerous_capabilities,
  kubernetes_missing_resources,
  kubernetes_unpinned_image,
  kubernetes_missing_probes,
  kubernetes_secret_in_env,
  github_expression_injection,
  github_untrusted_checkout,
  github_unpinned_action,
  github_missing_permissions,
  github_write_all_permissions,
  github_secrets_inherit,
  github_persisted_checkout_credentials,
  github_hardcoded_container_credentials,
  gitlab_unpinned_include,
  gitlab_unpinned_image,
  gitlab_secret_in_variables,
  gitlab_token_printed,
  jenkins_credentials_interpolation,
  jenkins_unpinned_library,
};

inline constexpr std::size_t k_rule_count = static_cast<std::size_t>(Rule::jenkins_unpinned_library) + 1;

struct RuleSpec {
  Rule rule;
  Area area;
  std::string_view name;  // the last part of the id
  double score;           // security_severity, 0.0-10.0
  std::string_view title;
  std::string_view what;  // what the rule finds
  std::string_view why;   // why it matters
  std::string_view fix;   // how to fix it (Markdown)
};

// The table, in Rule order.
const std::array<RuleSpec, k_rule_count>& rule_specs();
const RuleSpec& spec_of(Rule rule);

std::string_view area_name(Area area);  // "dockerfile", ..., "" for none
std::string rule_id(Rule rule);         // "config/dockerfile/sudo"
// The anchor of the rule's section in docs/rules/misconfig.md (GitHub drops '/').
std::string rule_anchor(Rule rule);

}  // namespace slipway::scan::misconfig
