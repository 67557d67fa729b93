// Running the build steps: in order, each through util::run_process, with
// its output streamed live to the console (inside a collapsible section when
// the caller gives a GroupMarker) and to its own size-rotated log file.
//
// Retries are driven here rather than by run_process's own retry loop for two
// reasons: `retry-on-output` patterns are regular expressions matched per
// output line (run_process matches plain substrings), and every attempt gets
// a marker line on the console as well as in the log, so a reader sees why a
// step ran three times. Each attempt is one run_process call without
// retries; the delay before retry n is retry-delay * 2^(n-1), capped. Which
// failures are retried follows run_process: a line matching a pattern, or an
// exit code in the list, or - when the step lists neither - any failure,
// timeouts included. A timeout is never retried because of an exit-code
// list: a command that hung is not what a list of transient codes describes.
//
// The flow over the list is that of CI systems: after a failed step the
// remaining steps are skipped (unless stop-on-failure is off) except those
// marked `always`, which exist to clean up. A failing step with
// continue-on-error is reported as failed but does not fail the build. A
// step whose `if` is false is skipped and says why.
//
// Everything that can be checked before the first step starts is checked
// first (names, commands, conditions, patterns, the log folder), so an
// Error always means that nothing ran.
#include <algorithm>
#include <cctype>
#include <ctime>
#include <filesystem>
#include <regex>
#include <set>
#include <thread>

#include "stages/build/steps/build_steps.hpp"
#include "stages/build/steps/duration_text.hpp"
#include "stages/build/steps/step_condition.hpp"
#include "util/files.hpp"
#include "util/log_rotation.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

constexpr auto k_max_retry_delay = std::chrono::minutes(10);
constexpr std::size_t k_max_line_bytes = 64 * 1024;  // a longer "line" is matched in pieces
constexpr const char* k_marker = "[slipway] ";

// A step with everything the runner derived from it before the first step ran.
struct PreparedStep {
  const Step* step = nullptr;
  Condition condition;
  bool has_condition = false;
  std::vector<std::regex> retry_patterns;
  std::string log_path;
  std::string group_name;
};

std::string located(const Step& step) {
  return "step \"" + step.name + "\"";
}

Error step_error(const Step& step, std::string message, std::string hint = {}, int line = 0, int column = 0) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = step.file;
  error.line = line > 0 ? line : step.line;
  error.column = line > 0 ? column : step.column;
  return error;
}

// Lower-case letters, digits, '.', '_' and '-': safe as a file name and as a
// GitLab section name.
std::string slug(const std::string& name) {
  std::string out;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte)) {
      out += static_cast<char>(std::tolower(byte));
    } else if ((c == '.' || c == '_' || c == '-') && !out.empty()) {
      out += c;
    } else if (!out.empty() && out.back() != '-') {
      out += '-';
    }
  }
  while (!out.empty() && (out.back() == '-' || out.back() == '.')) out.pop_back();
  return out;
}

std::string utc_now_text() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[32];
  std::strftime(buffer, sizeof buffer, "%Y-%m-%dT%H:%M:%SZ", &parts);
  return buffer;
}

std::string seconds_text(std::chrono::milliseconds duration) {
  const auto tenths = (duration.count() + 50) / 100;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10) + " s";
}

std::string describe_command(const Step& step) {
  if (!step.command.empty()) return util::join(step.command, " ");
  const std::string trimmed(util::trim(step.run));
  const std::size_t end = trimmed.find('\n');
  return end == std::string::npos ? trimmed : trimmed.substr(0, end) + " ...";
}

Result<std::vector<PreparedStep>> prepare(const std::vector<Step>& steps, const fs::path& log_folder) {
  std::vector<PreparedStep> prepared;
  std::set<std::string> names;
  std::set<std::string> log_names;
  int number = 0;
  for (const Step& step : steps) {
    ++number;
    PreparedStep item;
    item.step = &step;
    if (step.name.empty()) return step_error(step, "step " + std::to_string(number) + " has no name");
    if (!names.insert(step.name).second) {
      return step_error(step, "duplicate step name \"" + step.name + "\"", "give every step its own name");
    }
    if (step.run.empty() == step.command.empty()) {
      return step_error(step, located(step) + " needs exactly one of run and command");
    }
    if (!step.condition.empty()) {
      Result<Condition> condition = Condition::parse(step.condition);
      if (!condition) {
        Error error = condition.error();
        return step_error(step, error.message + " (\"if\" of " + located(step) + ")", error.hint,
                          step.condition_line, step.condition_column);
      }
      item.condition = *condition;
      item.has_condition = true;
    }
    for (const std::string& pattern : step.retry_on_output) {
      try {
        item.retry_patterns.emplace_back(pattern, std::regex::ECMAScript);
      } catch (const std::regex_error& error) {
        return step_error(step, "invalid retry-on-output pattern \"" + pattern + "\" in " + located(step) +
                                    ": " + error.what());
      }
    }
    std::string base = slug(step.name);
    if (base.empty()) base = "step-" + std::to_string(number);
    std::string file_name = base;
    for (int suffix = 2; !log_names.insert(file_name).second; ++suffix) {
      file_name = base + "-" + std::to_string(suffix);
    }
    item.log_path = (log_folder / (file_name + ".log")).string();
    item.group_name = "build_step_" + std::to_string(number) + "_" + file_name;
    prepared.push_back(std::move(item));
  }
  return prepared;
}

// " (exit 2) after 3 attempts in 1.5 s"
std::string outcome_details(const StepResult& result) {
  std::string text;
  if (result.status == StepStatus::failed && result.exit_code >= 0) {
    text += " (exit " + std::to_string(result.exit_code) + ")";
  }
  if (result.attempts > 1) text += " after " + std::to_string(result.attempts) + " attempts";
  return text + " in " + seconds_text(result.duration);
}

// Finds retry-on-output patterns in the output one line at a time, across
// chunk boundaries, without keeping more than one line.
class LineMatcher {
 public:
  explicit LineMatcher(const std::vector<std::regex>& patterns) : m_patterns(patterns) {}

  void feed(std::string_view chunk) {
    if (m_patterns.empty() || m_matched) return;
    for (char c : chunk) {
      if (c == '\n') {
        check();
        continue;
      }
      m_line += c;
      if (m_line.size() >= k_max_line_bytes) check();
    }
  }
  // True when some line matched (the last, unterminated line included).
  bool matched() {
    check();
    return m_matched;
  }

 private:
  void check() {
    if (!m_line.empty() && m_line.back() == '\r') m_line.pop_back();
    for (const std::regex& pattern : m_patterns) {
      if (!m_matched && std::regex_search(m_line, pattern)) m_matched = true;
    }
    m_line.clear();
  }

  const std::vector<std::regex>& m_patterns;
  std::string m_line;
  bool m_matched = false;
};

class StepExecution {
 public:
  StepExecution(const PreparedStep& prepared, const RunContext& context, int number, int total)
      : m_prepared(prepared), m_step(*prepared.step), m_context(context), m_number(number), m_total(total) {}

  StepResult run() {
    StepResult result;
    result.name = m_step.name;
    result.log_path = m_prepared.log_path;
    const Clock::time_point started = Clock::now();

    util::RotatingLog log(m_prepared.log_path, m_context.log_max_bytes, m_context.log_backups);
    if (Result<void> opened = log.open(); !opened) {
      result.status = StepStatus::failed;
      result.note = opened.error().to_string();
      result.log_path.clear();
      say("step " + m_step.name + " cannot start: " + result.note + "\n");
      return result;
    }
    m_log = &log;

    const std::string title =
        m_step.name + " (step " + std::to_string(m_number) + " of " + std::to_string(m_total) + ")";
    if (m_context.group) m_context.group(GroupEdge::open, m_prepared.group_name, title);
    const std::string header = "step " + std::to_string(m_number) + "/" + std::to_string(m_total) + " " +
                               m_step.name + ": " + describe_command(m_step) + "\n";
    if (m_context.out != nullptr) {
      *m_context.out << k_marker << header;
      m_context.out->flush();
    }
    log.write(std::string(k_marker) + utc_now_text() + " " + header);

    execute(result);

    result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
    log.write(std::string(k_marker) + "step " + m_step.name + " " + std::string(to_string(result.status)) +
              outcome_details(result) + "\n");
    log.close();
    if (m_context.group) m_context.group(GroupEdge::close, m_prepared.group_name, title);
    return result;
  }

 private:
  void execute(StepResult& result) {
    util::ProcessSpec spec;
    if (!m_step.command.empty()) {
      spec.argv = m_step.command;
    } else {
      spec.shell_command = m_step.run;
    }
    const fs::path root = m_context.root.empty() ? fs::path(".") : fs::path(m_context.root);
    if (!m_step.working_directory.empty()) {
      Result<std::string> inside = util::relative_inside(root, m_step.working_directory);
      if (!inside) {
        fail_to_start(result,
                      "working-directory \"" + m_step.working_directory + "\" is outside the repository");
        return;
      }
      spec.working_directory = (root / *inside).string();
    } else {
      spec.working_directory = root.string();
    }
    spec.env = m_context.env;
    for (const auto& [name, value] : m_step.env) spec.env[name] = value;
    spec.timeout = m_step.timeout;
    spec.retries = 0;
    spec.capture_output = false;

    std::chrono::milliseconds delay = m_step.retry_delay;
    const int max_attempts = 1 + std::max(0, m_step.retries);
    for (int attempt = 1;; ++attempt) {
      LineMatcher matcher(m_prepared.retry_patterns);
      spec.on_output = [this, &matcher](util::OutputStream, std::string_view chunk) {
        m_log->write(chunk);
        if (m_context.out != nullptr) {
          m_context.out->write(chunk.data(), static_cast<std::streamsize>(chunk.size()));
          m_context.out->flush();
        }
        matcher.feed(chunk);
      };
      Result<util::ProcessResult> outcome = util::run_process(spec);
      result.attempts = attempt;
      if (!outcome) {
        fail_to_start(result, outcome.error().to_string());
        return;
      }
      result.exit_code = outcome->exit_code;
      const bool timed_out = outcome->timed_out;
      if (!timed_out && outcome->exit_code == 0) {
        result.status = StepStatus::passed;
        return;
      }
      result.status = timed_out ? StepStatus::timed_out : StepStatus::failed;
      if (timed_out) {
        say("step " + m_step.name + " timed out after " + format_duration(m_step.timeout) +
            "; it was killed with all its child processes\n");
      }
      if (attempt >= max_attempts || !retryable(timed_out, outcome->exit_code, matcher.matched())) return;
      say("attempt " + std::to_string(attempt) + " of " + std::to_string(max_attempts) + " " +
          (timed_out ? "timed out" : "exited with " + std::to_string(outcome->exit_code)) + "; retrying in " +
          format_duration(delay) + "\n");
      std::this_thread::sleep_for(delay);
      delay = std::min<std::chrono::milliseconds>(delay * 2, k_max_retry_delay);
    }
  }

  [[nodiscard]] bool retryable(bool timed_out, int exit_code, bool output_matched) const {
    if (output_matched) return true;
    const bool any_failure = m_step.retry_on_exit_codes.empty() && m_step.retry_on_output.empty();
    if (timed_out) return any_failure;
    return any_failure || std::find(m_step.retry_on_exit_codes.begin(), m_step.retry_on_exit_codes.end(),
                                    exit_code) != m_step.retry_on_exit_codes.end();
  }

  void fail_to_start(StepResult& result, const std::string& why) {
    result.status = StepStatus::failed;
    result.exit_code = -1;
    result.note = why;
    say("step " + m_step.name + " could not start: " + why + "\n");
  }

  // A Slipway line, to the console and the log alike.
  void say(const std::string& line) {
    const std::string text = std::string(k_marker) + line;
    if (m_log != nullptr) m_log->write(text);
    if (m_context.out != nullptr) {
      *m_context.out << text;
      m_context.out->flush();
    }
  }

  const PreparedStep& m_prepared;
  const Step& m_step;
  const RunContext& m_context;
  int m_number;
  int m_total;
  util::RotatingLog* m_log = nullptr;
};

std::string result_line(const StepResult& result) {
  std::string line = std::string(k_marker) + result.name + " " + std::string(to_string(result.status));
  if (result.status == StepStatus::skipped) return line + ": " + result.note + "\n";
  line += outcome_details(result);
  if (result.failure_allowed) line += " (continue-on-error: the build goes on)";
  if (result.status != StepStatus::passed && !result.log_path.empty()) line += "; log: " + result.log_path;
  return line + "\n";
}

}  // namespace

Result<BuildRun> run_steps(const std::vector<Step>& steps, const RunContext& context) {
  const fs::path root = context.root.empty() ? fs::path(".") : fs::path(context.root);
  const fs::path log_folder =
      context.log_folder.empty() ? root / ".slipway" / "logs" / "build" : fs::path(context.log_folder);
  Result<std::vector<PreparedStep>> prepared = prepare(steps, log_folder);
  if (!prepared) return prepared.error();
  std::error_code ec;
  fs::create_directories(log_folder, ec);
  if (ec || !fs::is_directory(log_folder, ec)) {
    Error error = make_error("cannot create the build log folder: " + ec.message(),
                             "check that the folder can be written, or set another log folder");
    error.file = log_folder.string();
    return error;
  }

  BuildRun run;
  run.started = std::chrono::system_clock::now();
  bool failed = false;
  const int total = static_cast<int>(prepared->size());
  int number = 0;
  for (const PreparedStep& item : *prepared) {
    ++number;
    const Step& step = *item.step;
    StepResult result;
    result.name = step.name;
    if (failed && context.stop_on_failure && !step.always) {
      result.note = "an earlier step failed";
    } else if (item.has_condition && !item.condition.evaluate(context.ci, context.changed_paths)) {
      result.note = "if: " + step.condition + " is false";
    } else {
      if (item.has_condition && item.condition.uses_changed() && !context.changed_paths &&
          context.out != nullptr) {
        *context.out << k_marker << "changed files are unknown, so changed(...) counts as true for "
                     << step.name << "\n";
      }
      result = StepExecution(item, context, number, total).run();
      if (result.status == StepStatus::failed || result.status == StepStatus::timed_out) {
        if (step.continue_on_error) {
          result.failure_allowed = true;
        } else {
          failed = true;
        }
      }
    }
    if (context.out != nullptr) {
      *context.out << result_line(result);
      context.out->flush();
    }
    run.steps.push_back(std::move(result));
  }
  run.passed = !failed;
  run.finished = std::chrono::system_clock::now();
  return run;
}

}  // namespace slipway::build
