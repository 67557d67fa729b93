// Reading line-oriented linter output ("file:line:col: severity: message [rule]")
// with a regular expression, for tools that have no structured format and
// for quick user descriptors around a script.
//
// std::regex (ECMAScript) has no named groups, so the descriptor maps fields
// to group numbers. Each line is searched on its own; lines that do not match
// (headers, summaries, blank lines) are skipped. A line that matches but
// captured no message keeps the whole line as the message. Also here: the
// dispatch from a descriptor to its parser, which applies the descriptor's
// rule rewriting (strip-rule-prefix, rule-format) to whatever the parser read.
#include "stages/lint/plugins/output_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

std::string group_text(const std::smatch& match, int group) {
  if (group <= 0 || static_cast<std::size_t>(group) >= match.size() || !match[group].matched) return {};
  return match[group].str();
}

int group_number(const std::smatch& match, int group) {
  int value = 0;
  const std::string text = group_text(match, group);
  for (const char c : util::trim(text)) {
    if (c < '0' || c > '9' || value > 100000000) return 0;
    value = value * 10 + (c - '0');
  }
  return value;
}

}  // namespace

ParsedFindings parse_regex(std::string_view text, const RegexMapping& mapping,
                           const SeverityMap& severities) {
  if (!mapping.compiled) return make_error("the regex parser has no compiled pattern");
  std::vector<model::Finding> findings;
  try {
    for (const std::string& line : util::split_lines(text)) {
      std::smatch match;
      if (!std::regex_search(line, match, *mapping.compiled)) continue;
      model::Finding finding;
      finding.location.path = group_text(match, mapping.path);
      finding.location.start_line = group_number(match, mapping.line);
      finding.location.start_column = group_number(match, mapping.column);
      finding.location.end_line = group_number(match, mapping.end_line);
      finding.location.end_column = group_number(match, mapping.end_column);
      finding.severity = map_severity(severities, group_text(match, mapping.severity));
      finding.rule_id = group_text(match, mapping.rule);
      finding.message = mapping.message > 0 ? group_text(match, mapping.message) : line;
      findings.push_back(std::move(finding));
    }
  } catch (const std::regex_error& error) {
    return make_error(
        std::string("the output pattern failed on a line of output: ") + error.what(),
        "simplify output.pattern (std::regex gives up on very long lines with nested repetition)");
  }
  return findings;
}

ParsedFindings parse_output(std::string_view text, const Descriptor& descriptor) {
  const OutputSpec& output = descriptor.output;
  ParsedFindings parsed = make_error("unknown parser");
  switch (output.parser) {
    case ParserKind::sarif:
      parsed = parse_sarif(text, descriptor.severity);
      break;
    case ParserKind::checkstyle:
      parsed = parse_checkstyle(text, descriptor.severity);
      break;
    case ParserKind::json:
      parsed = parse_json(text, output.json, descriptor.severity);
      break;
    case ParserKind::regex:
      parsed = parse_regex(text, output.regex, descriptor.severity);
      break;
  }
  if (!parsed) return parsed;
  for (model::Finding& finding : *parsed) {
    std::string rule = finding.rule_id;
    if (!output.strip_rule_prefix.empty() && util::starts_with(rule, output.strip_rule_prefix)) {
      rule = rule.substr(output.strip_rule_prefix.size());
    }
    if (!rule.empty()) rule = util::replace_all(output.rule_format, "{rule}", rule);
    finding.rule_id = std::move(rule);
  }
  return parsed;
}

}  // namespace slipway::lint
