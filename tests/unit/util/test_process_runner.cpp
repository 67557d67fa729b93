// Tests of the process runner against real processes: /bin/sh scripts that
// spawn children, fail a counted number of times, flood both pipes, or never
// exit. Waits for asynchronous effects (a killed grandchild disappearing) use
// a bounded poll loop, never a fixed sleep.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <chrono>
#include <thread>

#include "temp_folder.hpp"
#include "util/files.hpp"
#include "util/process_runner.hpp"

using namespace slipway::util;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

ProcessSpec shell(const std::string& command) {
  ProcessSpec spec;
  spec.shell_command = command;
  return spec;
}

ProcessResult run_ok(const ProcessSpec& spec) {
  auto result = run_process(spec);
  if (!result.ok()) FAIL("run_process failed: " << result.error().to_string());
  return std::move(result).value();
}

template <typename Condition>
bool wait_until(Condition condition, std::chrono::milliseconds limit = 10s) {
  const auto deadline = std::chrono::steady_clock::now() + limit;
  while (!condition()) {
    if (std::chrono::steady_clock::now() >= deadline) return false;
    std::this_thread::sleep_for(10ms);
  }
  return true;
}

// Orphaned grandchildren are re-parented to the nearest subreaper. Making the
// test process one means it can reap them itself, so "gone" does not depend
// on how quickly (or whether) the container's PID 1 reaps zombies.
void become_subreaper() {
  REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
}

// A killed process stays a zombie (and kill(pid, 0) succeeds) until its
// parent reaps it; reaping is harmless when the process is not our child.
bool process_gone(pid_t pid) {
  ::waitpid(pid, nullptr, WNOHANG);
  return ::kill(pid, 0) == -1 && errno == ESRCH;
}

pid_t read_pid(const fs::path& file) {
  const auto text = read_file(file);
  REQUIRE(text.ok());
  return static_cast<pid_t>(std::stol(*text));
}

}  // namespace

TEST_CASE("run_process runs an argument vector and captures stdout", "[process_runner]") {
  ProcessSpec spec;
  spec.argv = {"printf", "%s|%s", "two words", "$HOME"};  // no shell: no splitting, no expansion
  const auto result = run_ok(spec);
  CHECK(result.exit_code == 0);
  CHECK(result.stdout_text == "two words|$HOME");
  CHECK(result.stderr_text.empty());
  CHECK(result.attempts == 1);
  CHECK_FALSE(result.timed_out);
}

TEST_CASE("run_process reports exit codes and 128+signal", "[process_runner]") {
  CHECK(run_ok(shell("exit 3")).exit_code == 3);
  CHECK(run_ok(shell("kill -TERM $$")).exit_code == 128 + SIGTERM);
}

TEST_CASE("run_process separates and streams stdout and stderr", "[process_runner]") {
  ProcessSpec spec = shell("echo out; echo err >&2; echo out2");
  std::string live_out;
  std::string live_err;
  spec.on_output = [&](OutputStream stream, std::string_view chunk) {
    (stream == OutputStream::out ? live_out : live_err).append(chunk);
  };
  const auto result = run_ok(spec);
  CHECK(result.stdout_text == "out\nout2\n");
  CHECK(result.stderr_text == "err\n");
  CHECK(live_out == result.stdout_text);
  CHECK(live_err == result.stderr_text);
}

TEST_CASE("a program missing from PATH is an Error, not an exit code", "[process_runner]") {
  ProcessSpec spec;
  spec.argv = {"slipway-no-such-program-42"};
  const auto result = run_process(spec);
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.error().message, Catch::Contains("slipway-no-such-program-42 not found on PATH"));
  CHECK_FALSE(program_exists("slipway-no-such-program-42"));
  CHECK(find_program("slipway-no-such-program-42").empty());
  CHECK(program_exists("sh"));
  CHECK(fs::path(find_program("sh")).is_absolute());
}

TEST_CASE("a missing working directory or an empty command is an Error", "[process_runner]") {
  ProcessSpec spec;
  spec.argv = {"true"};
  spec.working_directory = "/nonexistent/slipway/folder";
  const auto missing_folder = run_process(spec);
  REQUIRE_FALSE(missing_folder.ok());
  CHECK(missing_folder.error().file == "/nonexistent/slipway/folder");

  CHECK_FALSE(run_process(ProcessSpec{}).ok());
  ProcessSpec both = shell("true");
  both.argv = {"true"};
  CHECK_FALSE(run_process(both).ok());
}

TEST_CASE("the command runs in the working directory", "[process_runner]") {
  slipway::test::TempFolder folder;
  folder.write("sub/tool.sh", "#!/bin/sh\necho tool ran in \"$(pwd)\"\n");
  fs::permissions(folder / "sub/tool.sh", fs::perms::owner_all);
  ProcessSpec spec;
  spec.argv = {"./tool.sh"};  // relative to the working directory
  spec.working_directory = (folder / "sub").string();
  const auto result = run_ok(spec);
  CHECK(result.stdout_text == "tool ran in " + fs::canonical(folder / "sub").string() + "\n");
}

TEST_CASE("environment: inherit, override, remove, or start empty", "[process_runner]") {
  ::setenv("SLIPWAY_TEST_INHERITED", "from-parent", 1);
  ::setenv("SLIPWAY_TEST_DROPPED", "should-not-show", 1);
  ProcessSpec spec = shell("echo \"$SLIPWAY_TEST_INHERITED|$SLIPWAY_TEST_DROPPED|$SLIPWAY_TEST_ADDED\"");
  spec.env = {{"SLIPWAY_TEST_ADDED", "added"}};
  spec.env_remove = {"SLIPWAY_TEST_DROPPED"};
  CHECK(run_ok(spec).stdout_text == "from-parent||added\n");

  spec.env["SLIPWAY_TEST_INHERITED"] = "overridden";
  CHECK(run_ok(spec).stdout_text == "overridden||added\n");

  ProcessSpec clean;
  clean.argv = {"env"};
  clean.inherit_environment = false;
  clean.env = {{"ONLY", "this"}};
  CHECK(run_ok(clean).stdout_text == "ONLY=this\n");
  ::unsetenv("SLIPWAY_TEST_INHERITED");
  ::unsetenv("SLIPWAY_TEST_DROPPED");
}

TEST_CASE("stdin is closed unless stdin_data is given", "[process_runner]") {
  ProcessSpec spec;
  spec.argv = {"cat"};
  spec.timeout = 20s;  // only a safety net: cat must see end-of-file at once
  const auto closed = run_ok(spec);
  CHECK_FALSE(closed.timed_out);
  CHECK(closed.exit_code == 0);
  CHECK(closed.stdout_text.empty());
  CHECK(closed.duration < 10s);

  spec.stdin_data = "fed through stdin\n";
  CHECK(run_ok(spec).stdout_text == "fed through stdin\n");

  // A child that never reads a large stdin_data must not hang or kill us (EPIPE, not SIGPIPE).
  ProcessSpec ignores = shell("exit 0");
  ignores.stdin_data = std::string(4 << 20, 'x');
  ignores.timeout = 20s;
  const auto ignored = run_ok(ignores);
  CHECK_FALSE(ignored.timed_out);
  CHECK(ignored.exit_code == 0);
}

TEST_CASE("large output on both streams is read without deadlock", "[process_runner]") {
  // stderr is filled first: a runner that read stdout to the end before
  // looking at stderr would block forever here.
  constexpr std::size_t k_size = 5u << 20;
  ProcessSpec spec =
      shell("head -c 5242880 /dev/zero | tr '\\0' e >&2; head -c 5242880 /dev/zero | tr '\\0' o");
  spec.timeout = 60s;
  std::size_t live_total = 0;
  spec.on_output = [&](OutputStream, std::string_view chunk) { live_total += chunk.size(); };
  const auto result = run_ok(spec);
  CHECK_FALSE(result.timed_out);
  CHECK(result.exit_code == 0);
  CHECK(result.stdout_text.size() == k_size);
  CHECK(result.stderr_text.size() == k_size);
  CHECK(result.stdout_text.find_first_not_of('o') == std::string::npos);
  CHECK(result.stderr_text.find_first_not_of('e') == std::string::npos);
  CHECK(live_total == 2 * k_size);
}

TEST_CASE("capture_limit keeps the first bytes, on_output still sees all", "[process_runner]") {
  ProcessSpec spec = shell("head -c 100000 /dev/zero | tr '\\0' a");
  spec.capture_limit = 1000;
  std::size_t live_total = 0;
  spec.on_output = [&](OutputStream, std::string_view chunk) { live_total += chunk.size(); };
  const auto result = run_ok(spec);
  CHECK(result.stdout_text == std::string(1000, 'a'));
  CHECK(live_total == 100000);

  spec.capture_output = false;
  CHECK(run_ok(spec).stdout_text.empty());
}

TEST_CASE("a timeout kills the whole process group, grandchildren too", "[process_runner]") {
  become_subreaper();
  slipway::test::TempFolder folder;
  const fs::path pid_file = folder / "grandchild.pid";
  // The shell starts a background sleep (a grandchild of ours), records its
  // PID, then waits in a foreground sleep of its own.
  ProcessSpec spec = shell("sleep 100 & echo $! > '" + pid_file.string() + "'; sleep 100");
  spec.timeout = 500ms;
  const auto result = run_ok(spec);
  CHECK(result.timed_out);
  CHECK(result.exit_code == 128 + SIGKILL);
  CHECK(result.duration >= 500ms);
  CHECK(result.duration < 30s);

  const pid_t grandchild = read_pid(pid_file);
  REQUIRE(grandchild > 1);
  CHECK(wait_until([&] { return process_gone(grandchild); }));
}

TEST_CASE("processes left running when the command exits are killed", "[process_runner]") {
  become_subreaper();
  slipway::test::TempFolder folder;
  const fs::path pid_file = folder / "stray.pid";
  // The stray keeps stdout open; without the group kill run_process would
  // wait 100 seconds for end-of-file.
  const auto result = run_ok(shell("sleep 100 & echo $! > '" + pid_file.string() + "'; echo done"));
  CHECK(result.exit_code == 0);
  CHECK(result.stdout_text == "done\n");
  CHECK(result.duration < 30s);
  const pid_t stray = read_pid(pid_file);
  CHECK(wait_until([&] { return process_gone(stray); }));
}

TEST_CASE("retries back off exponentially until the command succeeds", "[process_runner]") {
  slipway::test::TempFolder folder;
  // Fails on the first two runs, succeeds on the third.
  ProcessSpec spec = shell(
      "n=$(cat count 2>/dev/null || echo 0); n=$((n+1)); echo $n > count; echo attempt $n; "
      "[ $n -ge 3 ]");
  spec.working_directory = folder.path().string();
  spec.retries = 5;
  spec.retry_delay = 50ms;
  const auto result = run_ok(spec);
  CHECK(result.exit_code == 0);
  CHECK(result.attempts == 3);
  CHECK(result.stdout_text == "attempt 3\n");  // the last attempt's output
  CHECK(result.duration >= 50ms + 100ms);      // the delay doubled between attempts
  CHECK(*read_file(folder / "count") == "3\n");
}

TEST_CASE("retries stop at the limit", "[process_runner]") {
  slipway::test::TempFolder folder;
  ProcessSpec spec = shell("echo x >> runs; exit 7");
  spec.working_directory = folder.path().string();
  spec.retries = 2;
  spec.retry_delay = 20ms;
  const auto result = run_ok(spec);
  CHECK(result.exit_code == 7);
  CHECK(result.attempts == 3);
  CHECK(result.duration >= 20ms + 40ms);
  CHECK(*read_file(folder / "runs") == "x\nx\nx\n");
}

TEST_CASE("a successful command is not retried", "[process_runner]") {
  ProcessSpec spec;
  spec.argv = {"true"};
  spec.retries = 3;
  spec.retry_delay = 1ms;
  CHECK(run_ok(spec).attempts == 1);
}

TEST_CASE("retry_on_exit_codes and retry_on_output choose retryable failures", "[process_runner]") {
  ProcessSpec listed = shell("exit 75");
  listed.retries = 1;
  listed.retry_delay = 1ms;
  listed.retry_on_exit_codes = {75};
  CHECK(run_ok(listed).attempts == 2);

  ProcessSpec unlisted = shell("exit 2");
  unlisted.retries = 3;
  unlisted.retry_delay = 1ms;
  unlisted.retry_on_exit_codes = {75};
  CHECK(run_ok(unlisted).attempts == 1);

  ProcessSpec transient = shell("echo 'error: connection reset by peer' >&2; exit 1");
  transient.retries = 1;
  transient.retry_delay = 1ms;
  transient.retry_on_output = {"connection reset"};
  CHECK(run_ok(transient).attempts == 2);

  // Once output markers are given, other failures are not retried.
  ProcessSpec real_error = shell("echo 'syntax error' >&2; exit 1");
  real_error.retries = 3;
  real_error.retry_delay = 1ms;
  real_error.retry_on_output = {"connection reset"};
  CHECK(run_ok(real_error).attempts == 1);
}

TEST_CASE("timeouts are retried only when no exit-code list is given", "[process_runner]") {
  ProcessSpec spec = shell("sleep 100");
  spec.timeout = 100ms;
  spec.retries = 1;
  spec.retry_delay = 1ms;
  const auto any_failure = run_ok(spec);
  CHECK(any_failure.timed_out);
  CHECK(any_failure.attempts == 2);

  spec.retry_on_exit_codes = {1};
  const auto listed = run_ok(spec);
  CHECK(listed.timed_out);
  CHECK(listed.attempts == 1);
}

TEST_CASE("output goes to a size-rotated log, all attempts included", "[process_runner]") {
  slipway::test::TempFolder folder;
  const std::string log_path = (folder / "logs/step.log").string();
  ProcessSpec spec = shell("head -c 3000 /dev/zero | tr '\\0' L; exit 1");
  spec.log_path = log_path;
  spec.log_max_bytes = 1000;
  spec.log_backups = 10;
  spec.retries = 1;
  spec.retry_delay = 1ms;
  const auto result = run_ok(spec);
  CHECK(result.attempts == 2);
  REQUIRE(fs::exists(log_path + ".1"));
  std::uintmax_t total = 0;
  for (int i = 0; i <= 10; ++i) {
    const std::string name = i == 0 ? log_path : log_path + "." + std::to_string(i);
    if (!fs::exists(name)) continue;
    CHECK(fs::file_size(name) <= 1000);
    total += fs::file_size(name);
  }
  // Two attempts of 3000 bytes plus the marker line between them.
  CHECK(total > 6000);
  CHECK(total < 6200);

  ProcessSpec unwritable = shell("true");
  unwritable.log_path = (folder / "logs/step.log.1/nested.log").string();
  CHECK_FALSE(run_process(unwritable).ok());
}

TEST_CASE("an exception from on_output becomes an Error and leaves no child", "[process_runner]") {
  slipway::test::TempFolder folder;
  const fs::path pid_file = folder / "child.pid";
  ProcessSpec spec = shell("echo $$ > '" + pid_file.string() + "'; echo go; sleep 100");
  spec.on_output = [](OutputStream, std::string_view) { throw std::runtime_error("callback failed"); };
  const auto result = run_process(spec);
  REQUIRE_FALSE(result.ok());
  CHECK_THAT(result.error().message, Catch::Contains("callback failed"));
  const pid_t child = read_pid(pid_file);
  CHECK(wait_until([&] { return process_gone(child); }));
}
