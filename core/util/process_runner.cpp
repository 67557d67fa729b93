// The process runner: the only code in Slipway that starts another program.
//
// Boost.Process (v1) launches the child: argv[0] resolved on PATH up front (so
// "not found" is a clear Error, not an exec failure), the working directory
// and environment asked for, its own process group (bp::group), and only
// stdin/stdout/stderr inherited: the child marks every other descriptor
// close-on-exec before exec. Boost's pipes are not close-on-exec, so without
// that a command started from another thread would hold our pipes open and
// delay end-of-file. (bp::limit_handles would be the Boost way, but in 1.81
// it closes stdout/stderr when they are redirected to an async_pipe.) stdin
// is a pipe that we close at once, or after writing stdin_data, so a child
// that reads stdin sees end-of-file instead of waiting forever or reading a
// descriptor that the next open() reused.
//
// One attempt is one single-threaded boost::asio loop on the calling thread:
// both output pipes are read as data arrives (so a child filling one pipe
// while we wait on the other can never deadlock us), a timer enforces the
// timeout, and the child's exit is observed through a pidfd (or, where the
// kernel lacks pidfd_open, a short polling timer). Because everything runs on
// the caller's thread, `on_output` is called there, one chunk at a time.
//
// The leader's exit is detected with waitid(WNOWAIT), which leaves it a
// zombie: while it is unreaped its process-group id cannot be reused, so
// killing the group is always safe. On a timeout the group is killed with
// SIGKILL. When the command exits on its own, whatever it left running in its
// group is killed too, as CI runners do: a background process holding our
// pipes would otherwise keep the step open forever. Output already written
// into the pipes is still read; a process that escaped the group (setsid)
// and keeps a pipe open is cut off after a short grace period.
//
// Retries. A failed attempt (non-zero exit or timeout) is retried, up to
// `retries` times, waiting retry_delay, then twice that, and so on (capped at
// ten minutes). Which failures are retryable:
//   - output (either stream) containing a retry_on_output string: always;
//   - a non-zero exit: when its code is in retry_on_exit_codes, or when both
//     lists are empty ("retry on any failure");
//   - a timeout: only when retry_on_exit_codes is empty and no
//     retry_on_output string was given. A list of exit codes says exactly
//     which failures are transient; a command that hung is not one of them.
// The result holds the last attempt's exit status and output; `on_output` and
// the log see every attempt, and the log gets a marker line between attempts.
#include "util/process_runner.hpp"

#include <fcntl.h>
#include <linux/close_range.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio.hpp>
#include <boost/process.hpp>
#include <boost/process/extend.hpp>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <thread>

#include "util/environment.hpp"
#include "util/log_rotation.hpp"
#include "util/strings.hpp"

namespace slipway::util {

namespace {

namespace bp = boost::process;
namespace asio = boost::asio;
using Clock = std::chrono::steady_clock;

constexpr std::size_t k_read_chunk_bytes = 64 * 1024;
constexpr auto k_exit_poll_interval = std::chrono::milliseconds(5);
constexpr auto k_output_drain_grace = std::chrono::seconds(2);
constexpr auto k_max_retry_delay = std::chrono::minutes(10);
constexpr int k_signal_exit_base = 128;
constexpr const char* k_shell = "/bin/sh";
constexpr long k_fallback_fd_scan_limit = 65536;

// What is decided once per run_process call and reused by every attempt.
struct LaunchPlan {
  boost::filesystem::path executable;
  std::vector<std::string> arguments;  // without argv[0]
  std::string start_directory;
  bp::environment environment;
  std::string display_name;  // for messages
};

struct AttemptOutcome {
  int exit_code = -1;
  bool timed_out = false;
  bool output_asks_retry = false;
  std::string stdout_text;
  std::string stderr_text;
};

// Blocks SIGPIPE on this thread while stdin_data is written, so a child that
// exits without reading its stdin gives us EPIPE instead of killing Slipway.
// A SIGPIPE raised meanwhile is consumed before the old mask comes back. The
// child is launched before the block starts, so it does not inherit it.
class SigpipeBlock {
 public:
  SigpipeBlock() {
    sigemptyset(&m_set);
    sigaddset(&m_set, SIGPIPE);
    pthread_sigmask(SIG_BLOCK, &m_set, &m_old);
    m_was_blocked = sigismember(&m_old, SIGPIPE) == 1;
  }
  ~SigpipeBlock() {
    if (m_was_blocked) return;
    sigset_t pending;
    sigemptyset(&pending);
    if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
      const timespec no_wait{0, 0};
      sigtimedwait(&m_set, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &m_old, nullptr);
  }
  SigpipeBlock(const SigpipeBlock&) = delete;
  SigpipeBlock& operator=(const SigpipeBlock&) = delete;

 private:
  sigset_t m_set{};
  sigset_t m_old{};
  bool m_was_blocked = false;
};

// Runs in the forked child just before exec, so it may only make
// async-signal-safe calls. Marks rather than closes, so Boost's own
// close-on-exec error pipe keeps working until exec.
void mark_inherited_descriptors_cloexec() {
  if (::close_range(3, ~0U, CLOSE_RANGE_CLOEXEC) == 0) return;
  // Kernels before 5.11: walk a bounded range instead.
  const long open_max = ::sysconf(_SC_OPEN_MAX);
  const int limit =
      static_cast<int>(std::min<long>(open_max > 0 ? open_max : 1024, k_fallback_fd_scan_limit));
  for (int fd = 3; fd < limit; ++fd) {
    const int flags = ::fcntl(fd, F_GETFD);
    if (flags >= 0 && (flags & FD_CLOEXEC) == 0) ::fcntl(fd, F_SETFD, flags | FD_CLOEXEC);
  }
}

std::vector<std::string> path_entries(const std::string& path_value) {
  std::vector<std::string> entries;
  // An empty PATH entry means "current folder"; searching it would run
  // whatever a checked-out repository puts there, so it is skipped.
  for (std::string& entry : split(path_value, ':')) {
    if (!entry.empty()) entries.push_back(std::move(entry));
  }
  return entries;
}

bool is_executable_file(const std::filesystem::path& path) {
  std::error_code ec;
  return std::filesystem::is_regular_file(path, ec) && ::access(path.c_str(), X_OK) == 0;
}

std::string search_path_for(const std::string& program, const std::string& path_value) {
  std::vector<boost::filesystem::path> folders;
  for (const std::string& entry : path_entries(path_value)) folders.emplace_back(entry);
  return bp::search_path(program, folders).string();
}

std::string current_path_value() {
  const char* value = std::getenv("PATH");
  return value != nullptr ? value : "";
}

Error located_error(std::string message, const std::string& file, std::string hint) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = file;
  return error;
}

Result<LaunchPlan> make_launch_plan(const ProcessSpec& spec) {
  LaunchPlan plan;
  if (spec.shell_command && !spec.argv.empty()) {
    return make_error("a command has both an argument vector and a shell command",
                      "set either argv or shell_command, not both");
  }
  if (!spec.shell_command && spec.argv.empty()) return make_error("empty command", "give the program to run");

  plan.start_directory = spec.working_directory.empty() ? "." : spec.working_directory;
  std::error_code ec;
  if (!std::filesystem::is_directory(plan.start_directory, ec)) {
    return located_error("working directory does not exist", spec.working_directory,
                         "create it or fix the working directory of the command");
  }

  EnvMap env = spec.inherit_environment ? current_environment() : EnvMap{};
  for (const std::string& name : spec.env_remove) env.erase(name);
  for (const auto& [name, value] : spec.env) env[name] = value;
  for (const auto& [name, value] : env) plan.environment[name] = value;

  if (spec.shell_command) {
    plan.executable = k_shell;
    plan.arguments = {"-c", *spec.shell_command};
    plan.display_name = *spec.shell_command;
    if (!is_executable_file(k_shell)) return make_error(std::string("shell ") + k_shell + " not found");
    return plan;
  }

  const std::string& program = spec.argv.front();
  plan.display_name = program;
  plan.arguments.assign(spec.argv.begin() + 1, spec.argv.end());
  if (program.find('/') != std::string::npos) {
    // A relative path is relative to the folder the command runs in.
    std::filesystem::path candidate(program);
    if (candidate.is_relative()) candidate = std::filesystem::absolute(plan.start_directory, ec) / candidate;
    if (!is_executable_file(candidate)) {
      return located_error("program not found or not executable", program,
                           "check the path and its permissions");
    }
    plan.executable = candidate.string();
    return plan;
  }
  // The child's own PATH decides, when the command sets one.
  const auto path_override = spec.env.find("PATH");
  const std::string path_value =
      path_override != spec.env.end() ? path_override->second : current_path_value();
  const std::string found = search_path_for(program, path_value);
  if (found.empty()) {
    return make_error("program " + program + " not found on PATH",
                      "install " + program + " or add the folder that holds it to PATH");
  }
  plan.executable = found;
  return plan;
}

// One launch of the command, driven by an asio loop on the calling thread.
class Attempt {
 public:
  Attempt(const ProcessSpec& spec, const LaunchPlan& plan, RotatingLog* log)
      : m_spec(spec), m_plan(plan), m_log(log) {}
  Attempt(const Attempt&) = delete;
  Attempt& operator=(const Attempt&) = delete;

  // Never leaves a child behind, even when on_output threw.
  ~Attempt() {
    if (m_pid > 0 && !m_reaped) {
      kill_group();
      int status = 0;
      while (::waitpid(m_pid, &status, 0) < 0 && errno == EINTR) {
      }
    }
  }

  Result<AttemptOutcome> run() {
    std::error_code ec;
    // The redirections are parenthesised so clang-format does not read "<" as a template.
    bp::child child(
        bp::exe = m_plan.executable, bp::args = m_plan.arguments, bp::start_dir = m_plan.start_directory,
        m_plan.environment, m_group, (bp::std_in < m_stdin), (bp::std_out > m_out.pipe),
        (bp::std_err > m_err.pipe),
        bp::extend::on_exec_setup = [](auto&) { mark_inherited_descriptors_cloexec(); }, ec);
    if (ec) {
      return make_error("cannot start " + m_plan.display_name + ": " + ec.message(),
                        "check that the program can be executed");
    }
    m_pid = child.id();
    child.detach();  // this class reaps the child itself, see on_exit_noticed()
    m_group.detach();

    std::optional<SigpipeBlock> sigpipe_block;
    if (m_spec.stdin_data) {
      sigpipe_block.emplace();
      asio::async_write(m_stdin, asio::buffer(*m_spec.stdin_data),
                        [this](const boost::system::error_code&, std::size_t) { close_quietly(m_stdin); });
    } else {
      close_quietly(m_stdin);
    }
    read_more(m_out);
    read_more(m_err);
    watch_exit();
    if (m_spec.timeout.count() > 0) {
      m_deadline.expires_after(m_spec.timeout);
      m_deadline.async_wait([this](const boost::system::error_code& error) {
        if (error || m_reaped) return;
        m_outcome.timed_out = true;
        kill_group();
      });
    }
    m_io.run();
    return std::move(m_outcome);
  }

 private:
  struct Stream {
    Stream(asio::io_context& io, OutputStream which, std::string* text)
        : pipe(io), kind(which), captured(text), buffer(k_read_chunk_bytes) {}
    bp::async_pipe pipe;
    OutputStream kind;
    std::string* captured;
    std::vector<char> buffer;
    std::string tail;  // end of the previous chunk, for retry_on_output matches across chunks
    bool done = false;
  };

  static void close_quietly(bp::async_pipe& pipe) {
    boost::system::error_code ignored;
    pipe.close(ignored);
  }

  void read_more(Stream& stream) {
    stream.pipe.async_read_some(asio::buffer(stream.buffer),
                                [this, &stream](const boost::system::error_code& error, std::size_t count) {
                                  if (count > 0)
                                    on_chunk(stream, std::string_view(stream.buffer.data(), count));
                                  if (error) {
                                    stream.done = true;
                                    finish_if_done();
                                    return;
                                  }
                                  read_more(stream);
                                });
  }

  void on_chunk(Stream& stream, std::string_view chunk) {
    if (m_spec.capture_output && stream.captured->size() < m_spec.capture_limit) {
      stream.captured->append(chunk.substr(0, m_spec.capture_limit - stream.captured->size()));
    }
    if (!m_spec.retry_on_output.empty() && !m_outcome.output_asks_retry) scan_for_retry(stream, chunk);
    if (m_log != nullptr) m_log->write(chunk);
    if (m_spec.on_output) m_spec.on_output(stream.kind, chunk);
  }

  // Looks at the new chunk plus the end of the previous one, so a marker
  // split across two reads is still found, without keeping all output.
  void scan_for_retry(Stream& stream, std::string_view chunk) {
    std::size_t longest = 0;
    for (const std::string& marker : m_spec.retry_on_output) longest = std::max(longest, marker.size());
    std::string window = stream.tail;
    window.append(chunk);
    for (const std::string& marker : m_spec.retry_on_output) {
      if (!marker.empty() && window.find(marker) != std::string::npos) m_outcome.output_asks_retry = true;
    }
    const std::size_t keep = longest > 0 ? longest - 1 : 0;
    stream.tail = window.size() > keep ? window.substr(window.size() - keep) : window;
  }

  void watch_exit() {
    if (!m_pidfd_tried) {
      m_pidfd_tried = true;
      const long pidfd = ::syscall(SYS_pidfd_open, m_pid, 0);
      if (pidfd >= 0) m_pid_watch.emplace(m_io, static_cast<int>(pidfd));
    }
    if (m_pid_watch) {
      m_pid_watch->async_wait(asio::posix::stream_descriptor::wait_read,
                              [this](const boost::system::error_code& error) {
                                if (!error) on_exit_noticed();
                              });
      return;
    }
    m_exit_poll.expires_after(k_exit_poll_interval);
    m_exit_poll.async_wait([this](const boost::system::error_code& error) {
      if (!error) on_exit_noticed();
    });
  }

  void on_exit_noticed() {
    siginfo_t info{};
    // WNOWAIT: look without reaping, so the group id stays ours while we kill the rest of the group.
    if (::waitid(P_PID, static_cast<id_t>(m_pid), &info, WEXITED | WNOHANG | WNOWAIT) == 0 &&
        info.si_pid == 0) {
      watch_exit();
      return;
    }
    kill_group();
    int status = 0;
    pid_t reaped = -1;
    do {
      reaped = ::waitpid(m_pid, &status, 0);
    } while (reaped < 0 && errno == EINTR);
    m_reaped = true;
    // reaped != m_pid only when someone else reaped our child (a SIGCHLD
    // handler elsewhere); the exit code then stays unknown (-1).
    if (reaped == m_pid && WIFEXITED(status)) {
      m_outcome.exit_code = WEXITSTATUS(status);
    } else if (reaped == m_pid && WIFSIGNALED(status)) {
      m_outcome.exit_code = k_signal_exit_base + WTERMSIG(status);
    }
    m_deadline.cancel();
    boost::system::error_code ignored;
    if (m_pid_watch) m_pid_watch->close(ignored);
    // The whole group is gone, so nobody is left to read the rest of stdin_data.
    close_quietly(m_stdin);
    m_drain_deadline.expires_after(k_output_drain_grace);
    m_drain_deadline.async_wait([this](const boost::system::error_code& error) {
      if (error) return;
      close_quietly(m_out.pipe);
      close_quietly(m_err.pipe);
    });
    finish_if_done();
  }

  void finish_if_done() {
    if (m_reaped && m_out.done && m_err.done) m_drain_deadline.cancel();
  }

  void kill_group() {
    // terminate() sends SIGKILL to the whole group and then forgets it, so
    // it runs at most once per attempt.
    if (!m_group.valid()) return;
    std::error_code ignored;
    m_group.terminate(ignored);
  }

  const ProcessSpec& m_spec;
  const LaunchPlan& m_plan;
  RotatingLog* m_log;
  AttemptOutcome m_outcome;

  // The io_context is declared first so it outlives everything bound to it.
  asio::io_context m_io;
  bp::async_pipe m_stdin{m_io};
  Stream m_out{m_io, OutputStream::out, &m_outcome.stdout_text};
  Stream m_err{m_io, OutputStream::err, &m_outcome.stderr_text};
  bp::group m_group;
  asio::steady_timer m_deadline{m_io};
  asio::steady_timer m_drain_deadline{m_io};
  asio::steady_timer m_exit_poll{m_io};
  std::optional<asio::posix::stream_descriptor> m_pid_watch;
  bool m_pidfd_tried = false;
  pid_t m_pid = -1;
  bool m_reaped = false;
};

bool contains(const std::vector<int>& codes, int code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

bool is_retryable(const ProcessSpec& spec, const AttemptOutcome& outcome) {
  if (!outcome.timed_out && outcome.exit_code == 0) return false;
  if (outcome.output_asks_retry) return true;
  const bool any_failure = spec.retry_on_exit_codes.empty() && spec.retry_on_output.empty();
  if (outcome.timed_out) return any_failure;
  return any_failure || contains(spec.retry_on_exit_codes, outcome.exit_code);
}

std::string describe_failure(const AttemptOutcome& outcome) {
  if (outcome.timed_out) return "timed out";
  return "exited with " + std::to_string(outcome.exit_code);
}

Result<ProcessResult> run_with_retries(const ProcessSpec& spec) {
  const Clock::time_point started = Clock::now();
  Result<LaunchPlan> plan = make_launch_plan(spec);
  if (!plan) return plan.error();

  std::unique_ptr<RotatingLog> log;
  if (!spec.log_path.empty()) {
    log = std::make_unique<RotatingLog>(spec.log_path, spec.log_max_bytes, spec.log_backups);
    if (Result<void> opened = log->open(); !opened) return opened.error();
  }

  ProcessResult result;
  std::chrono::milliseconds delay = spec.retry_delay;
  const int max_attempts = 1 + std::max(0, spec.retries);
  for (int attempt = 1;; ++attempt) {
    Attempt runner(spec, *plan, log.get());
    Result<AttemptOutcome> outcome = runner.run();
    if (!outcome) return outcome.error();
    result.attempts = attempt;
    result.exit_code = outcome->exit_code;
    result.timed_out = outcome->timed_out;
    result.stdout_text = std::move(outcome->stdout_text);
    result.stderr_text = std::move(outcome->stderr_text);
    if (attempt >= max_attempts || !is_retryable(spec, *outcome)) break;

    if (log) {
      log->write("[slipway] attempt " + std::to_string(attempt) + " of " + std::to_string(max_attempts) +
                 " " + describe_failure(*outcome) + "; retrying in " + std::to_string(delay.count()) +
                 " ms\n");
    }
    std::this_thread::sleep_for(delay);
    delay = std::min<std::chrono::milliseconds>(delay * 2, k_max_retry_delay);
  }
  result.duration = std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - started);
  return result;
}

}  // namespace

Result<ProcessResult> run_process(const ProcessSpec& spec) {
  // Boost.Process and asio report resource failures (no more pipes, fork
  // failed) by throwing; the API promises a Result instead.
  try {
    return run_with_retries(spec);
  } catch (const std::exception& error) {
    return make_error(std::string("cannot run command: ") + error.what());
  }
}

std::string find_program(const std::string& program) {
  if (program.empty()) return {};
  try {
    if (program.find('/') != std::string::npos) return is_executable_file(program) ? program : std::string();
    return search_path_for(program, current_path_value());
  } catch (const std::exception&) {
    return {};
  }
}

bool program_exists(const std::string& program) {
  return !find_program(program).empty();
}

}  // namespace slipway::util
