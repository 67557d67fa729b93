// How the deps area words its findings and rules: one finding per vulnerable
// package version (rule = advisory id) and one per unreadable lockfile part
// (rule deps/malformed-lockfile), with the RuleInfo reporters need.
#pragma once

#include <string>

#include "model/finding.hpp"
#include "stages/scan/deps/package.hpp"
#include "stages/scan/deps/package_vulnerabilities.hpp"

namespace slipway::scan::deps {

inline constexpr std::string_view k_tool = "slipway-scan";
inline constexpr std::string_view k_malformed_rule = "deps/malformed-lockfile";
inline constexpr double k_malformed_score = 4.0;  // medium: the file's packages went unchecked

model::Finding vulnerability_finding(const Package& package, const PackageVulnerability& vulnerability);
model::RuleInfo advisory_rule(const Package& package, const PackageVulnerability& vulnerability);

model::Finding malformed_lockfile_finding(const std::string& file, std::string_view format,
                                          const LockfileProblem& problem);
model::RuleInfo malformed_lockfile_rule();

}  // namespace slipway::scan::deps
