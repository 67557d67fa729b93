// One parser per lockfile format, and the table that says which file name
// goes to which parser. Every parser takes the file's text and its
// repository-relative path and never throws on bad input: what it cannot
// read becomes a LockfileProblem with the line.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "stages/scan/deps/package.hpp"

namespace slipway::scan::deps {

LockfileContents parse_package_lock(std::string_view text,
                                    const std::string& file);  // package-lock.json, npm-shrinkwrap.json
LockfileContents parse_yarn_lock(std::string_view text, const std::string& file);   // yarn.lock v1 and Berry
LockfileContents parse_pnpm_lock(std::string_view text, const std::string& file);   // pnpm-lock.yaml
LockfileContents parse_cargo_lock(std::string_view text, const std::string& file);  // Cargo.lock
LockfileContents parse_go_mod(std::string_view text, const std::string& file);      // go.mod
LockfileContents parse_go_sum(std::string_view text, const std::string& file);      // go.sum (without go.mod)
LockfileContents parse_requirements(std::string_view text, const std::string& file);     // requirements*.txt
LockfileContents parse_poetry_lock(std::string_view text, const std::string& file);      // poetry.lock
LockfileContents parse_pipfile_lock(std::string_view text, const std::string& file);     // Pipfile.lock
LockfileContents parse_uv_lock(std::string_view text, const std::string& file);          // uv.lock
LockfileContents parse_gemfile_lock(std::string_view text, const std::string& file);     // Gemfile.lock
LockfileContents parse_composer_lock(std::string_view text, const std::string& file);    // composer.lock
LockfileContents parse_conan_lock(std::string_view text, const std::string& file);       // conan.lock
LockfileContents parse_nuget_lock(std::string_view text, const std::string& file);       // packages.lock.json
LockfileContents parse_gradle_lockfile(std::string_view text, const std::string& file);  // gradle.lockfile

using LockfileParser = LockfileContents (*)(std::string_view text, const std::string& file);

struct LockfileKind {
  std::string_view format;     // "package-lock.json", "requirements.txt", ...
  std::string_view ecosystem;  // OSV ecosystem of its packages
  LockfileParser parse = nullptr;
};

// The kind of lockfile `path` (repository-relative) is, by its file name;
// nullopt for other files.
std::optional<LockfileKind> lockfile_kind(std::string_view path);

// Runs the parser for `kind`, turning an unexpected exception into a problem
// so that no input can crash the scan.
LockfileContents parse_lockfile(const LockfileKind& kind, std::string_view text, const std::string& file);

}  // namespace slipway::scan::deps
