// Standard base64 (RFC 4648, with padding, no line breaks) through OpenSSL's
// EVP_EncodeBlock / EVP_DecodeBlock, for signatures and DSSE payloads.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace slipway::build::artifacts {

std::string base64_encode(std::string_view bytes);
// The decoded bytes, or nullopt when `text` is not canonical padded base64
// (surrounding whitespace is ignored).
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace slipway::build::artifacts
