// Tests of key generation, key loading and signatures (signing_key.cpp,
// ed25519_keys.cpp, base64.cpp): file modes, refusals with messages that
// name the source but never the key, and interoperability with the real
// `openssl` command line (a signature Slipway writes verifies there).
#include <openssl/evp.h>
#include <openssl/pem.h>

#include "artifacts_test_support.hpp"
#include "stages/build/artifacts/base64.hpp"
#include "stages/build/artifacts/ed25519_keys.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;

namespace {

fs::perms mode_of(const fs::path& path) {
  return fs::status(path).permissions() & fs::perms::mask;
}

// The base64 body lines of a PEM block (what would leak if the key were printed).
std::vector<std::string> pem_body_lines(const std::string& pem) {
  std::vector<std::string> lines;
  std::istringstream in(pem);
  for (std::string line; std::getline(in, line);) {
    if (!line.empty() && line.rfind("-----", 0) != 0) lines.push_back(line);
  }
  return lines;
}

}  // namespace

TEST_CASE("base64 through OpenSSL round-trips and rejects non-canonical text", "[artifacts][keys]") {
  using artifacts::base64_decode;
  using artifacts::base64_encode;
  CHECK(base64_encode("") == "");
  CHECK(base64_encode("f") == "Zg==");
  CHECK(base64_encode("fo") == "Zm8=");
  CHECK(base64_encode("foo") == "Zm9v");
  CHECK(base64_encode(std::string("\x00\xff\x10", 3)) == "AP8Q");
  CHECK(base64_decode("Zg==") == std::optional<std::string>("f"));
  CHECK(base64_decode("Zm8=\n") == std::optional<std::string>("fo"));
  CHECK(base64_decode("AP8Q") == std::optional<std::string>(std::string("\x00\xff\x10", 3)));
  CHECK_FALSE(base64_decode("Zg=").has_value());
  CHECK_FALSE(base64_decode("Z=g=").has_value());
  CHECK_FALSE(base64_decode("Zm9v!!!!").has_value());
}

TEST_CASE("generate_keypair makes Ed25519 PEM keys with a stable key id", "[artifacts][keys]") {
  auto pair = generate_keypair();
  REQUIRE(pair.ok());
  CHECK_THAT(pair->private_pem, Catch::StartsWith("-----BEGIN PRIVATE KEY-----\n"));
  CHECK_THAT(pair->public_pem, Catch::StartsWith("-----BEGIN PUBLIC KEY-----\n"));
  CHECK(pair->key_id.size() == 64);
  auto other = generate_keypair();
  REQUIRE(other.ok());
  CHECK(other->key_id != pair->key_id);

  // openssl agrees it is an ED25519 key.
  Workspace workspace;
  const fs::path public_key = workspace.write_outside("k.pub", pair->public_pem);
  const util::ProcessResult text =
      run_tool({"openssl", "pkey", "-pubin", "-in", public_key.string(), "-noout", "-text"});
  CHECK(text.exit_code == 0);
  CHECK_THAT(text.stdout_text, Catch::Contains("ED25519"));
}

TEST_CASE("write_keypair writes the private key 0600, the public key 0644, and does not overwrite",
          "[artifacts][keys]") {
  Workspace workspace;
  const fs::path private_key = workspace.temp() / "keys/slipway.pem";
  const fs::path public_key = workspace.temp() / "keys/slipway.pub";
  REQUIRE(write_keypair(private_key.string(), public_key.string()).ok());
  CHECK(mode_of(private_key) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK(mode_of(public_key) ==
        (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read));
  const std::string first = read_text(private_key);

  auto again = write_keypair(private_key.string(), public_key.string());
  REQUIRE_FALSE(again.ok());
  CHECK(again.error().file == private_key.string());
  CHECK_THAT(again.error().message, Catch::Contains("already exists"));
  CHECK(read_text(private_key) == first);

  REQUIRE(write_keypair(private_key.string(), public_key.string(), true).ok());
  CHECK(read_text(private_key) != first);
  CHECK(mode_of(private_key) == (fs::perms::owner_read | fs::perms::owner_write));
  CHECK_FALSE(write_keypair(private_key.string(), private_key.string(), true).ok());

  // The public key matches the private one.
  const SigningKey key = load_key(private_key);
  CHECK(key.public_key_pem() == read_text(public_key));
}

TEST_CASE("the private key loads from a file or an environment variable", "[artifacts][keys]") {
  Workspace workspace;
  const auto [private_key, public_key] = workspace.keys("ci");
  const std::string pem = read_text(private_key);

  SigningConfig from_env;
  from_env.key_env = "MY_SIGNING_KEY";
  auto key = load_signing_key(from_env, {{"MY_SIGNING_KEY", pem}}, workspace.root().string());
  REQUIRE(key.ok());
  CHECK(key->public_key_pem() == read_text(public_key));

  // A relative key-file is relative to the workspace root.
  fs::copy_file(private_key, workspace.root() / "signing.pem");
  SigningConfig relative;
  relative.key_file = "signing.pem";
  relative.key_id = "release-2024";
  auto from_file = load_signing_key(relative, {}, workspace.root().string());
  REQUIRE(from_file.ok());
  CHECK(from_file->key_id() == "release-2024");
}

TEST_CASE("a detached signature verifies with the openssl command line", "[artifacts][keys]") {
  Workspace workspace;
  workspace.write("dist/app.bin", std::string("\x7f"
                                              "ELF binary-ish content\n",
                                              24));
  const auto [private_key, public_key] = workspace.keys("release");
  const SigningKey key = load_key(private_key);
  ArtifactOptions options;
  options.signing_key = &key;
  const ArtifactSet set = collect_ok(workspace, {"dist/app.bin"}, options);
  REQUIRE(set.artifacts.size() == 1);
  const Artifact& artifact = set.artifacts[0];
  CHECK(artifact.signature_path == artifact.path + ".sig");

  const std::string signature_text = read_text(artifact.signature_path);
  CHECK(signature_text.back() == '\n');
  const auto raw = artifacts::base64_decode(signature_text);
  REQUIRE(raw.has_value());
  CHECK(raw->size() == 64);
  const fs::path raw_file = workspace.write_outside("app.sig.raw", *raw);

  const util::ProcessResult good =
      run_tool({"openssl", "pkeyutl", "-verify", "-pubin", "-inkey", public_key.string(), "-rawin", "-in",
                artifact.path, "-sigfile", raw_file.string()});
  CHECK(good.exit_code == 0);
  CHECK_THAT(good.stdout_text, Catch::Contains("Signature Verified Successfully"));

  const fs::path changed = workspace.write_outside("changed.bin", read_text(artifact.path) + "!");
  const util::ProcessResult bad =
      run_tool({"openssl", "pkeyutl", "-verify", "-pubin", "-inkey", public_key.string(), "-rawin", "-in",
                changed.string(), "-sigfile", raw_file.string()});
  CHECK(bad.exit_code != 0);
}

TEST_CASE("bad keys are refused with messages that name the source, never the key", "[artifacts][keys]") {
  Workspace workspace;
  const auto [private_key, public_key] = workspace.keys("secret");
  const std::string pem = read_text(private_key);
  std::vector<std::string> produced;  // every message the code returned

  auto refused = [&](const SigningConfig& config, const util::EnvMap& env) {
    auto key = load_signing_key(config, env, workspace.root().string());
    REQUIRE_FALSE(key.ok());
    produced.push_back(key.error().to_string());
    return key.error();
  };

  SigningConfig both;
  both.key_file = private_key.string();
  both.key_env = "KEY";
  CHECK_THAT(refused(both, {{"KEY", pem}}).message, Catch::Contains("both set"));

  SigningConfig env_config;
  env_config.key_env = "SLIPWAY_TEST_KEY";
  CHECK_THAT(refused(env_config, {}).message,
             Catch::Contains("SLIPWAY_TEST_KEY") && Catch::Contains("not set"));
  // A truncated key: the variable is named, its content is not.
  const Error truncated = refused(env_config, {{"SLIPWAY_TEST_KEY", pem.substr(0, pem.size() / 2)}});
  CHECK_THAT(truncated.message, Catch::Contains("environment variable SLIPWAY_TEST_KEY"));
  // The public key given where the private key belongs.
  refused(env_config, {{"SLIPWAY_TEST_KEY", read_text(public_key)}});

  // An encrypted key is refused without prompting for a password.
  const fs::path encrypted = workspace.temp() / "keys/encrypted.pem";
  REQUIRE(run_tool({"openssl", "pkey", "-in", private_key.string(), "-aes256", "-passout", "pass:hunter2",
                    "-out", encrypted.string()})
              .exit_code == 0);
  SigningConfig encrypted_config;
  encrypted_config.key_file = encrypted.string();
  CHECK_THAT(refused(encrypted_config, {}).message, Catch::Contains("encrypted"));

  // An RSA key is not an Ed25519 key.
  const fs::path rsa = workspace.temp() / "keys/rsa.pem";
  REQUIRE(run_tool({"openssl", "genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024", "-out",
                    rsa.string()})
              .exit_code == 0);
  SigningConfig rsa_config;
  rsa_config.key_file = rsa.string();
  const Error not_ed25519 = refused(rsa_config, {});
  CHECK(not_ed25519.file == rsa.string());
  CHECK_THAT(not_ed25519.message, Catch::Contains("not Ed25519"));

  SigningConfig missing;
  missing.key_file = (workspace.temp() / "keys/missing.pem").string();
  CHECK(refused(missing, {}).file == missing.key_file);

  // A private key given to verify as the public key is refused, not echoed.
  workspace.write("app", "app");
  auto verified = verify_artifact((workspace.root() / "app").string(), private_key.string(), {});
  REQUIRE_FALSE(verified.ok());
  produced.push_back(verified.error().to_string());

  const std::string rsa_pem = read_text(rsa);
  for (const std::string& message : produced) {
    INFO(message);
    for (const std::string& line : pem_body_lines(pem)) CHECK(message.find(line) == std::string::npos);
    for (const std::string& line : pem_body_lines(rsa_pem)) CHECK(message.find(line) == std::string::npos);
    CHECK(message.find("PRIVATE KEY-----") == std::string::npos);
  }
}
