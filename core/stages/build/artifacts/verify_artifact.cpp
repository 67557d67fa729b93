// `slipway verify`: the checks a consumer of an artifact runs before using
// it, in the order that gives the most precise message. The checksum comes
// first because a changed byte is then reported as a changed file rather than
// as a bad signature; the signature ties the file to the key; the provenance
// ties the file to a source commit and a build.
//
// Every input here may come from an untrusted download, so sizes are bounded
// and every parse failure is an Error naming the file (and line).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <optional>

#include "stages/build/artifacts/base64.hpp"
#include "stages/build/artifacts/build_artifacts.hpp"
#include "stages/build/artifacts/checksums.hpp"
#include "stages/build/artifacts/dsse.hpp"
#include "stages/build/artifacts/ed25519_keys.hpp"
#include "stages/build/artifacts/mapped_file.hpp"
#include "stages/build/artifacts/provenance.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::size_t k_max_signature_file_bytes = 4096;
constexpr std::size_t k_max_checksums_bytes = 16u << 20;
constexpr std::size_t k_max_provenance_bytes = 64u << 20;
constexpr std::size_t k_min_commit_prefix = 7;

Error file_error(const std::string& path, std::string message, std::string hint = {}, int line = 0) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = path;
  error.line = line;
  return error;
}

Result<std::string> read_bounded(const std::string& path, std::size_t limit, const std::string& what) {
  auto text = util::read_file_prefix(path, limit + 1);
  if (!text.ok()) return text.error();
  if (text->size() > limit) return file_error(path, "is too large to be " + what);
  return text;
}

// The string at `key`, or "" when it is missing or not a string.
std::string string_field(const Json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::string short_sha(const std::string& sha) {
  return sha.substr(0, 12);
}

// Checks the SHA256SUMS entry; "" in the report line when there is no file to check.
Result<std::string> check_checksum(const std::string& artifact, const std::string& name,
                                   const std::string& sha256, const VerifyOptions& options) {
  std::string path = options.checksums_path;
  if (path.empty()) {
    const fs::path beside = fs::path(artifact).parent_path() / k_checksums_name;
    std::error_code ec;
    if (!fs::exists(beside, ec))
      return std::string("checksum: no SHA256SUMS next to " + name + ", not checked");
    path = beside.string();
  }
  auto text = read_bounded(path, k_max_checksums_bytes, "a SHA256SUMS file");
  if (!text.ok()) return text.error();
  auto entries = artifacts::parse_checksums(*text, path);
  if (!entries.ok()) return entries.error();
  for (const artifacts::ChecksumEntry& entry : *entries) {
    if (entry.name != name) continue;
    if (entry.sha256 != sha256) {
      return file_error(path,
                        "checksum of " + name + " does not match: SHA256SUMS says " +
                            short_sha(entry.sha256) + "…, the file has " + short_sha(sha256) + "…",
                        "the artifact was changed after it was built, or it is not the file that was built",
                        entry.line);
    }
    return "checksum: " + name + " matches " + path;
  }
  return file_error(path, "has no entry for " + name,
                    "verify the artifact with the SHA256SUMS it was built with");
}

Result<std::string> check_signature(const std::string& artifact, const std::string& name,
                                    std::string_view content, const artifacts::PublicKey& key,
                                    const VerifyOptions& options) {
  const std::string path =
      options.signature_path.empty() ? artifact + std::string(k_signature_suffix) : options.signature_path;
  auto text = read_bounded(path, k_max_signature_file_bytes, "a signature file");
  if (!text.ok()) {
    Error error = text.error();
    error.hint = "signatures are written as <artifact>.sig when build.signing is set";
    return error;
  }
  const auto signature = artifacts::base64_decode(*text);
  if (!signature) return file_error(path, "is not a base64 signature");
  if (signature->size() != artifacts::k_ed25519_signature_bytes) {
    return file_error(
        path, "is not an Ed25519 signature (" + std::to_string(signature->size()) + " bytes, expected 64)");
  }
  if (!artifacts::verify_message(key, content, *signature)) {
    return file_error(
        path, "signature does not match artifact " + name + " with key " + key.path,
        "the file was changed, the signature belongs to another file, or another key signed it");
  }
  return "signature: " + path + " matches " + name + " (key " + short_sha(key.key_id) + "…)";
}

// The in-toto statement of one verified envelope, after the type checks.
Result<Json> read_statement(const artifacts::DsseEnvelope& envelope, const std::string& path, int line) {
  if (envelope.payload_type != artifacts::k_in_toto_payload_type) {
    return file_error(path,
                      "payloadType is \"" + envelope.payload_type + "\", expected \"" +
                          std::string(artifacts::k_in_toto_payload_type) + "\"",
                      {}, line);
  }
  Json statement = Json::parse(envelope.payload, nullptr, false);
  if (statement.is_discarded() || !statement.is_object()) {
    return file_error(path, "the signed payload is not a JSON object", {}, line);
  }
  const std::string type = string_field(statement, "_type");
  if (type != artifacts::k_statement_type) {
    return file_error(
        path,
        "statement _type is \"" + type + "\", expected \"" + std::string(artifacts::k_statement_type) + "\"",
        {}, line);
  }
  const std::string predicate_type = string_field(statement, "predicateType");
  if (predicate_type != artifacts::k_slsa_predicate_type) {
    return file_error(path,
                      "predicateType is \"" + predicate_type + "\", expected \"" +
                          std::string(artifacts::k_slsa_predicate_type) + "\"",
                      {}, line);
  }
  return statement;
}

bool has_subject(const Json& statement, const std::string& sha256) {
  const auto subjects = statement.find("subject");
  if (subjects == statement.end() || !subjects->is_array()) return false;
  for (const Json& subject : *subjects) {
    if (!subject.is_object()) continue;
    const auto digest = subject.find("digest");
    if (digest == subject.end() || !digest->is_object()) continue;
    const auto value = digest->find("sha256");
    if (value != digest->end() && value->is_string() && util::to_lower(value->get<std::string>()) == sha256) {
      return true;
    }
  }
  return false;
}

std::vector<std::string> source_commits(const Json& statement) {
  std::vector<std::string> commits;
  const Json* dependencies = nullptr;
  if (const auto predicate = statement.find("predicate");
      predicate != statement.end() && predicate->is_object()) {
    const auto definition = predicate->find("buildDefinition");
    if (definition != predicate->end() && definition->is_object()) {
      const auto found = definition->find("resolvedDependencies");
      if (found != definition->end() && found->is_array()) dependencies = &*found;
    }
  }
  if (dependencies == nullptr) return commits;
  for (const Json& dependency : *dependencies) {
    if (!dependency.is_object()) continue;
    const auto digest = dependency.find("digest");
    if (digest == dependency.end() || !digest->is_object()) continue;
    const auto commit = digest->find("gitCommit");
    if (commit != digest->end() && commit->is_string())
      commits.push_back(util::to_lower(commit->get<std::string>()));
  }
  return commits;
}

Result<std::vector<std::string>> check_provenance(const std::string& name, const std::string& sha256,
                                                  const artifacts::PublicKey& key,
                                                  const VerifyOptions& options) {
  const std::string& path = options.provenance_path;
  auto text = read_bounded(path, k_max_provenance_bytes, "a provenance file");
  if (!text.ok()) return text.error();

  // A .intoto.jsonl holds one envelope per line; a .json file one envelope,
  // possibly spread over several lines.
  std::vector<std::pair<int, std::string>> documents;
  const std::string_view whole = util::trim(*text);
  if (whole.empty()) return file_error(path, "is empty");
  if (Json::accept(whole)) {
    documents.emplace_back(1, std::string(whole));
  } else {
    int line_number = 0;
    for (const std::string& line : util::split_lines(*text)) {
      ++line_number;
      if (!util::trim(line).empty()) documents.emplace_back(line_number, line);
    }
  }

  bool any_signed = false;
  std::optional<Error> statement_error;
  for (const auto& [line, document] : documents) {
    auto envelope = artifacts::parse_dsse_envelope(document, path, line);
    if (!envelope.ok()) return envelope.error();
    if (!artifacts::dsse_signed_by(*envelope, key)) continue;
    any_signed = true;
    auto statement = read_statement(*envelope, path, line);
    if (!statement.ok()) {
      statement_error = statement.error();
      continue;
    }
    if (!has_subject(*statement, sha256)) continue;

    std::vector<std::string> report = {"provenance: " + path + " is signed by key " + short_sha(key.key_id) +
                                       "… and lists " + name + " as a subject"};
    const std::vector<std::string> commits = source_commits(*statement);
    if (commits.empty())
      return file_error(path, "the provenance names no source commit (gitCommit)", {}, line);
    if (!options.expected_commit.empty()) {
      const std::string expected = util::to_lower(options.expected_commit);
      const bool matches = std::any_of(commits.begin(), commits.end(), [&](const std::string& commit) {
        return commit == expected || util::starts_with(commit, expected);
      });
      if (!matches) {
        return file_error(path, "provenance is for commit " + commits.front() + ", expected " + expected,
                          "this artifact was built from another commit", line);
      }
      report.push_back("source: built from commit " + commits.front());
    } else {
      report.push_back("source: commit " + commits.front() + " (not compared: no expected commit given)");
    }
    return report;
  }
  if (!any_signed) {
    return file_error(path, "the provenance signature does not match key " + key.path,
                      "verify with the public key of the key that signed the build");
  }
  if (statement_error) return *statement_error;
  return file_error(
      path, "artifact " + name + " (sha256 " + short_sha(sha256) + "…) is not a subject of the provenance",
      "the provenance describes other files; use the provenance of the build that made this one");
}

Result<void> check_expected_commit(const VerifyOptions& options) {
  if (options.expected_commit.empty()) return {};
  if (options.provenance_path.empty()) {
    return make_error("a source commit can only be checked against a provenance file",
                      "pass the provenance (provenance.intoto.jsonl) as well");
  }
  const std::string& commit = options.expected_commit;
  const bool hex = std::all_of(commit.begin(), commit.end(),
                               [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
  if (!hex || commit.size() < k_min_commit_prefix || commit.size() > 64) {
    return make_error("\"" + commit + "\" is not a commit id",
                      "give the full commit sha or at least 7 hex digits");
  }
  return {};
}

}  // namespace

Result<VerifyReport> verify_artifact(const std::string& artifact, const std::string& public_key_pem_path,
                                     const VerifyOptions& options) {
  if (auto commit_ok = check_expected_commit(options); !commit_ok.ok()) return commit_ok.error();
  auto content = artifacts::MappedFile::open(artifact);
  if (!content.ok()) return content.error();
  const std::string name = fs::path(artifact).filename().string();

  VerifyReport report;
  report.sha256 = util::sha256_hex(content->bytes());
  auto checksum = check_checksum(artifact, name, report.sha256, options);
  if (!checksum.ok()) return checksum.error();
  report.checks.push_back(*checksum);

  auto key = artifacts::load_public_key(public_key_pem_path);
  if (!key.ok()) return key.error();
  auto signature = check_signature(artifact, name, content->bytes(), *key, options);
  if (!signature.ok()) return signature.error();
  report.checks.push_back(*signature);

  if (!options.provenance_path.empty()) {
    auto provenance = check_provenance(name, report.sha256, *key, options);
    if (!provenance.ok()) return provenance.error();
    for (std::string& line : *provenance) report.checks.push_back(std::move(line));
  }
  return report;
}

}  // namespace slipway::build
