// Reading one descriptor file: YAML text to a validated Descriptor.
//
// yaml-cpp parses the text into a node tree, which is then read mapping by
// mapping against a fixed list of keys per mapping. Every problem becomes an
// Error carrying the file name and the 1-based line and column of the node at
// fault (yaml-cpp's marks are 0-based): unknown keys get a "did you mean" from
// the keys valid at that very place, wrong types say what was expected, enum
// values list the allowed ones, regexes are compiled (std::regex_error) and
// JSON pointers parsed here, so a broken descriptor is refused when it is
// loaded and never half-works at run time.
//
// The reader (on yaml_fields::FieldReader) records the first error and keeps
// going with defaults, instead of threading a Result through every field;
// read() then returns that error.
// Checks that span fields (placeholders against the mode, the output
// parser's settings) run after the fields were read, each pointing at the
// node that has to change.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>

#include "stages/lint/plugins/descriptor.hpp"
#include "stages/lint/plugins/yaml_fields.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

using model::Severity;

const std::vector<std::string> k_top_keys = {"id",
                                             "name",
                                             "url",
                                             "languages",
                                             "file-patterns",
                                             "exclude",
                                             "detect",
                                             "command",
                                             "mode",
                                             "parallel",
                                             "batch-size",
                                             "output",
                                             "severity-map",
                                             "default-severity",
                                             "success-exit-codes",
                                             "findings-exit-codes",
                                             "fix",
                                             "config-files",
                                             "version",
                                             "install",
                                             "required",
                                             "timeout",
                                             "rules-url"};
const std::vector<std::string> k_output_keys = {
    "from", "path", "parser", "mapping", "pattern", "groups", "strip-rule-prefix", "rule-format"};
const std::vector<std::string> k_mapping_keys = {"root", "each",     "file-path", "path",
                                                 "line", "column",   "end-line",  "end-column",
                                                 "rule", "severity", "message"};
const std::vector<std::string> k_group_keys = {"path",       "line",     "column", "end-line",
                                               "end-column", "severity", "rule",   "message"};
const std::vector<std::string> k_install_keys = {"apt", "npm", "pip"};
const std::vector<std::string> k_placeholders = {"files", "file", "root", "config", "sarif_out"};

constexpr int k_max_exit_code = 255;
constexpr int k_max_batch_size = 100000;
constexpr int k_max_timeout_seconds = 24 * 60 * 60;

bool valid_id(std::string_view id) {
  if (id.empty()) return false;
  const auto allowed = [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  };
  return std::all_of(id.begin(), id.end(), allowed) && id.front() != '-' && id.front() != '_';
}

// The placeholder `name` was probably meant to be: a close edit, or the same
// letters swapped ("flies"); "" when it looks like some other template word.
std::string placeholder_typo(const std::string& name) {
  std::string suggestion = util::closest_match(name, k_placeholders);
  if (!suggestion.empty()) return suggestion;
  std::string letters = util::to_lower(name);
  std::sort(letters.begin(), letters.end());
  for (const std::string& placeholder : k_placeholders) {
    std::string sorted = placeholder;
    std::sort(sorted.begin(), sorted.end());
    if (sorted == letters) return placeholder;
  }
  return {};
}

using yaml_fields::Entries;
using yaml_fields::Entry;
using yaml_fields::in_quotes;
using yaml_fields::kind_of;

class DescriptorReader : public yaml_fields::FieldReader {
 public:
  explicit DescriptorReader(std::string file_name) : FieldReader(std::move(file_name)) {}

  Result<Descriptor> read(std::string_view text) {
    YAML::Node root;
    try {
      root = YAML::Load(std::string(text));
    } catch (const YAML::ParserException& error) {
      return error_at(error.mark, "invalid YAML: " + error.msg,
                      "check the indentation and quoting; YAML allows only spaces for indentation");
    } catch (const YAML::Exception& error) {
      return error_at(error.mark, std::string("invalid YAML: ") + error.what());
    }
    if (root.IsNull())
      return error_at(root.Mark(), "empty descriptor", "give at least id, file-patterns, command and output");
    if (!root.IsMap()) {
      return error_at(root.Mark(), "expected a mapping of descriptor keys, got " + kind_of(root),
                      "write one key per line, as in \"id: mylinter\"");
    }
    try {
      Descriptor descriptor = read_descriptor(root);
      if (m_error) return *m_error;
      return descriptor;
    } catch (const YAML::Exception& error) {
      return error_at(error.mark, std::string("cannot read the descriptor: ") + error.what());
    }
  }

 private:
  Severity read_severity(const Entry& entry, const std::string& what) {
    const std::string text = read_choice(entry, what, {"error", "warning", "note"});
    return model::parse_severity(text).value_or(Severity::warning);
  }

  Descriptor read_descriptor(const YAML::Node& root) {
    Descriptor d;
    const Entries entries = entries_of(root, k_top_keys, "");
    if (m_error) return d;
    require(entries, root, "id", "", "give the linter an id, e.g. \"id: shellcheck\"");
    require(entries, root, "file-patterns", "",
            "say which files it checks, e.g. \"file-patterns: ['*.sh']\"");
    require(entries, root, "command", "",
            "give the command as a list, e.g. \"command: [shellcheck, '{files}']\"");
    require(entries, root, "output", "", "say how to read its output, e.g. \"output: {parser: sarif}\"");
    if (m_error) return d;

    const Entry& id = entries.at("id");
    d.id = read_string(id, "id");
    if (!m_error && !valid_id(d.id)) {
      fail(value_mark(id), "invalid id " + in_quotes(d.id),
           "use lower-case letters, digits, '-' and '_', starting with a letter or digit");
    }
    d.name = d.id;
    if (const Entry* e = find(entries, "name")) d.name = read_string(*e, "name");
    if (const Entry* e = find(entries, "url")) d.url = read_string(*e, "url");
    if (const Entry* e = find(entries, "languages")) d.languages = read_list(*e, "languages");
    d.file_patterns = read_list(entries.at("file-patterns"), "file-patterns");
    if (!m_error && d.file_patterns.empty()) {
      fail(value_mark(entries.at("file-patterns")), "\"file-patterns\" is empty",
           "give at least one glob, e.g. ['*.sh']");
    }
    if (const Entry* e = find(entries, "exclude")) d.exclude = read_list(*e, "exclude");
    if (const Entry* e = find(entries, "detect")) d.detect = read_list(*e, "detect");
    if (const Entry* e = find(entries, "mode")) {
      const std::string mode = read_choice(*e, "mode", {"per-file", "batch", "project"});
      d.mode = mode == "per-file" ? RunMode::per_file : mode == "project" ? RunMode::project : RunMode::batch;
    }
    if (const Entry* e = find(entries, "parallel")) d.parallel = read_bool(*e, "parallel", true);
    if (const Entry* e = find(entries, "batch-size")) {
      d.batch_size = read_int(e->value, value_mark(*e), "batch-size", 1, k_max_batch_size, d.batch_size);
    }
    d.command = read_command(entries.at("command"), "command", d.mode);
    if (const Entry* e = find(entries, "fix")) d.fix = read_command(*e, "fix", d.mode);
    read_output(entries.at("output"), d.output);
    if (const Entry* e = find(entries, "severity-map")) read_severity_map(*e, d.severity);
    if (const Entry* e = find(entries, "default-severity")) {
      d.severity.default_severity = read_severity(*e, "default-severity");
    }
    if (const Entry* e = find(entries, "success-exit-codes")) {
      d.success_exit_codes = read_int_list(*e, "success-exit-codes", 0, k_max_exit_code);
    }
    if (const Entry* e = find(entries, "findings-exit-codes")) {
      d.findings_exit_codes = read_int_list(*e, "findings-exit-codes", 0, k_max_exit_code);
    }
    if (const Entry* e = find(entries, "config-files")) d.config_files = read_list(*e, "config-files");
    if (const Entry* e = find(entries, "version")) d.version = read_list(*e, "version");
    if (const Entry* e = find(entries, "install")) read_install(*e, d.install);
    if (const Entry* e = find(entries, "required")) d.required = read_bool(*e, "required", false);
    if (const Entry* e = find(entries, "timeout")) {
      d.timeout_seconds =
          read_int(e->value, value_mark(*e), "timeout", 1, k_max_timeout_seconds, d.timeout_seconds);
    }
    if (const Entry* e = find(entries, "rules-url")) d.rules_url = read_string(*e, "rules-url");
    return d;
  }

  // A command vector: non-empty strings, known placeholders, and placeholders
  // that fit the mode ({files} must be a whole element; project mode takes no
  // file list; batch mode needs {files}; per-file mode needs {file} or {files}).
  std::vector<std::string> read_command(const Entry& entry, const std::string& what, RunMode mode) {
    std::vector<std::string> argv = read_list(entry, what);
    if (m_error) return argv;
    if (argv.empty() || argv.front().empty()) {
      fail(value_mark(entry), in_quotes(what) + " needs at least the program to run",
           "write it as a list, e.g. [shellcheck, --format=json1, '{files}']");
      return argv;
    }
    bool has_files = false;
    bool has_file = false;
    std::size_t index = 0;
    for (const YAML::Node& item : entry.value) {
      const std::string& arg = argv[index++];
      check_placeholders(arg, item.Mark(), what);
      if (arg.find(k_files_placeholder) != std::string::npos) {
        if (arg != k_files_placeholder) {
          fail(item.Mark(), "{files} must be a list element of its own in " + in_quotes(what),
               "write '{files}' as a separate element; it expands to one argument per file");
        }
        has_files = true;
      }
      if (arg.find(k_file_placeholder) != std::string::npos) has_file = true;
    }
    const YAML::Mark mark = value_mark(entry);
    if (mode == RunMode::project && (has_files || has_file)) {
      fail(mark,
           "mode project runs once on the whole repository, so " + in_quotes(what) +
               " cannot use {files} or {file}",
           "remove them (use {root} for the repository path) or choose mode batch or per-file");
    } else if (mode == RunMode::batch && has_file) {
      fail(mark, "{file} in " + in_quotes(what) + " needs mode per-file",
           "use {files}, or set \"mode: per-file\"");
    } else if (mode == RunMode::batch && !has_files) {
      fail(mark, "mode batch needs {files} in " + in_quotes(what),
           "add '{files}' where the file names go, or set \"mode: project\"");
    } else if (mode == RunMode::per_file && !has_files && !has_file) {
      fail(mark, "mode per-file needs {file} in " + in_quotes(what), "add '{file}' where the file name goes");
    }
    return argv;
  }

  // Flags "{name}" tokens that look like a misspelt placeholder. Other braces
  // pass through untouched: tools such as pylint take "{path}:{line}" templates.
  void check_placeholders(const std::string& arg, const YAML::Mark& mark, const std::string& what) {
    std::size_t open = arg.find('{');
    while (open != std::string::npos) {
      const std::size_t close = arg.find('}', open + 1);
      if (close == std::string::npos) break;
      const std::string name = arg.substr(open + 1, close - open - 1);
      if (std::find(k_placeholders.begin(), k_placeholders.end(), name) == k_placeholders.end()) {
        const std::string suggestion = placeholder_typo(name);
        if (!suggestion.empty()) {
          fail(mark, "unknown placeholder {" + name + "} in " + in_quotes(what),
               "did you mean {" + suggestion + "}? placeholders: {files} {file} {root} {config} {sarif_out}");
        }
      }
      open = arg.find('{', close + 1);
    }
  }

  void read_output(const Entry& entry, OutputSpec& output) {
    if (!entry.value.IsMap()) {
      fail(value_mark(entry), "expected a mapping for \"output\", got " + kind_of(entry.value),
           "e.g. output: {from: stdout, parser: sarif}");
      return;
    }
    const Entries entries = entries_of(entry.value, k_output_keys, "output");
    if (m_error) return;
    require(entries, entry.value, "parser", "output", "one of sarif, checkstyle, json, regex");
    if (m_error) return;
    const std::string parser =
        read_choice(entries.at("parser"), "output.parser", {"sarif", "checkstyle", "json", "regex"});
    output.parser = parser == "sarif"        ? ParserKind::sarif
                    : parser == "checkstyle" ? ParserKind::checkstyle
                    : parser == "regex"      ? ParserKind::regex
                                             : ParserKind::json;
    if (const Entry* e = find(entries, "from")) {
      const std::string from = read_choice(*e, "output.from", {"stdout", "stderr", "file"});
      output.from = from == "stderr" ? OutputSource::standard_error
                    : from == "file" ? OutputSource::file
                                     : OutputSource::standard_output;
    }
    if (const Entry* e = find(entries, "path")) {
      output.path = read_string(*e, "output.path");
      if (output.from != OutputSource::file) {
        fail(e->key.Mark(), "\"output.path\" is only used with \"from: file\"",
             "remove it, or set \"from: file\"");
      }
      check_placeholders(output.path, value_mark(*e), "output.path");
    } else if (output.from == OutputSource::file) {
      fail(entry.value.Mark(), "\"from: file\" needs \"output.path\"",
           "e.g. path: '{sarif_out}' with '{sarif_out}' in the command too");
    }
    if (const Entry* e = find(entries, "strip-rule-prefix")) {
      output.strip_rule_prefix = read_string(*e, "output.strip-rule-prefix");
    }
    if (const Entry* e = find(entries, "rule-format")) {
      output.rule_format = read_string(*e, "output.rule-format");
      if (!m_error && output.rule_format.find("{rule}") == std::string::npos) {
        fail(value_mark(*e), "\"output.rule-format\" must contain {rule}", "e.g. \"SC{rule}\"");
      }
    }
    const Entry* mapping = find(entries, "mapping");
    const Entry* pattern = find(entries, "pattern");
    const Entry* groups = find(entries, "groups");
    if (output.parser == ParserKind::json) {
      if (mapping == nullptr) {
        fail(entry.value.Mark(), "\"parser: json\" needs \"output.mapping\"",
             "give JSON pointers, e.g. mapping: {root: /results, path: /file, line: /line, message: /text}");
      } else {
        read_json_mapping(*mapping, output.json);
      }
    } else if (mapping != nullptr) {
      fail(mapping->key.Mark(), "\"output.mapping\" is only used with \"parser: json\"");
    }
    if (output.parser == ParserKind::regex) {
      if (pattern == nullptr || groups == nullptr) {
        fail(entry.value.Mark(), "\"parser: regex\" needs \"output.pattern\" and \"output.groups\"",
             "e.g. pattern: '^(.+):(\\d+):(\\d+): (.*)$' with groups: {path: 1, line: 2, column: 3, message: "
             "4}");
      } else {
        read_regex(*pattern, *groups, output.regex);
      }
    } else if (pattern != nullptr || groups != nullptr) {
      fail((pattern != nullptr ? pattern : groups)->key.Mark(),
           "\"output.pattern\" and \"output.groups\" are only used with \"parser: regex\"");
    }
  }

  void read_json_mapping(const Entry& entry, JsonMapping& mapping) {
    if (!entry.value.IsMap()) {
      fail(value_mark(entry),
           "expected a mapping of JSON pointers for \"output.mapping\", got " + kind_of(entry.value));
      return;
    }
    const Entries entries = entries_of(entry.value, k_mapping_keys, "output.mapping");
    const std::vector<std::pair<std::string, std::string*>> fields = {
        {"root", &mapping.root},           {"each", &mapping.each},
        {"file-path", &mapping.file_path}, {"path", &mapping.path},
        {"line", &mapping.line},           {"column", &mapping.column},
        {"end-line", &mapping.end_line},   {"end-column", &mapping.end_column},
        {"rule", &mapping.rule},           {"severity", &mapping.severity},
        {"message", &mapping.message}};
    for (const auto& [name, target] : fields) {
      const Entry* e = find(entries, name);
      if (e == nullptr) continue;
      *target = e->value.IsNull() ? std::string() : read_string(*e, "output.mapping." + name);
      try {
        (void)nlohmann::json::json_pointer(*target);
      } catch (const nlohmann::json::exception&) {
        fail(value_mark(*e),
             "invalid JSON pointer " + in_quotes(*target) + " for " + in_quotes("output.mapping." + name),
             "a JSON pointer is \"\" or starts with '/', e.g. \"/results\" or \"/location/line\"");
      }
    }
    if (!m_error && !mapping.file_path.empty() && mapping.each.empty()) {
      fail(entry.value.Mark(), "\"output.mapping.file-path\" needs \"output.mapping.each\"",
           "file-path points into a file object whose messages are at each, e.g. each: /messages");
    }
  }

  void read_regex(const Entry& pattern, const Entry& groups, RegexMapping& regex) {
    regex.pattern = read_string(pattern, "output.pattern");
    if (m_error) return;
    try {
      regex.compiled = std::make_shared<const std::regex>(regex.pattern, std::regex::ECMAScript);
    } catch (const std::regex_error& error) {
      fail(value_mark(pattern),
           "invalid regular expression in \"output.pattern\": " + std::string(error.what()),
           "std::regex ECMAScript syntax, numbered groups only: (?<name>...) is not supported");
      return;
    }
    if (!groups.value.IsMap()) {
      fail(value_mark(groups),
           "expected a mapping of group numbers for \"output.groups\", got " + kind_of(groups.value),
           "e.g. groups: {path: 1, line: 2, message: 3}");
      return;
    }
    const Entries entries = entries_of(groups.value, k_group_keys, "output.groups");
    const int count = static_cast<int>(regex.compiled->mark_count());
    const std::vector<std::pair<std::string, int*>> fields = {{"path", &regex.path},
                                                              {"line", &regex.line},
                                                              {"column", &regex.column},
                                                              {"end-line", &regex.end_line},
                                                              {"end-column", &regex.end_column},
                                                              {"severity", &regex.severity},
                                                              {"rule", &regex.rule},
                                                              {"message", &regex.message}};
    for (const auto& [name, target] : fields) {
      const Entry* e = find(entries, name);
      if (e == nullptr) continue;
      const int number = read_int(e->value, value_mark(*e), "output.groups." + name, 1, 1000, 0);
      if (!m_error && number > count) {
        fail(value_mark(*e),
             "group " + std::to_string(number) + " for " + in_quotes("output.groups." + name) +
                 " but the pattern has " + std::to_string(count) + " group(s)",
             "count the opening parentheses of the pattern; use (?:...) for groups you do not need");
      }
      *target = number;
    }
  }

  void read_severity_map(const Entry& entry, SeverityMap& map) {
    if (!entry.value.IsMap()) {
      fail(value_mark(entry), "expected a mapping for \"severity-map\", got " + kind_of(entry.value),
           "e.g. severity-map: {info: note, style: note}");
      return;
    }
    for (auto it = entry.value.begin(); it != entry.value.end(); ++it) {
      const YAML::Node key_node = it->first;  // copies: it-> returns a short-lived proxy
      const YAML::Node value_node = it->second;
      if (!key_node.IsScalar()) {
        fail(key_node.Mark(),
             "expected a tool severity as key of \"severity-map\", got " + kind_of(key_node));
        continue;
      }
      const std::string key = util::to_lower(key_node.Scalar());
      const Severity severity =
          read_severity(Entry{key_node, value_node}, "severity-map." + key_node.Scalar());
      if (!map.entries.emplace(key, severity).second) {
        fail(key_node.Mark(), "duplicate key " + in_quotes("severity-map." + key));
      }
    }
  }

  void read_install(const Entry& entry, InstallHints& install) {
    if (!entry.value.IsMap()) {
      fail(value_mark(entry), "expected a mapping for \"install\", got " + kind_of(entry.value),
           "e.g. install: {apt: shellcheck}");
      return;
    }
    const Entries entries = entries_of(entry.value, k_install_keys, "install");
    if (const Entry* e = find(entries, "apt")) install.apt = read_string(*e, "install.apt");
    if (const Entry* e = find(entries, "npm")) install.npm = read_string(*e, "install.npm");
    if (const Entry* e = find(entries, "pip")) install.pip = read_string(*e, "install.pip");
  }
};

}  // namespace

Result<Descriptor> parse_descriptor(std::string_view text, const std::string& file_name) {
  DescriptorReader reader(file_name);
  return reader.read(text);
}

}  // namespace slipway::lint
