// The misconfiguration scan driver: reads the settings, sends each selected
// file to the checker its path calls for, and collects findings, checked files
// and notes.
//
// Files are read whole (they are configuration files, and the size limit
// scan.misconfig.max-file-kb keeps it that way); binary and oversized files
// are skipped with a note. GitLab CI is a graph rather than a file: every
// .gitlab-ci.yml (selected, or at the repository root) is read with the files
// it includes locally, and each file of that graph that is selected is
// checked, so a change to an included file alone is still scanned.
#include "stages/scan/misconfig/misconfig_scan.hpp"

#include <algorithm>
#include <deque>
#include <filesystem>
#include <optional>
#include <set>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/file_kinds.hpp"
#include "stages/scan/misconfig/misconfig_settings.hpp"
#include "util/files.hpp"
#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::scan {
namespace {

using namespace misconfig;
namespace fs = std::filesystem;

constexpr std::string_view k_help_base =
    "https://github.com/slipway-ci/slipway/blob/main/docs/rules/misconfig.md#";
// GitLab allows 150 includes per pipeline; a larger graph is a loop or an attack.
constexpr std::size_t k_max_gitlab_files = 150;

class MisconfigScan {
 public:
  MisconfigScan(const ScanOptions& options, MisconfigSettings settings)
      : m_options(options), m_settings(std::move(settings)) {}

  ScanOutcome run() {
    m_outcome.rules = misconfig_rules();
    std::erase_if(m_outcome.rules, [&](const model::RuleInfo& rule) { return !enabled_id(rule.id); });
    m_selected.insert(m_options.files.begin(), m_options.files.end());
    for (const std::string& path : m_selected) {
      if (excluded(path)) continue;
      check_file(path, classify_file(path));
    }
    check_gitlab_graphs();
    if (m_templates_skipped > 0) {
      m_outcome.notes.push_back("skipped " + std::to_string(m_templates_skipped) +
                                " Kubernetes template(s) containing {{ }} (render them to scan the output)");
    }
    model::sort_findings(m_outcome.findings);
    return std::move(m_outcome);
  }

 private:
  const ScanOptions& m_options;
  MisconfigSettings m_settings;
  ScanOutcome m_outcome;
  std::set<std::string> m_selected;
  std::size_t m_templates_skipped = 0;

  [[nodiscard]] bool enabled_id(const std::string& id) const {
    for (const RuleSpec& spec : rule_specs()) {
      if (rule_id(spec.rule) == id) return m_settings.enabled.test(static_cast<std::size_t>(spec.rule));
    }
    return false;
  }

  [[nodiscard]] bool excluded(const std::string& path) const {
    return !m_settings.exclude.empty() && util::glob_match_any(m_settings.exclude, path);
  }

  void note(std::string text) { m_outcome.notes.push_back(std::move(text)); }

  // The file's text, or nullopt (with a note when the reason is worth one).
  std::optional<std::string> read_text(const std::string& path) {
    const fs::path full = fs::path(m_options.root) / path;
    std::error_code error;
    if (!fs::is_regular_file(full, error)) return std::nullopt;  // deleted in the change, or not a file
    const auto size = fs::file_size(full, error);
    const auto limit = static_cast<std::uintmax_t>(m_settings.max_file_kb) * 1024U;
    if (!error && size > limit) {
      note("skipped " + path + ": larger than scan.misconfig.max-file-kb (" +
           std::to_string(m_settings.max_file_kb) + " KiB)");
      return std::nullopt;
    }
    Result<std::string> text = util::read_file(full);
    if (!text.ok()) {
      note("skipped " + path + ": " + text.error().message);
      return std::nullopt;
    }
    if (util::looks_binary(std::string_view(*text).substr(0, 8192))) {
      note("skipped " + path + ": binary content");
      return std::nullopt;
    }
    return std::move(text).value();
  }

  void mark_checked(const std::string& path) {
    m_outcome.checked.push_back(model::CheckedFile{std::string(k_tool), path});
  }

  FindingSink sink_for(const std::string& path) {
    return FindingSink(m_outcome.findings, m_settings.enabled, path);
  }

  void check_file(const std::string& path, FileKind kind) {
    if (kind == FileKind::none || kind == FileKind::gitlab_ci) return;  // GitLab: check_gitlab_graphs
    std::optional<std::string> text = read_text(path);
    if (!text) return;
    FindingSink sink = sink_for(path);
    switch (kind) {
      case FileKind::dockerfile:
        check_dockerfile(*text, sink);
        break;
      case FileKind::github_workflow:
        check_github_workflow(*text, sink, m_settings.trusted_action_owners);
        break;
      case FileKind::github_action:
        check_github_action(*text, sink, m_settings.trusted_action_owners);
        break;
      case FileKind::groovy:
        // "ibrary" covers both @Library and the library step.
        if (text->find("withCredentials") == std::string::npos &&
            text->find("credentials(") == std::string::npos && text->find("ibrary") == std::string::npos) {
          return;  // not a pipeline the Jenkins rules can say anything about
        }
        check_jenkinsfile(*text, sink);
        break;
      case FileKind::jenkinsfile:
        check_jenkinsfile(*text, sink);
        break;
      case FileKind::yaml:
        if (text->find("apiVersion") == std::string::npos || text->find("kind") == std::string::npos) return;
        if (text->find("{{") != std::string::npos) {
          ++m_templates_skipped;
          return;
        }
        if (!check_kubernetes(*text, sink)) return;
        break;
      case FileKind::none:
      case FileKind::gitlab_ci:
        return;
    }
    mark_checked(path);
  }

  // Paths a `local:` include names: the path itself, or every file a glob matches.
  std::vector<std::string> resolve_local(const std::string& include) const {
    if (include.find_first_of("*?[") != std::string::npos) {
      std::vector<std::string> matches;
      const auto& candidates = m_options.all_files.empty() ? m_options.files : m_options.all_files;
      for (const std::string& candidate : candidates) {
        if (util::glob_match(include, candidate)) matches.push_back(candidate);
      }
      return matches;
    }
    const Result<std::string> inside = util::relative_inside(m_options.root, fs::path(include));
    std::error_code error;
    if (!inside.ok() || !fs::is_regular_file(fs::path(m_options.root) / *inside, error)) return {};
    return {*inside};
  }

  void check_gitlab_graphs() {
    std::deque<std::string> queue;
    for (const std::string& path : m_selected) {
      if (classify_file(path) == FileKind::gitlab_ci) queue.push_back(path);
    }
    std::error_code error;
    if (m_selected.count(".gitlab-ci.yml") == 0 &&
        fs::is_regular_file(fs::path(m_options.root) / ".gitlab-ci.yml", error)) {
      queue.push_back(".gitlab-ci.yml");
    }
    std::set<std::string> visited;
    static const RuleSet k_muted;
    while (!queue.empty()) {
      const std::string path = queue.front();
      queue.pop_front();
      if (!visited.insert(path).second) continue;
      if (visited.size() > k_max_gitlab_files) {
        note("stopped following GitLab includes after " + std::to_string(k_max_gitlab_files) + " files");
        return;
      }
      std::optional<std::string> text = read_text(path);
      if (!text) continue;
      const bool report = m_selected.count(path) > 0 && !excluded(path);
      FindingSink sink = report ? sink_for(path) : FindingSink(m_outcome.findings, k_muted, path);
      for (const std::string& include : check_gitlab_ci(*text, sink)) {
        const std::vector<std::string> targets = resolve_local(include);
        if (targets.empty()) note(path + ": local include '" + snippet(include) + "' matches no file");
        for (const std::string& target : targets) queue.push_back(target);
      }
      if (report) mark_checked(path);
    }
  }
};

}  // namespace

Result<ScanOutcome> scan_misconfiguration(const ScanOptions& options) {
  Result<MisconfigSettings> settings = read_settings(options.config);
  if (!settings.ok()) return settings.error();
  return MisconfigScan(options, std::move(settings).value()).run();
}

std::vector<model::RuleInfo> misconfig_rules() {
  std::vector<model::RuleInfo> rules;
  for (const RuleSpec& spec : rule_specs()) {
    model::RuleInfo rule;
    rule.id = rule_id(spec.rule);
    rule.tool = std::string(k_tool);
    rule.short_description = std::string(spec.title);
    rule.full_description = std::string(spec.what) + " " + std::string(spec.why);
    rule.help = std::string(spec.fix);
    rule.help_uri = std::string(k_help_base) + rule_anchor(spec.rule);
    rule.default_severity = to_model_severity(spec.score);
    rule.security_severity = spec.score;
    rules.push_back(std::move(rule));
  }
  return rules;
}

model::ConfigSchema misconfig_config_schema() {
  return settings_schema();
}

}  // namespace slipway::scan
