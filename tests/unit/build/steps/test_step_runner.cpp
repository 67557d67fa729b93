// Tests of the step runner (stages/build/steps/step_runner.cpp) against
// real processes: /bin/sh steps that fail a counted number of times, hang
// with a child, fail and clean up, and flood their log. Asynchronous effects
// (a killed child disappearing) are awaited with a bounded poll, never a
// fixed sleep; retry delays are a few milliseconds.
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <sstream>
#include <thread>

#include "../../util/temp_folder.hpp"
#include "model/config.hpp"
#include "stages/build/steps/build_steps.hpp"
#include "util/files.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

// Fails (exit 1) until it has run `succeed_on` times, counting runs in a file.
std::string flaky_script(int succeed_on) {
  return "n=$(cat attempts 2>/dev/null || echo 0); n=$((n+1)); echo $n > attempts; "
         "if [ $n -ge " +
         std::to_string(succeed_on) + " ]; then echo ok; exit 0; fi; echo \"failure $n\"; exit 1";
}

Step shell_step(std::string name, std::string run) {
  Step step;
  step.name = std::move(name);
  step.run = std::move(run);
  step.retry_delay = 1ms;
  return step;
}

RunContext context_in(const test::TempFolder& folder, std::ostream* out = nullptr) {
  RunContext context;
  context.root = folder.path().string();
  context.out = out;
  return context;
}

BuildRun run_ok(const std::vector<Step>& steps, const RunContext& context) {
  Result<BuildRun> run = run_steps(steps, context);
  if (!run) FAIL("run_steps failed: " << run.error().to_string());
  return std::move(run).value();
}

std::string read_text(const fs::path& path) {
  Result<std::string> text = util::read_file(path);
  REQUIRE(text.ok());
  return *text;
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

// A killed process stays a zombie until reaped; as a subreaper the test can
// reap orphaned grandchildren itself.
bool process_gone(pid_t pid) {
  ::waitpid(pid, nullptr, WNOHANG);
  return ::kill(pid, 0) == -1 && errno == ESRCH;
}

}  // namespace

// Read from .slipway.yml, so the acceptance case covers the whole path from
// the user's file to the process.
Step flaky_from_yaml(const test::TempFolder& folder, int retries) {
  const std::string yaml = "build:\n  steps:\n    - name: flaky\n      run: '" + flaky_script(3) +
                           "'\n      retries: " + std::to_string(retries) + "\n      retry-delay: 1ms\n";
  Result<std::vector<Step>> steps = read_steps(folder.write(".slipway.yml", yaml).string());
  if (!steps) FAIL("read_steps failed: " << steps.error().to_string());
  REQUIRE(steps->size() == 1);
  return steps->front();
}

TEST_CASE("a flaky step passes with retries: 2 and fails with retries: 1", "[step_runner]") {
  SECTION("retries: 2") {
    test::TempFolder folder;
    const BuildRun run = run_ok({flaky_from_yaml(folder, 2)}, context_in(folder));
    REQUIRE(run.steps.size() == 1);
    CHECK(run.passed);
    CHECK(run.steps[0].status == StepStatus::passed);
    CHECK(run.steps[0].attempts == 3);
    CHECK(run.steps[0].exit_code == 0);
    CHECK(read_text(folder / "attempts") == "3\n");
  }
  SECTION("retries: 1") {
    test::TempFolder folder;
    std::ostringstream out;
    const BuildRun run = run_ok({flaky_from_yaml(folder, 1)}, context_in(folder, &out));
    CHECK_FALSE(run.passed);
    CHECK(run.steps[0].status == StepStatus::failed);
    CHECK(run.steps[0].attempts == 2);
    CHECK(run.steps[0].exit_code == 1);
    CHECK(read_text(folder / "attempts") == "2\n");
    CHECK_THAT(out.str(), Catch::Contains("[slipway] attempt 1 of 2 exited with 1; retrying in 1ms"));
    CHECK_THAT(out.str(), Catch::Contains("failure 1\n") && Catch::Contains("failure 2\n"));
    CHECK_THAT(
        read_text(run.steps[0].log_path),
        Catch::Contains("failure 1\n[slipway] attempt 1 of 2 exited with 1; retrying in 1ms\nfailure 2\n"));
  }
}

TEST_CASE("retries back off exponentially", "[step_runner]") {
  test::TempFolder folder;
  Step step = shell_step("flaky", flaky_script(4));
  step.retries = 3;
  step.retry_delay = 2ms;
  std::ostringstream out;
  const BuildRun run = run_ok({step}, context_in(folder, &out));
  CHECK(run.passed);
  CHECK_THAT(out.str(), Catch::Contains("attempt 1 of 4 exited with 1; retrying in 2ms") &&
                            Catch::Contains("attempt 2 of 4 exited with 1; retrying in 4ms") &&
                            Catch::Contains("attempt 3 of 4 exited with 1; retrying in 8ms"));
}

TEST_CASE("retries happen only on the listed exit codes", "[step_runner]") {
  test::TempFolder folder;
  // Exits 75 the first time, 3 the second, 0 after that.
  const std::string script =
      "n=$(cat attempts 2>/dev/null || echo 0); n=$((n+1)); echo $n > attempts; "
      "[ $n -eq 1 ] && exit 75; [ $n -eq 2 ] && exit 3; exit 0";
  Step step = shell_step("codes", script);
  step.retries = 5;
  step.retry_on_exit_codes = {75};
  BuildRun run = run_ok({step}, context_in(folder));
  CHECK_FALSE(run.passed);
  CHECK(run.steps[0].attempts == 2);  // 75 retried, 3 not
  CHECK(run.steps[0].exit_code == 3);

  fs::remove(folder / "attempts");
  step.retry_on_exit_codes = {75, 3};
  run = run_ok({step}, context_in(folder));
  CHECK(run.passed);
  CHECK(run.steps[0].attempts == 3);
}

TEST_CASE("retries happen on output lines matching a pattern", "[step_runner]") {
  test::TempFolder folder;
  const std::string script =
      "n=$(cat attempts 2>/dev/null || echo 0); n=$((n+1)); echo $n > attempts; "
      "if [ $n -eq 1 ]; then printf 'fetching\\nHTTP 503 Service Unavailable\\n'; exit 1; fi; "
      "if [ $n -eq 2 ]; then printf 'HTTP 404 Not Found'; exit 1; fi; exit 0";
  Step step = shell_step("fetch", script);
  step.retries = 5;
  step.retry_on_output = {"^HTTP 5\\d\\d"};
  const BuildRun run = run_ok({step}, context_in(folder));
  CHECK_FALSE(run.passed);
  CHECK(run.steps[0].attempts == 2);  // 503 retried, 404 (no pattern match, exit codes not listed) not
}

TEST_CASE("a step over its timeout is killed with its children and reported as timed out", "[step_runner]") {
  REQUIRE(::prctl(PR_SET_CHILD_SUBREAPER, 1) == 0);
  test::TempFolder folder;
  Step step = shell_step("hang", "sleep 60 & echo $! > child.pid; wait");
  step.timeout = 300ms;
  std::ostringstream out;
  const BuildRun run = run_ok({step, shell_step("after", "true")}, context_in(folder, &out));
  CHECK_FALSE(run.passed);
  REQUIRE(run.steps.size() == 2);
  CHECK(run.steps[0].status == StepStatus::timed_out);
  CHECK(run.steps[0].attempts == 1);
  CHECK(run.steps[0].duration < 30s);
  CHECK(run.steps[1].status == StepStatus::skipped);
  const pid_t child = static_cast<pid_t>(std::stol(read_text(folder / "child.pid")));
  CHECK(wait_until([&] { return process_gone(child); }));
  CHECK_THAT(out.str(),
             Catch::Contains("step hang timed out after 300ms; it was killed with all its child processes"));
  CHECK_THAT(read_text(run.steps[0].log_path), Catch::Contains("timed out after 300ms"));
}

TEST_CASE("a timeout is retried only when no retry condition is listed", "[step_runner]") {
  test::TempFolder folder;
  Step step = shell_step("slow", "echo x >> runs; sleep 60");
  step.timeout = 100ms;
  step.retries = 1;
  step.retry_on_exit_codes = {1};
  CHECK(run_ok({step}, context_in(folder)).steps[0].attempts == 1);
  step.retry_on_exit_codes.clear();
  CHECK(run_ok({step}, context_in(folder)).steps[0].attempts == 2);
  CHECK(read_text(folder / "runs") == "x\nx\nx\n");
}

TEST_CASE("an always step runs after a failure; other steps are skipped", "[step_runner]") {
  test::TempFolder folder;
  Step cleanup = shell_step("cleanup", "touch cleaned");
  cleanup.always = true;
  std::ostringstream out;
  const BuildRun run = run_ok({shell_step("compile", "exit 2"), shell_step("test", "touch tested"), cleanup},
                              context_in(folder, &out));
  CHECK_FALSE(run.passed);
  REQUIRE(run.steps.size() == 3);
  CHECK(run.steps[0].status == StepStatus::failed);
  CHECK(run.steps[0].exit_code == 2);
  CHECK(run.steps[1].status == StepStatus::skipped);
  CHECK(run.steps[1].note == "an earlier step failed");
  CHECK(run.steps[1].attempts == 0);
  CHECK(run.steps[1].log_path.empty());
  CHECK(run.steps[2].status == StepStatus::passed);
  CHECK(fs::exists(folder / "cleaned"));
  CHECK_FALSE(fs::exists(folder / "tested"));
  CHECK_THAT(out.str(), Catch::Contains("[slipway] test skipped: an earlier step failed\n"));
  CHECK(run.started <= run.finished);
}

TEST_CASE("continue-on-error reports the failure without failing the build", "[step_runner]") {
  test::TempFolder folder;
  Step optional = shell_step("optional", "exit 4");
  optional.continue_on_error = true;
  const BuildRun run = run_ok({optional, shell_step("next", "touch next")}, context_in(folder));
  CHECK(run.passed);
  CHECK(run.steps[0].status == StepStatus::failed);
  CHECK(run.steps[0].failure_allowed);
  CHECK(run.steps[1].status == StepStatus::passed);
  CHECK(fs::exists(folder / "next"));
  CHECK_THAT(render_summary(run), Catch::Contains("allowed to fail") && Catch::EndsWith("build passed\n"));
}

TEST_CASE("stop-on-failure off runs every step but still fails the build", "[step_runner]") {
  test::TempFolder folder;
  RunContext context = context_in(folder);
  context.stop_on_failure = false;
  const BuildRun run = run_ok({shell_step("a", "exit 1"), shell_step("b", "touch b")}, context);
  CHECK_FALSE(run.passed);
  CHECK(run.steps[1].status == StepStatus::passed);
  CHECK(fs::exists(folder / "b"));
}

TEST_CASE("if conditions skip steps and say why", "[step_runner]") {
  test::TempFolder folder;
  RunContext context = context_in(folder);
  context.ci.platform = model::CiPlatform::gitlab;
  context.ci.branch = "feature/x";
  context.changed_paths = std::vector<std::string>{"docs/index.md"};
  Step main_only = shell_step("deploy", "touch deployed");
  main_only.condition = "branch == 'main'";
  Step on_gitlab = shell_step("gitlab", "touch gitlab");
  on_gitlab.condition = "platform == 'gitlab' && branch =~ 'feature/*'";
  Step src_changed = shell_step("src", "touch src");
  src_changed.condition = "changed('src/**')";
  const BuildRun run = run_ok({main_only, on_gitlab, src_changed}, context);
  CHECK(run.passed);
  CHECK(run.steps[0].status == StepStatus::skipped);
  CHECK(run.steps[0].note == "if: branch == 'main' is false");
  CHECK(run.steps[1].status == StepStatus::passed);
  CHECK(run.steps[2].status == StepStatus::skipped);
  CHECK_FALSE(fs::exists(folder / "deployed"));
  CHECK(fs::exists(folder / "gitlab"));

  context.changed_paths.reset();  // unknown: changed() is true
  std::ostringstream out;
  context.out = &out;
  CHECK(run_ok({src_changed}, context).steps[0].status == StepStatus::passed);
  CHECK_THAT(out.str(), Catch::Contains("changed files are unknown"));
}

TEST_CASE("step logs rotate at the configured size", "[step_runner]") {
  test::TempFolder folder;
  RunContext context = context_in(folder);
  context.log_max_bytes = 1024;
  context.log_backups = 2;
  // 100 lines of 50 bytes: 5000 bytes of output, far over 3 x 1024.
  Step loud = shell_step("Loud Step!",
                         "i=0; while [ $i -lt 100 ]; do printf 'line %03d %040d\\n' $i 0; i=$((i+1)); done");
  const BuildRun run = run_ok({loud}, context);
  REQUIRE(run.passed);
  const fs::path log = folder / ".slipway" / "logs" / "build" / "loud-step.log";
  CHECK(run.steps[0].log_path == log.string());
  for (const fs::path& file : {log, fs::path(log.string() + ".1"), fs::path(log.string() + ".2")}) {
    INFO(file);
    REQUIRE(fs::exists(file));
    CHECK(fs::file_size(file) <= 1024);
    CHECK(fs::file_size(file) > 0);
  }
  CHECK_FALSE(fs::exists(log.string() + ".3"));
  // The newest files hold the end of the run. Rotation is by size, so a
  // line that arrived in pieces may straddle the two newest files.
  CHECK_THAT(read_text(fs::path(log.string() + ".1")) + read_text(log),
             Catch::Contains("line 099") && Catch::Contains("[slipway] step Loud Step! passed"));
}

TEST_CASE("steps get the context and step environment, their folder and a log", "[step_runner]") {
  test::TempFolder folder;
  fs::create_directories(folder / "sub");
  RunContext context = context_in(folder);
  context.env = {{"FROM_CONTEXT", "c"}, {"OVERRIDDEN", "context"}};
  context.log_folder = (folder / "logs").string();
  Step step = shell_step("env", "echo \"$FROM_CONTEXT $OVERRIDDEN $(basename \"$PWD\")\"");
  step.env = {{"OVERRIDDEN", "step"}};
  step.working_directory = "sub";
  Step argv;
  argv.name = "argv";
  argv.command = {"printf", "%s|", "two words", "$HOME"};
  const BuildRun run = run_ok({step, argv}, context);
  REQUIRE(run.passed);
  CHECK_THAT(read_text(folder / "logs" / "env.log"), Catch::Contains("\nc step sub\n"));
  CHECK_THAT(read_text(folder / "logs" / "argv.log"), Catch::Contains("two words|$HOME|"));
}

TEST_CASE("a step that cannot start fails and the always steps still run", "[step_runner]") {
  test::TempFolder folder;
  Step missing;
  missing.name = "missing";
  missing.command = {"slipway-no-such-program-xyz"};
  Step outside = shell_step("outside", "true");
  outside.working_directory = "../..";
  Step cleanup = shell_step("cleanup", "touch cleaned");
  cleanup.always = true;
  RunContext context = context_in(folder);
  context.stop_on_failure = false;
  const BuildRun run = run_ok({missing, outside, cleanup}, context);
  CHECK_FALSE(run.passed);
  CHECK(run.steps[0].status == StepStatus::failed);
  CHECK(run.steps[0].exit_code == -1);
  CHECK_THAT(run.steps[0].note, Catch::Contains("not found on PATH"));
  CHECK(run.steps[1].status == StepStatus::failed);
  CHECK_THAT(run.steps[1].note, Catch::Contains("outside the repository"));
  CHECK(run.steps[2].status == StepStatus::passed);
}

TEST_CASE("group markers surround each step's output; result lines stay outside", "[step_runner]") {
  test::TempFolder folder;
  std::ostringstream out;
  RunContext context = context_in(folder, &out);
  context.group = [&out](GroupEdge edge, const std::string& name, const std::string& title) {
    out << (edge == GroupEdge::open ? "<open " : "<close ") << name << " | " << title << ">\n";
  };
  Step skipped = shell_step("never", "true");
  skipped.condition = "false";
  run_ok({shell_step("Say Hello", "echo hello"), skipped}, context);
  const std::string text = out.str();
  const auto open = text.find("<open build_step_1_say-hello | Say Hello (step 1 of 2)>\n");
  const auto output = text.find("hello\n");
  const auto close = text.find("<close build_step_1_say-hello | Say Hello (step 1 of 2)>\n");
  const auto result = text.find("[slipway] Say Hello passed in ");
  REQUIRE(open != std::string::npos);
  REQUIRE(close != std::string::npos);
  CHECK(open < output);
  CHECK(output < close);
  CHECK(close < result);
  CHECK(text.find("<open build_step_2") == std::string::npos);  // skipped steps get no section
}

TEST_CASE("run_steps refuses invalid steps before running any", "[step_runner]") {
  test::TempFolder folder;
  Step first = shell_step("first", "touch ran");
  Step bad = shell_step("bad", "true");
  bad.condition = "branch == main";
  bad.file = ".slipway.yml";
  bad.condition_line = 7;
  bad.condition_column = 11;
  Result<BuildRun> run = run_steps({first, bad}, context_in(folder));
  REQUIRE_FALSE(run.ok());
  CHECK(run.error().file == ".slipway.yml");
  CHECK(run.error().line == 7);
  CHECK_THAT(run.error().message, Catch::Contains("expected a quoted string"));
  CHECK_FALSE(fs::exists(folder / "ran"));

  CHECK_FALSE(run_steps({first, first}, context_in(folder)).ok());
  Step neither;
  neither.name = "neither";
  CHECK_FALSE(run_steps({neither}, context_in(folder)).ok());
  Step pattern = shell_step("pattern", "true");
  pattern.retry_on_output = {"("};
  CHECK_FALSE(run_steps({pattern}, context_in(folder)).ok());
  CHECK_FALSE(fs::exists(folder / "ran"));
}

TEST_CASE("steps_config_schema is sound and apply_steps_config reads it", "[step_runner]") {
  const model::ConfigSchema schema = steps_config_schema();
  CHECK(model::schema_problems(schema).empty());
  model::Config config(schema);
  RunContext defaults;
  apply_steps_config(&config, defaults);
  CHECK(defaults.log_max_bytes == 10u << 20);
  CHECK(defaults.log_backups == 3);
  CHECK(defaults.stop_on_failure);

  REQUIRE(config
              .apply_yaml_text("build:\n  log-max-bytes: 2048\n  log-backups: 0\n  stop-on-failure: false\n",
                               ".slipway.yml")
              .ok());
  RunContext context;
  apply_steps_config(&config, context);
  CHECK(context.log_max_bytes == 2048);
  CHECK(context.log_backups == 0);
  CHECK_FALSE(context.stop_on_failure);

  const auto too_small = config.apply_yaml_text("build:\n  log-max-bytes: 10\n", ".slipway.yml");
  REQUIRE_FALSE(too_small.ok());
  CHECK(too_small.error().line == 2);
  apply_steps_config(nullptr, context);  // a null config changes nothing
  CHECK(context.log_max_bytes == 2048);
}
