// String helpers shared by every layer.
//
// Everything here works on std::string_view and bytes: Slipway's inputs are
// file paths, configuration keys and tool output, where ASCII rules (case,
// whitespace) are what users expect and locale-dependent behaviour would only
// make results differ between machines. The one place that cares about UTF-8
// is redact(), which must not cut a multi-byte character in half.
#include "util/strings.hpp"

#include <algorithm>
#include <cctype>

namespace slipway::util {

namespace {

constexpr std::string_view k_whitespace = " \t\r\n\f\v";
constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";  // U+2026 "…"
// Secrets shorter than this are shown as "…" alone: four characters of an
// eight-character token would give away half of it.
constexpr std::size_t k_min_secret_to_show_prefix = 8;
constexpr std::size_t k_redact_prefix_chars = 4;

char lower_ascii(char c) {
  return static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
}
char upper_ascii(char c) {
  return static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
}

}  // namespace

std::vector<std::string> split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t pos = text.find(separator, start);
    if (pos == std::string_view::npos) {
      parts.emplace_back(text.substr(start));
      return parts;
    }
    parts.emplace_back(text.substr(start, pos - start));
    start = pos + 1;
  }
}

std::vector<std::string> split_lines(std::string_view text) {
  std::vector<std::string> lines;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    const std::size_t next = end == std::string_view::npos ? text.size() : end + 1;
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = next;
  }
  return lines;
}

std::string_view trim(std::string_view text) {
  const std::size_t first = text.find_first_not_of(k_whitespace);
  if (first == std::string_view::npos) return {};
  const std::size_t last = text.find_last_not_of(k_whitespace);
  return text.substr(first, last - first + 1);
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string out;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += separator;
    out += parts[i];
  }
  return out;
}

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.starts_with(prefix);
}

bool ends_with(std::string_view text, std::string_view suffix) {
  return text.ends_with(suffix);
}

std::string to_lower(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), lower_ascii);
  return out;
}

std::string to_upper(std::string_view text) {
  std::string out(text);
  std::transform(out.begin(), out.end(), out.begin(), upper_ascii);
  return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  if (from.empty()) return text;  // an empty needle matches everywhere; replacing it has no useful meaning
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
  // Two rows of the classic dynamic programme are enough.
  std::vector<std::size_t> previous(b.size() + 1);
  std::vector<std::size_t> current(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) previous[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    current[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, substitution});
    }
    std::swap(previous, current);
  }
  return previous[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  // Suggestions are for typos, so compare case-insensitively and accept at
  // most one edit per three characters (and always at least one): "tiemout"
  // finds "timeout", while "ab" does not suggest "xy".
  const std::string lowered = to_lower(word);
  const std::size_t max_distance = std::max<std::size_t>(1, word.size() / 3);
  std::string best;
  std::size_t best_distance = max_distance + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(lowered, to_lower(candidate));
    if (distance < best_distance) {
      best = candidate;
      best_distance = distance;
    }
  }
  return best;
}

std::string redact(std::string_view secret) {
  if (secret.size() < k_min_secret_to_show_prefix) return std::string(k_ellipsis);
  // Count characters, not bytes, stepping over UTF-8 continuation bytes.
  std::size_t end = 0;
  for (std::size_t chars = 0; chars < k_redact_prefix_chars && end < secret.size(); ++chars) {
    ++end;
    while (end < secret.size() && (static_cast<unsigned char>(secret[end]) & 0xC0) == 0x80) ++end;
  }
  return std::string(secret.substr(0, end)) + std::string(k_ellipsis);
}

void sort_unique(std::vector<std::string>& items) {
  if (!std::is_sorted(items.begin(), items.end())) std::sort(items.begin(), items.end());
  items.erase(std::unique(items.begin(), items.end()), items.end());
}

}  // namespace slipway::util
