// SHA-256 through OpenSSL's EVP interface (the low-level SHA256_* functions
// are deprecated in OpenSSL 3). Files are hashed in fixed-size chunks so a
// large artifact never has to fit in memory.
#include "util/hash.hpp"

#include <openssl/evp.h>

#include <array>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <memory>

namespace slipway::util {

namespace {

constexpr std::size_t k_file_chunk_bytes = 64 * 1024;

std::string to_hex(const unsigned char* bytes, unsigned int length) {
  static constexpr char k_digits[] = "0123456789abcdef";
  std::string hex;
  hex.reserve(length * 2);
  for (unsigned int i = 0; i < length; ++i) {
    hex += k_digits[bytes[i] >> 4];
    hex += k_digits[bytes[i] & 0x0F];
  }
  return hex;
}

struct DigestContextDeleter {
  void operator()(EVP_MD_CTX* context) const { EVP_MD_CTX_free(context); }
};
using DigestContext = std::unique_ptr<EVP_MD_CTX, DigestContextDeleter>;

Error hash_error(const std::filesystem::path& path, const std::string& what) {
  Error error = make_error(what);
  error.file = path.string();
  return error;
}

}  // namespace

std::string sha256_hex(std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  // EVP_Digest with SHA-256 fails only when OpenSSL itself is broken (out of
  // memory); an empty string is then the safest "no hash" answer.
  if (EVP_Digest(data.data(), data.size(), digest.data(), &length, EVP_sha256(), nullptr) != 1) return {};
  return to_hex(digest.data(), length);
}

Result<std::string> sha256_file_hex(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) return hash_error(path, "cannot hash a folder");
  std::ifstream in(path, std::ios::binary);
  if (!in) return hash_error(path, std::string("cannot open file for hashing: ") + std::strerror(errno));

  DigestContext context(EVP_MD_CTX_new());
  if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
    return hash_error(path, "OpenSSL could not start a SHA-256 digest");
  }
  std::array<char, k_file_chunk_bytes> buffer{};
  while (in) {
    in.read(buffer.data(), buffer.size());
    const std::streamsize got = in.gcount();
    if (got > 0 && EVP_DigestUpdate(context.get(), buffer.data(), static_cast<std::size_t>(got)) != 1) {
      return hash_error(path, "OpenSSL failed while hashing");
    }
  }
  if (in.bad()) return hash_error(path, "cannot read file for hashing");

  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int length = 0;
  if (EVP_DigestFinal_ex(context.get(), digest.data(), &length) != 1) {
    return hash_error(path, "OpenSSL failed while hashing");
  }
  return to_hex(digest.data(), length);
}

}  // namespace slipway::util
