// `slipway scan`: secrets (working tree and, with --history, every reachable
// blob), vulnerable dependencies (offline OSV database, --update-db fills it)
// and misconfiguration (Dockerfile, Kubernetes, GitHub Actions, GitLab CI,
// Jenkinsfile). The areas run one after another over the same selection and
// their findings go through the common stage tail; the stage fails on
// findings whose security severity reaches scan.fail-on.
#include <chrono>
#include <iterator>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"
#include "app/file_selection.hpp"
#include "app/stage_runner.hpp"
#include "report/reporters.hpp"
#include "stages/scan/deps/dependency_scan.hpp"
#include "stages/scan/misconfig/misconfig_scan.hpp"
#include "stages/scan/scan_types.hpp"
#include "stages/scan/secrets/secret_scan.hpp"

namespace slipway::app {

namespace {

constexpr const char* k_fail_on_key = "scan.fail-on";

// A finding fails the stage when its score band reaches the threshold; a
// finding without a score (e.g. a malformed lockfile) counts by its severity:
// error as high, warning as medium, note as low.
bool reaches(const model::Finding& finding, const std::string& threshold) {
  if (threshold == "never") return false;
  scan::ScanLevel level = scan::ScanLevel::low;
  if (finding.security_severity) {
    level = scan::level_of(*finding.security_severity);
  } else if (finding.severity == model::Severity::error) {
    level = scan::ScanLevel::high;
  } else if (finding.severity == model::Severity::warning) {
    level = scan::ScanLevel::medium;
  }
  const scan::ScanLevel wanted = threshold == "critical" ? scan::ScanLevel::critical
                                 : threshold == "high"   ? scan::ScanLevel::high
                                 : threshold == "medium" ? scan::ScanLevel::medium
                                                         : scan::ScanLevel::low;
  return level >= wanted;
}

void merge(StageOutcome& stage, scan::ScanOutcome&& area) {
  auto append = [](auto& to, auto& from) { std::move(from.begin(), from.end(), std::back_inserter(to)); };
  append(stage.findings, area.findings);
  append(stage.rules, area.rules);
  append(stage.checked, area.checked);
  append(stage.notes, area.notes);
}

}  // namespace

model::ConfigSchema scan_config_schema() {
  model::ConfigSchema schema;
  model::ConfigKey fail_on;
  fail_on.path = k_fail_on_key;
  fail_on.type = model::ValueType::choice;
  fail_on.default_value = std::string("high");
  fail_on.choices = {"critical", "high", "medium", "low", "never"};
  fail_on.description = "Lowest security severity band that fails `slipway scan`";
  schema.push_back(fail_on);
  for (auto* part :
       {&scan::secrets_config_schema, &scan::deps::deps_config_schema, &scan::misconfig_config_schema}) {
    for (auto& key : (*part)()) schema.push_back(std::move(key));
  }
  return schema;
}

int run_scan(const AppContext& context, const ScanRequest& request) {
  std::ostream& out = *context.out;
  std::ostream& err = *context.err;
  if (auto valid = validate_run_settings(context); !valid) {
    err << "slipway: " << valid.error().to_string() << "\n";
    return k_exit_usage;
  }
  const auto started = std::chrono::steady_clock::now();
  const bool any_area = request.secrets || request.deps || request.misconfig;
  const bool secrets = request.secrets || !any_area;
  const bool deps = request.deps || !any_area;
  const bool misconfig = request.misconfig || !any_area;

  auto selection = select_files(context);
  if (!selection) {
    err << "slipway: " << selection.error().to_string() << "\n";
    return k_exit_usage;
  }
  for (const auto& warning : selection->warnings) err << "slipway: " << warning << "\n";

  scan::ScanOptions options;
  options.root = context.root;
  options.files = selection->files;
  options.all_files = selection->all_files;
  options.jobs = effective_jobs(context.config);
  options.config = &context.config;
  options.repo = context.repo ? &*context.repo : nullptr;
  options.history = request.history;
  // In a pull/merge request, history means the commits since the base.
  if (request.history && selection->changed_only) options.history_base = selection->base_commit;

  if (request.update_db) {
    auto updated = scan::deps::update_advisory_db(options, err);
    if (!updated) {
      err << "slipway: " << updated.error().to_string() << "\n";
      return k_exit_usage;
    }
    out << "advisory database updated: " << *updated << "\n";
    if (!any_area) return k_exit_passed;  // `slipway scan --update-db` alone only updates
  }
  if (request.history && context.repo && context.repo->is_shallow()) {
    err << "slipway: warning: this clone is shallow, so --history sees only part of the history. To fix: "
           "fetch "
           "the full history (`git fetch --unshallow`; GitHub: `fetch-depth: 0`, GitLab: `GIT_DEPTH: 0`).\n";
  }

  report::LogSection section(context.ci.platform, "slipway_scan", "slipway scan", out);
  StageOutcome stage;
  stage.stage = "scan";
  using Area = Result<scan::ScanOutcome> (*)(const scan::ScanOptions&);
  const std::vector<std::pair<bool, Area>> areas = {{secrets, &scan::scan_secrets},
                                                    {deps, &scan::deps::scan_dependencies},
                                                    {misconfig, &scan::scan_misconfiguration}};
  for (const auto& [wanted, area] : areas) {
    if (!wanted) continue;
    auto outcome = area(options);
    if (!outcome) {
      err << "slipway: " << outcome.error().to_string() << "\n";
      return k_exit_usage;
    }
    merge(stage, std::move(*outcome));
  }
  for (const auto& warning : selection->warnings) stage.notes.push_back(warning);
  stage.duration =
      std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);

  StageOptions stage_options;
  stage_options.write_baseline = request.write_baseline;
  const std::string threshold = context.config.get_string(k_fail_on_key);
  stage_options.fails = [threshold](const model::Finding& finding) { return reaches(finding, threshold); };
  return finish_stage(context, *selection, std::move(stage), stage_options);
}

}  // namespace slipway::app
