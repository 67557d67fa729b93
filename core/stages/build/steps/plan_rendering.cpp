// Text renderings for people: the plan `slipway build --plan` prints, and
// the per-step summary after a build. Both are plain text for the console;
// machine-readable forms (JUnit, provenance) are built from the values by
// their own writers, never by parsing this text.
//
// The plan shows what will run exactly as it will run (argument vectors
// quoted the way a shell user would type them) and why; environment values
// are not shown, only their names, since a step's env may carry tokens.
#include <iomanip>
#include <sstream>

#include "stages/build/steps/build_steps.hpp"
#include "stages/build/steps/duration_text.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

std::string shell_quote(const std::string& argument) {
  if (argument.empty()) return "''";
  const bool plain =
      argument.find_first_not_of(
          "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_./:=@%+,-") == std::string::npos;
  if (plain) return argument;
  return "'" + util::replace_all(argument, "'", "'\\''") + "'";
}

std::string command_line(const std::vector<std::string>& argv) {
  std::vector<std::string> quoted;
  quoted.reserve(argv.size());
  for (const std::string& argument : argv) quoted.push_back(shell_quote(argument));
  return util::join(quoted, " ");
}

void render_step(std::ostringstream& out, std::size_t number, const Step& step) {
  const std::string indent = "     ";
  out << "  " << number << ". " << step.name << "\n";
  if (!step.command.empty()) {
    out << indent << "command: " << command_line(step.command) << "\n";
  } else {
    const std::vector<std::string> lines = util::split_lines(std::string(util::trim(step.run)));
    if (lines.size() == 1) {
      out << indent << "run: " << lines.front() << "\n";
    } else {
      out << indent << "run:\n";
      for (const std::string& line : lines) out << indent << "  " << line << "\n";
    }
  }
  if (!step.working_directory.empty()) out << indent << "in: " << step.working_directory << "\n";
  if (!step.env.empty()) {
    std::vector<std::string> names;
    for (const auto& [name, value] : step.env) names.push_back(name);
    out << indent << "env: " << util::join(names, ", ") << "\n";
  }
  if (!step.condition.empty()) out << indent << "if: " << step.condition << "\n";
  std::vector<std::string> traits;
  if (step.timeout.count() > 0) traits.push_back("timeout " + format_duration(step.timeout));
  if (step.retries > 0) {
    std::string retry = "retries " + std::to_string(step.retries) + " (first after " +
                        format_duration(step.retry_delay) + ", doubling";
    std::vector<std::string> on;
    for (int code : step.retry_on_exit_codes) on.push_back(std::to_string(code));
    if (!on.empty()) retry += "; on exit " + util::join(on, ", ");
    if (!step.retry_on_output.empty())
      retry += "; on output /" + util::join(step.retry_on_output, "/, /") + "/";
    retry += ")";
    traits.push_back(retry);
  }
  if (step.continue_on_error) traits.push_back("continue-on-error");
  if (step.always) traits.push_back("always runs");
  if (!traits.empty()) out << indent << util::join(traits, ", ") << "\n";
  if (!step.reason.empty()) out << indent << "why: " << step.reason << "\n";
  if (!step.file.empty() && step.line > 0) {
    out << indent << "from: " << step.file << ":" << step.line << ":" << step.column << "\n";
  }
}

std::string seconds_text(std::chrono::milliseconds duration) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << static_cast<double>(duration.count()) / 1000.0 << " s";
  return out.str();
}

}  // namespace

std::string render_plan(const Plan& plan) {
  std::ostringstream out;
  out << "Build plan (" << plan.origin << "), " << plan.steps.size()
      << (plan.steps.size() == 1 ? " step" : " steps") << ":\n";
  for (std::size_t i = 0; i < plan.steps.size(); ++i) render_step(out, i + 1, plan.steps[i]);
  if (!plan.notes.empty()) {
    out << "Notes:\n";
    for (const std::string& note : plan.notes) out << "  - " << note << "\n";
  }
  return out.str();
}

std::string_view to_string(StepStatus status) {
  switch (status) {
    case StepStatus::passed:
      return "passed";
    case StepStatus::failed:
      return "failed";
    case StepStatus::timed_out:
      return "timed-out";
    case StepStatus::skipped:
      return "skipped";
  }
  return "failed";
}

std::string render_summary(const BuildRun& run) {
  std::size_t width = 0;
  for (const StepResult& step : run.steps) width = std::max(width, step.name.size());
  std::ostringstream out;
  for (const StepResult& step : run.steps) {
    out << std::left << std::setw(10) << to_string(step.status) << std::setw(static_cast<int>(width) + 2)
        << step.name;
    if (step.status != StepStatus::skipped) {
      out << seconds_text(step.duration);
      if (step.attempts > 1) out << ", " << step.attempts << " attempts";
      if (step.status == StepStatus::failed && step.exit_code >= 0) out << ", exit " << step.exit_code;
      if (step.failure_allowed) out << ", allowed to fail";
    }
    if (!step.note.empty()) out << " (" << step.note << ")";
    if (!step.log_path.empty()) out << "  log: " << step.log_path;
    out << "\n";
  }
  out << "build " << (run.passed ? "passed" : "failed") << "\n";
  return out.str();
}

}  // namespace slipway::build
