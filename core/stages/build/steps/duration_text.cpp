// Reading and writing durations: a bare integer is seconds (what most CI
// systems mean by a timeout number); otherwise one or more <integer><unit>
// parts with units h, m, s and ms, largest first, each at most once. Limits
// stay far below what std::chrono::milliseconds can hold, so arithmetic on
// them never overflows.
#include "stages/build/steps/duration_text.hpp"

#include <array>
#include <charconv>
#include <cstdint>

namespace slipway::build {

namespace {

constexpr std::int64_t k_max_millis = 7LL * 24 * 3600 * 1000;  // a week is plenty for one step

struct Unit {
  std::string_view suffix;
  std::int64_t millis;
};
// "ms" before "m", so the longer suffix wins.
constexpr std::array<Unit, 4> k_units = {{{"h", 3600000}, {"ms", 1}, {"m", 60000}, {"s", 1000}}};
constexpr std::array<std::string_view, 4> k_order = {"h", "m", "s", "ms"};

std::size_t rank(std::string_view suffix) {
  for (std::size_t i = 0; i < k_order.size(); ++i) {
    if (k_order[i] == suffix) return i;
  }
  return k_order.size();
}

Error bad(std::string_view text) {
  return make_error(
      "expected a duration such as 90, 90s, 500ms, 5m or 1h30m, got \"" + std::string(text) + "\"",
      "a plain number means seconds");
}

}  // namespace

Result<std::chrono::milliseconds> parse_duration(std::string_view text) {
  if (text.empty()) return bad(text);
  std::int64_t total = 0;
  std::size_t i = 0;
  std::size_t last_rank = 0;
  bool first = true;
  while (i < text.size()) {
    std::int64_t number = 0;
    const auto [end, ec] = std::from_chars(text.data() + i, text.data() + text.size(), number);
    if (ec != std::errc() || number < 0) return bad(text);
    i = static_cast<std::size_t>(end - text.data());
    if (i == text.size()) {
      if (!first) return bad(text);  // "1m30": the unit of 30 is missing
      total = number > k_max_millis / 1000 ? k_max_millis + 1 : number * 1000;
      break;
    }
    const Unit* unit = nullptr;
    for (const Unit& candidate : k_units) {
      if (text.substr(i, candidate.suffix.size()) == candidate.suffix) {
        unit = &candidate;
        break;
      }
    }
    if (unit == nullptr) return bad(text);
    const std::size_t unit_rank = rank(unit->suffix);
    if (!first && unit_rank <= last_rank) return bad(text);
    last_rank = unit_rank;
    first = false;
    i += unit->suffix.size();
    if (number > k_max_millis / unit->millis) {
      total = k_max_millis + 1;
      break;
    }
    total += number * unit->millis;
    if (total > k_max_millis) break;
  }
  if (total > k_max_millis) {
    return make_error("duration \"" + std::string(text) + "\" is longer than the limit of 168h");
  }
  return std::chrono::milliseconds(total);
}

std::string format_duration(std::chrono::milliseconds duration) {
  std::int64_t millis = duration.count();
  if (millis <= 0) return "0s";
  std::string out;
  for (std::string_view suffix : k_order) {
    std::int64_t size = 1;
    for (const Unit& unit : k_units) {
      if (unit.suffix == suffix) size = unit.millis;
    }
    if (millis >= size) {
      out += std::to_string(millis / size) + std::string(suffix);
      millis %= size;
    }
  }
  return out;
}

}  // namespace slipway::build
