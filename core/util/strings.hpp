// Small string helpers shared by every layer: splitting, trimming, joining,
// case, edit distance (for "did you mean" suggestions) and redaction.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace slipway::util {

// Keeps empty fields: split("a,,b", ',') is {"a", "", "b"}, split("", ',') is {""}.
std::vector<std::string> split(std::string_view text, char separator);
std::vector<std::string> split_lines(std::string_view text);  // drops "\r\n"/"\n"
std::string_view trim(std::string_view text);
std::string join(const std::vector<std::string>& parts, std::string_view separator);
// Sorts and drops repeats; a list that is sorted already is only checked.
void sort_unique(std::vector<std::string>& items);
bool starts_with(std::string_view text, std::string_view prefix);
bool ends_with(std::string_view text, std::string_view suffix);
std::string to_lower(std::string_view text);
std::string to_upper(std::string_view text);
std::string replace_all(std::string text, std::string_view from, std::string_view to);

// Levenshtein distance, for suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);
// The candidate closest to `word`, or "" when none is close enough to help.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// A secret's printable form: its first 4 characters then "…" (just "…" for
// secrets shorter than 8 bytes, where 4 characters would give half away).
std::string redact(std::string_view secret);

}  // namespace slipway::util
