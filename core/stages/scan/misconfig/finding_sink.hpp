// Where the checkers put what they find. A FindingSink turns (rule, line,
// message) into a model::Finding for one file: it fills in the tool, rule id,
// score and severity from the rule table and drops rules the user disabled,
// so checkers only say what they saw and where.
#pragma once

#include <bitset>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "stages/scan/misconfig/misconfig_rules.hpp"

namespace slipway::scan::misconfig {

inline constexpr std::string_view k_tool = "slipway-scan";

using RuleSet = std::bitset<k_rule_count>;

class FindingSink {
 public:
  FindingSink(std::vector<model::Finding>& out, const RuleSet& enabled, std::string path)
      : m_out(out), m_enabled(enabled), m_path(std::move(path)) {}

  // The same output and rules, for another file (GitLab local includes).
  [[nodiscard]] FindingSink for_path(std::string path) const { return {m_out, m_enabled, std::move(path)}; }

  [[nodiscard]] bool wants(Rule rule) const { return m_enabled.test(static_cast<std::size_t>(rule)); }
  [[nodiscard]] const std::string& path() const { return m_path; }

  // `line` and `column` are 1-based; 0 means unknown.
  void add(Rule rule, int line, std::string message, int column = 0);

 private:
  std::vector<model::Finding>& m_out;
  const RuleSet& m_enabled;
  std::string m_path;
};

// Text from a scanned file made safe for a message: at most `max_chars`
// characters, control characters and invalid UTF-8 replaced by '?'.
std::string snippet(std::string_view text, std::size_t max_chars = 80);

}  // namespace slipway::scan::misconfig
