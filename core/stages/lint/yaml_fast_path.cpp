// The yaml-syntax fast path.
//
// yaml-cpp parses at roughly 10 MB/s, which alone would make the lint stage
// several times slower than reading the files. Most YAML in repositories is
// simple, so this recognizer accepts, in one pass and without allocating per
// line, only text made of:
//   - blank lines and comment lines;
//   - block mapping entries `key: value` / `key:`, with keys of
//     [A-Za-z0-9_] followed by [A-Za-z0-9_./-], a single space after the colon;
//   - block sequence entries `- value`;
//   - values that are plain scalars: printable ASCII, not starting with an
//     indicator character, without ": " (or a final ':'), optionally followed
//     by " # comment";
//   - indentation by spaces, where a deeper line may only follow `key:` and a
//     shallower line must return to an indentation seen before, with mapping
//     entries and sequence entries never mixed at one level.
// Anything else (quotes, flow collections, block scalars, anchors, tags,
// documents markers, multi-line scalars, non-ASCII, tabs in indentation, ...)
// makes it answer false, and the caller falls back to yaml-cpp. It never
// reports an error itself, so its only possible failure is accepting invalid
// YAML, which the unit tests guard by comparing it with yaml-cpp.
#include "stages/lint/yaml_fast_path.hpp"

#include <cstddef>
#include <cstring>
#include <string_view>
#include <vector>

namespace slipway::lint {
namespace {

constexpr std::size_t k_max_key_length = 256;
constexpr std::string_view k_indicators = "-?:,[]{}#&*!|>'\"%@`";

bool is_key_start(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

bool is_key_char(char c) {
  return is_key_start(c) || c == '.' || c == '/' || c == '-';
}

// Printable ASCII or tab only.
bool is_simple_line(std::string_view line) {
  for (const char c : line) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && byte != '\t') || byte >= 0x7F) return false;
  }
  return true;
}

// A plain scalar (possibly followed by a comment) that needs no further thought.
bool is_plain_value(std::string_view value) {
  if (value.empty() || value[0] == ' ' || value[0] == '\t') return false;
  if (k_indicators.find(value[0]) != std::string_view::npos) return false;
  for (std::size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    const bool last = i + 1 == value.size();
    if (c == ':' && (last || value[i + 1] == ' ' || value[i + 1] == '\t')) return false;
    if ((c == ' ' || c == '\t') && !last && value[i + 1] == '#') return true;  // the rest is a comment
  }
  return true;
}

// The part after "- " or ": ": empty, a comment, or a value.
enum class Tail { empty, value, unknown };

Tail classify_tail(std::string_view tail) {
  const std::size_t start = tail.find_first_not_of(' ');
  if (start == std::string_view::npos || tail[start] == '#') return Tail::empty;
  return is_plain_value(tail.substr(start)) ? Tail::value : Tail::unknown;
}

struct Level {
  std::size_t indent = 0;
  bool sequence = false;
};

}  // namespace

bool is_plain_yaml(std::string_view text) {
  std::vector<Level> levels;
  bool child_allowed = false;  // the previous entry was `key:` with no value
  std::size_t pos = 0;
  while (pos < text.size()) {
    const auto* newline = static_cast<const char*>(std::memchr(text.data() + pos, '\n', text.size() - pos));
    const std::size_t end =
        newline == nullptr ? text.size() : static_cast<std::size_t>(newline - text.data());
    std::string_view line = text.substr(pos, end - pos);
    pos = end + 1;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (!is_simple_line(line)) return false;

    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == std::string_view::npos) continue;  // blank
    const std::string_view rest = line.substr(indent);
    if (rest[0] == '#') continue;  // comment
    if (rest[0] == '\t') return false;

    bool sequence = false;
    bool has_value = true;
    if (rest[0] == '-') {
      sequence = true;
      if (rest.size() < 2 || rest[1] != ' ' || classify_tail(rest.substr(2)) != Tail::value) return false;
    } else {
      if (!is_key_start(rest[0])) return false;
      std::size_t key_end = 1;
      while (key_end < rest.size() && is_key_char(rest[key_end])) ++key_end;
      if (key_end > k_max_key_length || key_end == rest.size() || rest[key_end] != ':') return false;
      const std::string_view tail = rest.substr(key_end + 1);
      if (!tail.empty() && tail[0] != ' ') return false;
      const Tail kind = classify_tail(tail);
      if (kind == Tail::unknown) return false;
      has_value = kind == Tail::value;
    }

    if (levels.empty() || (child_allowed && indent > levels.back().indent)) {
      levels.push_back(Level{indent, sequence});
    } else {
      while (!levels.empty() && levels.back().indent > indent) levels.pop_back();
      if (levels.empty() || levels.back().indent != indent || levels.back().sequence != sequence)
        return false;
    }
    child_allowed = !sequence && !has_value;
  }
  return true;
}

}  // namespace slipway::lint
