// Tests of the duration syntax of timeout and retry-delay
// (stages/build/steps/duration_text.cpp).
#include <catch2/catch.hpp>

#include "stages/build/steps/duration_text.hpp"

using namespace slipway::build;
using namespace std::chrono_literals;

TEST_CASE("durations read seconds, units and combinations", "[duration_text]") {
  CHECK(*parse_duration("90") == 90s);
  CHECK(*parse_duration("90s") == 90s);
  CHECK(*parse_duration("500ms") == 500ms);
  CHECK(*parse_duration("5m") == 5min);
  CHECK(*parse_duration("1h30m") == 90min);
  CHECK(*parse_duration("1m30s250ms") == 90250ms);
  CHECK(*parse_duration("0") == 0ms);
}

TEST_CASE("invalid durations are refused", "[duration_text]") {
  for (const char* text :
       {"", "s", "-5", "5x", "1m30", "30s1m", "1m1m", "1.5s", "5 s", "99999999999999999999"}) {
    INFO(text);
    CHECK_FALSE(parse_duration(text).ok());
  }
  CHECK_THAT(parse_duration("200h").error().message, Catch::Contains("longer than the limit"));
}

TEST_CASE("durations format to text that reads back", "[duration_text]") {
  CHECK(format_duration(0ms) == "0s");
  CHECK(format_duration(250ms) == "250ms");
  CHECK(format_duration(90s) == "1m30s");
  CHECK(format_duration(3600s + 1ms) == "1h1ms");
  for (std::chrono::milliseconds value : {1ms, 999ms, 61000ms, 7200000ms, 3723004ms})
    CHECK(*parse_duration(format_duration(value)) == value);
}
