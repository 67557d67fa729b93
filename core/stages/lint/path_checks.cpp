// case-conflict: two tracked paths (files or folders) that differ only in
// letter case collide on case-insensitive file systems. The index is built once
// per run from every tracked path and all of their parent folders, keeping only
// the groups that actually collide, so the per-file lookup is free in the
// common case of a repository without conflicts. Only ASCII letters are folded;
// full Unicode case folding (as APFS and NTFS do) is not attempted.
#include "stages/lint/path_checks.hpp"

#include <algorithm>
#include <unordered_set>

#include "util/strings.hpp"

namespace slipway::lint {

CaseConflictIndex::CaseConflictIndex(const std::vector<std::string>& all_files,
                                     const std::vector<std::string>& files) {
  std::unordered_set<std::string> seen;
  std::unordered_map<std::string, std::vector<std::string>> groups;
  const auto add_path = [&](const std::string& path) {
    // The path itself and each parent folder ("a/b/c" -> "a", "a/b", "a/b/c").
    for (std::size_t slash = path.find('/');; slash = path.find('/', slash + 1)) {
      const std::string prefix = path.substr(0, slash);
      if (!prefix.empty() && seen.insert(prefix).second) groups[util::to_lower(prefix)].push_back(prefix);
      if (slash == std::string::npos) break;
    }
  };
  for (const std::string& path : all_files) add_path(path);
  for (const std::string& path : files) add_path(path);
  for (auto& [lower, spellings] : groups) {
    if (spellings.size() < 2) continue;
    std::sort(spellings.begin(), spellings.end());
    m_groups.emplace(lower, std::move(spellings));
  }
}

std::optional<CaseConflict> CaseConflictIndex::find(std::string_view path) const {
  if (m_groups.empty()) return std::nullopt;
  const std::string lower = util::to_lower(path);
  for (std::size_t slash = lower.find('/');; slash = lower.find('/', slash + 1)) {
    const auto group = m_groups.find(lower.substr(0, slash));
    if (group != m_groups.end()) {
      const std::string_view mine = path.substr(0, slash);
      for (const std::string& other : group->second) {
        if (other != mine) return CaseConflict{std::string(mine), other};
      }
    }
    if (slash == std::string::npos) break;
  }
  return std::nullopt;
}

void check_case_conflict(const CaseConflictIndex& index, FileFindings& sink) {
  if (!sink.on(Check::case_conflict)) return;
  const auto conflict = index.find(sink.path());
  if (!conflict) return;
  if (conflict->mine.size() == sink.path().size()) {
    sink.add(Check::case_conflict, 0, 0, "path differs only in case from \"" + conflict->other + "\"");
  } else {
    sink.add(Check::case_conflict, 0, 0,
             "folder \"" + conflict->mine + "\" differs only in case from \"" + conflict->other + "\"");
  }
}

}  // namespace slipway::lint
