// The rules file (scan.secrets.rules-file): YAML with one key, `rules`, a list
// of mappings with the same fields as scan.secrets.rules.<name>.* in
// .slipway.yml plus `id`. Every mistake is an Error with file:line:column.
#include <yaml-cpp/yaml.h>

#include <array>
#include <cstdio>

#include "stages/scan/secrets/secrets_settings.hpp"
#include "util/strings.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr std::array<std::string_view, 11> k_fields = {
    "id",    "pattern",          "description",  "secret-group", "keywords", "min-entropy",
    "score", "case-insensitive", "allow-values", "allow-paths",  "enabled"};

std::string format_number(double value) {
  std::array<char, 32> buffer{};
  std::snprintf(buffer.data(), buffer.size(), "%g", value);
  return buffer.data();
}

Error error_at(const std::string& label, const YAML::Node& node, std::string message, std::string hint = {}) {
  const YAML::Mark mark = node.Mark();
  return Error{std::move(message), label, mark.line >= 0 ? mark.line + 1 : 0,
               mark.column >= 0 ? mark.column + 1 : 0, std::move(hint)};
}

std::string origin_of(const std::string& label, const YAML::Node& node) {
  const YAML::Mark mark = node.Mark();
  return label + ":" + std::to_string(mark.line + 1) + ":" + std::to_string(mark.column + 1);
}

Result<std::string> scalar(const std::string& label, const YAML::Node& node, const std::string& field) {
  if (!node.IsScalar()) return error_at(label, node, "`" + field + "` must be a string");
  return node.Scalar();
}

Result<std::vector<std::string>> string_list(const std::string& label, const YAML::Node& node,
                                             const std::string& field) {
  std::vector<std::string> out;
  if (node.IsScalar()) {
    out.push_back(node.Scalar());
    return out;
  }
  if (!node.IsSequence()) return error_at(label, node, "`" + field + "` must be a list of strings");
  for (const YAML::Node& item : node) {
    if (!item.IsScalar()) return error_at(label, item, "`" + field + "` must be a list of strings");
    out.push_back(item.Scalar());
  }
  return out;
}

Result<double> number(const std::string& label, const YAML::Node& node, const std::string& field, double low,
                      double high) {
  double value = 0;
  if (!node.IsScalar() || !YAML::convert<double>::decode(node, value) || value < low || value > high) {
    return error_at(
        label, node,
        "`" + field + "` must be a number from " + format_number(low) + " to " + format_number(high));
  }
  return value;
}

Result<bool> boolean(const std::string& label, const YAML::Node& node, const std::string& field) {
  bool value = false;
  if (!node.IsScalar() || !YAML::convert<bool>::decode(node, value)) {
    return error_at(label, node, "`" + field + "` must be true or false");
  }
  return value;
}

Result<UserRule> parse_entry(const std::string& label, const YAML::Node& entry) {
  if (!entry.IsMap()) return error_at(label, entry, "each entry of `rules` must be a mapping");
  UserRule rule;
  rule.origin = origin_of(label, entry);
  RuleFields& fields = rule.fields;
  for (const auto& item : entry) {
    const std::string key = item.first.Scalar();
    const YAML::Node& value = item.second;
    if (key == "id") {
      auto text = scalar(label, value, key);
      if (!text) return text.error();
      rule.id = *text;
    } else if (key == "pattern" || key == "description") {
      auto text = scalar(label, value, key);
      if (!text) return text.error();
      (key == "pattern" ? fields.pattern : fields.description) = *text;
    } else if (key == "secret-group") {
      auto group = number(label, value, key, 0, 99);
      if (!group) return group.error();
      fields.secret_group = static_cast<int>(*group);
    } else if (key == "min-entropy" || key == "score") {
      auto parsed = number(label, value, key, 0, key == "score" ? 10 : 8);
      if (!parsed) return parsed.error();
      (key == "score" ? fields.score : fields.min_entropy) = *parsed;
    } else if (key == "case-insensitive" || key == "enabled") {
      auto flag = boolean(label, value, key);
      if (!flag) return flag.error();
      (key == "enabled" ? fields.enabled : fields.caseless) = *flag;
    } else if (key == "keywords" || key == "allow-values" || key == "allow-paths") {
      auto list = string_list(label, value, key);
      if (!list) return list.error();
      (key == "keywords"       ? fields.keywords
       : key == "allow-values" ? fields.allow_values
                               : fields.allow_paths) = std::move(*list);
    } else {
      std::vector<std::string> known(k_fields.begin(), k_fields.end());
      const std::string suggestion = util::closest_match(key, known);
      return error_at(label, item.first, "unknown field `" + key + "` in a secret rule",
                      suggestion.empty() ? "known fields: " + util::join(known, ", ")
                                         : "did you mean `" + suggestion + "`?");
    }
  }
  if (rule.id.empty()) return error_at(label, entry, "a secret rule needs an `id`");
  return rule;
}

}  // namespace

Result<std::vector<UserRule>> parse_rules_file(const std::string& text, const std::string& label) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    return Error{"the rules file is not valid YAML: " + error.msg, label, error.mark.line + 1,
                 error.mark.column + 1, ""};
  }
  std::vector<UserRule> rules;
  if (root.IsNull()) return rules;
  if (!root.IsMap() || !root["rules"]) {
    return error_at(label, root, "a rules file is a mapping with a `rules` list",
                    "see docs/scan-secrets.md, \"Rules file\"");
  }
  for (const auto& item : root) {
    if (item.first.Scalar() != "rules") {
      return error_at(label, item.first, "unknown key `" + item.first.Scalar() + "` in the rules file",
                      "the only key is `rules`");
    }
  }
  const YAML::Node list = root["rules"];
  if (!list.IsSequence()) return error_at(label, list, "`rules` must be a list");
  for (const YAML::Node& entry : list) {
    auto rule = parse_entry(label, entry);
    if (!rule) return rule.error();
    rules.push_back(std::move(*rule));
  }
  return rules;
}

}  // namespace slipway::scan::secrets
