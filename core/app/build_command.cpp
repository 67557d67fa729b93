// `slipway build`: plan the steps (build.steps or detected), run them with
// timeouts, retries and rotated logs, then collect the artifacts with
// checksums, signatures and provenance. Failed steps become findings of the
// build stage, so every report format and the exit code work as for the
// other stages. Also `slipway verify` and `slipway keygen`.
#include <chrono>
#include <filesystem>
#include <fstream>
#include <optional>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"
#include "app/file_selection.hpp"
#include "app/stage_runner.hpp"
#include "report/reporters.hpp"
#include "stages/build/artifacts/build_artifacts.hpp"
#include "stages/build/results/build_results.hpp"
#include "stages/build/steps/build_steps.hpp"
#include "stages/build/version/next_version.hpp"
#include "util/files.hpp"

namespace slipway::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_tool = "slipway-build";

std::string config_file_of(const AppContext& context) {
  if (!context.config.file_path().empty()) return context.config.file_path();
  return (fs::path(context.root) / ".slipway.yml").string();
}

model::Finding step_finding(const std::string& root, const build::Step& step,
                            const build::StepResult& result) {
  model::Finding finding;
  finding.tool = k_tool;
  const bool timed_out = result.status == build::StepStatus::timed_out;
  finding.rule_id = timed_out ? "build/step-timed-out" : "build/step-failed";
  finding.severity = result.failure_allowed ? model::Severity::warning : model::Severity::error;
  finding.message =
      "step \"" + step.name + "\" " + (timed_out ? "timed out" : "failed") +
      (result.exit_code >= 0 && !timed_out ? " with exit code " + std::to_string(result.exit_code) : "") +
      " after " + std::to_string(result.attempts) + " attempt(s)" +
      (result.log_path.empty() ? "" : "; log: " + result.log_path) +
      (result.note.empty() ? "" : "; " + result.note) +
      (result.failure_allowed ? " (continue-on-error)" : "");
  if (!step.file.empty()) {
    auto relative = util::relative_inside(root, step.file);
    finding.location.path = relative ? *relative : fs::path(step.file).filename().string();
    finding.location.start_line = step.line;
    finding.location.start_column = step.column;
  }
  return finding;
}

std::vector<model::RuleInfo> build_rules() {
  auto rule = [](std::string id, std::string text, std::string help) {
    model::RuleInfo info;
    info.id = std::move(id);
    info.tool = k_tool;
    info.short_description = text;
    info.full_description = std::move(text);
    info.help = std::move(help);
    info.default_severity = model::Severity::error;
    return info;
  };
  return {
      rule("build/step-failed", "A build step failed", "Read the step's log (its path is in the message)."),
      rule("build/step-timed-out", "A build step ran past its timeout and was stopped with its children",
           "Make the step faster or raise its `timeout`.")};
}

// Appends Markdown to the GitHub job summary when running on GitHub.
void append_step_summary(const AppContext& context, const std::string& markdown) {
  const std::string path = util::env_get(context.env, "GITHUB_STEP_SUMMARY");
  if (context.ci.platform != model::CiPlatform::github || path.empty()) return;
  std::ofstream(path, std::ios::app) << markdown << "\n";
}

model::Finding build_finding(std::string rule, std::string message, std::string path = {}) {
  model::Finding finding;
  finding.tool = k_tool;
  finding.rule_id = std::move(rule);
  finding.severity = model::Severity::error;
  finding.message = std::move(message);
  finding.location.path = std::move(path);
  return finding;
}

// build.junit: merged into <output-dir>/tests.junit.xml, failing tests as
// findings; build.coverage: printed, gated by build.coverage.min.
Result<void> collect_results(const AppContext& context, StageOutcome& stage) {
  namespace results = build::results;
  auto settings = results::results_settings(&context.config);
  if (!settings) return settings.error();
  std::ostream& out = *context.out;
  if (!settings->junit.empty()) {
    const fs::path output_dir = fs::path(context.root) / context.config.get_string("output-dir");
    const std::string merged = (output_dir / "tests.junit.xml").lexically_normal().string();
    auto summary = results::merge_junit(context.root, settings->junit, merged);
    if (!summary) return summary.error();
    out << "tests: " << summary->passed << " passed, " << summary->failed << " failed, " << summary->errors
        << " errors, " << summary->skipped << " skipped (from " << summary->files.size()
        << " JUnit file(s)) -> " << merged << "\n";
    for (const auto& test : summary->failing) {
      stage.findings.push_back(build_finding("build/test-failed",
                                             "test " + test.name +
                                                 (test.error ? " could not run" : " failed") +
                                                 (test.message.empty() ? "" : ": " + test.message),
                                             test.file));
    }
    append_step_summary(context, results::junit_summary_markdown(*summary));
  }
  if (!settings->coverage_file.empty()) {
    auto coverage = results::read_coverage((fs::path(context.root) / settings->coverage_file).string());
    if (!coverage) return coverage.error();
    out << results::coverage_line(*coverage) << "\n";
    append_step_summary(context, results::coverage_summary_markdown(*coverage, settings->coverage_min));
    if (settings->coverage_min && !results::gate(*coverage, *settings->coverage_min)) {
      const auto& min = *settings->coverage_min;
      stage.findings.push_back(
          build_finding("build/coverage-below-minimum",
                        results::coverage_line(*coverage) + " is below build.coverage.min " +
                            std::to_string(min.tenths / 10) + "." + std::to_string(min.tenths % 10) + "%",
                        settings->coverage_file));
    }
  }
  return {};
}

// Signs and records provenance when a key is configured.
Result<std::optional<build::ArtifactSet>> collect(const AppContext& context, const build::Plan& plan,
                                                  const build::BuildRun& run) {
  auto settings = build::artifact_settings(&context.config, context.env);
  if (!settings) return settings.error();
  if (settings->globs.empty()) return std::optional<build::ArtifactSet>{};
  build::ArtifactOptions options;
  options.archive = settings->archive;
  options.archive_name = settings->archive_name;
  options.archive_mtime = settings->archive_mtime;
  std::optional<build::SigningKey> key;
  build::ProvenanceInput provenance;
  if (settings->signing.enabled()) {
    auto loaded = build::load_signing_key(settings->signing, context.env, context.root);
    if (!loaded) return loaded.error();
    key.emplace(std::move(*loaded));
    options.signing_key = &*key;
    provenance.ci = context.ci;
    provenance.repository_url = build::ci_repository_url(context.ci, context.env);
    if (context.repo) {
      if (auto head = context.repo->head_commit(); head) provenance.commit = *head;
    }
    provenance.invocation_id = build::ci_invocation_id(context.ci, context.env);
    provenance.builder_version = SLIPWAY_VERSION;
    for (const auto& step : plan.steps) provenance.steps.push_back({step.name, step.run, step.command});
    provenance.started_on = run.started;
    provenance.finished_on = run.finished;
    options.provenance = &provenance;
  }
  auto collected = build::collect_artifacts(context.root, settings->globs, options);
  if (!collected) return collected.error();
  return std::optional<build::ArtifactSet>{std::move(*collected)};
}

}  // namespace

model::ConfigSchema build_config_schema() {
  model::ConfigSchema schema;
  model::ConfigKey steps;
  steps.path = std::string(build::k_steps_key);
  steps.type = model::ValueType::string;
  steps.default_value = std::string();
  steps.description = "The build steps, a list of mappings (docs/build-steps.md); none = detected";
  steps.env = false;
  steps.opaque = true;
  schema.push_back(steps);
  for (auto* part : {&build::steps_config_schema, &build::artifacts_config_schema,
                     &build::results::results_config_schema, &build::version::version_config_schema}) {
    for (auto& key : (*part)()) schema.push_back(std::move(key));
  }
  return schema;
}

int run_build(const AppContext& context, const BuildRequest& request) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  if (auto valid = validate_run_settings(context); !valid) {
    err << "slipway: " << valid.error().to_string() << "\n";
    return k_exit_usage;
  }
  const auto started = std::chrono::steady_clock::now();
  auto plan = build::plan_build(context.root, config_file_of(context));
  if (!plan) {
    err << "slipway: " << plan.error().to_string() << "\n";
    return k_exit_usage;
  }
  if (!request.cache_key.empty()) {
    auto spec = build::results::cache_key_spec(&context.config, request.cache_key, context.root);
    if (!spec) {
      err << "slipway: " << spec.error().to_string() << "\n";
      return k_exit_usage;
    }
    auto key = build::results::cache_key(request.cache_key, *spec);
    if (!key) {
      err << "slipway: " << key.error().to_string() << "\n";
      return k_exit_usage;
    }
    out << *key << "\n";
    return k_exit_passed;
  }
  if (request.plan_only) {
    out << build::render_plan(*plan);
    return k_exit_passed;
  }
  auto selection = select_files(context);
  if (!selection) {
    err << "slipway: " << selection.error().to_string() << "\n";
    return k_exit_usage;
  }

  build::RunContext run_context;
  run_context.root = context.root;
  run_context.ci = context.ci;
  if (selection->changed_only) run_context.changed_paths = selection->files;
  run_context.out = &out;
  build::apply_steps_config(&context.config, run_context);
  const model::CiPlatform platform = context.ci.platform;
  auto section = std::make_shared<std::optional<report::LogSection>>();
  run_context.group = [platform, section, &out](build::GroupEdge edge, const std::string& name,
                                                const std::string& title) {
    if (edge == build::GroupEdge::open)
      section->emplace(platform, name, title, out);
    else
      section->reset();
  };
  out << "slipway build: " << plan->origin << "\n";
  auto run = build::run_steps(plan->steps, run_context);
  if (!run) {
    err << "slipway: " << run.error().to_string() << "\n";
    return k_exit_usage;
  }
  out << build::render_summary(*run);

  StageOutcome stage;
  stage.stage = "build";
  stage.rules = build_rules();
  for (std::size_t i = 0; i < run->steps.size() && i < plan->steps.size(); ++i) {
    const auto& result = run->steps[i];
    if (result.status == build::StepStatus::failed || result.status == build::StepStatus::timed_out) {
      stage.findings.push_back(step_finding(context.root, plan->steps[i], result));
    }
  }
  for (const auto& note : plan->notes) stage.notes.push_back(note);
  stage.stage_failed = !run->passed;
  if (auto results = collect_results(context, stage); !results) {
    err << "slipway: " << results.error().to_string() << "\n";
    return k_exit_usage;
  }

  if (run->passed) {
    auto artifacts = collect(context, *plan, *run);
    if (!artifacts) {
      err << "slipway: " << artifacts.error().to_string() << "\n";
      return k_exit_usage;
    }
    if (*artifacts) {
      for (const auto& artifact : (*artifacts)->artifacts) {
        out << "artifact: " << artifact.name << "  sha256 " << artifact.sha256 << "\n";
      }
      out << "artifacts: " << (*artifacts)->directory << " (SHA256SUMS"
          << ((*artifacts)->provenance_path.empty() ? "" : ", signatures, provenance") << ")\n";
    }
  }
  stage.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return finish_stage(context, *selection, std::move(stage), StageOptions{});
}

int run_version(const AppContext& context, const VersionRequest& request) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  auto options = build::version::version_options(&context.config);
  if (!options) {
    err << "slipway: " << options.error().to_string() << "\n";
    return k_exit_usage;
  }
  auto next = build::version::next_version(context.root, *options);
  if (!next) {
    err << "slipway: " << next.error().to_string() << "\n";
    return k_exit_usage;
  }
  if (!next->warning.empty()) err << "slipway: warning: " << next->warning << "\n";
  if (request.changelog) {
    out << build::version::changelog_markdown(*next);
    return k_exit_passed;
  }
  if (!next->known) return k_exit_findings;
  out << next->version << "\n";
  // Exported to later steps: $GITHUB_OUTPUT on GitHub, a dotenv file
  // (<output-dir>/version.env, for GitLab's artifacts:reports:dotenv) everywhere.
  const auto exports = build::version::version_exports(*next);
  std::string dotenv;
  for (const auto& [name, value] : exports) dotenv += name + "=" + value + "\n";
  const fs::path output_dir = fs::path(context.root) / context.config.get_string("output-dir");
  if (auto written = util::write_file_atomic(output_dir / "version.env", dotenv); !written) {
    err << "slipway: " << written.error().to_string() << "\n";
    return k_exit_usage;
  }
  const std::string github_output = util::env_get(context.env, "GITHUB_OUTPUT");
  if (context.ci.platform == model::CiPlatform::github && !github_output.empty()) {
    std::ofstream(github_output, std::ios::app) << "version=" << next->version << "\n" << dotenv;
  }
  return k_exit_passed;
}

int run_verify(const VerifyRequest& request, std::ostream& out, std::ostream& err) {
  build::VerifyOptions options;
  options.provenance_path = request.provenance;
  options.expected_commit = request.source_commit;
  options.signature_path = request.signature;
  auto verified = build::verify_artifact(request.artifact, request.key, options);
  if (!verified) {
    err << "slipway verify: FAILED: " << verified.error().to_string() << "\n";
    return k_exit_findings;
  }
  for (const auto& check : verified->checks) out << "ok: " << check << "\n";
  out << "slipway verify: " << request.artifact << " verified (sha256 " << verified->sha256 << ")\n";
  return k_exit_passed;
}

int run_keygen(const KeygenRequest& request, std::ostream& out, std::ostream& err) {
  auto written = build::write_keypair(request.private_key, request.public_key, request.force);
  if (!written) {
    err << "slipway keygen: " << written.error().to_string() << "\n";
    return k_exit_usage;
  }
  out << "wrote the private key to " << request.private_key
      << " (mode 0600; keep it secret) and the public key to " << request.public_key << "\n";
  return k_exit_passed;
}

}  // namespace slipway::app
