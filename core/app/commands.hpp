// The commands of the `slipway` executable, each a function from parsed
// options to an exit code. cli_app.cpp maps the command line onto these.
#pragma once

#include <ostream>
#include <string>

#include "app/app_context.hpp"

namespace slipway::app {

struct LintRequest {
  bool fix = false;
  bool write_baseline = false;
  bool keep_going = false;  // `slipway run --keep-going`: run the later stages after a failed one
};

struct ScanRequest {
  bool secrets = false;  // none of the three: all of them
  bool deps = false;
  bool misconfig = false;
  bool history = false;    // secrets: also every blob reachable from the refs
  bool update_db = false;  // download the OSV database first
  bool write_baseline = false;
};

struct BuildRequest {
  bool plan_only = false;  // --plan: print the steps and why, run nothing
  std::string cache_key;   // --cache-key NAME: print the cache key, run nothing
};

struct VersionRequest {
  bool changelog = false;  // --changelog: Markdown release notes instead of the version
};

struct VerifyRequest {
  std::string artifact, key, provenance, source_commit, signature;
};

struct KeygenRequest {
  std::string private_key = "slipway-signing.key";
  std::string public_key = "slipway-signing.pub";
  bool force = false;
};

// Validates what must be valid before a stage runs (e.g. format names).
Result<void> validate_run_settings(const AppContext& context);

int run_lint(const AppContext& context, const LintRequest& request);
int run_scan(const AppContext& context, const ScanRequest& request);
int run_build(const AppContext& context, const BuildRequest& request);
// `slipway version --next` / `--changelog`.
int run_version(const AppContext& context, const VersionRequest& request);
// `slipway verify` and `slipway keygen` need no repository or configuration.
int run_verify(const VerifyRequest& request, std::ostream& out, std::ostream& err);
int run_keygen(const KeygenRequest& request, std::ostream& out, std::ostream& err);
// `slipway run`: the configured stages in order, stopping at the first failure.
int run_pipeline(const AppContext& context, const LintRequest& request);
// `slipway lint --list`: every known linter, enabled or not and why, installed, version.
int run_lint_list(const AppContext& context);
// `slipway init`: writes a starter .slipway.yml (refuses to replace one unless `force`).
int run_init(const AppContext& context, bool force);
int run_config_explain(const AppContext& context);
int run_ci_info(const AppContext& context, bool json);

}  // namespace slipway::app
