// The declarations of the built-in checks as data: one table row per check,
// from which the lint section of the configuration schema, the rule metadata
// (SARIF rules, docs) and the per-run settings are derived. Adding a check means
// adding a row here, an enum value in check_context.hpp, and the code that
// detects it.
#include "stages/lint/lint_schema.hpp"

#include <algorithm>
#include <type_traits>

#include "stages/lint/builtin_checks.hpp"
#include "util/glob.hpp"

namespace slipway::lint {
namespace {

using model::Severity;

constexpr std::string_view k_help_base =
    "https://github.com/slipway-ci/slipway/blob/main/docs/rules/builtin.md#";

const std::array<CheckSpec, k_check_count> k_specs = {{
    {Check::trailing_whitespace, "trailing-whitespace", Severity::warning, true,
     "Line ends with spaces or tabs",
     "Spaces or tabs before the end of a line are invisible noise: they make diffs and blame "
     "harder to read and editors strip them, producing unrelated changes.",
     "Remove the trailing spaces and tabs, or run `slipway lint --fix`."},
    {Check::end_of_file_newline, "end-of-file-newline", Severity::warning, true,
     "File does not end with exactly one newline",
     "A text file should end with exactly one line ending: without it, tools that concatenate or "
     "count lines misbehave and diffs show `\\ No newline at end of file`; extra blank lines at the "
     "end are noise. An empty file is fine.",
     "Add the missing final newline or delete the blank lines at the end, or run "
     "`slipway lint --fix`."},
    {Check::mixed_line_endings, "mixed-line-endings", Severity::warning, true,
     "File mixes LF and CRLF line endings",
     "A file whose lines end partly in LF and partly in CRLF was usually edited on two platforms; "
     "it produces whole-file diffs and confuses tools.",
     "Convert the file to one line ending (`slipway lint --fix` converts to the majority ending, "
     "LF on a tie) and consider a `.gitattributes` `eol` setting."},
    {Check::merge_conflict_marker, "merge-conflict-marker", Severity::error, false,
     "Unresolved merge conflict marker",
     "A line starting with `<<<<<<< `, `>>>>>>> `, or `=======` (after a `<<<<<<<`) is left over "
     "from an unresolved merge and almost certainly breaks the file.",
     "Resolve the conflict: keep the right side, delete the markers, and commit again."},
    {Check::private_key, "private-key", Severity::error, false, "Private key committed",
     "The file contains a private key block (RSA, DSA, EC, OpenSSH, PGP, PKCS#8 or encrypted "
     "PKCS#8) or a PuTTY key file. Anyone who can read the repository can use the key.",
     "Remove the key from the repository (and its history), rotate it, and load it from a secret "
     "store at run time."},
    {Check::large_file, "large-file", Severity::warning, false, "File is larger than the limit",
     "Large files bloat every clone forever. The limit is `lint.checks.large-file.max-kb` KiB; "
     "Git LFS pointer files and files tracked by Git LFS (`filter=lfs` in `.gitattributes`) are "
     "exempt. Files over the limit are not read fully and skip the content checks.",
     "Do not commit the file, store it with Git LFS, or raise `lint.checks.large-file.max-kb`."},
    {Check::yaml_syntax, "yaml-syntax", Severity::error, false, "YAML file does not parse",
     "Every document of a `*.yml` / `*.yaml` file must be valid YAML.",
     "Fix the syntax at the reported line and column. Template files that are not YAML before "
     "rendering (e.g. Helm `templates/`) can be excluded with `lint.checks.yaml-syntax.exclude`."},
    {Check::json_syntax, "json-syntax", Severity::error, false, "JSON file does not parse or repeats a key",
     "A `*.json` file must be strict JSON (RFC 8259) and no object may repeat a key: parsers "
     "silently keep one of the values. Files that allow comments (`tsconfig.json`, VS Code "
     "settings) are reported too.",
     "Fix the syntax or remove the duplicate key; exclude JSON-with-comments files with "
     "`lint.checks.json-syntax.exclude`."},
    {Check::executable_without_shebang, "executable-without-shebang", Severity::warning, false,
     "Executable file without a shebang",
     "The file has an executable permission bit but does not start with `#!`, so running it "
     "fails or runs the wrong interpreter.",
     "Add a shebang line (e.g. `#!/usr/bin/env bash`) or remove the executable bit "
     "(`git update-index --chmod=-x FILE` and `chmod -x FILE`)."},
    {Check::case_conflict, "case-conflict", Severity::error, false, "Paths differ only in case",
     "Two files or folders whose paths differ only in letter case cannot both be checked out "
     "on case-insensitive file systems (macOS, Windows). Only ASCII letters are compared.",
     "Rename or remove one of the two paths (`git mv`)."},
    {Check::utf8_bom, "utf8-bom", Severity::warning, true, "File starts with a UTF-8 byte-order mark",
     "A UTF-8 byte-order mark is unnecessary and breaks shebangs, shell scripts, JSON parsers "
     "and concatenation.",
     "Save the file as UTF-8 without BOM, or run `slipway lint --fix`."},
    {Check::invalid_utf8, "invalid-utf8", Severity::error, false, "Text file is not valid UTF-8",
     "A text file contains a byte sequence that is not valid UTF-8 (a stray continuation byte, "
     "a truncated sequence, an overlong encoding, a surrogate, or a code point above U+10FFFF). "
     "It is probably in a legacy encoding such as Latin-1.",
     "Convert the file to UTF-8 (e.g. `iconv -f latin1 -t utf-8`), or exclude it with "
     "`lint.checks.invalid-utf8.exclude`."},
}};

std::string key_for(std::string_view check, std::string_view leaf) {
  return "lint.checks." + std::string(check) + "." + std::string(leaf);
}

template <typename T>
T read_or(const model::Config* config, const std::string& key, T fallback) {
  if (config == nullptr || !config->has(key)) return fallback;
  if constexpr (std::is_same_v<T, bool>) {
    return config->get_bool(key);
  } else if constexpr (std::is_same_v<T, std::int64_t>) {
    return config->get_int(key);
  } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
    return config->get_list(key);
  } else {
    return config->get_string(key);
  }
}

}  // namespace

const std::array<CheckSpec, k_check_count>& check_specs() {
  return k_specs;
}

std::string_view check_id(Check check) {
  return k_specs[static_cast<std::size_t>(check)].id;
}

model::ConfigSchema lint_config_schema() {
  using model::ConfigKey;
  using model::ValueType;
  model::ConfigSchema schema;
  schema.push_back(ConfigKey{"lint.exclude",
                             ValueType::string_list,
                             std::vector<std::string>{},
                             "Globs of files no built-in lint check looks at",
                             {}});
  schema.push_back(ConfigKey{
      "lint.fail-if-fixed", ValueType::boolean, false, "Fail the lint stage when --fix rewrote a file", {}});
  for (const CheckSpec& spec : k_specs) {
    const std::string id(spec.id);
    schema.push_back(
        ConfigKey{key_for(id, "enabled"), ValueType::boolean, true, "Run the " + id + " check", {}});
    schema.push_back(ConfigKey{key_for(id, "severity"),
                               ValueType::choice,
                               std::string(model::to_string(spec.default_severity)),
                               "Severity of " + id + " findings",
                               {"error", "warning", "note"}});
    schema.push_back(ConfigKey{key_for(id, "exclude"),
                               ValueType::string_list,
                               std::vector<std::string>{},
                               "Globs of files the " + id + " check skips",
                               {}});
  }
  ConfigKey max_kb{key_for("large-file", "max-kb"),
                   ValueType::integer,
                   k_default_large_file_max_kb,
                   "Files larger than this many KiB are reported by large-file",
                   {}};
  max_kb.min = 1;
  schema.push_back(std::move(max_kb));
  return schema;
}

std::vector<model::RuleInfo> builtin_rules() {
  std::vector<model::RuleInfo> rules;
  for (const CheckSpec& spec : k_specs) {
    model::RuleInfo rule;
    rule.id = spec.id;
    rule.tool = k_tool;
    rule.short_description = spec.short_description;
    rule.full_description = spec.full_description;
    rule.help = spec.help;
    rule.help_uri = std::string(k_help_base) + std::string(spec.id);
    rule.default_severity = spec.default_severity;
    if (spec.check == Check::private_key) rule.security_severity = 9.0;
    rules.push_back(std::move(rule));
  }
  const auto io_rule = [](std::string_view id, std::string_view what, std::string_view help) {
    model::RuleInfo rule;
    rule.id = id;
    rule.tool = k_tool;
    rule.short_description = what;
    rule.full_description = std::string(what) + "; the built-in checks could not look at it.";
    rule.help = help;
    rule.help_uri = std::string(k_help_base) + std::string(id);
    rule.default_severity = Severity::error;
    return rule;
  };
  rules.push_back(io_rule(k_read_error_rule, "A selected file cannot be read",
                          "Check the file's permissions, or exclude it with `lint.exclude`."));
  rules.push_back(io_rule(k_write_error_rule, "--fix could not write a file",
                          "Check that the file and its folder are writable."));
  return rules;
}

CheckSet LintSettings::enabled_for(std::string_view path) const {
  CheckSet set;
  for (const CheckSpec& spec : k_specs) {
    const CheckSettings& check = checks[static_cast<std::size_t>(spec.check)];
    if (!check.enabled) continue;
    if (!check.exclude.empty() && util::glob_match_any(check.exclude, path)) continue;
    set.set(spec.check);
  }
  return set;
}

LintSettings resolve_settings(const model::Config* config) {
  LintSettings settings;
  settings.exclude = read_or(config, "lint.exclude", std::vector<std::string>{});
  settings.fail_if_fixed = read_or(config, "lint.fail-if-fixed", false);
  settings.large_file_max_kb = std::max<std::int64_t>(
      1, read_or(config, key_for("large-file", "max-kb"), k_default_large_file_max_kb));
  for (const CheckSpec& spec : k_specs) {
    CheckSettings& check = settings.checks[static_cast<std::size_t>(spec.check)];
    check.enabled = read_or(config, key_for(spec.id, "enabled"), true);
    const std::string severity = read_or(config, key_for(spec.id, "severity"), std::string());
    check.severity = model::parse_severity(severity).value_or(spec.default_severity);
    check.exclude = read_or(config, key_for(spec.id, "exclude"), std::vector<std::string>{});
    settings.severities[static_cast<std::size_t>(spec.check)] = check.severity;
  }
  return settings;
}

}  // namespace slipway::lint
