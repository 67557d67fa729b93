// Whether a package version is affected by an OSV record, exactly as the OSV
// schema's evaluation pseudocode says: listed in an affected entry's
// `versions`, or inside one of its SEMVER/ECOSYSTEM ranges (events sorted by
// the range's version order; introduced "0" is before everything; a limit
// bounds the range from above; GIT ranges cannot be evaluated without the
// repository and are skipped). Also: how package names compare per ecosystem.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stages/scan/deps/osv_record.hpp"

namespace slipway::scan::deps {

// The name under which a package is looked up: PyPI names per PEP 503
// (lower case, runs of '-', '_', '.' as one '-'); NuGet and Packagist names
// in lower case; other ecosystems' names as they are.
std::string normalized_package_name(std::string_view ecosystem, std::string_view name);

// "Maven:https://maven.google.com" -> "Maven".
std::string_view base_ecosystem(std::string_view ecosystem);

struct AffectedMatch {
  std::optional<std::string> fixed;  // the lowest `fixed` above the version in a range that matched
  bool version_valid = true;         // false: only `versions` could be checked
};

// Whether `version` (of the package `affected` names) is affected;
// nullopt when it is not.
std::optional<AffectedMatch> match_affected(const OsvAffected& affected, std::string_view version);

// Evaluates one range for `version` (the OSV IncludedInRanges body for a
// single range); exposed for tests.
bool range_includes(const OsvRange& range, std::string_view ecosystem, std::string_view version);

}  // namespace slipway::scan::deps
