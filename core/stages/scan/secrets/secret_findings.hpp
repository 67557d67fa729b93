// How secrets become findings and rules become RuleInfo. The only place that
// turns a secret into text is redacted_secret(): the first 4 characters then
// "…". Messages are built from it, the rule's description and the commit
// that introduced the secret; locations from the path and line; fingerprints
// from hashes. No field of a Finding holds the secret.
#pragma once

#include <string>
#include <string_view>

#include "model/finding.hpp"
#include "stages/scan/secrets/history_scanner.hpp"

namespace slipway::scan::secrets {

constexpr std::string_view k_tool = "slipway-scan";

// util::redact, but only a printable ASCII prefix is ever shown ("…" alone
// otherwise), so no report gets control bytes or broken UTF-8 from a secret.
std::string redacted_secret(std::string_view secret);

// "introduced in 1a2b3c4d5e6f by Jane Doe on 2024-05-01".
std::string introduced_in(const CommitInfo& commit);

model::Finding make_finding(const SecretRule& rule, const LocatedSecret& secret, const std::string& path);

model::RuleInfo rule_info(const SecretRule& rule);

}  // namespace slipway::scan::secrets
