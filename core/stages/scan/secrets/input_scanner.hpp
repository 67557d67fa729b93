// Scanning one input — a working-tree file or a blob's bytes — for secrets,
// with line and column numbers.
//
// Files are streamed in windows: each Vectorscan call sees k_window_size bytes
// plus k_overlap bytes on either side, and keeps only matches that start in
// its own k_window_size part. A secret up to k_overlap bytes long is therefore
// found exactly once wherever the window edges fall, and a leading \b still
// sees the byte before it. No built-in rule matches more than k_overlap bytes;
// a user pattern that does may miss a match that straddles a window edge.
// Blobs are already in memory (libgit2 hands them over whole) and are scanned
// in one call.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/secrets/secret_matcher.hpp"

namespace slipway::scan::secrets {

constexpr std::size_t k_window_size = std::size_t{1} << 20;  // 1 MiB
constexpr std::size_t k_overlap = k_max_match_width;

struct LocatedSecret {
  std::size_t rule = 0;
  std::string secret;
  int line = 0;  // 1-based, where the rule's match starts
  int column = 0;
  int end_line = 0;    // where the secret ends
  int end_column = 0;  // one past its last byte, SARIF-style
};

enum class InputSkip { none, allowed_path, binary, too_large, unreadable };

struct InputResult {
  std::vector<LocatedSecret> secrets;
  InputSkip skip = InputSkip::none;
  std::string detail;  // for unreadable: why
};

// Scans a file of the working tree (`path` is repository-relative, for the
// allow lists; `full` is where it is read from).
Result<InputResult> scan_file(const SecretMatcher& matcher, PatternDatabase::Scratch& scratch,
                              const std::filesystem::path& full, const std::string& path);

// Scans bytes held in memory (a blob). Size and binary checks are the
// caller's; allow lists are applied here.
Result<InputResult> scan_bytes(const SecretMatcher& matcher, PatternDatabase::Scratch& scratch,
                               std::string_view data, const std::string& path);

}  // namespace slipway::scan::secrets
