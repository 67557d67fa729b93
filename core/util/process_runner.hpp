// The one way Slipway runs an external command (Boost.Process underneath).
//
// A command is an argument vector; a shell is used only when the user wrote a
// shell command (`shell_command`, run as `/bin/sh -c`). The child gets its own
// process group, stdin closed, the working directory and environment asked
// for; a timeout terminates the whole group, so grandchildren die too.
// Retryable commands are retried with exponential backoff. Output is captured
// (and/or streamed to a callback and a size-rotated log file) and returned
// with the exit status and the duration.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::util {

enum class OutputStream { out, err };

struct ProcessSpec {
  std::vector<std::string> argv;             // argv[0] is looked up on PATH
  std::optional<std::string> shell_command;  // set instead of argv: run by /bin/sh -c
  std::string working_directory;             // "" = current directory
  std::map<std::string, std::string> env;    // added to (or replacing) inherited variables
  std::vector<std::string> env_remove;       // inherited variables to drop
  bool inherit_environment = true;
  std::optional<std::string> stdin_data;  // written to stdin; otherwise stdin is closed

  std::chrono::milliseconds timeout{0};         // 0 = none
  int retries = 0;                              // extra attempts after the first
  std::chrono::milliseconds retry_delay{1000};  // before the first retry; doubles each time
  std::vector<int> retry_on_exit_codes;         // exit codes worth retrying (see below)
  std::vector<std::string> retry_on_output;     // substrings of the output that make it retryable
  // A failed attempt (non-zero exit or timeout) is retried when its output
  // contains a retry_on_output string, or its exit code is in
  // retry_on_exit_codes. When both lists are empty every failure is retried,
  // timeouts included; a timeout is never retried because of an exit-code list.

  bool capture_output = true;             // keep stdout/stderr in the result
  std::size_t capture_limit = 64u << 20;  // bytes kept per stream; the rest is dropped
  std::function<void(OutputStream, std::string_view)> on_output;  // live chunks, on the calling thread

  std::string log_path;                     // "" = no log file
  std::uint64_t log_max_bytes = 10u << 20;  // rotate when the log would grow past this
  int log_backups = 3;                      // keep log.1 .. log.N
};

struct ProcessResult {
  int exit_code = -1;      // the last attempt's exit code; 128+signal when killed
  bool timed_out = false;  // the last attempt hit the timeout
  int attempts = 0;
  std::string stdout_text;
  std::string stderr_text;
  std::chrono::milliseconds duration{0};  // all attempts, including retry delays
};

// Runs the command. Returns an Error only when it could not be started at all
// (program not found, working directory missing, log file not writable); a
// non-zero exit is a value. When the command exits, anything it left running
// in its process group is killed.
Result<ProcessResult> run_process(const ProcessSpec& spec);

// True when `program` can be found on PATH (or is an executable path).
bool program_exists(const std::string& program);
// Full path of `program` on PATH, or "".
std::string find_program(const std::string& program);

}  // namespace slipway::util
