// The advisories the scan needs, loaded from the cache folder: every *.json
// OSV record below it, plus `<Ecosystem>/all.zip` for each ecosystem the
// lockfiles use. Only records that name one of the scanned packages are
// kept (a cheap look at the raw text first, then a full parse), so memory
// stays proportional to the findings, not to the database.
#pragma once

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "stages/scan/deps/osv_record.hpp"
#include "util/result.hpp"

namespace slipway::scan::deps {

// Which packages the scan looks for: (base ecosystem, normalized name).
class WantedPackages {
 public:
  void add(const std::string& ecosystem, const std::string& name);
  [[nodiscard]] bool contains(const std::string& ecosystem, const std::string& name) const;
  // True when the raw record text may name a wanted package (no false negatives).
  [[nodiscard]] bool may_mention(std::string_view raw_record) const;
  [[nodiscard]] std::set<std::string> ecosystems() const;

 private:
  std::set<std::pair<std::string, std::string>> m_packages;  // (base ecosystem, normalized name)
  std::set<std::string> m_loose_names;                       // lower case, '-', '_', '.' as '-'
};

class AdvisoryDatabase {
 public:
  // Loads from `db_dir`. Errors: the folder is missing or holds no data for
  // any of the wanted ecosystems (the hint names both fixes), or a cached
  // archive cannot be read.
  static Result<AdvisoryDatabase> load(const std::filesystem::path& db_dir, const WantedPackages& wanted);

  // Records with an affected entry for the package (withdrawn ones excluded).
  [[nodiscard]] std::vector<const OsvRecord*> for_package(const std::string& ecosystem,
                                                          const std::string& name) const;

  [[nodiscard]] const std::vector<std::string>& notes() const { return m_notes; }
  [[nodiscard]] std::size_t record_count() const { return m_records.size(); }

 private:
  std::vector<OsvRecord> m_records;
  std::map<std::pair<std::string, std::string>, std::vector<std::size_t>> m_index;
  std::vector<std::string> m_notes;
  std::size_t m_unreadable = 0;
  std::string m_first_unreadable;
  std::set<std::string> m_seen_ids;

  void add_raw(const std::string& origin, std::string_view raw, const WantedPackages& wanted);
};

}  // namespace slipway::scan::deps
