// Durations as users write them in .slipway.yml: "90" (seconds), "90s",
// "500ms", "5m", "1h", "1h30m". Used for a step's timeout and retry-delay.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::build {

// The Error's message describes the value only; the caller adds where it was.
Result<std::chrono::milliseconds> parse_duration(std::string_view text);

// The shortest text parse_duration reads back: "1h30m", "90s", "250ms", "0s".
std::string format_duration(std::chrono::milliseconds duration);

}  // namespace slipway::build
