// Joins the built-in rule tables and turns each row into a SecretRule: the
// id gets its "secret/" prefix, the pattern its shorthands expanded, and the
// comma-separated keyword and path lists become vectors.
#include "stages/scan/secrets/builtin_rules.hpp"

#include <array>

#include "util/strings.hpp"

namespace slipway::scan::secrets {
namespace {

struct Shorthand {
  std::string_view name;
  std::string_view expansion;
};

constexpr std::array k_shorthands = {
    Shorthand{"{assign}", R"([A-Za-z0-9_.-]{0,25}["']?\s{0,4}(?::=|=>|=|:)\s{0,4}["'\x60]?)"},
    Shorthand{"{end}", R"((?:[^A-Za-z0-9_-]|$))"},
    Shorthand{"{b64end}", R"((?:[^A-Za-z0-9+/=]|$))"},
    Shorthand{"{qend}", R"((?:["'\x60\s,;]|$))"},
    Shorthand{"{uuid}", R"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"},
};

std::vector<std::string> split_list(std::string_view text, bool lower) {
  std::vector<std::string> out;
  if (text.empty()) return out;
  for (const std::string& part : util::split(text, ',')) {
    std::string item(util::trim(part));
    if (item.empty()) continue;
    out.push_back(lower ? util::to_lower(item) : item);
  }
  return out;
}

SecretRule to_rule(const RuleSpec& spec) {
  SecretRule rule;
  rule.id = rule_id_for(spec.name);
  rule.description = spec.description;
  rule.provider = spec.provider;
  rule.pattern = expand_shorthands(spec.pattern);
  rule.secret_group = spec.secret_group;
  rule.min_entropy = spec.min_entropy;
  rule.score = spec.score;
  rule.specificity = spec.specificity;
  rule.caseless = spec.caseless;
  rule.keywords = split_list(spec.keywords, true);
  if (!spec.allow_values.empty()) rule.allow_values.emplace_back(spec.allow_values);
  rule.allow_paths = split_list(spec.allow_paths, false);
  rule.origin = "built-in";
  rule.builtin = true;
  return rule;
}

}  // namespace

std::string expand_shorthands(std::string_view pattern) {
  std::string out(pattern);
  for (const Shorthand& shorthand : k_shorthands)
    out = util::replace_all(out, shorthand.name, shorthand.expansion);
  return out;
}

const std::vector<SecretRule>& builtin_rules() {
  static const std::vector<SecretRule> k_rules = [] {
    std::vector<SecretRule> rules;
    for (auto table : {cloud_rule_specs(), code_rule_specs(), payment_chat_rule_specs(),
                       services_rule_specs(), keys_rule_specs()}) {
      for (const RuleSpec& spec : table) rules.push_back(to_rule(spec));
    }
    return rules;
  }();
  return k_rules;
}

}  // namespace slipway::scan::secrets
