// Checks about paths rather than contents: case-conflict, which needs the
// whole list of tracked paths and is therefore prepared once per run.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "stages/lint/check_context.hpp"

namespace slipway::lint {

struct CaseConflict {
  std::string mine;   // the prefix of the checked path that conflicts (a folder or the path itself)
  std::string other;  // a tracked path or folder that differs from it only in case
};

// Every file and folder path of a repository, grouped by their lower-case form.
class CaseConflictIndex {
 public:
  CaseConflictIndex() = default;
  CaseConflictIndex(const std::vector<std::string>& all_files, const std::vector<std::string>& files);

  // The shortest prefix of `path` (folder or the full path) that has a
  // different-case twin, or nothing.
  [[nodiscard]] std::optional<CaseConflict> find(std::string_view path) const;

 private:
  // lower-case path -> its distinct spellings; only groups of two or more are kept.
  std::unordered_map<std::string, std::vector<std::string>> m_groups;
};

void check_case_conflict(const CaseConflictIndex& index, FileFindings& sink);

}  // namespace slipway::lint
