// The build stage's artifacts: collecting the files `build.artifacts` names
// into .slipway/artifacts/ (or one deterministic tar.gz), their SHA256SUMS,
// Ed25519 signatures, a signed SLSA provenance statement, and the checks
// `slipway verify` runs on them. Also the key pair `slipway keygen` writes.
//
// Everything takes plain inputs and returns Result<...>; nothing here prints.
// Private keys never appear in an Error, a file Slipway writes (other than
// the private key file of write_keypair) or anything returned except
// KeyPair::private_pem. Formats and the trust model: docs/build-artifacts.md.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "model/ci_context.hpp"
#include "model/config.hpp"
#include "model/config_schema.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace slipway::build {

// Where collect_artifacts writes, relative to the workspace root.
inline constexpr std::string_view k_artifacts_dir = ".slipway/artifacts";
inline constexpr std::string_view k_checksums_name = "SHA256SUMS";
inline constexpr std::string_view k_provenance_name = "provenance.intoto.jsonl";
inline constexpr std::string_view k_signature_suffix = ".sig";

// ---- signing keys ---------------------------------------------------------

// An Ed25519 private key loaded for signing. Move-only; the key material
// stays inside OpenSSL and is freed with it.
class SigningKey {
 public:
  SigningKey(SigningKey&&) noexcept;
  SigningKey& operator=(SigningKey&&) noexcept;
  ~SigningKey();

  // The key id written into signatures: build.signing.key-id, or by default
  // the lowercase hex SHA-256 of the 32-byte raw public key.
  [[nodiscard]] const std::string& key_id() const;
  // The matching public key as PEM ("BEGIN PUBLIC KEY").
  [[nodiscard]] std::string public_key_pem() const;

  struct Impl;
  explicit SigningKey(std::unique_ptr<Impl> impl);
  [[nodiscard]] const Impl& impl() const { return *m_impl; }

 private:
  std::unique_ptr<Impl> m_impl;
};

// Where the private key comes from (build.signing.*). Exactly one of
// key_file and key_env may be set; neither means "do not sign".
struct SigningConfig {
  std::string key_file;  // PEM file; relative paths are relative to the workspace root, "~/" expanded
  std::string key_env;   // name of an environment variable holding the PEM text
  std::string key_id;    // "" = derived from the public key
  [[nodiscard]] bool enabled() const { return !key_file.empty() || !key_env.empty(); }
};

// Loads the private key. Errors name the file or the variable, never the key.
Result<SigningKey> load_signing_key(const SigningConfig& config, const util::EnvMap& env,
                                    const std::string& root);

struct KeyPair {
  std::string private_pem;  // PKCS#8 "BEGIN PRIVATE KEY", unencrypted
  std::string public_pem;   // "BEGIN PUBLIC KEY"
  std::string key_id;       // hex SHA-256 of the raw public key
};

Result<KeyPair> generate_keypair();
// Generates a key pair and writes both files atomically: the private key with
// mode 0600 (it is never group- or world-readable, not even while written),
// the public key 0644. Refuses to replace an existing file unless `overwrite`.
Result<void> write_keypair(const std::string& private_path, const std::string& public_path,
                           bool overwrite = false);

// ---- provenance -----------------------------------------------------------

// One build step that ran, as the provenance records it.
struct ProvenanceStep {
  std::string name;
  std::string run;                   // a shell command, or
  std::vector<std::string> command;  // an argument vector
};

struct ArtifactDigest {
  std::string name;    // file name in .slipway/artifacts/
  std::string sha256;  // lowercase hex
};

struct ProvenanceInput {
  model::CiContext ci;          // platform, runner, branch, tag, event
  std::string repository_url;   // source repository; user:password@ is stripped
  std::string commit;           // source commit (full sha); "" = ci.commit
  std::string invocation_id;    // the CI run (URL or id), "" when unknown
  std::string builder_version;  // Slipway's version, "" to leave out
  std::vector<ProvenanceStep> steps;
  std::chrono::system_clock::time_point started_on;
  std::chrono::system_clock::time_point finished_on;
  std::vector<ArtifactDigest> artifacts;  // the subjects (collect_artifacts fills them)
};

// The source repository URL and the run id the platform's variables give
// ("" when they give none, e.g. locally). Credentials in URLs are stripped.
std::string ci_repository_url(const model::CiContext& ci, const util::EnvMap& env);
std::string ci_invocation_id(const model::CiContext& ci, const util::EnvMap& env);

// The DSSE envelope (one line of JSON, no trailing newline) holding the
// in-toto Statement v1 / SLSA provenance v1 for `input`, signed with `key`.
Result<std::string> make_provenance_envelope(const ProvenanceInput& input, const SigningKey& key);

// ---- collecting -----------------------------------------------------------

struct ArtifactOptions {
  bool archive = false;                           // pack everything into one tar.gz
  std::string archive_name = "artifacts.tar.gz";  // a plain file name
  std::int64_t archive_mtime = 0;                 // every tar entry's mtime (e.g. SOURCE_DATE_EPOCH)
  const SigningKey* signing_key = nullptr;        // set: write <artifact>.sig for each artifact
  const ProvenanceInput* provenance = nullptr;    // set (needs signing_key): write the provenance
};

struct Artifact {
  std::string name;    // file name in the artifacts folder
  std::string path;    // absolute path of the written file
  std::string sha256;  // lowercase hex
  std::uint64_t size = 0;
  std::vector<std::string> sources;  // workspace-relative paths it was made from
  std::string signature_path;        // "" when not signed
};

struct ArtifactSet {
  std::string directory;            // absolute path of .slipway/artifacts
  std::vector<Artifact> artifacts;  // sorted by name
  std::string checksums_path;       // SHA256SUMS
  std::string provenance_path;      // "" when no provenance was written
};

// Collects the workspace files matching `globs` (util/glob.hpp syntax,
// relative to `root`; a glob naming a folder takes everything below it).
// Copies land flat in .slipway/artifacts/ (two files with the same name are
// an error; use archive for trees), or are packed into one deterministic
// tar.gz that keeps their relative paths. Then SHA256SUMS, signatures and
// provenance as the options ask. Everything is written into a staging folder
// that replaces .slipway/artifacts/ only when all of it succeeded.
//
// Refused with an Error naming the glob or path: absolute globs and globs
// with "..", symlinks (never followed, whether matched or on a glob's literal
// folder path), anything that is not a regular file or folder, a glob that
// matches nothing. No byte outside `root` is read or written. No globs: an
// empty set, nothing written.
Result<ArtifactSet> collect_artifacts(const std::string& root, const std::vector<std::string>& globs,
                                      const ArtifactOptions& options);

// ---- verifying ------------------------------------------------------------

struct VerifyOptions {
  std::string provenance_path;  // "" = do not check provenance
  std::string expected_commit;  // "" = any; a prefix of 7+ hex digits is enough; needs provenance_path
  std::string signature_path;   // "" = <artifact>.sig
  std::string checksums_path;   // "" = SHA256SUMS next to the artifact, checked when present
};

struct VerifyReport {
  std::string sha256;               // of the artifact
  std::vector<std::string> checks;  // what passed, one line each, for the CLI to print
};

// Checks, in order: the SHA256SUMS entry (when a SHA256SUMS file is there),
// the detached signature against the public key, and with a provenance file:
// its DSSE signature, that the artifact's digest is one of its subjects and
// that its source commit is the expected one. The first failure is returned
// as an Error saying precisely what did not match.
Result<VerifyReport> verify_artifact(const std::string& artifact, const std::string& public_key_pem_path,
                                     const VerifyOptions& options);

// ---- configuration --------------------------------------------------------

// build.artifacts, build.archive, build.archive-name, build.signing.key-file,
// build.signing.key-env, build.signing.key-id.
model::ConfigSchema artifacts_config_schema();

struct ArtifactSettings {
  std::vector<std::string> globs;
  bool archive = false;
  std::string archive_name;
  std::int64_t archive_mtime = 0;  // from SOURCE_DATE_EPOCH when set
  SigningConfig signing;
};

// Reads build.* (a null config gives the defaults) and SOURCE_DATE_EPOCH.
// Errors: both key-file and key-env set, a bad archive name, a bad
// SOURCE_DATE_EPOCH.
Result<ArtifactSettings> artifact_settings(const model::Config* config, const util::EnvMap& env);

}  // namespace slipway::build
