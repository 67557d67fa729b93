// Reading `build.steps` from .slipway.yml into Step values.
//
// The configuration table (model/config.hpp) holds scalars and string lists
// only, so the step list - a list of mappings - is read here, with yaml-cpp,
// in the same style as model/config_yaml.cpp: every error carries
// file:line:column of the node at fault, unknown keys get a "did you mean"
// from the keys valid in a step, and nothing is accepted half-way. Whatever
// can be checked before running is checked here (the `if` expression, the
// retry-on-output regexes, durations, working folders that leave the
// repository), so a typo stops the build before its first step rather than
// in the middle of it.
//
// Positions: yaml-cpp's marks are 0-based, Error's are 1-based. An error in
// an `if` expression points at the character the expression parser names,
// when the value is written on one line.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <filesystem>
#include <regex>
#include <set>
#include <utility>

#include "model/config_schema.hpp"
#include "stages/build/steps/build_steps.hpp"
#include "stages/build/steps/duration_text.hpp"
#include "stages/build/steps/step_condition.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

constexpr int k_max_retries = 100;
constexpr int k_max_exit_code = 255;

const std::vector<std::string>& step_keys() {
  static const std::vector<std::string> keys = {"name",
                                                "run",
                                                "command",
                                                "env",
                                                "working-directory",
                                                "timeout",
                                                "retries",
                                                "retry-delay",
                                                "retry-on-exit-codes",
                                                "retry-on-output",
                                                "continue-on-error",
                                                "if",
                                                "always"};
  return keys;
}

std::string in_quotes(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

std::string kind_of(const YAML::Node& node) {
  if (node.IsMap()) return "a mapping";
  if (node.IsSequence()) return "a list";
  if (node.IsNull()) return "nothing";
  return in_quotes(node.Scalar());
}

bool valid_env_name(std::string_view name) {
  if (name.empty()) return false;
  for (std::size_t i = 0; i < name.size(); ++i) {
    const char c = name[i];
    const bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
    if (!letter && !(i > 0 && c >= '0' && c <= '9')) return false;
  }
  return true;
}

class StepReader {
 public:
  StepReader(std::string file, std::string text) : m_file(std::move(file)), m_text(std::move(text)) {
    m_lines = util::split_lines(m_text);
  }

  Result<std::vector<Step>> read() {
    YAML::Node root;
    try {
      root = YAML::Load(m_text);
    } catch (const YAML::Exception& error) {
      return error_at(error.mark, "invalid YAML: " + error.msg);
    }
    try {
      return read_root(root);
    } catch (const YAML::Exception& error) {
      return error_at(error.mark, std::string("cannot read build.steps: ") + error.what());
    }
  }

 private:
  Error error_at(const YAML::Mark& mark, std::string message, std::string hint = {}) const {
    Error error = make_error(std::move(message), std::move(hint));
    error.file = m_file;
    error.line = mark.line >= 0 ? mark.line + 1 : 0;
    error.column = mark.column >= 0 ? mark.column + 1 : 0;
    return error;
  }

  Result<std::vector<Step>> read_root(const YAML::Node& root) {
    if (!root.IsMap()) return std::vector<Step>{};  // the configuration loader reports the shape
    const YAML::Node build = root["build"];
    if (!build || build.IsNull()) return std::vector<Step>{};
    if (!build.IsMap()) {
      return error_at(build.Mark(), "\"build\" is a section: expected a mapping, got " + kind_of(build));
    }
    // Node objects are kept in optionals: assigning one yaml-cpp Node to
    // another writes into the tree it refers to.
    std::optional<YAML::Node> steps_key;
    std::optional<YAML::Node> steps_value;
    for (auto it = build.begin(); it != build.end(); ++it) {
      if (it->first.IsScalar() && it->first.Scalar() == "steps") {
        if (steps_key)
          return error_at(it->first.Mark(), "duplicate key \"build.steps\"", "keep one step list");
        steps_key.emplace(it->first);
        steps_value.emplace(it->second);
      }
    }
    if (!steps_key) return std::vector<Step>{};
    const YAML::Node& steps = *steps_value;
    if (steps.IsNull() || (steps.IsSequence() && steps.size() == 0)) {
      return error_at(steps.IsNull() ? steps_key->Mark() : steps.Mark(), "build.steps is empty",
                      "list at least one step, or remove build.steps to detect the steps from the project");
    }
    if (!steps.IsSequence()) {
      return error_at(steps.Mark(), "build.steps must be a list of steps, got " + kind_of(steps),
                      "write each step as a list item: \"- name: test\" then \"run: make test\" below it");
    }
    std::vector<Step> out;
    std::map<std::string, int> names;  // name -> 1-based step number
    int number = 0;
    for (const YAML::Node& item : steps) {
      ++number;
      Result<Step> step = read_step(item, number);
      if (!step) return step.error();
      if (const auto seen = names.find(step->name); seen != names.end()) {
        return error_at(m_name_mark.value_or(item.Mark()),
                        "duplicate step name " + in_quotes(step->name) + " (also step " +
                            std::to_string(seen->second) + ")",
                        "give every step its own name: the name is also the name of its log file");
      }
      names.emplace(step->name, number);
      out.push_back(std::move(*step));
    }
    return out;
  }

  Result<Step> read_step(const YAML::Node& item, int number) {
    const std::string where = "step " + std::to_string(number);
    if (!item.IsMap()) {
      return error_at(item.Mark(), where + " must be a mapping, got " + kind_of(item),
                      "e.g. \"- name: test\" with \"run: make test\" on the next line, indented");
    }
    Step step;
    step.file = m_file;
    step.line = item.Mark().line + 1;
    step.column = item.Mark().column + 1;
    m_name_mark.reset();
    std::set<std::string> seen;
    std::optional<YAML::Mark> run_mark;
    std::optional<YAML::Mark> command_mark;

    for (auto it = item.begin(); it != item.end(); ++it) {
      const YAML::Node key = it->first;  // copies: the iterator proxy dies with the statement
      const YAML::Node value = it->second;
      if (!key.IsScalar())
        return error_at(key.Mark(), "expected a key name in " + where + ", got " + kind_of(key));
      const std::string& name = key.Scalar();
      const auto& known = step_keys();
      if (std::find(known.begin(), known.end(), name) == known.end()) {
        const std::string suggestion = util::closest_match(name, known);
        return error_at(key.Mark(), "unknown key " + in_quotes(name) + " in " + where,
                        suggestion.empty() ? "valid keys in a step: " + util::join(known, ", ")
                                           : "did you mean " + in_quotes(suggestion) + "?");
      }
      if (!seen.insert(name).second) {
        return error_at(key.Mark(), "duplicate key " + in_quotes(name) + " in " + where,
                        "remove one of them; only one value can apply");
      }
      const std::string context = in_quotes(name) + " in " + where;
      const YAML::Mark value_mark = value.IsNull() ? key.Mark() : value.Mark();

      if (name == "name") {
        Result<std::string> text = scalar_text(value, value_mark, context);
        if (!text) return text.error();
        if (util::trim(*text).empty() || text->find('\n') != std::string::npos) {
          return error_at(value_mark, "invalid value for " + context + ": expected a one-line name");
        }
        step.name = std::string(util::trim(*text));
        m_name_mark = value_mark;
      } else if (name == "run") {
        Result<std::string> text = scalar_text(value, value_mark, context);
        if (!text) return text.error();
        if (util::trim(*text).empty())
          return error_at(value_mark, "invalid value for " + context + ": empty command");
        step.run = *text;
        run_mark = key.Mark();
      } else if (name == "command") {
        Result<std::vector<std::string>> argv = string_list(value, value_mark, context);
        if (!argv) return argv.error();
        if (argv->empty() || argv->front().empty()) {
          return error_at(value_mark,
                          "invalid value for " + context + ": expected the program and its arguments",
                          "e.g. command: [cmake, --build, build]");
        }
        step.command = std::move(*argv);
        command_mark = key.Mark();
      } else if (name == "env") {
        if (auto read = read_env(value, value_mark, context, step); !read) return read.error();
      } else if (name == "working-directory") {
        Result<std::string> text = scalar_text(value, value_mark, context);
        if (!text) return text.error();
        const std::filesystem::path path(*text);
        const std::string normal = path.lexically_normal().generic_string();
        if (text->empty() || path.is_absolute() || normal == ".." || util::starts_with(normal, "../")) {
          return error_at(value_mark,
                          "invalid value for " + context + ": " + in_quotes(*text) +
                              " is not a folder inside the repository",
                          "give a path relative to the repository root, without leaving it");
        }
        step.working_directory = *text;
      } else if (name == "timeout" || name == "retry-delay") {
        Result<std::string> text = scalar_text(value, value_mark, context);
        if (!text) return text.error();
        Result<std::chrono::milliseconds> duration = parse_duration(*text);
        if (!duration) {
          return error_at(value_mark, "invalid value for " + context + ": " + duration.error().message,
                          duration.error().hint);
        }
        (name == "timeout" ? step.timeout : step.retry_delay) = *duration;
      } else if (name == "retries") {
        Result<std::int64_t> count = integer(value, value_mark, context, 0, k_max_retries);
        if (!count) return count.error();
        step.retries = static_cast<int>(*count);
      } else if (name == "retry-on-exit-codes") {
        if (auto read = read_exit_codes(value, value_mark, context, step); !read) return read.error();
      } else if (name == "retry-on-output") {
        if (auto read = read_patterns(value, value_mark, context, step); !read) return read.error();
      } else if (name == "continue-on-error" || name == "always") {
        Result<bool> flag = boolean(value, value_mark, context);
        if (!flag) return flag.error();
        (name == "always" ? step.always : step.continue_on_error) = *flag;
      } else if (name == "if") {
        if (auto read = read_condition(value, value_mark, context, step); !read) return read.error();
      }
    }

    if (run_mark && command_mark) {
      return error_at(std::max(*run_mark, *command_mark,
                               [](const YAML::Mark& a, const YAML::Mark& b) { return a.pos < b.pos; }),
                      where + " has both \"run\" and \"command\"",
                      "use run for a shell command or command for an argument vector, not both");
    }
    if (!run_mark && !command_mark) {
      return error_at(item.Mark(), where + " has nothing to run",
                      "add \"run: <shell command>\" or \"command: [program, arguments...]\"");
    }
    if (step.name.empty()) step.name = where;
    return step;
  }

  Result<std::string> scalar_text(const YAML::Node& value, const YAML::Mark& mark,
                                  const std::string& context) const {
    if (!value.IsScalar()) {
      return error_at(mark, "invalid value for " + context + ": expected a string, got " + kind_of(value));
    }
    return value.Scalar();
  }

  Result<std::vector<std::string>> string_list(const YAML::Node& value, const YAML::Mark& mark,
                                               const std::string& context) const {
    std::vector<std::string> items;
    if (value.IsScalar()) return std::vector<std::string>{value.Scalar()};
    if (!value.IsSequence()) {
      return error_at(mark,
                      "invalid value for " + context + ": expected a list of strings, got " + kind_of(value));
    }
    for (const YAML::Node& item : value) {
      if (!item.IsScalar()) {
        return error_at(item.Mark(), "invalid value for " + context +
                                         ": expected a string as list item, got " + kind_of(item));
      }
      items.push_back(item.Scalar());
    }
    return items;
  }

  // Booleans and integers parse exactly like configuration keys do.
  Result<bool> boolean(const YAML::Node& value, const YAML::Mark& mark, const std::string& context) const {
    model::ConfigKey key;
    key.type = model::ValueType::boolean;
    key.default_value = false;
    Result<std::string> text = scalar_text(value, mark, context);
    if (!text) return text.error();
    Result<model::ConfigScalar> parsed = model::parse_value_text(key, *text, model::ListText::single_item);
    if (!parsed) return error_at(mark, "invalid value for " + context + ": " + parsed.error().message);
    return std::get<bool>(*parsed);
  }

  Result<std::int64_t> integer(const YAML::Node& value, const YAML::Mark& mark, const std::string& context,
                               std::int64_t min, std::int64_t max) const {
    model::ConfigKey key;
    key.type = model::ValueType::integer;
    key.default_value = std::int64_t{0};
    key.min = min;
    key.max = max;
    Result<std::string> text = scalar_text(value, mark, context);
    if (!text) return text.error();
    Result<model::ConfigScalar> parsed = model::parse_value_text(key, *text, model::ListText::single_item);
    if (!parsed) return error_at(mark, "invalid value for " + context + ": " + parsed.error().message);
    return std::get<std::int64_t>(*parsed);
  }

  Result<void> read_env(const YAML::Node& value, const YAML::Mark& mark, const std::string& context,
                        Step& step) const {
    if (!value.IsMap()) {
      return error_at(mark, "invalid value for " + context + ": expected a mapping of NAME: value, got " +
                                kind_of(value));
    }
    for (auto it = value.begin(); it != value.end(); ++it) {
      const YAML::Node name = it->first;
      const YAML::Node text = it->second;
      if (!name.IsScalar() || !valid_env_name(name.Scalar())) {
        return error_at(name.Mark(), "invalid environment variable name " + kind_of(name) + " in " + context,
                        "names are letters, digits and _, not starting with a digit");
      }
      if (!text.IsNull() && !text.IsScalar()) {
        return error_at(text.Mark(), "invalid value for " + name.Scalar() + " in " + context +
                                         ": expected a string, got " + kind_of(text));
      }
      if (!step.env.emplace(name.Scalar(), text.IsNull() ? "" : text.Scalar()).second) {
        return error_at(name.Mark(), "duplicate variable " + in_quotes(name.Scalar()) + " in " + context);
      }
    }
    return {};
  }

  Result<void> read_exit_codes(const YAML::Node& value, const YAML::Mark& mark, const std::string& context,
                               Step& step) const {
    if (value.IsScalar()) {
      Result<std::int64_t> code = integer(value, mark, context, 1, k_max_exit_code);
      if (!code) return code.error();
      step.retry_on_exit_codes.push_back(static_cast<int>(*code));
      return {};
    }
    if (!value.IsSequence()) {
      return error_at(
          mark, "invalid value for " + context + ": expected a list of exit codes, got " + kind_of(value));
    }
    for (const YAML::Node& item : value) {
      Result<std::int64_t> code = integer(item, item.Mark(), context, 1, k_max_exit_code);
      if (!code) return code.error();
      step.retry_on_exit_codes.push_back(static_cast<int>(*code));
    }
    return {};
  }

  Result<void> read_patterns(const YAML::Node& value, const YAML::Mark& mark, const std::string& context,
                             Step& step) const {
    Result<std::vector<std::string>> patterns = string_list(value, mark, context);
    if (!patterns) return patterns.error();
    std::size_t index = 0;
    for (const std::string& pattern : *patterns) {
      const YAML::Mark at = value.IsSequence() ? value[index].Mark() : mark;
      ++index;
      if (pattern.empty()) return error_at(at, "invalid value for " + context + ": empty pattern");
      try {
        std::regex compiled(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& error) {
        return error_at(
            at, "invalid regular expression " + in_quotes(pattern) + " in " + context + ": " + error.what(),
            "patterns are ECMAScript regular expressions matched against each output line");
      }
      step.retry_on_output.push_back(pattern);
    }
    return {};
  }

  Result<void> read_condition(const YAML::Node& value, const YAML::Mark& mark, const std::string& context,
                              Step& step) const {
    Result<std::string> text = scalar_text(value, mark, context);
    if (!text) return text.error();
    step.condition_line = mark.line + 1;
    step.condition_column = mark.column + 1;
    Result<Condition> parsed = Condition::parse(*text);
    if (parsed) {
      step.condition = *text;
      return {};
    }
    Error error = parsed.error();
    error.file = m_file;
    error.line = mark.line + 1;
    error.column = mark.column + 1 + condition_offset(mark, *text, error.column - 1);
    error.message = error.message + " (" + context + ")";
    return error;
  }

  // How far into the source line the expression's character `offset` lies:
  // after the opening quote of a quoted scalar, at once for a plain one, and
  // not at all (the value's start) for block scalars and multi-line values.
  int condition_offset(const YAML::Mark& mark, const std::string& text, int offset) const {
    if (text.find('\n') != std::string::npos || mark.line < 0 ||
        static_cast<std::size_t>(mark.line) >= m_lines.size()) {
      return 0;
    }
    const std::string& line = m_lines[static_cast<std::size_t>(mark.line)];
    const auto column = static_cast<std::size_t>(mark.column);
    if (column >= line.size()) return 0;
    const char first = line[column];
    if (first == '|' || first == '>') return 0;
    return offset + ((first == '\'' || first == '"') ? 1 : 0);
  }

  std::string m_file;
  std::string m_text;
  std::vector<std::string> m_lines;
  std::optional<YAML::Mark> m_name_mark;
};

}  // namespace

Result<std::vector<Step>> read_steps(const std::string& slipway_yml_path) {
  std::error_code ec;
  if (!std::filesystem::exists(slipway_yml_path, ec)) return std::vector<Step>{};
  Result<std::string> text = util::read_file(slipway_yml_path);
  if (!text) {
    Error error = text.error();
    if (error.file.empty()) error.file = slipway_yml_path;
    return error;
  }
  StepReader reader(slipway_yml_path, std::move(*text));
  return reader.read();
}

}  // namespace slipway::build
