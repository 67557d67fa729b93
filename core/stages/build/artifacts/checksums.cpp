// Writing and reading SHA256SUMS lines. The parser reads files that come
// from elsewhere (a downloaded release), so it checks every field instead of
// trusting the layout: 64 hex digits, the two-character separator, a known
// escape sequence, no empty name.
#include "stages/build/artifacts/checksums.hpp"

#include <cctype>

#include "util/strings.hpp"

namespace slipway::build::artifacts {

namespace {

constexpr std::size_t k_hex_digits = 64;

bool is_hex(std::string_view text) {
  for (const char c : text) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

bool unescape(std::string_view text, std::string& out) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out += text[i];
      continue;
    }
    if (++i == text.size()) return false;
    switch (text[i]) {
      case '\\':
        out += '\\';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      default:
        return false;
    }
  }
  return true;
}

}  // namespace

std::string checksum_line(std::string_view sha256_hex, std::string_view name) {
  std::string escaped;
  bool needs_escape = false;
  for (const char c : name) {
    switch (c) {
      case '\\':
        escaped += "\\\\";
        needs_escape = true;
        break;
      case '\n':
        escaped += "\\n";
        needs_escape = true;
        break;
      case '\r':
        escaped += "\\r";
        needs_escape = true;
        break;
      default:
        escaped += c;
    }
  }
  return (needs_escape ? "\\" : "") + std::string(sha256_hex) + "  " + escaped + "\n";
}

Result<std::vector<ChecksumEntry>> parse_checksums(std::string_view text, const std::string& file) {
  std::vector<ChecksumEntry> entries;
  int line_number = 0;
  for (const std::string& raw : util::split_lines(text)) {
    ++line_number;
    std::string_view line = raw;
    if (util::trim(line).empty()) continue;
    auto bad = [&](const std::string& why) -> Error {
      Error error = make_error("malformed checksum line: " + why,
                               "expected \"<64 hex digits>  <file name>\" as sha256sum writes it");
      error.file = file;
      error.line = line_number;
      return error;
    };
    const bool escaped = line.front() == '\\';
    if (escaped) line.remove_prefix(1);
    if (line.size() < k_hex_digits + 3) return bad("too short");
    const std::string_view digest = line.substr(0, k_hex_digits);
    if (!is_hex(digest)) return bad("the checksum is not 64 hexadecimal digits");
    if (line[k_hex_digits] != ' ' || (line[k_hex_digits + 1] != ' ' && line[k_hex_digits + 1] != '*')) {
      return bad("the checksum is not followed by two spaces (or \" *\")");
    }
    ChecksumEntry entry;
    entry.line = line_number;
    entry.sha256 = util::to_lower(digest);
    const std::string_view name = line.substr(k_hex_digits + 2);
    if (escaped) {
      if (!unescape(name, entry.name)) return bad("unknown escape sequence in the file name");
    } else {
      entry.name = name;
    }
    if (entry.name.empty()) return bad("no file name");
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace slipway::build::artifacts
