// `slipway scan --secrets`: finds credentials in the working tree and, with
// --history, in every blob of the repository's history.
//
// The rules (at least 120 credential formats, ids `secret/<name>`) are data in
// builtin_rules_*.cpp; users add, override or disable rules in .slipway.yml
// (`scan.secrets.rules.<name>.*`) or a rules file (`scan.secrets.rules-file`).
// All patterns are compiled into one Vectorscan database and every input is
// read once; see docs/scan-secrets.md for the engine, the keys and the rules.
//
// No secret ever leaves this module in full: a finding's message shows the
// first 4 characters and "…", and no other field holds the secret.
#pragma once

#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "model/finding.hpp"
#include "stages/scan/scan_types.hpp"
#include "util/result.hpp"

namespace slipway::scan {

// Scans options.files (working tree, relative to options.root) and, when
// options.history is set, the blobs reachable from all refs (or only those
// introduced by the commits in options.history_base..HEAD), each blob once.
// A history finding names the commit that first introduced the secret; one
// that is also in the working tree at the same path is reported once, as the
// working-tree finding, with the introducing commit in its message.
// Errors: invalid user rules or allow-values (naming the rule id), an
// unreadable rules file, a repository libgit2 cannot read. Unreadable, binary
// and oversized files are skipped with a note, never an error.
Result<ScanOutcome> scan_secrets(const ScanOptions& options);

// Metadata of every rule that runs with this configuration (built-in rules
// plus the user's, minus disabled ones). When the user's rules do not load,
// the built-in ones (minus nothing): scan_secrets reports the error.
std::vector<model::RuleInfo> secret_rules(const model::Config* config);

// The scan.secrets.* configuration keys.
model::ConfigSchema secrets_config_schema();

}  // namespace slipway::scan
