// `slipway lint --list`: every known linter with whether it runs and why,
// whether its tool is installed and which version, and where its descriptor
// comes from.
//
// The version is the first line of the version command's output (stdout, or
// stderr when stdout is empty) that contains a digit: many tools print a
// banner before the version ("ShellCheck - shell script analysis tool" /
// "version: 0.9.0"). Version commands run in parallel with a 10 s timeout
// each, so a listing with twenty node-based linters does not take twenty
// node start-ups end to end.
#include <algorithm>

#include "stages/lint/plugins/plugin_runner.hpp"
#include "stages/lint/plugins/worker_pool.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

constexpr std::chrono::seconds k_version_timeout{10};

std::string version_line(const std::string& output) {
  const std::vector<std::string> lines = util::split_lines(output);
  for (const std::string& line : lines) {
    if (std::any_of(line.begin(), line.end(), [](char c) { return c >= '0' && c <= '9'; })) {
      return std::string(util::trim(line));
    }
  }
  for (const std::string& line : lines) {
    if (!util::trim(line).empty()) return std::string(util::trim(line));
  }
  return {};
}

std::string tool_version(const Descriptor& descriptor, const std::string& root) {
  if (descriptor.version.empty()) return {};
  util::ProcessSpec spec;
  spec.argv = descriptor.version;
  spec.working_directory = root;
  spec.timeout = k_version_timeout;
  Result<util::ProcessResult> ran = util::run_process(spec);
  if (!ran || ran->timed_out) return {};
  return version_line(util::trim(ran->stdout_text).empty() ? ran->stderr_text : ran->stdout_text);
}

}  // namespace

Result<std::vector<LinterStatus>> list_linters(const std::vector<Descriptor>& descriptors,
                                               const model::Config& config,
                                               const std::vector<std::string>& all_files,
                                               const std::string& root, int jobs) {
  Result<std::vector<LinterChoice>> choices = choose_linters(descriptors, config, all_files, root);
  if (!choices) return choices.error();
  std::vector<LinterStatus> statuses;
  for (const LinterChoice& choice : *choices) {
    const Descriptor& descriptor = *choice.descriptor;
    LinterStatus status;
    status.id = descriptor.id;
    status.name = descriptor.name;
    status.enabled = choice.enabled;
    status.reason = choice.reason;
    status.program = locate_program(descriptor, root);
    status.installed = !status.program.empty();
    Result<std::string> config_file =
        linter_config_file(descriptor, linter_settings(descriptor, &config), root);
    status.config_file =
        config_file ? *config_file : "missing: " + linter_settings(descriptor, &config).config;
    status.source = descriptor.source;
    statuses.push_back(std::move(status));
  }
  try {
    run_parallel(statuses.size(), jobs, [&](std::size_t index) {
      if (statuses[index].installed)
        statuses[index].version = tool_version(*(*choices)[index].descriptor, root);
    });
  } catch (const std::exception& error) {
    return make_error(std::string("internal error while asking linters for their versions: ") + error.what());
  }
  return statuses;
}

}  // namespace slipway::lint
