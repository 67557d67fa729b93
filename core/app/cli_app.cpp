// Maps the command line onto the commands. Flags that mirror configuration
// keys are collected into CommandLine::overrides and applied as the top layer
// of the configuration, so `--fail-on` and `fail-on:` are validated by the
// same schema row and `config --explain` can say which one won.
#include "app/cli_app.hpp"

#include <CLI/CLI.hpp>
#include <exception>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"

namespace slipway::app {

namespace {

constexpr const char* k_exit_codes_help =
    "Exit codes: 0 passed; 1 findings at or above --fail-on, or a stage failed;\n"
    "            2 usage or configuration error (nothing ran); 3 internal error.";

// Options shared by the stage commands, bound to configuration keys.
struct StageFlags {
  std::string format, output_dir, fail_on, base, color;
  int jobs = -1;
  bool changed_only = false, all = false, new_only = false, quiet = false, verbose = false;
};

void add_stage_flags(CLI::App& command, StageFlags& flags) {
  command.add_option("--format", flags.format,
                     "Comma-separated report formats: console,json,sarif,codequality,junit,checkstyle,github,"
                     "gitlab,markdown,gitlab-security (default: per CI platform)");
  command.add_option("--output-dir", flags.output_dir, "Folder for report files (default .slipway/reports)");
  command.add_option("--fail-on", flags.fail_on,
                     "Lowest severity that fails the run: error|warning|note|never");
  auto* changed =
      command.add_flag("--changed-only", flags.changed_only, "Check only files changed since the base");
  auto* all = command.add_flag("--all", flags.all, "Check every file");
  changed->excludes(all);
  command.add_option("--base", flags.base, "Revision to diff against (default: from CI or the upstream)");
  command.add_flag("--new-only", flags.new_only, "Report only findings on lines added since the base");
  command.add_option("-j,--jobs", flags.jobs, "Parallel workers (default: number of cores)");
  command.add_flag("-q,--quiet", flags.quiet, "Print only the summary line");
  command.add_flag("-v,--verbose", flags.verbose, "Print what is selected and why");
  command.add_option("--color", flags.color, "auto|always|never");
}

void collect_overrides(const StageFlags& flags, CommandLine& command_line) {
  auto set = [&](const std::string& key, const std::string& value, const std::string& flag) {
    command_line.overrides[key] = value;
    command_line.flag_names[key] = flag;
  };
  if (!flags.format.empty()) set("format", flags.format, "--format");
  if (!flags.output_dir.empty()) set("output-dir", flags.output_dir, "--output-dir");
  if (!flags.fail_on.empty()) set("fail-on", flags.fail_on, "--fail-on");
  if (flags.changed_only) set("changed-only", "true", "--changed-only");
  if (flags.all) set("changed-only", "false", "--all");
  if (!flags.base.empty()) set("base", flags.base, "--base");
  if (flags.new_only) set("new-only", "true", "--new-only");
  if (flags.jobs >= 0) set("jobs", std::to_string(flags.jobs), "--jobs");
  if (flags.quiet) set("quiet", "true", "--quiet");
  if (flags.verbose) set("verbose", "true", "--verbose");
  if (!flags.color.empty()) set("color", flags.color, "--color");
}

int with_context(const CommandLine& command_line, const util::EnvMap& env, bool require_repo,
                 std::ostream& out, std::ostream& err, const std::function<int(const AppContext&)>& body) {
  auto context = load_context(command_line, env, require_repo, out, err);
  if (!context) {
    err << "slipway: " << context.error().to_string() << "\n";
    return k_exit_usage;
  }
  return body(*context);
}

}  // namespace

int run_cli(int argc, const char* const* argv, const util::EnvMap& env, std::ostream& out,
            std::ostream& err) {
  CLI::App app{
      "slipway: lint, build, scan and deploy from one native core, on GitHub, GitLab, Jenkins or locally",
      "slipway"};
  app.footer(k_exit_codes_help);
  app.require_subcommand(1);
  app.set_version_flag("--version", std::string("slipway ") + SLIPWAY_VERSION);

  CommandLine command_line;
  app.add_option("-C,--directory", command_line.directory, "Run as if started in this folder")->expected(1);
  app.add_option("--config", command_line.config_file,
                 "Configuration file (default: .slipway.yml at the repository root)");
  for (auto* option : app.get_options()) option->configurable(false);
  app.fallthrough();

  StageFlags lint_flags;
  LintRequest lint_request;
  auto* lint = app.add_subcommand("lint", "Run the lint checks on the selected files");
  add_stage_flags(*lint, lint_flags);
  lint->add_flag("--fix", lint_request.fix, "Rewrite files to fix what can be fixed, then report the rest");
  lint->add_flag("--write-baseline", lint_request.write_baseline,
                 "Record the current findings in the baseline file instead of failing on them");
  bool list_linters = false;
  lint->add_flag("--list", list_linters,
                 "List every known linter: enabled or not and why, installed or not, version, config file");
  lint->footer(k_exit_codes_help);

  StageFlags run_flags;
  LintRequest run_request;
  auto* run = app.add_subcommand("run", "Run the configured stages (`stages:`) in order");
  add_stage_flags(*run, run_flags);
  run->add_flag("--fix", run_request.fix, "Let the lint stage fix what it can");
  run->add_flag("--keep-going", run_request.keep_going,
                "Run the later stages even after a stage failed (the exit code still says it failed)");
  run->footer(k_exit_codes_help);

  bool explain = false;
  auto* config = app.add_subcommand("config", "Show or check the effective configuration");
  config->add_flag("--explain", explain, "Print every effective value and where it came from");
  config->footer("Without --explain: validates the configuration and exits 0 (valid) or 2.");

  bool json = false;
  auto* ci_info = app.add_subcommand("ci-info", "Show the detected CI platform, commit, branch and base");
  ci_info->add_flag("--json", json, "Print as JSON");

  StageFlags scan_flags;
  ScanRequest scan_request;
  auto* scan = app.add_subcommand("scan", "Scan for secrets, vulnerable dependencies and misconfiguration");
  add_stage_flags(*scan, scan_flags);
  scan->add_flag("--secrets", scan_request.secrets, "Scan for leaked credentials");
  scan->add_flag("--deps", scan_request.deps, "Match lockfiles against the offline OSV advisory database");
  // `--config` here is the name for the misconfiguration area; the
  // configuration file is then given before the subcommand (`slipway --config F scan`).
  scan->add_flag("--config,--misconfig", scan_request.misconfig,
                 "Check Dockerfiles, Kubernetes manifests and CI files (GitHub, GitLab, Jenkins)");
  scan->add_flag(
      "--history", scan_request.history,
      "Secrets: also scan every blob reachable from any ref (in a pull/merge request: commits since the "
      "base)");
  scan->add_flag("--update-db", scan_request.update_db,
                 "Download the OSV database of each ecosystem in the repository (alone: update only)");
  scan->add_flag("--write-baseline", scan_request.write_baseline,
                 "Record the current findings in the baseline file instead of failing on them");
  scan->footer(
      std::string("--fail-on for scan takes critical|high|medium|low|never (default high; scan.fail-on).\n") +
      k_exit_codes_help);

  StageFlags build_flags;
  BuildRequest build_request;
  auto* build =
      app.add_subcommand("build", "Run the build steps (build.steps or detected), then collect artifacts");
  add_stage_flags(*build, build_flags);
  build->add_flag("--plan", build_request.plan_only, "Print the steps that would run and why; run nothing");
  build->add_option(
      "--cache-key", build_request.cache_key,
      "Print the cache key NAME (OS, build.cache.NAME.tools versions, hash of build.cache.NAME.files)");
  build->footer(k_exit_codes_help);

  VerifyRequest verify_request;
  auto* verify = app.add_subcommand("verify", "Check an artifact's checksum, signature and provenance");
  verify->add_option("artifact", verify_request.artifact, "The artifact file")->required();
  verify->add_option("--key", verify_request.key, "Public key (PEM) written by `slipway keygen`")->required();
  verify->add_option("--provenance", verify_request.provenance, "provenance.intoto.jsonl to check as well");
  verify->add_option("--source-commit", verify_request.source_commit,
                     "Commit the provenance must name (needs --provenance)");
  verify->add_option("--signature", verify_request.signature, "Signature file (default <artifact>.sig)");
  verify->footer("Exit codes: 0 verified; 1 a check failed (the reason is printed); 2 usage error.");

  KeygenRequest keygen_request;
  auto* keygen = app.add_subcommand("keygen", "Write an Ed25519 key pair for signing artifacts");
  keygen->add_option("--private", keygen_request.private_key, "Private key file (written with mode 0600)");
  keygen->add_option("--public", keygen_request.public_key, "Public key file");
  keygen->add_flag("--force", keygen_request.force, "Replace existing key files");

  bool force_init = false;
  auto* init = app.add_subcommand("init", "Write a starter .slipway.yml with the linters detected here");
  init->add_flag("--force", force_init, "Replace an existing .slipway.yml (kept as .slipway.yml.bak)");

  bool next_version = false;
  VersionRequest version_request;
  auto* version = app.add_subcommand("version", "Print Slipway's version, or the project's next version");
  version->add_flag(
      "--next", next_version,
      "Print the project's next version from its vX.Y.Z tags and conventional commits, and export it");
  version->add_flag("--changelog", version_request.changelog,
                    "Print Markdown release notes of the commits since the last version tag");

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    out << app.help();
    return k_exit_passed;
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == 0) {  // --help on a subcommand, --version
      app.exit(e, out, err);
      return k_exit_passed;
    }
    app.exit(e, out, err);
    return k_exit_usage;
  }

  if (*version && (next_version || version_request.changelog)) {
    return with_context(command_line, env, true, out, err,
                        [&](const AppContext& context) { return run_version(context, version_request); });
  }
  if (*version) {
    out << "slipway " << SLIPWAY_VERSION << "\n";
    return k_exit_passed;
  }
  if (*lint) {
    collect_overrides(lint_flags, command_line);
    // select_files() takes the listing or stops it first thing; --list may
    // never list files, so it gets none.
    command_line.prefetch_worktree = !lint_flags.all && !list_linters;
    return with_context(command_line, env, true, out, err, [&](const AppContext& context) {
      return list_linters ? run_lint_list(context) : run_lint(context, lint_request);
    });
  }
  if (*scan) {
    // The scan threshold is scan.fail-on (security bands), not the lint one.
    std::string fail_on = std::move(scan_flags.fail_on);
    scan_flags.fail_on.clear();
    collect_overrides(scan_flags, command_line);
    if (!fail_on.empty()) {
      command_line.overrides["scan.fail-on"] = fail_on;
      command_line.flag_names["scan.fail-on"] = "--fail-on";
    }
    return with_context(command_line, env, true, out, err,
                        [&](const AppContext& context) { return run_scan(context, scan_request); });
  }
  if (*build) {
    collect_overrides(build_flags, command_line);
    return with_context(command_line, env, true, out, err,
                        [&](const AppContext& context) { return run_build(context, build_request); });
  }
  if (*verify) return run_verify(verify_request, out, err);
  if (*keygen) return run_keygen(keygen_request, out, err);
  if (*run) {
    collect_overrides(run_flags, command_line);
    return with_context(command_line, env, true, out, err,
                        [&](const AppContext& context) { return run_pipeline(context, run_request); });
  }
  if (*init) {
    return with_context(command_line, env, true, out, err,
                        [&](const AppContext& context) { return run_init(context, force_init); });
  }
  if (*config) {
    return with_context(command_line, env, false, out, err, [&](const AppContext& context) {
      if (explain) return run_config_explain(context);
      out << "slipway: configuration is valid\n";
      return k_exit_passed;
    });
  }
  if (*ci_info) {
    return with_context(command_line, env, false, out, err,
                        [&](const AppContext& context) { return run_ci_info(context, json); });
  }
  return k_exit_usage;
}

}  // namespace slipway::app
