// `slipway lint --list` (every known linter: enabled or not and why,
// installed or not, version, config file) and `slipway init` (a starter
// .slipway.yml naming the linters detected in the repository, plus the
// one-line CI snippets).
#include <cstdio>
#include <filesystem>

#include "app/commands.hpp"
#include "app/exit_codes.hpp"
#include "app/file_selection.hpp"
#include "stages/lint/plugins/plugin_runner.hpp"
#include "util/files.hpp"

namespace slipway::app {

namespace fs = std::filesystem;

namespace {

constexpr const char* k_snippets =
    "Add Slipway to your CI with one line:\n"
    "  GitHub Actions (a step):   - uses: slipway-ci/slipway/actions/lint@v1\n"
    "  GitLab CI (.gitlab-ci.yml): include: [{component: $CI_SERVER_FQDN/slipway-ci/slipway/lint@v1}]\n"
    "  Jenkins (Jenkinsfile):      slipwayLint()\n";

struct Inputs {
  std::vector<lint::Descriptor> descriptors;
  std::vector<std::string> all_files;
};

Result<Inputs> load_inputs(const AppContext& context) {
  auto selection = select_files(context);
  if (!selection) return selection.error();
  auto descriptors = lint::load_descriptors(context.root);
  if (!descriptors) return descriptors.error();
  return Inputs{std::move(*descriptors), std::move(selection->all_files)};
}

std::string starter_config(const std::vector<lint::Descriptor>& descriptors,
                           const std::vector<std::string>& files, const std::string& root,
                           std::vector<std::string>& chosen) {
  std::string text =
      "# Slipway configuration, written by `slipway init`. Reference: docs/configuration.md\n"
      "version: 1\n"
      "stages: [lint]\n"
      "fail-on: error\n"
      "lint:\n"
      "  # Also run any other known linter whose files appear later and whose tool is installed.\n"
      "  auto: false\n";
  std::string enabled, commented;
  for (const auto& descriptor : descriptors) {
    const std::string detected = lint::detected_file(descriptor, files);
    if (detected.empty()) continue;
    const bool installed = !lint::locate_program(descriptor, root).empty();
    if (installed) {
      enabled += "    " + descriptor.id + ": {enabled: true}  # detected " + detected + "\n";
      chosen.push_back(descriptor.id);
    } else {
      commented += "    # " + descriptor.id + ": {enabled: true}  # detected " + detected +
                   ", not installed: " + lint::install_hint_text(descriptor.install) + "\n";
    }
  }
  if (enabled.empty() && commented.empty()) return text + "  linters: {}\n";
  if (enabled.empty())
    text += "  linters: {}\n  # linters:\n";
  else
    text += "  linters:\n";
  return text + enabled + commented;
}

}  // namespace

int run_lint_list(const AppContext& context) {
  auto inputs = load_inputs(context);
  if (!inputs) {
    *context.err << "slipway: " << inputs.error().to_string() << "\n";
    return k_exit_usage;
  }
  auto statuses = lint::list_linters(inputs->descriptors, context.config, inputs->all_files, context.root,
                                     effective_jobs(context.config));
  if (!statuses) {
    *context.err << "slipway: " << statuses.error().to_string() << "\n";
    return k_exit_usage;
  }
  std::ostream& out = *context.out;
  char line[512];
  std::snprintf(line, sizeof line, "%-18s %-8s %-10s %s\n", "LINTER", "ENABLED", "INSTALLED",
                "WHY / VERSION / CONFIG");
  out << line;
  for (const auto& status : *statuses) {
    std::string details = status.reason;
    if (status.installed && !status.version.empty()) details += "; " + status.version;
    if (!status.installed) {
      for (const auto& descriptor : inputs->descriptors) {
        if (descriptor.id == status.id) details += "; " + lint::install_hint_text(descriptor.install);
      }
    }
    if (!status.config_file.empty()) details += "; config " + status.config_file;
    if (status.source != "shipped") details += "; from " + status.source;
    std::snprintf(line, sizeof line, "%-18s %-8s %-10s ", status.id.c_str(), status.enabled ? "yes" : "no",
                  status.installed ? "yes" : "no");
    out << line << details << "\n";
  }
  return k_exit_passed;
}

int run_init(const AppContext& context, bool force) {
  const fs::path target = fs::path(context.root) / ".slipway.yml";
  std::error_code ec;
  if (fs::exists(target, ec) && !force) {
    *context.err
        << "slipway: " << target.string() << " already exists; nothing written\n"
        << "  hint: edit it, or pass --force to replace it (the old file is kept as .slipway.yml.bak)\n";
    return k_exit_usage;
  }
  auto inputs = load_inputs(context);
  if (!inputs) {
    *context.err << "slipway: " << inputs.error().to_string() << "\n";
    return k_exit_usage;
  }
  std::vector<std::string> chosen;
  const std::string text = starter_config(inputs->descriptors, inputs->all_files, context.root, chosen);
  if (fs::exists(target, ec)) {
    fs::copy_file(target, fs::path(target).concat(".bak"), fs::copy_options::overwrite_existing, ec);
    if (ec) {
      *context.err << "slipway: cannot keep a backup of " << target.string() << ": " << ec.message() << "\n";
      return k_exit_usage;
    }
  }
  if (auto written = util::write_file_atomic(target, text); !written) {
    *context.err << "slipway: " << written.error().to_string() << "\n";
    return k_exit_usage;
  }
  std::ostream& out = *context.out;
  out << "wrote " << target.string() << " with " << chosen.size() << " linter(s)";
  for (std::size_t i = 0; i < chosen.size(); ++i) out << (i == 0 ? ": " : ", ") << chosen[i];
  out << "\n\n" << k_snippets;
  return k_exit_passed;
}

}  // namespace slipway::app
