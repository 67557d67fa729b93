// DSSE (Dead Simple Signing Envelope, v1.0): the signed wrapper around the
// provenance statement. The signature is over the "pre-authentication
// encoding" of payload type and payload, never over the JSON of the envelope,
// so re-serialising the envelope cannot change what was signed.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stages/build/artifacts/build_artifacts.hpp"
#include "stages/build/artifacts/ed25519_keys.hpp"
#include "util/result.hpp"

namespace slipway::build::artifacts {

inline constexpr std::string_view k_in_toto_payload_type = "application/vnd.in-toto+json";

// PAE(type, body) = "DSSEv1" SP LEN(type) SP type SP LEN(body) SP body,
// lengths as ASCII decimal byte counts.
std::string dsse_pae(std::string_view payload_type, std::string_view payload);

// {"payloadType", "payload" (base64), "signatures": [{"keyid", "sig"}]} as
// one line of compact JSON.
Result<std::string> make_dsse_envelope(std::string_view payload_type, std::string_view payload,
                                       const SigningKey& key);

struct DsseSignature {
  std::string keyid;
  std::string signature;  // raw bytes
};

struct DsseEnvelope {
  std::string payload_type;
  std::string payload;  // decoded
  std::vector<DsseSignature> signatures;
};

// Parses an envelope's JSON; errors carry `file` and `line`.
Result<DsseEnvelope> parse_dsse_envelope(std::string_view json_text, const std::string& file, int line);

// True when one of the envelope's signatures verifies under `key`.
bool dsse_signed_by(const DsseEnvelope& envelope, const PublicKey& key);

}  // namespace slipway::build::artifacts
