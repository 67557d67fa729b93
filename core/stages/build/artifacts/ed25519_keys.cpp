// Ed25519 signing and verifying, and reading public keys.
//
// Ed25519 hashes the message itself (SHA-512 inside the algorithm), so the
// EVP_DigestSign/EVP_DigestVerify calls get a NULL digest and the whole
// message at once; there is no streaming Update for it. Signatures over
// artifacts are therefore made over the mapped file (see mapped_file.hpp),
// which keeps them compatible with `openssl pkeyutl -verify -rawin`.
#include "stages/build/artifacts/ed25519_keys.hpp"

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/objects.h>
#include <openssl/pem.h>

#include <array>
#include <climits>

#include "util/files.hpp"
#include "util/hash.hpp"

namespace slipway::build::artifacts {

namespace {

constexpr std::size_t k_max_key_file_bytes = 64 * 1024;

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextDeleter>;

struct BioDeleter {
  void operator()(BIO* bio) const { BIO_free(bio); }
};

Error key_file_error(const std::string& path, std::string message, std::string hint = {}) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = path;
  return error;
}

}  // namespace

std::string key_id_of(EVP_PKEY* key) {
  std::array<unsigned char, 32> raw{};
  std::size_t length = raw.size();
  if (EVP_PKEY_get_raw_public_key(key, raw.data(), &length) != 1) return {};
  return util::sha256_hex(std::string_view(reinterpret_cast<const char*>(raw.data()), length));
}

Result<std::string> sign_message(const SigningKey& key, std::string_view message) {
  DigestContext context(EVP_MD_CTX_new());
  std::string signature(k_ed25519_signature_bytes, '\0');
  std::size_t length = signature.size();
  if (!context || EVP_DigestSignInit(context.get(), nullptr, nullptr, nullptr, key.impl().key.get()) != 1 ||
      EVP_DigestSign(context.get(), reinterpret_cast<unsigned char*>(signature.data()), &length,
                     reinterpret_cast<const unsigned char*>(message.data()), message.size()) != 1) {
    ERR_clear_error();
    return make_error("OpenSSL could not make an Ed25519 signature");
  }
  signature.resize(length);
  return signature;
}

Result<PublicKey> load_public_key(const std::string& path) {
  auto text = util::read_file_prefix(path, k_max_key_file_bytes + 1);
  if (!text.ok()) return text.error();
  if (text->size() > k_max_key_file_bytes)
    return key_file_error(path, "file is too large to be a public key");
  const bool is_private = text->find("PRIVATE KEY-----") != std::string::npos;
  std::unique_ptr<BIO, BioDeleter> bio(BIO_new_mem_buf(text->data(), static_cast<int>(text->size())));
  Pkey key(bio ? PEM_read_bio_PUBKEY(bio.get(), nullptr, nullptr, nullptr) : nullptr);
  ERR_clear_error();
  if (is_private) {
    // Never keep a private key's text around longer than needed.
    OPENSSL_cleanse(text->data(), text->size());
    return key_file_error(path, "is a private key, not a public key",
                          "give the public key (slipway keygen writes it next to the private one)");
  }
  if (!key) {
    return key_file_error(path, "is not a PEM public key", "expected a \"-----BEGIN PUBLIC KEY-----\" block");
  }
  if (EVP_PKEY_get_base_id(key.get()) != EVP_PKEY_ED25519) {
    const char* type = OBJ_nid2sn(EVP_PKEY_get_base_id(key.get()));
    return key_file_error(path,
                          std::string("is a ") + (type != nullptr ? type : "non-Ed25519") +
                              " key; Slipway signs and verifies with Ed25519 keys",
                          "create a key pair with `slipway keygen`");
  }
  PublicKey public_key;
  public_key.key_id = key_id_of(key.get());
  public_key.key = std::move(key);
  public_key.path = path;
  return public_key;
}

bool verify_message(const PublicKey& key, std::string_view message, std::string_view signature) {
  if (signature.size() != k_ed25519_signature_bytes) return false;
  DigestContext context(EVP_MD_CTX_new());
  const bool ok = context &&
                  EVP_DigestVerifyInit(context.get(), nullptr, nullptr, nullptr, key.key.get()) == 1 &&
                  EVP_DigestVerify(context.get(), reinterpret_cast<const unsigned char*>(signature.data()),
                                   signature.size(), reinterpret_cast<const unsigned char*>(message.data()),
                                   message.size()) == 1;
  ERR_clear_error();
  return ok;
}

}  // namespace slipway::build::artifacts
