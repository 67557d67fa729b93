// Tests of verify_artifact (verify_artifact.cpp) on artifacts built by
// collect_artifacts from a real temporary git repository (issue #5,
// acceptance 4): the genuine artifact passes; a modified byte, a wrong key,
// a provenance for another commit and a swapped signature are each
// rejected with a precise reason. The last test checks that the private key
// appears in no file and no message the whole flow produced.
#include <openssl/evp.h>
#include <openssl/pem.h>

#include <nlohmann/json.hpp>

#include "artifacts_test_support.hpp"
#include "stages/build/artifacts/base64.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;
using namespace std::chrono_literals;

namespace {

std::string git(const fs::path& repo, const std::vector<std::string>& args) {
  std::vector<std::string> argv = {
      "git", "-c", "user.name=Test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"};
  argv.insert(argv.end(), args.begin(), args.end());
  util::ProcessSpec spec;
  spec.argv = argv;
  spec.working_directory = repo.string();
  spec.env = {{"GIT_CONFIG_NOSYSTEM", "1"}, {"GIT_CONFIG_GLOBAL", "/dev/null"}};
  auto result = util::run_process(spec);
  REQUIRE(result.ok());
  INFO(result->stderr_text);
  REQUIRE(result->exit_code == 0);
  return std::string(util::trim(result->stdout_text));
}

// A repository with two commits; the artifacts are built at the second.
struct Release {
  Workspace workspace;
  std::string first_commit;
  std::string built_commit;
  fs::path private_key;
  fs::path public_key;
  fs::path other_public_key;
  ArtifactSet set;

  Release() {
    const fs::path& root = workspace.root();
    git(root, {"init", "-q", "-b", "main"});
    workspace.write("README.md", "first\n");
    git(root, {"add", "README.md"});
    git(root, {"commit", "-q", "-m", "first"});
    first_commit = git(root, {"rev-parse", "HEAD"});
    workspace.write("README.md", "second\n");
    git(root, {"commit", "-q", "-am", "second"});
    built_commit = git(root, {"rev-parse", "HEAD"});

    workspace.write("dist/app-linux", "linux binary \x01\x02\x03");
    workspace.write("dist/app-mac", "mac binary \x04\x05\x06");
    std::tie(private_key, public_key) = workspace.keys("release");
    other_public_key = workspace.keys("other").second;
    const SigningKey key = load_key(private_key);
    ProvenanceInput input;
    input.ci.platform = model::CiPlatform::local;
    input.ci.branch = "main";
    input.commit = built_commit;
    input.steps = {{"build", "make dist", {}}};
    input.started_on = std::chrono::system_clock::now() - 60s;
    input.finished_on = std::chrono::system_clock::now();
    ArtifactOptions options;
    options.signing_key = &key;
    options.provenance = &input;
    set = collect_ok(workspace, {"dist/app-*"}, options);
  }

  [[nodiscard]] std::string artifact(const std::string& name) const { return set.directory + "/" + name; }

  [[nodiscard]] VerifyOptions with_provenance(const std::string& commit = {}) const {
    VerifyOptions options;
    options.provenance_path = set.provenance_path;
    options.expected_commit = commit;
    return options;
  }

  Error rejected(const std::string& name, const VerifyOptions& options, const fs::path& key = {}) const {
    auto result = verify_artifact(artifact(name), (key.empty() ? public_key : key).string(), options);
    REQUIRE_FALSE(result.ok());
    return result.error();
  }
};

void flip_one_byte(const fs::path& file, std::size_t offset) {
  std::string content = read_text(file);
  REQUIRE(offset < content.size());
  content[offset] = static_cast<char>(content[offset] ^ 0x01);
  std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
}

}  // namespace

TEST_CASE("verify accepts the genuine artifact with checksum, signature and provenance",
          "[artifacts][verify]") {
  Release release;
  auto report = verify_artifact(release.artifact("app-linux"), release.public_key.string(),
                                release.with_provenance(release.built_commit));
  if (!report.ok()) FAIL(report.error().to_string());
  CHECK(report->sha256 == release.set.artifacts[0].sha256);
  REQUIRE(report->checks.size() == 4);
  CHECK_THAT(report->checks[0], Catch::StartsWith("checksum: app-linux matches"));
  CHECK_THAT(report->checks[1], Catch::StartsWith("signature: "));
  CHECK_THAT(report->checks[2], Catch::Contains("lists app-linux as a subject"));
  CHECK(report->checks[3] == "source: built from commit " + release.built_commit);

  // An abbreviated commit and no provenance at all are fine too.
  CHECK(verify_artifact(release.artifact("app-mac"), release.public_key.string(),
                        release.with_provenance(release.built_commit.substr(0, 7)))
            .ok());
  CHECK(verify_artifact(release.artifact("app-mac"), release.public_key.string(), {}).ok());
}

TEST_CASE("verify rejects a modified byte", "[artifacts][verify]") {
  Release release;
  flip_one_byte(release.artifact("app-linux"), 3);
  // With SHA256SUMS beside it, the checksum catches it first.
  const Error by_checksum = release.rejected("app-linux", release.with_provenance());
  CHECK(by_checksum.file == release.set.checksums_path);
  CHECK_THAT(by_checksum.message, Catch::StartsWith("checksum of app-linux does not match"));
  CHECK(by_checksum.line == 1);

  // Without SHA256SUMS, the signature does.
  fs::remove(release.set.checksums_path);
  const Error by_signature = release.rejected("app-linux", {});
  CHECK(by_signature.file == release.artifact("app-linux") + ".sig");
  CHECK_THAT(by_signature.message, Catch::Contains("signature does not match artifact app-linux"));
}

TEST_CASE("verify rejects a modified byte even when SHA256SUMS was updated to match", "[artifacts][verify]") {
  Release release;
  flip_one_byte(release.artifact("app-mac"), 0);
  const std::string forged = release.set.artifacts[0].sha256 + "  app-linux\n" +
                             *util::sha256_file_hex(release.artifact("app-mac")) + "  app-mac\n";
  std::ofstream(release.set.checksums_path, std::ios::trunc) << forged;
  const Error error = release.rejected("app-mac", {});
  CHECK_THAT(error.message, Catch::Contains("signature does not match artifact app-mac"));
}

TEST_CASE("verify rejects a wrong key", "[artifacts][verify]") {
  Release release;
  const Error error = release.rejected("app-linux", release.with_provenance(), release.other_public_key);
  CHECK(error.file == release.artifact("app-linux.sig"));
  CHECK_THAT(error.message, Catch::Contains("signature does not match artifact app-linux") &&
                                Catch::Contains(release.other_public_key.string()));
}

TEST_CASE("verify rejects a provenance for another commit", "[artifacts][verify]") {
  Release release;
  const Error error = release.rejected("app-linux", release.with_provenance(release.first_commit));
  CHECK(error.message ==
        "provenance is for commit " + release.built_commit + ", expected " + release.first_commit);
  CHECK(error.file == release.set.provenance_path);
  const Error prefix =
      release.rejected("app-linux", release.with_provenance(release.first_commit.substr(0, 8)));
  CHECK(prefix.message == "provenance is for commit " + release.built_commit + ", expected " +
                              release.first_commit.substr(0, 8));

  // The same artifacts rebuilt at the first commit, verified against the second.
  git(release.workspace.root(), {"checkout", "-q", release.first_commit});
  const SigningKey key = load_key(release.private_key);
  ProvenanceInput input;
  input.commit = release.first_commit;
  ArtifactOptions options;
  options.signing_key = &key;
  options.provenance = &input;
  const ArtifactSet rebuilt = collect_ok(release.workspace, {"dist/app-*"}, options);
  auto result = verify_artifact(rebuilt.artifacts[0].path, release.public_key.string(),
                                release.with_provenance(release.built_commit));
  REQUIRE_FALSE(result.ok());
  CHECK(result.error().message ==
        "provenance is for commit " + release.first_commit + ", expected " + release.built_commit);

  CHECK_THAT(release.rejected("app-linux", release.with_provenance("xyz")).message,
             Catch::Contains("not a commit id"));
  VerifyOptions no_provenance;
  no_provenance.expected_commit = release.built_commit;
  CHECK_THAT(release.rejected("app-linux", no_provenance).message, Catch::Contains("provenance file"));
}

TEST_CASE("verify rejects a swapped signature (the signature of another artifact)", "[artifacts][verify]") {
  Release release;
  fs::copy_file(release.artifact("app-mac.sig"), release.artifact("app-linux.sig"),
                fs::copy_options::overwrite_existing);
  const Error error = release.rejected("app-linux", release.with_provenance());
  CHECK(error.file == release.artifact("app-linux.sig"));
  CHECK_THAT(error.message, Catch::StartsWith("signature does not match artifact app-linux"));
}

TEST_CASE("verify rejects a tampered, foreign or unrelated provenance", "[artifacts][verify]") {
  Release release;
  const std::string original = read_text(release.set.provenance_path);

  SECTION("payload changed after signing") {
    auto envelope = nlohmann::json::parse(original);
    std::string statement = *artifacts::base64_decode(envelope["payload"].get<std::string>());
    statement = util::replace_all(statement, release.built_commit, release.first_commit);
    envelope["payload"] = artifacts::base64_encode(statement);
    std::ofstream(release.set.provenance_path, std::ios::trunc) << envelope.dump() << "\n";
    CHECK_THAT(release.rejected("app-linux", release.with_provenance(release.first_commit)).message,
               Catch::Contains("provenance signature does not match"));
  }
  SECTION("not a subject") {
    // A different file signed by the same key is not covered by this provenance.
    release.workspace.write("other/tool", "another program");
    const SigningKey key = load_key(release.private_key);
    ArtifactOptions options;
    options.signing_key = &key;
    const ArtifactSet other = collect_ok(release.workspace, {"other/tool"}, options);
    std::ofstream(release.workspace.temp() / "provenance.intoto.jsonl") << original;
    VerifyOptions verify;
    verify.provenance_path = (release.workspace.temp() / "provenance.intoto.jsonl").string();
    auto result = verify_artifact(other.artifacts[0].path, release.public_key.string(), verify);
    REQUIRE_FALSE(result.ok());
    CHECK_THAT(result.error().message,
               Catch::Contains("artifact tool") && Catch::Contains("is not a subject"));
  }
  SECTION("garbage") {
    std::ofstream(release.set.provenance_path, std::ios::trunc) << "{\"payloadType\": 1}\nnot json\n";
    const Error error = release.rejected("app-linux", release.with_provenance());
    CHECK(error.file == release.set.provenance_path);
    CHECK(error.line == 1);
    CHECK_THAT(error.message, Catch::Contains("not a DSSE envelope"));
  }
  SECTION("a pretty-printed .json envelope is read too") {
    const fs::path json_file = release.workspace.temp() / "provenance.json";
    std::ofstream(json_file) << nlohmann::json::parse(original).dump(2);
    VerifyOptions options;
    options.provenance_path = json_file.string();
    options.expected_commit = release.built_commit;
    CHECK(verify_artifact(release.artifact("app-linux"), release.public_key.string(), options).ok());
  }
}

TEST_CASE("verify names a missing or malformed signature and SHA256SUMS entry", "[artifacts][verify]") {
  Release release;
  fs::remove(release.artifact("app-linux.sig"));
  CHECK(release.rejected("app-linux", {}).file == release.artifact("app-linux.sig"));

  std::ofstream(release.artifact("app-mac.sig"), std::ios::trunc) << "AAAA\n";
  CHECK_THAT(release.rejected("app-mac", {}).message, Catch::Contains("3 bytes, expected 64"));

  std::ofstream(release.set.checksums_path, std::ios::trunc) << "abc  app-mac\n";
  const Error malformed = release.rejected("app-mac", {});
  CHECK(malformed.line == 1);
  CHECK_THAT(malformed.message, Catch::Contains("malformed checksum line"));

  std::ofstream(release.set.checksums_path, std::ios::trunc)
      << release.set.artifacts[0].sha256 << "  app-linux\n";
  CHECK_THAT(release.rejected("app-mac", {}).message, Catch::Contains("has no entry for app-mac"));
}

TEST_CASE("the private key appears in no file and no message of the whole flow",
          "[artifacts][verify][secrets]") {
  Release release;
  const std::string pem = read_text(release.private_key);

  // The raw 32-byte private key, in every encoding that could leak it.
  std::vector<std::string> needles;
  {
    BIO* bio = BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size()));
    EVP_PKEY* key = PEM_read_bio_PrivateKey(bio, nullptr, nullptr, nullptr);
    BIO_free(bio);
    REQUIRE(key != nullptr);
    std::string raw(32, '\0');
    std::size_t length = raw.size();
    REQUIRE(EVP_PKEY_get_raw_private_key(key, reinterpret_cast<unsigned char*>(raw.data()), &length) == 1);
    EVP_PKEY_free(key);
    needles.push_back(artifacts::base64_encode(raw));
    static constexpr char k_hex[] = "0123456789abcdef";
    std::string hex;
    for (const char c : raw) {
      hex += k_hex[(static_cast<unsigned char>(c) >> 4) & 0xF];
      hex += k_hex[static_cast<unsigned char>(c) & 0xF];
    }
    needles.push_back(hex);
  }
  std::istringstream lines(pem);
  for (std::string line; std::getline(lines, line);) {
    if (!line.empty() && line.rfind("-----", 0) != 0) needles.push_back(line);
  }
  needles.push_back("PRIVATE KEY-----");

  std::vector<std::string> produced;
  // Everything written under .slipway/ (artifacts, SHA256SUMS, signatures, provenance).
  for (const auto& [path, content] : tree_contents(release.workspace.root() / ".slipway"))
    produced.push_back(content);
  // An archive build with the key from an environment variable.
  SigningConfig from_env;
  from_env.key_env = "RELEASE_KEY";
  auto key = load_signing_key(from_env, {{"RELEASE_KEY", pem}}, release.workspace.root().string());
  REQUIRE(key.ok());
  ArtifactOptions options;
  options.archive = true;
  options.signing_key = &*key;
  const ArtifactSet archive = collect_ok(release.workspace, {"dist/"}, options);
  for (const auto& [path, content] : tree_contents(release.workspace.root() / ".slipway"))
    produced.push_back(content);
  // Messages of successful and failed verifications and failed loads.
  auto ok = verify_artifact(archive.artifacts[0].path, release.public_key.string(), {});
  REQUIRE(ok.ok());
  for (const std::string& line : ok->checks) produced.push_back(line);
  for (const fs::path& key_path : {release.private_key, release.other_public_key}) {
    auto failed = verify_artifact(archive.artifacts[0].path, key_path.string(), {});
    REQUIRE_FALSE(failed.ok());
    produced.push_back(failed.error().to_string());
  }
  for (const std::string& broken : {pem.substr(0, 60), pem.substr(30), std::string("x") + pem}) {
    auto failed = load_signing_key(from_env, {{"RELEASE_KEY", broken}}, "/");
    if (!failed.ok()) produced.push_back(failed.error().to_string());
  }
  REQUIRE(produced.size() > 10);

  for (const std::string& text : produced) {
    for (const std::string& needle : needles) {
      INFO(needle);
      CHECK(text.find(needle) == std::string::npos);
    }
  }
}
