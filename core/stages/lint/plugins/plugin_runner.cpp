// run_linters(): from enabled descriptors and the selected files to one
// outcome (see plugin_runner.hpp for the contract).
//
// The work is planned before anything runs: per linter its files, its
// {config}, and its calls (LinterJob), so the pool sees every call of every
// linter at once and the slowest linter does not leave workers idle while
// the others wait their turn. Results are stored per call index and merged in
// plan order afterwards, so the outcome does not depend on thread timing.
// Serialization for `parallel: false` is a mutex per linter taken by the
// worker that runs the call: simple, and a descriptor that needs it is rare.
#include "stages/lint/plugins/plugin_runner.hpp"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <mutex>
#include <set>

#include "stages/lint/plugins/command_line.hpp"
#include "stages/lint/plugins/linter_job.hpp"
#include "stages/lint/plugins/worker_pool.hpp"
#include "util/glob.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

namespace fs = std::filesystem;

// A private folder for {sarif_out} reports, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::error_code ec;
    const fs::path base = fs::temp_directory_path(ec);
    std::string pattern = ((ec ? fs::path("/tmp") : base) / "slipway-lint-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) m_path = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    if (!m_path.empty()) fs::remove_all(m_path, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  std::string m_path;
};

struct LinterPlan {
  const Descriptor* descriptor = nullptr;
  LinterSettings settings;
  std::vector<std::string> files;
  std::string config;
  bool serialize = false;
  std::mutex mutex;  // held by the running call when `serialize`
};

struct PlannedJob {
  LinterPlan* plan = nullptr;
  LinterJob job;
};

std::vector<std::string> files_for(const Descriptor& descriptor, const LinterSettings& settings,
                                   const std::vector<std::string>& selected) {
  std::vector<std::string> files;
  for (const std::string& file : selected) {
    if (!util::glob_match_any(descriptor.file_patterns, file)) continue;
    if (util::glob_match_any(descriptor.exclude, file) || util::glob_match_any(settings.exclude, file))
      continue;
    files.push_back(file);
  }
  return files;
}

std::string missing_text(const Descriptor& descriptor) {
  const std::string& program = descriptor.command.front();
  std::string text = descriptor.id + " is not installed";
  if (program != descriptor.id) text += " (" + program + " not found)";
  return text;
}

// Most files per batch: batch-size, but for a parallel linter also no more
// than an even share per worker, so 150 files with -j 2 make two calls of 75
// instead of one call that leaves a worker idle.
std::size_t files_per_batch(const Descriptor& descriptor, std::size_t files, int jobs) {
  const auto limit = static_cast<std::size_t>(descriptor.batch_size);
  if (!descriptor.parallel || jobs <= 1) return limit;
  const auto workers = static_cast<std::size_t>(jobs);
  return std::max<std::size_t>(1, std::min(limit, (files + workers - 1) / workers));
}

// Every call of one linter, for its check command or (fix) its fix command.
std::vector<PlannedJob> plan_calls(LinterPlan& plan, bool fix, const std::string& root,
                                   const std::string& temp_dir, int workers, std::size_t& counter) {
  const Descriptor& descriptor = *plan.descriptor;
  const std::vector<std::string>& command = fix ? descriptor.fix : descriptor.command;
  std::vector<std::vector<std::string>> groups;  // files of each call
  if (descriptor.mode == RunMode::per_file) {
    for (const std::string& file : plan.files) groups.push_back({file});
  } else if (descriptor.mode == RunMode::batch) {
    CommandInputs probe{
        {}, root, plan.config, temp_dir + "/" + descriptor.id + "-000000.out", plan.settings.args};
    groups = split_batches(plan.files, files_per_batch(descriptor, plan.files.size(), workers),
                           argv_bytes(expand_command(command, probe)));
  } else {
    groups.push_back({});
  }

  std::vector<PlannedJob> jobs;
  for (std::vector<std::string>& group : groups) {
    const std::string report = temp_dir + "/" + descriptor.id + "-" + std::to_string(counter++) + ".out";
    CommandInputs inputs{group, root, plan.config, report, plan.settings.args};
    LinterJob job;
    job.descriptor = &descriptor;
    job.argv = expand_command(command, inputs);
    job.files = descriptor.mode == RunMode::project ? plan.files : std::move(group);
    if (descriptor.output.from == OutputSource::file) {
      job.output_file = util::replace_all(descriptor.output.path, k_sarif_out_placeholder, report);
      job.output_file = util::replace_all(job.output_file, k_root_placeholder, root);
    }
    job.root = root;
    job.timeout = std::chrono::seconds(plan.settings.timeout_seconds);
    job.fix = fix;
    jobs.push_back(PlannedJob{&plan, std::move(job)});
  }
  return jobs;
}

// Runs the calls in the pool; results[i] belongs to jobs[i].
std::vector<std::vector<model::Finding>> run_calls(const std::vector<PlannedJob>& jobs,
                                                   const LintOptions& options, std::size_t& done,
                                                   std::size_t total, std::mutex& progress_mutex) {
  std::vector<std::vector<model::Finding>> results(jobs.size());
  run_parallel(jobs.size(), options.jobs, [&](std::size_t index) {
    const PlannedJob& planned = jobs[index];
    if (planned.plan->serialize) {
      const std::lock_guard lock(planned.plan->mutex);
      results[index] = run_linter_job(planned.job);
    } else {
      results[index] = run_linter_job(planned.job);
    }
    if (options.on_progress) {
      const std::lock_guard lock(progress_mutex);
      options.on_progress(++done, total);
    }
  });
  return results;
}

std::map<std::string, std::string> hash_files(const std::string& root,
                                              const std::vector<std::string>& files) {
  std::map<std::string, std::string> hashes;
  for (const std::string& file : files) {
    Result<std::string> hash = util::sha256_file_hex(fs::path(root) / file);
    hashes[file] = hash ? *hash : std::string();
  }
  return hashes;
}

// Changed-only for every mode: a finding counts only on a selected file. A
// per-file or batch call's finding without a path is about the call; a
// project call's is about the whole repository and is dropped with the
// rest of what lies outside the selection. Our own crash findings always stay.
bool keep_finding(const model::Finding& finding, const Descriptor& descriptor,
                  const std::set<std::string>& selected) {
  if (finding.rule_id == descriptor.id + "/crashed") return true;
  if (finding.location.path.empty()) return descriptor.mode != RunMode::project;
  return selected.count(finding.location.path) > 0;
}

model::RuleInfo rule_info(const Descriptor& descriptor, const model::Finding& finding) {
  model::RuleInfo rule;
  rule.id = finding.rule_id;
  rule.tool = descriptor.id;
  rule.default_severity = finding.severity;
  rule.help_uri = descriptor.url;
  const std::string tool_rule = finding.rule_id.substr(descriptor.id.size() + 1);
  if (finding.rule_id == descriptor.id + "/crashed") {
    rule.short_description = descriptor.name + " failed to run";
    rule.help =
        "The linter exited with an unexpected code, timed out, or wrote output that could not be read. "
        "Run its command by hand, check its installation, and check the descriptor's exit codes and parser.";
  } else if (finding.rule_id == descriptor.id + "/missing") {
    rule.short_description = descriptor.name + " is required but not installed";
    rule.help = "Install it: " + install_hint_text(descriptor.install);
  } else {
    rule.short_description = descriptor.name + " rule " + tool_rule;
    if (!descriptor.rules_url.empty())
      rule.help_uri = util::replace_all(descriptor.rules_url, "{rule}", tool_rule);
  }
  return rule;
}

}  // namespace

Result<PluginOutcome> run_linters(const std::vector<const Descriptor*>& linters, const LintOptions& options) {
  PluginOutcome outcome;
  std::vector<std::unique_ptr<LinterPlan>> plans;
  std::map<std::string, model::RuleInfo> rules;
  for (const Descriptor* descriptor : linters) {
    LinterSettings settings = linter_settings(*descriptor, options.config);
    if (settings.fail_on) outcome.fail_on[descriptor->id] = *settings.fail_on;
    if (locate_program(*descriptor, options.root).empty()) {
      const std::string hint = install_hint_text(descriptor->install);
      if (!settings.required) {
        outcome.lint.notes.push_back(missing_text(*descriptor) +
                                     (hint.empty() ? "; skipped" : "; install it with: " + hint));
        continue;
      }
      model::Finding missing;
      missing.tool = descriptor->id;
      missing.rule_id = descriptor->id + "/missing";
      missing.severity = model::Severity::error;
      missing.message = missing_text(*descriptor) + ", and it is required" +
                        (hint.empty() ? "" : "; install it with: " + hint);
      rules.emplace(missing.rule_id, rule_info(*descriptor, missing));
      outcome.lint.findings.push_back(std::move(missing));
      continue;
    }
    std::vector<std::string> files = files_for(*descriptor, settings, options.files);
    if (files.empty()) continue;
    Result<std::string> config = linter_config_file(*descriptor, settings, options.root);
    if (!config) return config.error();
    auto plan = std::make_unique<LinterPlan>();
    plan->descriptor = descriptor;
    plan->settings = std::move(settings);
    plan->files = std::move(files);
    plan->config = std::move(*config);
    plan->serialize =
        !descriptor->parallel || (descriptor->output.from == OutputSource::file &&
                                  descriptor->output.path.find(k_sarif_out_placeholder) == std::string::npos);
    for (const std::string& file : plan->files) outcome.lint.checked.push_back({descriptor->id, file});
    plans.push_back(std::move(plan));
  }
  if (plans.empty()) {
    for (auto& [id, rule] : rules) outcome.rules.push_back(std::move(rule));
    return outcome;
  }

  TempDir temp_dir;
  if (temp_dir.path().empty()) return make_error("cannot create a temporary folder for linter reports");
  std::size_t counter = 0;
  std::vector<std::vector<PlannedJob>> fix_jobs;  // per plan, run plan after plan
  std::vector<PlannedJob> check_jobs;
  for (const std::unique_ptr<LinterPlan>& plan : plans) {
    if (options.fix && !plan->descriptor->fix.empty()) {
      fix_jobs.push_back(plan_calls(*plan, true, options.root, temp_dir.path(), options.jobs, counter));
    }
    for (PlannedJob& job : plan_calls(*plan, false, options.root, temp_dir.path(), options.jobs, counter)) {
      check_jobs.push_back(std::move(job));
    }
  }
  std::size_t total = check_jobs.size();
  for (const std::vector<PlannedJob>& jobs : fix_jobs) total += jobs.size();

  std::vector<std::vector<model::Finding>> results;
  std::set<std::string> fixed;
  std::size_t done = 0;
  std::mutex progress_mutex;
  try {
    for (const std::vector<PlannedJob>& jobs : fix_jobs) {
      const LinterPlan& plan = *jobs.front().plan;
      const std::map<std::string, std::string> before = hash_files(options.root, plan.files);
      for (std::vector<model::Finding>& crashes : run_calls(jobs, options, done, total, progress_mutex)) {
        results.push_back(std::move(crashes));
      }
      for (const auto& [file, hash] : hash_files(options.root, plan.files)) {
        if (before.at(file) != hash) fixed.insert(file);
      }
    }
    for (std::vector<model::Finding>& found : run_calls(check_jobs, options, done, total, progress_mutex)) {
      results.push_back(std::move(found));
    }
  } catch (const std::exception& error) {
    return make_error(std::string("internal error while running linters: ") + error.what());
  }

  // results holds the fix calls first, then the check calls, in plan order.
  std::vector<const Descriptor*> owners;
  for (const std::vector<PlannedJob>& jobs : fix_jobs) {
    for (const PlannedJob& job : jobs) owners.push_back(job.job.descriptor);
  }
  for (const PlannedJob& job : check_jobs) owners.push_back(job.job.descriptor);
  const std::set<std::string> selected(options.files.begin(), options.files.end());
  for (std::size_t i = 0; i < results.size(); ++i) {
    for (model::Finding& finding : results[i]) {
      if (!keep_finding(finding, *owners[i], selected)) continue;
      rules.emplace(finding.rule_id, rule_info(*owners[i], finding));
      outcome.lint.findings.push_back(std::move(finding));
    }
  }
  outcome.lint.fixed_files.assign(fixed.begin(), fixed.end());
  for (auto& [id, rule] : rules) outcome.rules.push_back(std::move(rule));
  return outcome;
}

}  // namespace slipway::lint
