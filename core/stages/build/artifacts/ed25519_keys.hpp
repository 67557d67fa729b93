// Ed25519 keys through OpenSSL's EVP interface: the private key behind
// SigningKey, public keys for verification, and one-shot signing and
// verifying of whole messages (Ed25519 is "pure": EVP_DigestSign with no
// digest, over the message itself).
#pragma once

#include <openssl/evp.h>

#include <memory>
#include <string>
#include <string_view>

#include "stages/build/artifacts/build_artifacts.hpp"
#include "util/result.hpp"

namespace slipway::build::artifacts {

inline constexpr std::size_t k_ed25519_signature_bytes = 64;

struct PkeyDeleter {
  void operator()(EVP_PKEY* key) const { EVP_PKEY_free(key); }
};
using Pkey = std::unique_ptr<EVP_PKEY, PkeyDeleter>;

// Lowercase hex SHA-256 of the key's 32-byte raw public key.
std::string key_id_of(EVP_PKEY* key);

// The raw 64-byte signature of `message`.
Result<std::string> sign_message(const SigningKey& key, std::string_view message);

// A public key for verifying.
struct PublicKey {
  Pkey key;
  std::string key_id;
  std::string path;  // the file it came from, for messages
};

// Reads a PEM public key ("BEGIN PUBLIC KEY") and checks it is Ed25519.
Result<PublicKey> load_public_key(const std::string& path);

bool verify_message(const PublicKey& key, std::string_view message, std::string_view signature);

}  // namespace slipway::build::artifacts

namespace slipway::build {

struct SigningKey::Impl {
  artifacts::Pkey key;
  std::string key_id;
};

}  // namespace slipway::build
