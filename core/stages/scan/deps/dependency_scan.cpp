// scan_dependencies(): select the lockfiles, parse each, load only the
// advisories that name a parsed package, match, and word the findings (see
// dependency_scan.hpp). A package pinned twice in one lockfile at the same
// version (npm's nested copies) is reported once, at its first line.
#include "stages/scan/deps/dependency_scan.hpp"

#include <map>
#include <set>
#include <tuple>

#include "stages/scan/deps/dependency_findings.hpp"
#include "stages/scan/deps/deps_settings.hpp"
#include "stages/scan/deps/lockfile_selection.hpp"
#include "stages/scan/deps/osv_database.hpp"
#include "stages/scan/deps/package_vulnerabilities.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_lockfile_size = 256u << 20;

// Reads and parses one lockfile; unreadable content becomes a problem.
LockfileContents read_lockfile(const ScanOptions& options, const SelectedLockfile& lockfile) {
  LockfileContents contents;
  const fs::path path = fs::path(options.root) / lockfile.path;
  std::error_code error;
  const auto size = fs::file_size(path, error);
  if (error) {
    contents.problem(0, "cannot read the file: " + error.message());
    return contents;
  }
  if (size > k_max_lockfile_size) {
    contents.problem(0, "larger than 256 MiB");
    return contents;
  }
  auto text = util::read_file(path);
  if (!text) {
    contents.problem(0, text.error().message);
    return contents;
  }
  if (util::looks_binary(std::string_view(*text).substr(0, 8192))) {
    contents.problem(1, "binary content, not a text lockfile");
    return contents;
  }
  return parse_lockfile(lockfile.kind, *text, lockfile.path);
}

bool ignored(const PackageVulnerability& vulnerability, const std::set<std::string>& ignore) {
  if (ignore.count(vulnerability.id) > 0) return true;
  for (const std::string& id : vulnerability.other_ids) {
    if (ignore.count(id) > 0) return true;
  }
  return false;
}

void note(const ScanOptions& options, ScanOutcome& outcome, std::string line) {
  if (options.on_note) options.on_note(line);
  outcome.notes.push_back(std::move(line));
}

}  // namespace

Result<ScanOutcome> scan_dependencies(const ScanOptions& options) {
  const DepsSettings settings = read_deps_settings(options.config);
  ScanOutcome outcome;
  outcome.rules.push_back(malformed_lockfile_rule());

  // Packages, deduplicated by (file, ecosystem, name, version), first line kept.
  std::map<std::tuple<std::string, std::string, std::string, std::string>, Package> packages;
  WantedPackages wanted;
  const std::vector<SelectedLockfile> lockfiles = select_lockfiles(options, settings);
  for (const SelectedLockfile& lockfile : lockfiles) {
    outcome.checked.push_back(model::CheckedFile{std::string(k_tool), lockfile.path});
    LockfileContents contents = read_lockfile(options, lockfile);
    for (const LockfileProblem& problem : contents.problems) {
      if (settings.strict) {
        Error error =
            make_error("malformed " + std::string(lockfile.kind.format) + ": " + problem.message,
                       "fix or regenerate the lockfile, or set scan.deps.strict: false to report it "
                       "as a deps/malformed-lockfile finding");
        error.file = lockfile.path;
        error.line = problem.line;
        return error;
      }
      outcome.findings.push_back(malformed_lockfile_finding(lockfile.path, lockfile.kind.format, problem));
    }
    for (Package& package : contents.packages) {
      wanted.add(package.ecosystem, package.name);
      const auto key = std::make_tuple(package.file, package.ecosystem, package.name, package.version);
      packages.emplace(key, std::move(package));
    }
  }
  if (packages.empty()) {
    note(options, outcome,
         lockfiles.empty() ? "deps: no lockfiles found" : "deps: the lockfiles pin no registry packages");
    return outcome;
  }

  const fs::path db_dir = advisory_db_dir(settings, util::current_environment());
  auto database = AdvisoryDatabase::load(db_dir, wanted);
  if (!database) return database.error();
  for (const std::string& line : database->notes()) note(options, outcome, "deps: " + line);

  const std::set<std::string> ignore(settings.ignore.begin(), settings.ignore.end());
  std::set<std::string> rules_added;
  std::set<std::string> unreadable_versions;
  for (const auto& [key, package] : packages) {
    bool version_unreadable = false;
    for (const PackageVulnerability& vulnerability :
         vulnerabilities_for(package, *database, version_unreadable)) {
      if (ignored(vulnerability, ignore)) continue;
      outcome.findings.push_back(vulnerability_finding(package, vulnerability));
      if (rules_added.insert(vulnerability.id).second)
        outcome.rules.push_back(advisory_rule(package, vulnerability));
    }
    if (version_unreadable && unreadable_versions.insert(package.ecosystem + " " + package.name).second) {
      note(options, outcome,
           "deps: " + package.file + ":" + std::to_string(package.line) + ": version \"" + package.version +
               "\" of " + package.name + " is not a valid " + package.ecosystem +
               " version: only exact version lists of advisories were checked");
    }
  }
  note(options, outcome,
       "deps: " + std::to_string(packages.size()) + " packages in " + std::to_string(lockfiles.size()) +
           " lockfiles checked against " + std::to_string(database->record_count()) + " relevant advisories");
  model::sort_findings(outcome.findings);
  return outcome;
}

}  // namespace slipway::scan::deps
