// Line-oriented text checks and their fixes.
//
// These run on every text file in the repository, so they are written for
// speed: one pass over the bytes, lines found with memchr, no allocation per
// line, and positions (line, column) computed only when something is
// reported. UTF-8 validation skips ASCII eight bytes at a time and only
// decodes sequences that start with a non-ASCII byte.
//
// A line ending is "\n" or "\r\n"; a lone "\r" is ordinary content (classic
// Mac OS files are one long line to these checks).
#include "stages/lint/text_checks.hpp"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>

namespace slipway::lint {
namespace {

bool is_blank(char c) {
  return c == ' ' || c == '\t';
}

bool has_bom(std::string_view content) {
  return content.substr(0, k_utf8_bom.size()) == k_utf8_bom;
}

// One line: [begin, text_end) is the text, [text_end, end) the line ending.
struct Line {
  std::size_t begin = 0;
  std::size_t text_end = 0;
  std::size_t end = 0;  // one past the '\n', or the content size for a last line without one
  bool has_newline = false;
  bool crlf = false;
};

// Calls `visit(line)` for each line of `content` starting at `start`.
template <typename Visit>
void for_each_line(std::string_view content, std::size_t start, Visit&& visit) {
  const char* const data = content.data();
  const std::size_t size = content.size();
  std::size_t pos = start;
  while (pos < size) {
    const auto* newline = static_cast<const char*>(std::memchr(data + pos, '\n', size - pos));
    Line line;
    line.begin = pos;
    if (newline == nullptr) {
      line.text_end = size;
      line.end = size;
    } else {
      const auto at = static_cast<std::size_t>(newline - data);
      line.has_newline = true;
      line.crlf = at > pos && data[at - 1] == '\r';
      line.text_end = line.crlf ? at - 1 : at;
      line.end = at + 1;
    }
    visit(line);
    pos = line.end;
  }
}

// Which conflict marker a line is, or empty.
std::string_view conflict_marker(std::string_view text, bool conflict_open) {
  if (text.size() < 7) return {};
  const auto marker = text.substr(0, 7);
  const bool bare_or_labelled = text.size() == 7 || text[7] == ' ';
  if ((marker == "<<<<<<<" || marker == ">>>>>>>") && bare_or_labelled) return marker;
  if (!conflict_open) return {};
  if (text == "=======") return marker;
  if (marker == "|||||||" && bare_or_labelled) return marker;  // diff3 style base marker
  return {};
}

struct EndingCounts {
  std::size_t lf = 0;
  std::size_t crlf = 0;
  int first_lf_line = 0;
  int first_crlf_line = 0;
  [[nodiscard]] bool majority_crlf() const { return crlf > lf; }
};

void check_final_newline(std::string_view content, std::size_t body_start, const EndingCounts& endings,
                         int last_line, std::size_t last_line_start, FileFindings& sink) {
  const std::string_view body = content.substr(body_start);
  if (body.empty()) return;
  if (body.back() != '\n') {
    sink.add(Check::end_of_file_newline, last_line, column_in_line(content, last_line_start, content.size()),
             "no newline at end of file", "add a final newline");
    return;
  }
  const auto strip_ending = [&](std::size_t end) {
    return end >= 2 && body[end - 2] == '\r' ? end - 2 : end - 1;
  };
  std::size_t end = strip_ending(body.size());
  int extra = 0;
  while (end > 0 && body[end - 1] == '\n') {
    end = strip_ending(end);
    ++extra;
  }
  if (end == 0) {
    sink.add(Check::end_of_file_newline, 1, 1, "file contains only blank lines", "make the file empty");
    return;
  }
  if (extra == 0) return;
  const auto newlines = static_cast<int>(endings.lf + endings.crlf);
  const int first_blank = newlines - extra + 1;
  std::string message =
      extra == 1 ? "blank line at end of file" : std::to_string(extra) + " blank lines at end of file";
  sink.add(Check::end_of_file_newline, first_blank, 1, std::move(message),
           "remove the blank lines at the end of the file");
}

void check_endings(const EndingCounts& endings, FileFindings& sink) {
  if (endings.lf == 0 || endings.crlf == 0) return;
  const bool crlf_majority = endings.majority_crlf();
  const int line = crlf_majority ? endings.first_lf_line : endings.first_crlf_line;
  std::string message = "mixed line endings: " + std::to_string(endings.lf) + " LF and " +
                        std::to_string(endings.crlf) + " CRLF; this is the first " +
                        (crlf_majority ? "LF" : "CRLF") + " line";
  sink.add(Check::mixed_line_endings, line, 0, std::move(message),
           crlf_majority ? "convert every line ending to CRLF" : "convert every line ending to LF");
}

// Length of a valid multi-byte sequence starting at `i`, or the reason it is invalid.
struct Decoded {
  std::size_t length = 0;
  std::string_view error;
};

Decoded decode_sequence(const unsigned char* s, std::size_t remaining) {
  const unsigned char lead = s[0];
  std::size_t length = 0;
  unsigned char low = 0x80;  // allowed range of the second byte
  unsigned char high = 0xBF;
  if (lead < 0x80) return {1, {}};
  if (lead < 0xC0) return {0, "unexpected continuation byte"};
  if (lead < 0xC2) return {0, "overlong encoding"};
  if (lead < 0xE0) {
    length = 2;
  } else if (lead < 0xF0) {
    length = 3;
    if (lead == 0xE0) low = 0xA0;
    if (lead == 0xED) high = 0x9F;
  } else if (lead < 0xF5) {
    length = 4;
    if (lead == 0xF0) low = 0x90;
    if (lead == 0xF4) high = 0x8F;
  } else {
    return {0, lead < 0xF8 ? "code point above U+10FFFF" : "byte that never appears in UTF-8"};
  }
  if (remaining < 2 || (s[1] & 0xC0U) != 0x80U) return {0, "truncated multi-byte sequence"};
  if (s[1] < low) return {0, "overlong encoding"};
  if (s[1] > high) return {0, lead == 0xED ? "UTF-16 surrogate" : "code point above U+10FFFF"};
  for (std::size_t k = 2; k < length; ++k) {
    if (remaining <= k || (s[k] & 0xC0U) != 0x80U) return {0, "truncated multi-byte sequence"};
  }
  return {length, {}};
}

}  // namespace

std::optional<Utf8Error> find_invalid_utf8(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  const std::size_t size = text.size();
  std::size_t i = 0;
  while (i < size) {
    // Fast path: skip eight ASCII bytes at a time.
    while (i + 8 <= size) {
      std::uint64_t word = 0;
      std::memcpy(&word, data + i, sizeof word);
      if ((word & 0x8080808080808080ULL) != 0) break;
      i += 8;
    }
    if (i >= size) break;
    if (data[i] < 0x80) {
      ++i;
      continue;
    }
    const Decoded decoded = decode_sequence(data + i, size - i);
    if (decoded.length == 0) return Utf8Error{i, decoded.error};
    i += decoded.length;
  }
  return std::nullopt;
}

void check_text(std::string_view content, FileFindings& sink) {
  const bool bom = has_bom(content);
  if (bom) {
    sink.add(Check::utf8_bom, 1, 1, "UTF-8 byte-order mark at start of file", "remove the byte-order mark");
  }
  const bool want_whitespace = sink.on(Check::trailing_whitespace);
  const bool want_conflicts = sink.on(Check::merge_conflict_marker);
  const char* const data = content.data();

  EndingCounts endings;
  int line_number = 0;
  std::size_t last_line_start = 0;
  bool conflict_open = false;
  const std::size_t body_start = bom ? k_utf8_bom.size() : 0;
  for_each_line(content, body_start, [&](const Line& line) {
    ++line_number;
    last_line_start = line.begin;
    if (line.has_newline) {
      if (line.crlf) {
        if (endings.crlf++ == 0) endings.first_crlf_line = line_number;
      } else {
        if (endings.lf++ == 0) endings.first_lf_line = line_number;
      }
    }
    if (want_whitespace && line.text_end > line.begin && is_blank(data[line.text_end - 1])) {
      std::size_t start = line.text_end;
      while (start > line.begin && is_blank(data[start - 1])) --start;
      sink.add(Check::trailing_whitespace, line_number, column_in_line(content, line.begin, start),
               "trailing whitespace", "remove the trailing whitespace");
    }
    if (want_conflicts && line.text_end - line.begin >= 7) {
      const char first = data[line.begin];
      if (first == '<' || first == '>' || first == '=' || first == '|') {
        const std::string_view text(data + line.begin, line.text_end - line.begin);
        const std::string_view marker = conflict_marker(text, conflict_open);
        if (!marker.empty()) {
          if (marker[0] == '<') conflict_open = true;
          sink.add(Check::merge_conflict_marker, line_number, 1,
                   "merge conflict marker \"" + std::string(marker) + "\"; resolve the conflict");
        }
      }
    }
  });
  if (line_number == 0) last_line_start = body_start;

  if (sink.on(Check::end_of_file_newline)) {
    check_final_newline(content, body_start, endings, std::max(line_number, 1), last_line_start, sink);
  }
  if (sink.on(Check::mixed_line_endings)) check_endings(endings, sink);
}

void check_utf8(std::string_view content, FileFindings& sink) {
  if (!sink.on(Check::invalid_utf8)) return;
  const auto error = find_invalid_utf8(content);
  if (!error) return;
  const TextPosition position = locate(content, error->offset);
  sink.add(Check::invalid_utf8, position.line, position.column,
           "invalid UTF-8: " + std::string(error->reason));
}

void check_shebang(std::string_view content, FileFindings& sink) {
  if (content.substr(0, 2) == "#!") return;
  sink.add(Check::executable_without_shebang, 1, 1, "file is executable but does not start with \"#!\"");
}

std::string apply_text_fixes(std::string_view content, const TextFixes& fixes) {
  std::string_view prefix;
  std::string_view body = content;
  if (has_bom(content)) {
    body.remove_prefix(k_utf8_bom.size());
    if (!fixes.remove_bom) prefix = k_utf8_bom;
  }

  EndingCounts endings;
  for_each_line(body, 0, [&](const Line& line) {
    if (line.has_newline) ++(line.crlf ? endings.crlf : endings.lf);
  });
  const std::string_view majority = endings.majority_crlf() ? "\r\n" : "\n";
  const bool convert = fixes.line_endings && endings.lf > 0 && endings.crlf > 0;

  std::string out;
  out.reserve(content.size() + 2);
  out.append(prefix);
  const std::size_t body_start = out.size();
  for_each_line(body, 0, [&](const Line& line) {
    std::size_t text_end = line.text_end;
    if (fixes.trailing_whitespace) {
      while (text_end > line.begin && is_blank(body[text_end - 1])) --text_end;
    }
    out.append(body.substr(line.begin, text_end - line.begin));
    if (!line.has_newline) return;
    if (convert) {
      out.append(majority);
    } else {
      out.append(line.crlf ? "\r\n" : "\n");
    }
  });

  if (fixes.final_newline && out.size() > body_start) {
    // Drop every trailing line ending, then put back exactly one.
    std::string_view ending;
    while (out.size() > body_start && out.back() == '\n') {
      const bool crlf = out.size() - body_start >= 2 && out[out.size() - 2] == '\r';
      ending = crlf ? "\r\n" : "\n";
      out.resize(out.size() - ending.size());
    }
    if (out.size() > body_start) out.append(ending.empty() ? majority : ending);
  }
  return out;
}

}  // namespace slipway::lint
