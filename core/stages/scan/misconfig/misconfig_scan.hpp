// The misconfiguration scan (`slipway scan --config`): security checks of the
// CI, container and cluster configuration in a repository. It looks at the
// selected files (options.files) that are
//   - Dockerfiles: Dockerfile, Dockerfile.*, *.dockerfile, Containerfile*;
//   - Kubernetes manifests: *.yml / *.yaml documents with apiVersion and kind;
//   - GitHub Actions: .github/workflows/*.yml|yaml and action.yml|yaml;
//   - GitLab CI: .gitlab-ci.yml and the files it includes with `local:`;
//   - Jenkins pipelines: Jenkinsfile*, *.jenkinsfile, and *.groovy files that
//     use credentials or shared libraries.
// Rule ids are config/<area>/<name> (and config/parse-error for a recognised
// file that does not parse); docs/rules/misconfig.md describes every rule.
#pragma once

#include <vector>

#include "model/config_schema.hpp"
#include "model/finding.hpp"
#include "stages/scan/scan_types.hpp"
#include "util/result.hpp"

namespace slipway::scan {

// Checks the selected files. Malformed, binary or oversized files give a
// finding or a note, never an error; the error case is a bad
// scan.misconfig.* setting (e.g. an unknown rule id in scan.misconfig.disable).
Result<ScanOutcome> scan_misconfiguration(const ScanOptions& options);

// Every misconfiguration rule, with SARIF help text and security severity.
std::vector<model::RuleInfo> misconfig_rules();

// The scan.misconfig.* keys: disable, exclude, max-file-kb, trusted-action-owners.
model::ConfigSchema misconfig_config_schema();

}  // namespace slipway::scan
