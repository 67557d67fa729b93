// Hashing through OpenSSL: SHA-256 of strings and files, as lowercase hex.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::util {

std::string sha256_hex(std::string_view data);
Result<std::string> sha256_file_hex(const std::filesystem::path& path);

}  // namespace slipway::util
