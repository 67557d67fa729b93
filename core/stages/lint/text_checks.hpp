// The checks that look at a text file as lines of bytes: byte-order mark,
// trailing whitespace, final newline, mixed line endings, merge-conflict
// markers, UTF-8 validity and the shebang of executables; and the fixer that
// repairs the fixable ones in memory.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "stages/lint/check_context.hpp"

namespace slipway::lint {

// BOM, trailing whitespace, final newline, line endings and conflict markers,
// in one pass over the lines.
void check_text(std::string_view content, FileFindings& sink);

// Reports the first invalid UTF-8 sequence.
void check_utf8(std::string_view content, FileFindings& sink);

// For a file with an executable bit: reports it unless it starts with "#!".
void check_shebang(std::string_view content, FileFindings& sink);

struct Utf8Error {
  std::size_t offset = 0;  // first byte of the bad sequence
  std::string_view reason;
};
std::optional<Utf8Error> find_invalid_utf8(std::string_view text);

// Which fixes to apply (each only when its check is enabled for the file).
struct TextFixes {
  bool remove_bom = false;
  bool trailing_whitespace = false;
  bool line_endings = false;   // convert to the majority ending (LF on a tie)
  bool final_newline = false;  // exactly one final line ending

  [[nodiscard]] bool any() const {
    return remove_bom || trailing_whitespace || line_endings || final_newline;
  }
};

// The content with the fixes applied.
std::string apply_text_fixes(std::string_view content, const TextFixes& fixes);

}  // namespace slipway::lint
