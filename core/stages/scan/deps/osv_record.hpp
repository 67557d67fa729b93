// One OSV advisory in memory: the fields matching and reporting need, read
// leniently from the record's JSON (https://ossf.github.io/osv-schema/).
// Unknown fields are ignored; a record without an id or of the wrong shape
// is an error string for the loader to count and report.
#pragma once

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "util/result.hpp"

namespace slipway::scan::deps {

struct OsvEvent {
  enum class Kind { introduced, fixed, last_affected, limit };
  Kind kind = Kind::introduced;
  std::string version;
};

struct OsvRange {
  std::string type;  // SEMVER, ECOSYSTEM, GIT
  std::vector<OsvEvent> events;
};

struct OsvAffected {
  std::string ecosystem;  // e.g. "npm", "Maven", "Maven:https://maven.google.com"
  std::string name;
  std::vector<std::string> versions;
  std::vector<OsvRange> ranges;
  std::optional<double> score;  // from this entry's own CVSS v3 severity
};

struct OsvRecord {
  std::string id;
  std::vector<std::string> aliases;
  std::string summary;
  std::string details;
  bool withdrawn = false;
  std::optional<double> score;  // CVSS v3 base score of the record's severity
  std::string severity_label;   // database_specific.severity ("HIGH", "MODERATE", ...)
  std::string advisory_url;     // the first ADVISORY reference, if any
  std::vector<OsvAffected> affected;
};

Result<OsvRecord> read_osv_record(const nlohmann::json& json);

}  // namespace slipway::scan::deps
