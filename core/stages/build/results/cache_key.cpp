// Cache keys for actions/cache, GitLab cache:key and Jenkins stash names.
//
// A cache is only safe to restore when everything it was built from is the
// same: the operating system: binaries and compiled modules differ between
// distributions and architectures; the tools (a node_modules folder built by
// Node 18 is not one for Node 20) and the lockfiles. The key is therefore a
// readable prefix ("deps-linux-debian12") for people and a digest of all
// inputs for correctness. The digest is a SHA-256 over a canonical text, one
// line per input in a fixed order (globs' files sorted), so the same inputs
// give the same key on every run and every machine of the same kind. The
// machine architecture is in the digest, not the readable part.
//
// A listed glob that matches nothing is an error, not an empty input: a key
// that silently ignores a missing lockfile would never change when it
// appears.
#include <sys/utsname.h>

#include <algorithm>
#include <filesystem>

#include "stages/build/results/build_results.hpp"
#include "stages/build/results/matching_files.hpp"
#include "util/files.hpp"
#include "util/glob.hpp"
#include "util/hash.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::build::results {

namespace {

constexpr std::size_t k_digest_chars = 16;
constexpr std::size_t k_max_name = 64;

// Lowercase letters, digits, '.', '_' and '-' only (safe in every CI's keys).
std::string key_part(std::string_view text) {
  std::string out;
  for (const char c : util::to_lower(text)) {
    if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-') out += c;
  }
  return out;
}

// The value of KEY= in an os-release file ("" when absent), quotes removed.
std::string os_release_value(const std::string& content, std::string_view key) {
  for (const std::string& line : util::split_lines(content)) {
    const std::string_view trimmed = util::trim(line);
    if (!trimmed.starts_with(key) || trimmed.size() <= key.size() || trimmed[key.size()] != '=') continue;
    std::string_view value = trimmed.substr(key.size() + 1);
    if (value.size() >= 2 && (value.front() == '"' || value.front() == '\'') &&
        value.back() == value.front()) {
      value = value.substr(1, value.size() - 2);
    }
    return util::replace_all(std::string(value), "\\", "");
  }
  return {};
}

struct OsIdentity {
  std::string label;    // "linux-debian12"
  std::string machine;  // "x86_64"
};

OsIdentity os_identity(const std::string& os_release_path) {
  OsIdentity identity;
  struct utsname names {};
  if (::uname(&names) == 0) {
    identity.label = key_part(names.sysname);
    identity.machine = names.machine;
  }
  if (identity.label.empty()) identity.label = "unknown";
  if (Result<std::string> content = util::read_file(os_release_path)) {
    const std::string distribution =
        key_part(os_release_value(*content, "ID")) + key_part(os_release_value(*content, "VERSION_ID"));
    if (!distribution.empty()) identity.label += "-" + distribution;
  }
  return identity;
}

// The first non-empty output line of `<tool> --version` (or of the command as
// written when it has arguments). Some tools print it on stderr.
Result<std::string> tool_version(const std::string& tool, std::chrono::milliseconds timeout) {
  util::ProcessSpec spec;
  for (const std::string& word : util::split(tool, ' ')) {
    if (!util::trim(word).empty()) spec.argv.emplace_back(util::trim(word));
  }
  if (spec.argv.empty()) return make_error("an empty tool name in the cache key's tools");
  if (spec.argv.size() == 1) spec.argv.emplace_back("--version");
  spec.timeout = timeout;
  const std::string command = util::join(spec.argv, " ");
  if (!util::program_exists(spec.argv[0])) {
    return make_error("cannot find " + spec.argv[0] + " for the cache key",
                      "install it, or remove it from the cache's tools");
  }
  Result<util::ProcessResult> run = util::run_process(spec);
  if (!run) return run.error();
  if (run->timed_out || run->exit_code != 0) {
    return make_error(
        "`" + command + "` failed (" +
            (run->timed_out ? std::string("timed out") : "exit code " + std::to_string(run->exit_code)) +
            ") while computing the cache key",
        "name a tool that prints its version, or write the command to run (\"java -version\")");
  }
  for (const std::string* stream : {&run->stdout_text, &run->stderr_text}) {
    for (const std::string& line : util::split_lines(*stream)) {
      if (!util::trim(line).empty()) return std::string(util::trim(line));
    }
  }
  return make_error("`" + command + "` printed nothing", "name a tool that prints its version");
}

}  // namespace

Result<std::string> cache_key(const std::string& name, const CacheKeySpec& spec) {
  if (name.empty() || name.size() > k_max_name || key_part(name) != util::to_lower(name)) {
    return make_error("invalid cache name \"" + name + "\"",
                      "use letters, digits, '.', '_' and '-' (at most 64 characters)");
  }
  const OsIdentity os = os_identity(spec.os_release_path);
  std::string inputs = "slipway-cache-key 1\nos " + os.label + "\nmachine " + os.machine + "\n";
  for (const std::string& tool : spec.tools) {
    Result<std::string> version = tool_version(tool, spec.tool_timeout);
    if (!version) return version.error();
    inputs += "tool " + tool + "\t" + *version + "\n";
  }
  Result<std::vector<std::string>> files = matching_files(spec.root, spec.files);
  if (!files) return files.error();
  for (const std::string& glob : spec.files) {
    const bool matched = std::any_of(files->begin(), files->end(), [&](const std::string& file) {
      return util::glob_match(normalize_glob(glob), file);
    });
    if (!matched) {
      return make_error(
          "the cache's file \"" + glob + "\" matched no file below " + spec.root,
          "check the path (a name without '/' matches in any folder; \"/name\" only at the root)");
    }
  }
  for (const std::string& file : *files) {
    Result<std::string> digest = util::sha256_file_hex(std::filesystem::path(spec.root) / file);
    if (!digest) return digest.error();
    inputs += "file " + file + "\t" + *digest + "\n";
  }
  return name + "-" + os.label + "-" + util::sha256_hex(inputs).substr(0, k_digest_chars);
}

}  // namespace slipway::build::results
