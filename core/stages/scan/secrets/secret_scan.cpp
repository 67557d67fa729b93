// scan_secrets: loads the rules, builds the engine once, scans the selected
// working-tree files on `jobs` threads and, with --history, every blob of the
// history; then merges the two so that a secret still present at the same
// path is reported once, as the working-tree finding, naming the commit that
// introduced it.
#include "stages/scan/secrets/secret_scan.hpp"

#include <atomic>
#include <filesystem>
#include <map>
#include <thread>
#include <tuple>

#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/history_scanner.hpp"
#include "stages/scan/secrets/input_scanner.hpp"
#include "stages/scan/secrets/secret_findings.hpp"
#include "stages/scan/secrets/secrets_settings.hpp"
#include "util/hash.hpp"

namespace slipway::scan {
namespace {

using secrets::InputResult;
using secrets::InputSkip;
using secrets::SecretMatcher;

using SecretKey = std::tuple<std::string, std::string, std::string>;  // rule id, sha256(secret), path

class Notes {
 public:
  Notes(ScanOutcome& outcome, const ScanOptions& options) : m_outcome(outcome), m_options(options) {}
  void add(const std::string& line) {
    m_outcome.notes.push_back(line);
    if (m_options.on_note) m_options.on_note(line);
  }

 private:
  ScanOutcome& m_outcome;
  const ScanOptions& m_options;
};

Result<std::vector<Result<InputResult>>> scan_files(const SecretMatcher& matcher,
                                                    const ScanOptions& options) {
  const std::vector<std::string>& files = options.files;
  std::vector<Result<InputResult>> results(files.size(), make_error("not scanned"));
  std::atomic<std::size_t> next{0};
  auto work = [&]() -> Result<void> {
    auto scratch = matcher.make_scratch();
    if (!scratch) return scratch.error();
    for (std::size_t index = next++; index < files.size(); index = next++) {
      results[index] = secrets::scan_file(matcher, *scratch,
                                          std::filesystem::path(options.root) / files[index], files[index]);
    }
    return {};
  };
  const std::size_t threads = std::max<std::size_t>(
      1, std::min<std::size_t>(static_cast<std::size_t>(std::max(options.jobs, 1)), files.size()));
  std::vector<Result<void>> statuses(threads);
  {
    std::vector<std::jthread> workers;
    for (std::size_t t = 1; t < threads; ++t) workers.emplace_back([&, t] { statuses[t] = work(); });
    statuses[0] = work();
  }
  for (const Result<void>& status : statuses) {
    if (!status) return status.error();
  }
  return results;
}

std::string skip_note(const std::string& path, const InputResult& result, std::int64_t max_size) {
  switch (result.skip) {
    case InputSkip::binary:
      return "skipped " + path + ": binary file";
    case InputSkip::too_large:
      return "skipped " + path + ": " + result.detail + ", larger than scan.secrets.max-file-size (" +
             std::to_string(max_size) + " bytes)";
    case InputSkip::unreadable:
      return "skipped " + path + ": cannot read it (" + result.detail + ")";
    case InputSkip::allowed_path:
    case InputSkip::none:
      break;
  }
  return {};
}

}  // namespace

Result<ScanOutcome> scan_secrets(const ScanOptions& options) {
  auto settings = secrets::load_secret_settings(options.config, options.root);
  if (!settings) return settings.error();
  auto matcher = SecretMatcher::create(*settings);
  if (!matcher) return matcher.error();
  const auto& rules = matcher->rules();

  ScanOutcome outcome;
  Notes notes(outcome, options);
  for (const secrets::SecretRule& rule : rules) outcome.rules.push_back(secrets::rule_info(rule));

  // Working tree.
  auto results = scan_files(*matcher, options);
  if (!results) return results.error();
  std::map<SecretKey, std::size_t> tree_findings;  // -> index in outcome.findings
  for (std::size_t i = 0; i < options.files.size(); ++i) {
    const std::string& path = options.files[i];
    Result<InputResult>& result = (*results)[i];
    if (!result) return result.error();
    if (result->skip != InputSkip::none) {
      const std::string note = skip_note(path, *result, matcher->max_file_size());
      if (!note.empty()) notes.add(note);
      continue;
    }
    outcome.checked.push_back(model::CheckedFile{std::string(secrets::k_tool), path});
    for (const secrets::LocatedSecret& secret : result->secrets) {
      const secrets::SecretRule& rule = rules[secret.rule];
      tree_findings.emplace(SecretKey{rule.id, util::sha256_hex(secret.secret), path},
                            outcome.findings.size());
      outcome.findings.push_back(secrets::make_finding(rule, secret, path));
    }
  }

  // History.
  if (options.history) {
    const std::string root = options.repo != nullptr ? options.repo->root() : options.root;
    auto history = secrets::scan_history(*matcher, root, options.history_base, options.jobs);
    if (!history) return history.error();
    if (history->shallow) {
      notes.add(
          "history: this clone is shallow, so commits before its boundary were not scanned (fetch the "
          "full history: `git fetch --unshallow`, fetch-depth: 0 in actions/checkout, GIT_DEPTH: 0 in "
          "GitLab)");
    }
    std::string summary = "history: " + std::to_string(history->commits.size()) + " commits" +
                          (options.history_base.empty() ? "" : " since " + options.history_base) + ", " +
                          std::to_string(history->blobs_scanned) + " blobs scanned";
    if (history->blobs_binary > 0)
      summary += ", " + std::to_string(history->blobs_binary) + " binary skipped";
    if (history->blobs_too_large > 0) {
      summary +=
          ", " + std::to_string(history->blobs_too_large) + " larger than scan.secrets.max-file-size skipped";
    }
    if (history->blobs_missing > 0) {
      summary += ", " + std::to_string(history->blobs_missing) +
                 " not in this clone (partial clone: fetch without --filter to scan them)";
    }
    notes.add(summary);
    for (const secrets::HistorySecret& found : history->secrets) {
      const secrets::SecretRule& rule = rules[found.secret.rule];
      const auto& commit = history->commits[found.commit];
      const std::string introduced = secrets::introduced_in(commit);
      // For SARIF properties and the GitLab secret detection report.
      const std::vector<std::pair<std::string, std::string>> facts = {
          {"commit", commit.sha}, {"author", commit.author}, {"date", commit.date}};
      const auto in_tree =
          tree_findings.find(SecretKey{rule.id, util::sha256_hex(found.secret.secret), found.path});
      if (in_tree != tree_findings.end()) {
        outcome.findings[in_tree->second].message += " (" + introduced + ")";
        outcome.findings[in_tree->second].properties = facts;
        continue;
      }
      model::Finding finding = secrets::make_finding(rule, found.secret, found.path);
      finding.message += " (in history: " + introduced + ")";
      finding.properties = facts;
      outcome.findings.push_back(std::move(finding));
    }
  }
  return outcome;
}

std::vector<model::RuleInfo> secret_rules(const model::Config* config) {
  std::string root;
  if (config != nullptr && !config->file_path().empty()) {
    root = std::filesystem::path(config->file_path()).parent_path().string();
  }
  auto settings = secrets::load_secret_settings(config, root);
  std::vector<model::RuleInfo> infos;
  const std::vector<secrets::SecretRule>& rules = settings ? settings->rules : secrets::builtin_rules();
  for (const secrets::SecretRule& rule : rules) infos.push_back(secrets::rule_info(rule));
  return infos;
}

}  // namespace slipway::scan
