// Building and checking DSSE envelopes with nlohmann-json. The parser reads
// files from elsewhere (a provenance downloaded with a release), so every
// field's presence and type is checked and reported with the file and line
// instead of letting a JSON exception escape.
#include "stages/build/artifacts/dsse.hpp"

#include <nlohmann/json.hpp>

#include "stages/build/artifacts/base64.hpp"

namespace slipway::build::artifacts {

namespace {

using Json = nlohmann::ordered_json;

}  // namespace

std::string dsse_pae(std::string_view payload_type, std::string_view payload) {
  std::string pae = "DSSEv1 ";
  pae += std::to_string(payload_type.size());
  pae += ' ';
  pae += payload_type;
  pae += ' ';
  pae += std::to_string(payload.size());
  pae += ' ';
  pae += payload;
  return pae;
}

Result<std::string> make_dsse_envelope(std::string_view payload_type, std::string_view payload,
                                       const SigningKey& key) {
  auto signature = sign_message(key, dsse_pae(payload_type, payload));
  if (!signature.ok()) return signature.error();
  Json envelope;
  envelope["payloadType"] = std::string(payload_type);
  envelope["payload"] = base64_encode(payload);
  envelope["signatures"] = Json::array({Json{{"keyid", key.key_id()}, {"sig", base64_encode(*signature)}}});
  return envelope.dump(-1, ' ', false, Json::error_handler_t::replace);
}

Result<DsseEnvelope> parse_dsse_envelope(std::string_view json_text, const std::string& file, int line) {
  auto bad = [&](const std::string& why) -> Error {
    Error error =
        make_error("not a DSSE envelope: " + why,
                   "expected {\"payloadType\", \"payload\", \"signatures\": [{\"keyid\", \"sig\"}]}");
    error.file = file;
    error.line = line;
    return error;
  };
  const Json json = Json::parse(json_text, nullptr, false);
  if (json.is_discarded()) return bad("invalid JSON");
  if (!json.is_object()) return bad("not a JSON object");
  const auto type = json.find("payloadType");
  const auto payload = json.find("payload");
  const auto signatures = json.find("signatures");
  if (type == json.end() || !type->is_string()) return bad("\"payloadType\" is missing or not a string");
  if (payload == json.end() || !payload->is_string()) return bad("\"payload\" is missing or not a string");
  if (signatures == json.end() || !signatures->is_array())
    return bad("\"signatures\" is missing or not a list");

  DsseEnvelope envelope;
  envelope.payload_type = type->get<std::string>();
  auto decoded = base64_decode(payload->get<std::string>());
  if (!decoded) return bad("\"payload\" is not base64");
  envelope.payload = std::move(*decoded);
  for (const Json& entry : *signatures) {
    if (!entry.is_object()) return bad("a signature is not an object");
    const auto sig = entry.find("sig");
    if (sig == entry.end() || !sig->is_string()) return bad("a signature has no \"sig\" string");
    auto raw = base64_decode(sig->get<std::string>());
    if (!raw) return bad("a \"sig\" is not base64");
    DsseSignature signature;
    signature.signature = std::move(*raw);
    const auto keyid = entry.find("keyid");
    if (keyid != entry.end() && keyid->is_string()) signature.keyid = keyid->get<std::string>();
    envelope.signatures.push_back(std::move(signature));
  }
  return envelope;
}

bool dsse_signed_by(const DsseEnvelope& envelope, const PublicKey& key) {
  const std::string pae = dsse_pae(envelope.payload_type, envelope.payload);
  for (const DsseSignature& signature : envelope.signatures) {
    if (verify_message(key, pae, signature.signature)) return true;
  }
  return false;
}

}  // namespace slipway::build::artifacts
