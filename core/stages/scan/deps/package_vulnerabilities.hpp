// The vulnerabilities of one package version: the OSV records that affect
// it, merged by aliases (records that name each other or share an alias are
// one vulnerability: GHSA-x, PYSEC-y and CVE-z reports of the same bug give
// one finding), each with the id to report, the other ids, the severity
// score and the lowest fixed version.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "stages/scan/deps/osv_database.hpp"
#include "stages/scan/deps/package.hpp"

namespace slipway::scan::deps {

struct PackageVulnerability {
  std::string id;                      // GHSA id when the group has one, else the lowest record id
  std::vector<std::string> other_ids;  // every other record id and alias, sorted
  std::string summary;
  std::string details;
  std::string advisory_url;
  double score = 5.0;
  bool score_from_cvss = false;
  std::optional<std::string> fixed;
};

// Score when no CVSS v3 vector is given: from database_specific.severity
// ("CRITICAL" 9.0, "HIGH" 7.0, "MODERATE"/"MEDIUM" 5.0, "LOW" 2.0), 10.0 for
// malicious-package records (MAL-...), otherwise 5.0.
double fallback_score(const OsvRecord& record);

// The vulnerabilities affecting `package`, sorted by id. Sets
// `version_unreadable` when the package's version is not valid in its
// ecosystem's order (then only exact `versions` lists could match).
std::vector<PackageVulnerability> vulnerabilities_for(const Package& package,
                                                      const AdvisoryDatabase& database,
                                                      bool& version_unreadable);

}  // namespace slipway::scan::deps
