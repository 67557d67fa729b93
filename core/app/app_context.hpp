// Everything a command needs before it runs a stage: the effective
// configuration (all four layers applied and validated), where we run (CI
// context) and the repository. Built once per command by load_context(); any
// error here stops the command with exit code 2 before anything ran.
#pragma once

#include <map>
#include <optional>
#include <ostream>
#include <string>

#include "model/ci_context.hpp"
#include "model/config.hpp"
#include "model/git_repo.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace slipway::app {

// What the command line said, before it is merged into the configuration.
struct CommandLine {
  std::string directory;                          // -C DIR ("" = current directory)
  std::string config_file;                        // --config FILE ("" = .slipway.yml when present)
  std::map<std::string, std::string> overrides;   // config key -> flag text
  std::map<std::string, std::string> flag_names;  // config key -> "--fail-on", for origins
  // `slipway lint` without --all: start listing the working tree for the
  // changed files while libgit2 starts (model::GitRepo::open).
  bool prefetch_worktree = false;
};

struct AppContext {
  model::Config config;
  model::CiContext ci;
  std::optional<model::GitRepo> repo;  // empty outside a git repository
  std::string root;                    // repository root (or the directory) — absolute
  util::EnvMap env;
  std::ostream* out = nullptr;
  std::ostream* err = nullptr;
};

// The whole configuration schema: top-level keys and every stage's section.
model::ConfigSchema full_schema();
// The scan section: scan.fail-on plus each scan area's keys (scan_command.cpp).
model::ConfigSchema scan_config_schema();
// The build section: build.steps (read by the steps area itself) plus each
// build area's keys (build_command.cpp).
model::ConfigSchema build_config_schema();

// Applies defaults, .slipway.yml, SLIPWAY_* and flags; detects CI; opens the
// repository. `require_repo` makes a missing repository an error.
Result<AppContext> load_context(const CommandLine& command_line, const util::EnvMap& env, bool require_repo,
                                std::ostream& out, std::ostream& err);

// Number of worker threads: the `jobs` key, or the number of cores when 0.
int effective_jobs(const model::Config& config);

}  // namespace slipway::app
