// SHA256SUMS in the format GNU `sha256sum` writes and `sha256sum -c` reads:
// "<64 hex digits>  <name>\n". A name holding a backslash, a line feed or a
// carriage return is escaped (\\, \n, \r) and its line starts with '\', as
// coreutils does.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::build::artifacts {

struct ChecksumEntry {
  std::string name;
  std::string sha256;  // lowercase hex
  int line = 0;
};

// One line, with its "\n".
std::string checksum_line(std::string_view sha256_hex, std::string_view name);

// Parses a SHA256SUMS text (text mode "  " and binary mode " *" both
// accepted). A malformed line is an Error carrying `file` and the line.
Result<std::vector<ChecksumEntry>> parse_checksums(std::string_view text, const std::string& file);

}  // namespace slipway::build::artifacts
