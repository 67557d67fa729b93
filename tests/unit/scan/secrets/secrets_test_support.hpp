// Test helpers for the secret scan: sample secrets assembled at run time from
// templates, so that no file of this repository holds anything that looks
// like a live credential (GitHub push protection, and our own scan, would
// rightly flag it), and a shared matcher with the default settings.
//
// Template syntax: literal text, plus
//   {X:N}  N random characters of class X:
//          a [A-Za-z0-9]  A [A-Z0-9]  U [A-Z]  l [a-z]  L [A-Za-z]  h [0-9a-f]
//          H [0-9A-F]  d [0-9]  z [a-z0-9]  k [a-z2-7]  q bech32 upper case
//          w [A-Za-z0-9_-] and b [A-Za-z0-9+/] (both starting and ending alphanumeric)
//   {uuid} a random lower-case UUID
//   {-}    nothing (splits words such as key headers in this source)
// Any other brace is literal. The random source is seeded from the template's
// name, so every run sees the same strings.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/secrets/input_scanner.hpp"
#include "stages/scan/secrets/secret_matcher.hpp"
#include "stages/scan/secrets/secrets_settings.hpp"

namespace slipway::scan::secrets::test_support {

inline std::uint32_t seed_of(std::string_view name) {
  std::uint32_t hash = 2166136261u;  // FNV-1a
  for (char c : name) hash = (hash ^ static_cast<unsigned char>(c)) * 16777619u;
  return hash;
}

inline std::string charset(char kind) {
  const std::string upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
  const std::string lower = "abcdefghijklmnopqrstuvwxyz";
  const std::string digits = "0123456789";
  switch (kind) {
    case 'a':
      return upper + lower + digits;
    case 'A':
      return upper + digits;
    case 'U':
      return upper;
    case 'l':
      return lower;
    case 'L':
      return upper + lower;
    case 'h':
      return digits + "abcdef";
    case 'H':
      return digits + "ABCDEF";
    case 'd':
      return digits;
    case 'z':
      return lower + digits;
    case 'k':
      return lower + "234567";
    case 'q':
      return "QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L";
    case 'w':
      return upper + lower + digits + "_-";
    case 'b':
      return upper + lower + digits + "+/";
    default:
      return {};
  }
}

class SampleBuilder {
 public:
  explicit SampleBuilder(std::string_view name) : m_random(seed_of(name)) {}

  std::string random(char kind, std::size_t count) {
    const std::string chars = charset(kind);
    const std::string alnum = charset('a');
    const bool alnum_edges = kind == 'w' || kind == 'b';
    std::string out;
    for (std::size_t i = 0; i < count; ++i) {
      const std::string& from = alnum_edges && (i == 0 || i + 1 == count) ? alnum : chars;
      out.push_back(from[m_random() % from.size()]);
    }
    return out;
  }

  std::string expand(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
      if (text[i] == '{') {
        const std::size_t close = text.find('}', i);
        if (close != std::string_view::npos) {
          const std::string_view inner = text.substr(i + 1, close - i - 1);
          if (inner == "-") {
            i = close;
            continue;
          }
          if (inner == "uuid") {
            out += random('h', 8) + "-" + random('h', 4) + "-" + random('h', 4) + "-" + random('h', 4) + "-" +
                   random('h', 12);
            i = close;
            continue;
          }
          if (inner.size() >= 3 && inner[1] == ':' && !charset(inner[0]).empty()) {
            out += random(inner[0], std::stoul(std::string(inner.substr(2))));
            i = close;
            continue;
          }
        }
      }
      out.push_back(text[i]);
    }
    return out;
  }

 private:
  std::mt19937 m_random;
};

// A matcher with the built-in rules and default settings.
inline const SecretMatcher& default_matcher() {
  static const SecretMatcher k_matcher = [] {
    auto settings = load_secret_settings(nullptr, "");
    auto matcher = SecretMatcher::create(*settings);
    if (!matcher) throw std::runtime_error(matcher.error().to_string());
    return std::move(*matcher);
  }();
  return k_matcher;
}

inline std::vector<LocatedSecret> scan_text(const SecretMatcher& matcher, std::string_view text,
                                            const std::string& path = "sample.txt") {
  auto scratch = matcher.make_scratch();
  if (!scratch) throw std::runtime_error(scratch.error().to_string());
  auto result = scan_bytes(matcher, *scratch, text, path);
  if (!result) throw std::runtime_error(result.error().to_string());
  return std::move(result->secrets);
}

inline std::vector<LocatedSecret> scan_text(std::string_view text, const std::string& path = "sample.txt") {
  return scan_text(default_matcher(), text, path);
}

inline std::vector<std::string> rule_ids(const SecretMatcher& matcher,
                                         const std::vector<LocatedSecret>& found) {
  std::vector<std::string> ids;
  for (const LocatedSecret& secret : found) ids.push_back(matcher.rules()[secret.rule].id);
  return ids;
}

}  // namespace slipway::scan::secrets::test_support
