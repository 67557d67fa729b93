// The private signing key: loading it from a file or an environment
// variable, and generating and writing a new key pair for `slipway keygen`.
//
// The PEM text of a private key is the most sensitive thing Slipway handles,
// so it is held only as long as OpenSSL needs to parse it and then wiped
// (OPENSSL_cleanse); no message ever quotes it, and OpenSSL's own error
// queue is cleared rather than reported. The password callback refuses
// instead of prompting: an encrypted key would otherwise make OpenSSL ask on
// the terminal and hang a CI job.
#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "stages/build/artifacts/build_artifacts.hpp"
#include "stages/build/artifacts/ed25519_keys.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

namespace fs = std::filesystem;
using artifacts::Pkey;

constexpr std::size_t k_max_key_bytes = 64 * 1024;

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};
using Bio = std::unique_ptr<BIO, BioDeleter>;

// Wipes a string holding key material when it goes out of scope.
class WipedString {
 public:
  explicit WipedString(std::string text) : m_text(std::move(text)) {}
  ~WipedString() { OPENSSL_cleanse(m_text.data(), m_text.size()); }
  WipedString(const WipedString&) = delete;
  WipedString& operator=(const WipedString&) = delete;
  [[nodiscard]] const std::string& text() const { return m_text; }

 private:
  std::string m_text;
};

int refuse_password(char* /*buffer*/, int /*size*/, int /*rwflag*/, void* /*user*/) {
  return -1;
}

// `where` names the source for messages: a file path or "environment variable X".
Result<Pkey> parse_private_key(const std::string& pem, const std::string& where, const std::string& file) {
  auto fail = [&](std::string message, std::string hint) -> Error {
    Error error = make_error(where.empty() ? message : where + " " + message, std::move(hint));
    error.file = file;
    return error;
  };
  if (pem.find("ENCRYPTED PRIVATE KEY-----") != std::string::npos ||
      pem.find("Proc-Type: 4,ENCRYPTED") != std::string::npos) {
    return fail("holds an encrypted private key; Slipway needs an unencrypted one",
                "keep the key unencrypted in your CI's secret store (slipway keygen writes one)");
  }
  Bio bio(BIO_new_mem_buf(pem.data(), static_cast<int>(pem.size())));
  Pkey key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refuse_password, nullptr) : nullptr);
  ERR_clear_error();
  if (!key) {
    return fail("does not hold a PEM private key",
                "expected an unencrypted PKCS#8 PEM key as `slipway keygen` writes it");
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    return fail("holds a private key that is not Ed25519",
                "create an Ed25519 key pair with `slipway keygen`");
  }
  return key;
}

Result<std::string> to_pem(EVP_PKEY* key, bool private_part) {
  Bio bio(BIO_new(BIO_s_secmem()));
  const int written = !bio ? 0
                      : private_part
                          ? PEM_write_bio_PrivateKey(bio.get(), key, nullptr, nullptr, 0, nullptr, nullptr)
                          : PEM_write_bio_PUBKEY(bio.get(), key);
  if (written != 1) {
    ERR_clear_error();
    return make_error("OpenSSL could not write the key as PEM");
  }
  char* data = nullptr;
  const long length = BIO_get_mem_data(bio.get(), &data);
  return std::string(data, static_cast<std::size_t>(length));
}

Result<void> refuse_existing(const std::string& path) {
  struct stat st {};
  if (::lstat(path.c_str(), &st) == 0) {
    Error error = make_error("already exists; not replacing a key", "remove it first or choose another path");
    error.file = path;
    return error;
  }
  return {};
}

}  // namespace

SigningKey::SigningKey(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
SigningKey::SigningKey(SigningKey&&) noexcept = default;
SigningKey& SigningKey::operator=(SigningKey&&) noexcept = default;
SigningKey::~SigningKey() = default;

const std::string& SigningKey::key_id() const {
  return m_impl->key_id;
}

std::string SigningKey::public_key_pem() const {
  auto pem = to_pem(m_impl->key.get(), false);
  return pem.ok() ? *pem : std::string();
}

Result<SigningKey> load_signing_key(const SigningConfig& config, const util::EnvMap& env,
                                    const std::string& root) {
  if (!config.key_file.empty() && !config.key_env.empty()) {
    return make_error("build.signing.key-file and build.signing.key-env are both set",
                      "set only one of them: a key file or the variable holding the key");
  }
  Result<Pkey> key =
      make_error("no signing key configured", "set build.signing.key-file or build.signing.key-env");
  if (!config.key_env.empty()) {
    const auto found = env.find(config.key_env);
    if (found == env.end() || util::trim(found->second).empty()) {
      return make_error(
          "environment variable " + config.key_env + " (build.signing.key-env) is not set or empty",
          "store the private key PEM in a CI secret exposed as " + config.key_env);
    }
    WipedString pem(found->second);
    key = parse_private_key(pem.text(), "environment variable " + config.key_env, "");
  } else if (!config.key_file.empty()) {
    fs::path path = util::expand_home(config.key_file);
    if (path.is_relative()) path = fs::path(root) / path;
    auto text = util::read_file_prefix(path, k_max_key_bytes + 1);
    if (!text.ok()) return text.error();
    WipedString pem(std::move(text).value());
    if (pem.text().size() > k_max_key_bytes) {
      Error error = make_error("is too large to be a private key");
      error.file = path.string();
      return error;
    }
    key = parse_private_key(pem.text(), "", path.string());
  }
  if (!key.ok()) return key.error();
  auto impl = std::make_unique<SigningKey::Impl>();
  impl->key_id = config.key_id.empty() ? artifacts::key_id_of(key->get()) : config.key_id;
  impl->key = std::move(key).value();
  return SigningKey(std::move(impl));
}

Result<KeyPair> generate_keypair() {
  Pkey key(EVP_PKEY_Q_keygen(nullptr, nullptr, "ED25519"));
  if (!key) {
    ERR_clear_error();
    return make_error("OpenSSL could not generate an Ed25519 key");
  }
  auto private_pem = to_pem(key.get(), true);
  if (!private_pem.ok()) return private_pem.error();
  auto public_pem = to_pem(key.get(), false);
  if (!public_pem.ok()) return public_pem.error();
  return KeyPair{std::move(private_pem).value(), std::move(public_pem).value(),
                 artifacts::key_id_of(key.get())};
}

Result<void> write_keypair(const std::string& private_path, const std::string& public_path, bool overwrite) {
  if (private_path.empty() || public_path.empty()) return make_error("key file paths must not be empty");
  std::error_code ec;
  if (fs::weakly_canonical(private_path, ec) == fs::weakly_canonical(public_path, ec)) {
    return make_error("the private and the public key need two different files");
  }
  if (!overwrite) {
    if (auto refused = refuse_existing(private_path); !refused.ok()) return refused;
    if (auto refused = refuse_existing(public_path); !refused.ok()) return refused;
  }
  auto pair = generate_keypair();
  if (!pair.ok()) return pair.error();
  WipedString private_pem(std::move(pair->private_pem));
  auto written = util::write_file_atomic(private_path, private_pem.text(),
                                         fs::perms::owner_read | fs::perms::owner_write);
  if (!written.ok()) return written;
  return util::write_file_atomic(
      public_path, pair->public_pem,
      fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read | fs::perms::others_read);
}

}  // namespace slipway::build
