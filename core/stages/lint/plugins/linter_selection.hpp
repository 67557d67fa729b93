// Which linters run, and with which per-linter settings, from .slipway.yml.
//
//   lint:
//     auto: true                 # also every linter whose detect globs match
//     linters:
//       shellcheck:              # listed = enabled
//         args: [--severity=warning]
//         exclude: [vendor/]
//       eslint: {enabled: false}
//
// A linter runs when it is listed under lint.linters (enabled defaults to
// true there) or, with lint.auto, when its descriptor's detect globs match a
// repository file (file-patterns when it has no detect globs) and its program
// is installed. Listing an id that no descriptor declares is a configuration
// error with a "did you mean". The same decision, with its reason, feeds
// `slipway lint --list`.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "model/finding.hpp"
#include "stages/lint/plugins/descriptor.hpp"
#include "util/result.hpp"

namespace slipway::lint {

// lint.auto and lint.linters.*.{enabled,args,config,exclude,fail-on,required,timeout}.
model::ConfigSchema plugin_config_schema();

// lint.linters.<id>.* resolved against the descriptor's defaults.
struct LinterSettings {
  std::vector<std::string> args;         // inserted before {files}/{file}, or appended
  std::string config;                    // "" = not set; otherwise the path given for {config}
  std::vector<std::string> exclude;      // on top of the descriptor's exclude
  std::optional<model::FailOn> fail_on;  // not set: the stage's fail-on applies
  bool required = false;
  int timeout_seconds = 300;
};

// With `config` null (or without the plugin keys in its schema) every
// setting is the descriptor's default.
LinterSettings linter_settings(const Descriptor& descriptor, const model::Config* config);

// The file passed as {config}: lint.linters.<id>.config when set (an Error
// when it does not exist), else the first of the descriptor's config-files
// present at the root, else "" (then {config} arguments are dropped).
Result<std::string> linter_config_file(const Descriptor& descriptor, const LinterSettings& settings,
                                       const std::string& root);

// Full path of the descriptor's program (command[0]), or "" when it is not
// installed. A name with '/' is taken relative to `root` (e.g.
// node_modules/.bin/eslint); a bare name is looked up on PATH.
std::string locate_program(const Descriptor& descriptor, const std::string& root);

// The first file that makes lint.auto consider the descriptor: one matching
// `detect`, or (without `detect`) one matching `file-patterns`; "" if none.
std::string detected_file(const Descriptor& descriptor, const std::vector<std::string>& all_files);

struct LinterChoice {
  const Descriptor* descriptor = nullptr;
  bool enabled = false;
  std::string reason;  // "listed in .slipway.yml", "auto: detected .eslintrc.json", "not enabled", ...
};

// The decision for every descriptor, in the descriptors' order. Error for an
// id listed under lint.linters that no descriptor declares.
Result<std::vector<LinterChoice>> choose_linters(const std::vector<Descriptor>& descriptors,
                                                 const model::Config& config,
                                                 const std::vector<std::string>& all_files,
                                                 const std::string& root = {});

// The enabled ones only.
Result<std::vector<const Descriptor*>> enabled_linters(const std::vector<Descriptor>& descriptors,
                                                       const model::Config& config,
                                                       const std::vector<std::string>& all_files,
                                                       const std::string& root = {});

}  // namespace slipway::lint
