// Linter descriptors: what Slipway knows about an external linter, as data.
//
// A descriptor is a short YAML file (docs/plugins.md has the format) saying
// which files a tool looks at, how to call it, where its output goes and how
// to read it. Shipped descriptors live in the repository's plugins/ folder and
// are embedded into the binary at build time (embedded_plugins.hpp), so the
// product stays one self-contained file; a repository adds or overrides
// linters by id with its own files in .slipway/plugins/*.yml. Adding a linter
// therefore never needs code: the runner (plugin_runner.hpp) is generic over
// this struct.
//
// Parsing validates everything up front (unknown keys with "did you mean",
// types, enum values, regexes, JSON pointers, placeholders against the mode)
// and reports the first problem as an Error with file:line:column, the same
// way .slipway.yml errors are reported. Nothing throws out of this layer.
#pragma once

#include <map>
#include <memory>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "util/result.hpp"

namespace slipway::lint {

// How files are handed to the tool.
enum class RunMode {
  per_file,  // one call per file ({file} / {files} is that one file)
  batch,     // many files per call ({files}), split by batch-size and the argv byte limit
  project,   // one call on the whole repository; results are filtered to the selected files
};

// Where the tool writes the report we parse. (Not "stdout"/"stderr": those are macros.)
enum class OutputSource { standard_output, standard_error, file };

enum class ParserKind { sarif, checkstyle, json, regex };

// JSON pointers (RFC 6901) into a JSON report. `root` points at the array of
// entries. With `each` set, every entry is a file object holding an array of
// messages at `each` (eslint: [{filePath, messages: [...]}, ...]) and
// `file_path` points from the file object to its path; the other pointers are
// then relative to a message. An empty pointer field means "not given".
struct JsonMapping {
  std::string root;  // "" = the whole document is the array
  std::string each;
  std::string file_path;
  std::string path;
  std::string line;
  std::string column;
  std::string end_line;
  std::string end_column;
  std::string rule;
  std::string severity;
  std::string message;
};

// Group numbers of a line-based regular expression (0 = not captured).
struct RegexMapping {
  std::string pattern;
  std::shared_ptr<const std::regex> compiled;  // shared: descriptors are copied, regexes are not cheap
  int path = 0;
  int line = 0;
  int column = 0;
  int end_line = 0;
  int end_column = 0;
  int severity = 0;
  int rule = 0;
  int message = 0;  // 0 = the whole matched line is the message
};

struct OutputSpec {
  OutputSource from = OutputSource::standard_output;
  std::string path;  // for OutputSource::file; may contain {sarif_out} and {root}
  ParserKind parser = ParserKind::json;
  JsonMapping json;
  RegexMapping regex;
  std::string strip_rule_prefix;       // removed from the tool's rule id ("ShellCheck.")
  std::string rule_format = "{rule}";  // then formatted ("SC{rule}" turns 2086 into SC2086)
};

// Tool severity text (lower-cased) to our severity. Looked up in `entries`
// first, then in the default mapping (error/fatal, warning/warn,
// info/style/note/convention/refactor/none); anything else, and a missing
// severity, gives `default_severity`.
struct SeverityMap {
  std::map<std::string, model::Severity> entries;
  model::Severity default_severity = model::Severity::warning;
};

model::Severity map_severity(const SeverityMap& map, std::string_view tool_severity);

struct InstallHints {
  std::string apt;
  std::string npm;
  std::string pip;
};

// "apt-get install shellcheck or npm install -g x"; "" when no hint is given.
std::string install_hint_text(const InstallHints& hints);

struct Descriptor {
  std::string id;  // lower-case letters, digits, '-' and '_'; rule ids are "<id>/<rule>"
  std::string name;
  std::string url;
  std::vector<std::string> languages;      // informational
  std::vector<std::string> file_patterns;  // globs (util/glob.hpp) of files the tool checks
  std::vector<std::string> exclude;
  std::vector<std::string> detect;   // globs of files whose presence enables it under lint.auto
  std::vector<std::string> command;  // argument vector with placeholders
  RunMode mode = RunMode::batch;
  bool parallel = true;
  int batch_size = 200;
  OutputSpec output;
  SeverityMap severity;
  std::vector<int> success_exit_codes{0};
  std::vector<int> findings_exit_codes{1};
  std::vector<std::string> fix;           // run instead of `command` by --fix; empty = no fixer
  std::vector<std::string> config_files;  // first one present at the root becomes {config}
  std::vector<std::string> version;       // prints the version; empty = unknown
  InstallHints install;
  bool required = false;
  int timeout_seconds = 300;
  std::string rules_url;  // help URI template with {rule}

  std::string source;  // "shipped" or the user descriptor's path
  bool shipped = false;
};

// Placeholder names in command, fix and output.path.
inline constexpr std::string_view k_files_placeholder = "{files}";
inline constexpr std::string_view k_file_placeholder = "{file}";
inline constexpr std::string_view k_root_placeholder = "{root}";
inline constexpr std::string_view k_config_placeholder = "{config}";
inline constexpr std::string_view k_sarif_out_placeholder = "{sarif_out}";

// Parses and validates one descriptor. `file_name` is used in errors.
Result<Descriptor> parse_descriptor(std::string_view text, const std::string& file_name);

// Shipped descriptors (`embedded`: file name and text) followed by
// <root>/.slipway/plugins/*.yml and *.yaml, a user descriptor replacing the
// shipped one of the same id. Sorted by id. Two files declaring one id in the
// same place is an error naming both.
Result<std::vector<Descriptor>> load_descriptors(
    const std::vector<std::pair<std::string_view, std::string_view>>& embedded, const std::string& root);
// The same with the descriptors embedded in this binary.
Result<std::vector<Descriptor>> load_descriptors(const std::string& root);

// The user descriptor folder, relative to the repository root.
inline constexpr std::string_view k_user_descriptor_dir = ".slipway/plugins";

}  // namespace slipway::lint
