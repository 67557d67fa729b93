// The build stage's steps: what to run (read from `build.steps` in
// .slipway.yml, or detected from the project's files), the plan shown by
// `slipway build --plan`, and the runner that executes the steps in order
// with timeouts, retries, conditions, cleanup steps and one rotated log per
// step.
//
// Everything here takes plain inputs (paths, a CiContext, an ostream) and
// returns Result<...>; nothing prints to std::cout or decides exit codes.
// The `if` grammar, the YAML format and the detection rules are described in
// docs/build-steps.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "model/ci_context.hpp"
#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "util/result.hpp"

namespace slipway::build {

// The configuration path of the step list. It is a list of mappings, which
// the Config table cannot hold: the configuration loader must skip it and
// leave it to read_steps().
inline constexpr std::string_view k_steps_key = "build.steps";

struct Step {
  std::string name;                             // unique; also names the log file
  std::string run;                              // a shell command (/bin/sh -c), or
  std::vector<std::string> command;             // an argument vector (exactly one of the two)
  std::map<std::string, std::string> env;       // added to the environment of this step
  std::string working_directory;                // relative to the root; "" = the root
  std::chrono::milliseconds timeout{0};         // per attempt; 0 = none
  int retries = 0;                              // extra attempts after the first
  std::chrono::milliseconds retry_delay{1000};  // before the first retry; doubles each time
  std::vector<int> retry_on_exit_codes;         // retry only these codes (with retry_on_output)
  std::vector<std::string> retry_on_output;     // ECMAScript regexes matched against each output line
  bool continue_on_error = false;               // a failure is reported but does not fail the build
  std::string condition;                        // the `if` expression; "" = always true
  bool always = false;                          // runs even after an earlier step failed
  std::string reason;                           // detected steps: why this step was planned

  // Where the step was written, for error messages ("" / 0 for detected steps).
  std::string file;
  int line = 0;
  int column = 0;
  int condition_line = 0;  // position of the `if` value
  int condition_column = 0;
};

// Reads `build.steps` from a .slipway.yml. A missing file or a file without
// `build.steps` gives an empty list (the caller then detects the steps); any
// invalid step is an Error with file:line:column and, for unknown keys, a
// "did you mean". `if` expressions and `retry-on-output` regexes are
// compiled here, so a bad one stops the build before anything runs.
Result<std::vector<Step>> read_steps(const std::string& slipway_yml_path);

// What would run, and why.
struct Plan {
  std::string origin;  // "build.steps in .slipway.yml" or "detected: CMake project"
  std::vector<Step> steps;
  std::vector<std::string> notes;  // what detection found but did not plan, and why
};

// Detects the build from marker files in `root` (CMake, Make, Cargo, Go,
// Maven, Gradle, npm/yarn/pnpm, Python). One kind is planned, by a fixed
// priority; the others found are listed in Plan::notes. An Error names the
// files that were looked for when nothing is found.
Result<Plan> detect_steps(const std::string& root);

// The configured steps when `build.steps` is set, the detected ones otherwise.
Result<Plan> plan_build(const std::string& root, const std::string& slipway_yml_path);

// The text of `slipway build --plan`: one numbered entry per step with its
// command, its conditions and the reason it was planned.
std::string render_plan(const Plan& plan);

// Evaluates an `if` expression (see docs/build-steps.md). `changed_paths`
// nullopt means "unknown": changed(...) is then true. Parse errors are an
// Error whose message says where in the expression the problem is.
Result<bool> evaluate_condition(std::string_view expression, const model::CiContext& ci,
                                const std::optional<std::vector<std::string>>& changed_paths);

enum class GroupEdge { open, close };
// Opens or closes a collapsible console section around one step's output
// (GitHub "::group::", GitLab section_start/section_end). `name` is unique
// per step and made of [a-z0-9_.-]; `title` is for people.
using GroupMarker = std::function<void(GroupEdge edge, const std::string& name, const std::string& title)>;

struct RunContext {
  std::string root;                                       // steps run here (absolute or relative to cwd)
  model::CiContext ci;                                    // for `if`
  std::optional<std::vector<std::string>> changed_paths;  // root-relative; nullopt = unknown
  std::map<std::string, std::string> env;                 // added to every step (a step's env wins)
  std::string log_folder;                                 // "" = <root>/.slipway/logs/build
  std::uint64_t log_max_bytes = 10u << 20;                // a step log rotates past this size
  int log_backups = 3;                                    // rotated logs kept: <step>.log.1 .. .N
  bool stop_on_failure = true;  // after a failed step, skip the rest except `always` steps
  std::ostream* out = nullptr;  // live output and one result line per step; nullptr = quiet
  GroupMarker group;            // may be empty: no sections
};

// Reads build.log-max-bytes, build.log-backups and build.stop-on-failure
// into `context` (a null config leaves the defaults).
void apply_steps_config(const model::Config* config, RunContext& context);

enum class StepStatus { passed, failed, timed_out, skipped };
std::string_view to_string(StepStatus status);

struct StepResult {
  std::string name;
  StepStatus status = StepStatus::skipped;
  int attempts = 0;                       // 0 when skipped
  int exit_code = -1;                     // last attempt; 128+signal when killed; -1 when not run
  std::chrono::milliseconds duration{0};  // all attempts, including retry delays
  std::string log_path;                   // "" when skipped
  bool failure_allowed = false;           // failed, but continue-on-error
  std::string note;                       // why skipped, or why it failed to start
};

struct BuildRun {
  std::vector<StepResult> steps;  // in plan order, one per step
  bool passed = true;             // no step failed without continue-on-error
  std::chrono::system_clock::time_point started;
  std::chrono::system_clock::time_point finished;
};

// Runs the steps in order. A step's failure never returns an Error; an Error
// means nothing ran (invalid `if`, duplicate names, log folder not writable).
Result<BuildRun> run_steps(const std::vector<Step>& steps, const RunContext& context);

// One line per step ("passed  compile  2 attempts  1.4 s  .slipway/logs/build/compile.log").
std::string render_summary(const BuildRun& run);

// build.log-max-bytes, build.log-backups, build.stop-on-failure.
model::ConfigSchema steps_config_schema();

}  // namespace slipway::build
