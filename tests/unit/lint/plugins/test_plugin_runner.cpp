// run_linters() end to end with script linters: small /bin/sh scripts in a
// temporary repository, run as real processes through util::run_process, so
// exit codes, stderr, timeouts, batching and the worker pool are the real
// thing. Plus shellcheck itself when it is installed.
#include <catch2/catch.hpp>

#include "plugin_test_support.hpp"
#include "stages/lint/plugins/plugin_runner.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

using namespace slipway;
using namespace slipway::lint;
using plugin_test::count_rule;
using plugin_test::must_parse;
using plugin_test::plugin_config;
using plugin_test::ScratchRepo;
using plugin_test::summaries;

namespace {

// Reports each line containing TODO as "<absolute path>:<line>: warning: todo left [todo]".
const char* const k_todo_script =
    "status=0\n"
    "for f in \"$@\"; do\n"
    "  n=0\n"
    "  while IFS= read -r line || [ -n \"$line\" ]; do\n"
    "    n=$((n+1))\n"
    "    case \"$line\" in *TODO*) echo \"$PWD/$f:$n: warning: todo left [todo]\"; status=1;; esac\n"
    "  done < \"$f\"\n"
    "done\n"
    "exit $status\n";

const char* const k_regex_output =
    "output:\n  parser: regex\n  pattern: '^(.+):(\\d+): (warning|error): (.*) \\[(.+)\\]$'\n"
    "  groups: {path: 1, line: 2, severity: 3, message: 4, rule: 5}\n";

Descriptor todo_descriptor(const std::string& program, const std::string& extra = {}) {
  return must_parse("id: todo\nname: TODO finder\nfile-patterns: ['*.txt']\ncommand: ['" + program +
                    "', '{files}']\nrules-url: 'https://example.com/{rule}'\ninstall: {apt: todo-finder}\n" +
                    k_regex_output + extra);
}

LintOptions options_for(const ScratchRepo& repo, std::vector<std::string> files, int jobs = 2) {
  LintOptions options;
  options.root = repo.root();
  options.all_files = files;
  options.files = std::move(files);
  options.jobs = jobs;
  return options;
}

PluginOutcome run(const std::vector<const Descriptor*>& linters, const LintOptions& options) {
  Result<PluginOutcome> outcome = run_linters(linters, options);
  if (!outcome) FAIL(outcome.error().to_string());
  return std::move(*outcome);
}

// The one finding of an outcome, by value: callers pass temporaries.
model::Finding only(const PluginOutcome& outcome) {
  REQUIRE(outcome.lint.findings.size() == 1);
  return outcome.lint.findings.front();
}

}  // namespace

TEST_CASE("findings are parsed and qualified with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "fine\nTODO: write this\n");
  repo.write("dir/b.txt", "all done\n");
  repo.write("c.md", "TODO not a txt file\n");
  const Descriptor todo = todo_descriptor(repo.script("bin/todo.sh", k_todo_script));
  LintOptions options = options_for(repo, {"a.txt", "dir/b.txt", "c.md"});
  std::size_t last_done = 0;
  std::size_t last_total = 0;
  options.on_progress = [&](std::size_t done, std::size_t total) {
    last_done = done;
    last_total = total;
  };

  const PluginOutcome outcome = run({&todo}, options);
  const model::Finding finding = only(outcome);
  CHECK(finding.tool == "todo");
  CHECK(finding.rule_id == "todo/todo");
  CHECK(finding.location.path == "a.txt");  // the script printed an absolute path
  CHECK(finding.location.start_line == 2);
  CHECK(finding.severity == model::Severity::warning);
  CHECK(finding.message == "todo left");
  REQUIRE(outcome.lint.checked.size() == 2);
  CHECK(outcome.lint.checked[0].tool == "todo");
  CHECK(outcome.lint.checked[0].path == "a.txt");
  CHECK(outcome.lint.checked[1].path == "dir/b.txt");
  REQUIRE(outcome.rules.size() == 1);
  CHECK(outcome.rules[0].id == "todo/todo");
  CHECK(outcome.rules[0].tool == "todo");
  CHECK(outcome.rules[0].help_uri == "https://example.com/todo");
  CHECK(outcome.lint.notes.empty());
  CHECK(last_total == 2);  // two files over two workers: two batches of one
  CHECK(last_done == 2);
}

TEST_CASE("an exit code outside both sets is one crashed finding with stderr, with a script linter",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "TODO\n");
  const std::string script =
      repo.script("bin/crash.sh",
                  "echo 'a.txt:1: warning: looks like a finding [todo]'\n"
                  "for i in 1 2 3 4 5 6 7; do echo \"stderr line $i\" >&2; done\nexit 3\n");
  const Descriptor todo = todo_descriptor(script);
  const PluginOutcome outcome = run({&todo}, options_for(repo, {"a.txt"}));
  const model::Finding crash = only(outcome);
  CHECK(crash.rule_id == "todo/crashed");
  CHECK(crash.tool == "todo");
  CHECK(crash.severity == model::Severity::error);
  CHECK(crash.location.path.empty());  // a batch call is not about one file
  CHECK_THAT(crash.message, Catch::StartsWith("todo failed: exited with code 3 (success: 0; findings: 1)"));
  CHECK_THAT(crash.message, Catch::Contains("stderr line 1"));
  CHECK_THAT(crash.message, Catch::Contains("stderr line 5"));
  CHECK_THAT(crash.message, !Catch::Contains("stderr line 6"));
  REQUIRE(outcome.rules.size() == 1);
  CHECK(outcome.rules[0].id == "todo/crashed");
}

TEST_CASE("unparsable output is a crashed finding, with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "x\n");
  const std::string script =
      repo.script("bin/garbage.sh", "echo 'Traceback: oops'\necho 'fatal: broken' >&2\n");
  const Descriptor json = must_parse("id: jsonish\nfile-patterns: ['*.txt']\ncommand: ['" + script +
                                     "', '{files}']\noutput: {parser: json, mapping: {root: /results}}\n");
  const model::Finding crash = only(run({&json}, options_for(repo, {"a.txt"})));
  CHECK(crash.rule_id == "jsonish/crashed");
  CHECK_THAT(crash.message, Catch::StartsWith("jsonish failed: its output could not be read (exit code 0)"));
  CHECK_THAT(crash.message, Catch::Contains("fatal: broken"));

  // A findings exit code with nothing readable in the report is not "no findings" either.
  const std::string silent = repo.script("bin/silent.sh", "exit 1\n");
  const Descriptor quiet = todo_descriptor(silent);
  const model::Finding silent_crash = only(run({&quiet}, options_for(repo, {"a.txt"})));
  CHECK(silent_crash.rule_id == "todo/crashed");
  CHECK_THAT(silent_crash.message, Catch::Contains("exit code 1 means findings, but its report is empty"));
  CHECK_THAT(silent_crash.message, Catch::Contains("(no output on stderr)"));

  const std::string chatty = repo.script("bin/chatty.sh", "echo 'Checked 1 file, problems found'\nexit 1\n");
  const Descriptor unreadable = todo_descriptor(chatty);
  CHECK_THAT(only(run({&unreadable}, options_for(repo, {"a.txt"}))).message,
             Catch::Contains("exit code 1 means findings, but none could be read from its report"));
}

TEST_CASE("a call that times out is a crashed finding, with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "x\n");
  const Descriptor slow = todo_descriptor(repo.script("bin/slow.sh", "echo started >&2\nsleep 30\n"));
  const model::Config config = plugin_config("lint:\n  linters:\n    todo:\n      timeout: 1\n");
  LintOptions options = options_for(repo, {"a.txt"});
  options.config = &config;
  const model::Finding crash = only(run({&slow}, options));
  CHECK(crash.rule_id == "todo/crashed");
  CHECK_THAT(crash.message, Catch::StartsWith("todo failed: timed out after 1 s"));
  CHECK_THAT(crash.message, Catch::Contains("started"));
}

TEST_CASE("a missing program is a note with its install hint, or an error when required",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "TODO\n");
  Descriptor missing = todo_descriptor("slipway-no-such-linter-program");
  const PluginOutcome skipped = run({&missing}, options_for(repo, {"a.txt"}));
  CHECK(skipped.lint.findings.empty());
  CHECK(skipped.lint.checked.empty());
  REQUIRE(skipped.lint.notes.size() == 1);
  CHECK(skipped.lint.notes[0] ==
        "todo is not installed (slipway-no-such-linter-program not found); install it with: apt-get install "
        "todo-finder");

  // Required by the descriptor...
  missing.required = true;
  const model::Finding required = only(run({&missing}, options_for(repo, {"a.txt"})));
  CHECK(required.rule_id == "todo/missing");
  CHECK(required.severity == model::Severity::error);
  CHECK_THAT(required.message,
             Catch::Contains("it is required; install it with: apt-get install todo-finder"));

  // ...or by the configuration, which also wins over the descriptor.
  missing.required = false;
  const model::Config config = plugin_config("lint:\n  linters:\n    todo:\n      required: true\n");
  LintOptions options = options_for(repo, {"a.txt"});
  options.config = &config;
  const PluginOutcome configured = run({&missing}, options);
  CHECK(count_rule(configured.lint.findings, "todo/missing") == 1);
  REQUIRE(configured.rules.size() == 1);
  CHECK(configured.rules[0].id == "todo/missing");
}

TEST_CASE("project mode runs once and keeps only findings on selected files, with a script linter",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "x\n");
  repo.write("b.txt", "x\n");
  repo.write("docs/c.txt", "x\n");
  const std::string script = repo.script("bin/project.sh",
                                         "echo \"$#:$1\" >> calls.log\n"
                                         "echo './a.txt:1: warning: in a [p1]'\n"
                                         "echo 'b.txt:2: error: in b [p2]'\n"
                                         "echo 'docs/c.txt:3: warning: in c [p3]'\n"
                                         "echo 'docs/../a.txt:4: warning: again a [p4]'\n"
                                         "exit 1\n");
  const Descriptor project = must_parse("id: whole\nfile-patterns: ['*.txt']\nmode: project\ncommand: ['" +
                                        script + "', '{root}']\n" + k_regex_output);
  const PluginOutcome outcome = run({&project}, options_for(repo, {"a.txt", "docs/c.txt"}));
  CHECK(summaries(outcome.lint.findings) ==
        std::vector<std::string>{"a.txt:1 whole/p1", "a.txt:4 whole/p4", "docs/c.txt:3 whole/p3"});
  CHECK(repo.read("calls.log") == "1:" + repo.root() + "\n");
  CHECK(outcome.lint.checked.size() == 2);

  // Nothing selected for it: it does not run at all.
  const PluginOutcome idle = run({&project}, options_for(repo, {"README.md"}));
  CHECK(idle.lint.findings.empty());
  CHECK(repo.read("calls.log") == "1:" + repo.root() + "\n");
}

TEST_CASE("per-file mode calls once per file, with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  for (const char* name : {"a.txt", "b.txt", "c.txt"}) repo.write(name, "TODO\n");
  // No path in the output: in per-file mode a finding belongs to the call's file.
  const std::string script = repo.script("bin/one.sh",
                                         "echo \"$# $1\" >> calls.log\n"
                                         "echo \"1: warning: only the line [one]\"\nexit 1\n");
  const Descriptor per_file =
      must_parse("id: one\nfile-patterns: ['*.txt']\nmode: per-file\ncommand: ['" + script +
                 "', '{file}']\noutput:\n  parser: regex\n"
                 "  pattern: '^(\\d+): (warning): (.*) \\[(.+)\\]$'\n"
                 "  groups: {line: 1, severity: 2, message: 3, rule: 4}\n");
  const PluginOutcome outcome = run({&per_file}, options_for(repo, {"a.txt", "b.txt", "c.txt"}, 3));
  CHECK(summaries(outcome.lint.findings) ==
        std::vector<std::string>{"a.txt:1 one/one", "b.txt:1 one/one", "c.txt:1 one/one"});
  std::vector<std::string> calls = util::split_lines(repo.read("calls.log"));
  std::sort(calls.begin(), calls.end());
  CHECK(calls == std::vector<std::string>{"1 a.txt", "1 b.txt", "1 c.txt"});
}

TEST_CASE("batches of several linters share one pool, with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  std::vector<std::string> files;
  for (int i = 0; i < 7; ++i) {
    files.push_back("f" + std::to_string(i) + ".txt");
    repo.write(files.back(), i % 2 == 0 ? "TODO\n" : "ok\n");
  }
  const std::string script =
      repo.script("bin/todo.sh", std::string("echo \"$#\" >> batches.log\n") + k_todo_script);
  const Descriptor todo = todo_descriptor(script, "batch-size: 3\n");
  Descriptor other = todo;
  other.id = "todo2";
  const PluginOutcome outcome = run({&todo, &other}, options_for(repo, files, 2));
  CHECK(count_rule(outcome.lint.findings, "todo/todo") == 4);
  CHECK(count_rule(outcome.lint.findings, "todo2/todo") == 4);
  std::vector<std::string> batches = util::split_lines(repo.read("batches.log"));
  std::sort(batches.begin(), batches.end());
  CHECK(batches == std::vector<std::string>{"1", "1", "3", "3", "3", "3"});
  CHECK(outcome.lint.checked.size() == 14);

  // Fewer files than batch-size still give every worker a share: 7 files over 4 workers.
  const Descriptor big_batches = todo_descriptor(script);
  std::filesystem::remove(repo.path("batches.log"));
  const PluginOutcome shared = run({&big_batches}, options_for(repo, files, 4));
  CHECK(count_rule(shared.lint.findings, "todo/todo") == 4);
  batches = util::split_lines(repo.read("batches.log"));
  std::sort(batches.begin(), batches.end());
  CHECK(batches == std::vector<std::string>{"1", "2", "2", "2"});
}

TEST_CASE("fix runs the fixer first and reports the files it changed, with a script linter",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "TODO: one\n");
  repo.write("b.txt", "clean\n");
  const std::string fixer =
      repo.script("bin/fix.sh",
                  "for f in \"$@\"; do\n"
                  "  if grep -q TODO \"$f\"; then sed 's/TODO/DONE/' \"$f\" > \"$f.tmp\" && "
                  "mv \"$f.tmp\" \"$f\"; fi\n"
                  "done\n");
  const Descriptor todo =
      todo_descriptor(repo.script("bin/todo.sh", k_todo_script), "fix: ['" + fixer + "', '{files}']\n");
  LintOptions options = options_for(repo, {"a.txt", "b.txt"});

  const PluginOutcome check_only = run({&todo}, options);
  CHECK(check_only.lint.findings.size() == 1);
  CHECK(check_only.lint.fixed_files.empty());
  CHECK(repo.read("a.txt") == "TODO: one\n");

  options.fix = true;
  const PluginOutcome fixed = run({&todo}, options);
  CHECK(fixed.lint.fixed_files == std::vector<std::string>{"a.txt"});
  CHECK(fixed.lint.findings.empty());  // checked after fixing
  CHECK(repo.read("a.txt") == "DONE: one\n");
}

TEST_CASE("parallel: false runs a linter's calls one at a time, with a script linter", "[plugins][runner]") {
  ScratchRepo repo;
  std::vector<std::string> files;
  for (int i = 0; i < 6; ++i) {
    files.push_back("f" + std::to_string(i) + ".txt");
    repo.write(files.back(), "x\n");
  }
  // Each call writes a start and an end marker around a short pause; overlapping calls would interleave them.
  const std::string script = repo.script("bin/serial.sh",
                                         "echo \"start $1\" >> markers.log\nsleep 0.05\n"
                                         "echo \"end $1\" >> markers.log\n");
  const Descriptor serial = must_parse(
      "id: serial\nfile-patterns: ['*.txt']\nmode: per-file\nparallel: false\n"
      "command: ['" +
      script + "', '{file}']\n" + k_regex_output);
  const PluginOutcome outcome = run({&serial}, options_for(repo, files, 4));
  CHECK(outcome.lint.findings.empty());
  const std::vector<std::string> markers = util::split_lines(repo.read("markers.log"));
  REQUIRE(markers.size() == 12);
  for (std::size_t i = 0; i < markers.size(); i += 2) {
    INFO(repo.read("markers.log"));
    REQUIRE(util::starts_with(markers[i], "start "));
    CHECK(markers[i + 1] == "end " + markers[i].substr(6));
  }
}

TEST_CASE("configured args, config file, exclude and fail-on reach the linter, with a script linter",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("a.txt", "x\n");
  repo.write("vendor/v.txt", "x\n");
  repo.write("lint/todo.cfg", "cfg\n");
  const std::string script = repo.script("bin/args.sh", "echo \"$*\" >> args.log\n");
  const Descriptor d = must_parse(
      "id: todo\nfile-patterns: ['*.txt']\nconfig-files: [.todorc]\n"
      "command: ['" +
      script + "', -q, --config, '{config}', '{files}']\n" + k_regex_output);
  const model::Config config = plugin_config(
      "lint:\n  linters:\n    todo:\n      args: [--strict, --level=2]\n      config: lint/todo.cfg\n"
      "      exclude: [vendor/]\n      fail-on: warning\n");
  LintOptions options = options_for(repo, {"a.txt", "vendor/v.txt"});
  options.config = &config;
  const PluginOutcome outcome = run({&d}, options);
  CHECK(repo.read("args.log") == "-q --config lint/todo.cfg --strict --level=2 a.txt\n");
  REQUIRE(outcome.fail_on.count("todo") == 1);
  CHECK(outcome.fail_on.at("todo").threshold == model::Severity::warning);

  // Without a configured file the descriptor's config-files are looked for; none present: {config} is
  // dropped.
  ScratchRepo plain;
  plain.write("a.txt", "x\n");
  const std::string plain_script = plain.script("bin/args.sh", "echo \"$*\" >> args.log\n");
  Descriptor unconfigured = d;
  unconfigured.command[0] = plain_script;
  run({&unconfigured}, options_for(plain, {"a.txt"}));
  CHECK(plain.read("args.log") == "-q a.txt\n");
  plain.write(".todorc", "rc\n");
  run({&unconfigured}, options_for(plain, {"a.txt"}));
  CHECK(util::split_lines(plain.read("args.log")).back() == "-q --config .todorc a.txt");

  // A configured config file that does not exist stops the run.
  const model::Config bad = plugin_config("lint:\n  linters:\n    todo:\n      config: nowhere.cfg\n");
  options.config = &bad;
  Result<PluginOutcome> refused = run_linters({&d}, options);
  REQUIRE_FALSE(refused.ok());
  CHECK_THAT(refused.error().message, Catch::Contains("nowhere.cfg"));
}

TEST_CASE("a report written to {sarif_out} is read from the file, with a script linter",
          "[plugins][runner]") {
  ScratchRepo repo;
  repo.write("src/a.txt", "x\n");
  const std::string script = repo.script(
      "bin/sarif.sh",
      "cat > \"$1\" <<EOF\n"
      "{\"runs\": [{\"results\": [{\"ruleId\": \"R1\", \"level\": \"error\", \"message\": {\"text\": "
      "\"bad\"},\n"
      "  \"locations\": [{\"physicalLocation\": {\"artifactLocation\": {\"uri\": \"file://$PWD/$2\"},\n"
      "  \"region\": {\"startLine\": 1}}}]}]}]}\n"
      "EOF\nexit 1\n");
  const Descriptor d = must_parse(
      "id: sarifer\nfile-patterns: ['*.txt']\nmode: per-file\n"
      "command: ['" +
      script +
      "', '{sarif_out}', '{file}']\n"
      "output: {from: file, path: '{sarif_out}', parser: sarif}\n");
  const model::Finding finding = only(run({&d}, options_for(repo, {"src/a.txt"})));
  CHECK(finding.rule_id == "sarifer/R1");
  CHECK(finding.location.path == "src/a.txt");
  CHECK(finding.severity == model::Severity::error);

  // A report file that was never written is a crash.
  const std::string lazy = repo.script("bin/lazy.sh", "exit 0\n");
  Descriptor no_report = d;
  no_report.command[0] = lazy;
  CHECK_THAT(only(run({&no_report}, options_for(repo, {"src/a.txt"}))).message,
             Catch::Contains("it wrote no report file"));
  CHECK(only(run({&no_report}, options_for(repo, {"src/a.txt"}))).location.path == "src/a.txt");
}

TEST_CASE("shellcheck, for real, through the shipped descriptor", "[plugins][runner][shellcheck]") {
  if (!util::program_exists("shellcheck")) {
    WARN("shellcheck is not installed: skipping (apt-get install shellcheck)");
    return;
  }
  ScratchRepo repo;
  repo.write("scripts/deploy.sh", "#!/bin/sh\nname=\"a b\"\necho $name\n");
  repo.write("clean.sh", "#!/bin/sh\necho \"ok\"\n");
  Result<std::vector<Descriptor>> descriptors = load_descriptors(repo.root());
  REQUIRE(descriptors.ok());
  const auto shellcheck = std::find_if(descriptors->begin(), descriptors->end(),
                                       [](const Descriptor& d) { return d.id == "shellcheck"; });
  REQUIRE(shellcheck != descriptors->end());

  const PluginOutcome outcome = run({&*shellcheck}, options_for(repo, {"scripts/deploy.sh", "clean.sh"}));
  const model::Finding finding = only(outcome);
  CHECK(finding.tool == "shellcheck");
  CHECK(finding.rule_id == "shellcheck/SC2086");
  CHECK(finding.location.path == "scripts/deploy.sh");
  CHECK(finding.location.start_line == 3);
  CHECK(finding.location.start_column == 6);
  CHECK(finding.severity == model::Severity::note);  // shellcheck "info", mapped in plugins/shellcheck.yml
  CHECK_THAT(finding.message, Catch::Contains("Double quote"));
  REQUIRE(outcome.rules.size() == 1);
  CHECK(outcome.rules[0].help_uri == "https://www.shellcheck.net/wiki/SC2086");
  CHECK(outcome.lint.checked.size() == 2);

  // A file shellcheck cannot open makes it exit 2: a crash, not silence.
  const PluginOutcome broken = run({&*shellcheck}, options_for(repo, {"gone.sh"}));
  CHECK(count_rule(broken.lint.findings, "shellcheck/crashed") == 1);
}
