// Fingerprints, inline suppressions, baselines and changed-line filtering.
//
// The fingerprint deliberately ignores the line number: a finding keeps its
// identity when code above it moves. Two identical lines with the same
// problem are told apart by their occurrence index, in file order.
#include "model/finding_filters.hpp"

#include <algorithm>
#include <cctype>
#include <map>
#include <nlohmann/json.hpp>
#include <tuple>

#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::model {

namespace {

std::string without_whitespace(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') out.push_back(c);
  }
  return out;
}

// True when `text` holds a slipway-ignore marker that covers `rule_id`.
bool suppresses(std::string_view text, const std::string& rule_id) {
  constexpr std::string_view k_marker = "slipway-ignore";
  std::size_t pos = 0;
  while ((pos = text.find(k_marker, pos)) != std::string_view::npos) {
    std::size_t after = pos + k_marker.size();
    pos = after;
    if (after >= text.size() || text[after] != '[') {
      // A bare marker suppresses everything, unless it is part of a longer word.
      if (after < text.size() &&
          (std::isalnum(static_cast<unsigned char>(text[after])) || text[after] == '-'))
        continue;
      return true;
    }
    std::size_t close = text.find(']', after);
    if (close == std::string_view::npos) continue;
    for (const auto& part : util::split(text.substr(after + 1, close - after - 1), ',')) {
      if (util::trim(part) == rule_id) return true;
    }
  }
  return false;
}

}  // namespace

SourceLines::SourceLines(std::string root) : m_root(std::move(root)) {}

const std::vector<std::string>& SourceLines::lines(const std::string& path) {
  auto found = m_cache.find(path);
  if (found != m_cache.end()) return found->second;
  std::vector<std::string> lines;
  if (auto content = util::read_file(util::fs::path(m_root) / path); content.ok()) {
    if (!util::looks_binary(*content)) lines = util::split_lines(*content);
  }
  return m_cache.emplace(path, std::move(lines)).first->second;
}

std::string_view SourceLines::line(const std::string& path, int line) {
  const auto& all = lines(path);
  if (line < 1 || static_cast<std::size_t>(line) > all.size()) return {};
  return all[static_cast<std::size_t>(line) - 1];
}

void assign_fingerprints(std::vector<Finding>& findings, SourceLines& sources) {
  // Occurrence indexes must follow file order, whatever order findings came in.
  std::vector<std::size_t> order(findings.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& fa = findings[a].location;
    const auto& fb = findings[b].location;
    return std::tie(fa.path, fa.start_line, fa.start_column) <
           std::tie(fb.path, fb.start_line, fb.start_column);
  });
  std::map<std::string, int> occurrences;
  for (std::size_t index : order) {
    Finding& finding = findings[index];
    // A stage that knows better keeps its own (e.g. secrets: a hash of the
    // secret, stable for findings in history where the working-tree line
    // says nothing).
    if (!finding.fingerprint.empty()) continue;
    std::string content =
        without_whitespace(sources.line(finding.location.path, finding.location.start_line));
    // The message stands in for content on whole-file findings, so that two
    // different whole-file problems of one rule stay apart.
    if (finding.location.start_line == 0) content = finding.message;
    std::string key =
        finding.tool + '\x1f' + finding.rule_id + '\x1f' + finding.location.path + '\x1f' + content;
    int occurrence = occurrences[key]++;
    finding.fingerprint = util::sha256_hex(key + '\x1f' + std::to_string(occurrence)).substr(0, 32);
  }
}

std::size_t apply_inline_suppressions(std::vector<Finding>& findings, SourceLines& sources) {
  auto before = findings.size();
  std::erase_if(findings, [&](const Finding& finding) {
    int line = finding.location.start_line;
    if (line < 1 || finding.location.path.empty()) return false;
    return suppresses(sources.line(finding.location.path, line), finding.rule_id) ||
           suppresses(sources.line(finding.location.path, line - 1), finding.rule_id);
  });
  return before - findings.size();
}

Result<Baseline> read_baseline(const std::string& path) {
  Baseline baseline;
  std::error_code ec;
  if (!util::fs::exists(path, ec)) return baseline;
  auto text = util::read_file(path);
  if (!text) return text.error();
  auto json = nlohmann::json::parse(*text, nullptr, false);
  if (json.is_discarded() || !json.is_object() || !json.contains("findings") ||
      !json["findings"].is_array()) {
    return Error{"baseline is not valid: expected a JSON object with a \"findings\" array", path, 0, 0,
                 "regenerate it with `slipway lint --write-baseline`"};
  }
  for (const auto& entry : json["findings"]) {
    if (entry.is_object() && entry.contains("fingerprint") && entry["fingerprint"].is_string()) {
      baseline.fingerprints.insert(entry["fingerprint"].get<std::string>());
    }
  }
  return baseline;
}

Result<void> write_baseline(const std::string& path, const std::vector<Finding>& findings) {
  nlohmann::json entries = nlohmann::json::array();
  for (const auto& finding : findings) {
    entries.push_back({{"fingerprint", finding.fingerprint},
                       {"tool", finding.tool},
                       {"rule", finding.rule_id},
                       {"path", finding.location.path},
                       {"line", finding.location.start_line}});
  }
  nlohmann::json doc = {{"version", 1}, {"findings", entries}};
  return util::write_file_atomic(path, doc.dump(2) + "\n");
}

std::size_t apply_baseline(std::vector<Finding>& findings, const Baseline& baseline) {
  auto before = findings.size();
  std::erase_if(findings, [&](const Finding& f) { return baseline.fingerprints.count(f.fingerprint) > 0; });
  return before - findings.size();
}

std::size_t keep_added_lines(std::vector<Finding>& findings, const AddedLines& added) {
  auto before = findings.size();
  std::erase_if(findings, [&](const Finding& f) {
    if (f.location.path.empty()) return false;
    if (f.location.start_line == 0) return added.find(f.location.path) == added.end();
    return !line_added(added, f.location.path, f.location.start_line);
  });
  return before - findings.size();
}

std::size_t keep_paths(std::vector<Finding>& findings, const std::set<std::string>& paths) {
  auto before = findings.size();
  std::erase_if(findings, [&](const Finding& f) {
    return !f.location.path.empty() && paths.count(f.location.path) == 0;
  });
  return before - findings.size();
}

}  // namespace slipway::model
