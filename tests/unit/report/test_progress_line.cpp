// Tests for core/report/progress_line.cpp: nothing in the first second,
// throttled redraws, a cleared line at the end, silence when disabled.
#include <catch2/catch.hpp>
#include <sstream>

#include "report/reporters.hpp"

using namespace slipway::report;

TEST_CASE("progress line waits a second, then redraws at most every 100 ms", "[progress_line]") {
  std::ostringstream out;
  long long now = 5000;
  ProgressLine progress(true, out, [&now] { return now; });
  progress.update(1, 10);
  now += 999;
  progress.update(2, 10);
  CHECK(out.str().empty());
  now += 1;
  progress.update(3, 10);
  CHECK(out.str() == "\r[3/10] files");
  now += 50;
  progress.update(4, 10);
  CHECK(out.str() == "\r[3/10] files");
  now += 50;
  progress.update(5, 10);
  CHECK(out.str() == "\r[3/10] files\r[5/10] files");
  progress.finish();
  CHECK(out.str() == "\r[3/10] files\r[5/10] files\r\x1b[K");
}

TEST_CASE("progress line finish prints nothing when nothing was shown", "[progress_line]") {
  std::ostringstream out;
  long long now = 0;
  ProgressLine progress(true, out, [&now] { return now; });
  progress.update(1, 2);
  progress.finish();
  CHECK(out.str().empty());
}

TEST_CASE("disabled progress line never prints", "[progress_line]") {
  std::ostringstream out;
  long long now = 0;
  ProgressLine progress(false, out, [&now] { return now; });
  now = 10000;
  progress.update(1, 2);
  progress.finish();
  CHECK(out.str().empty());
}

TEST_CASE("progress line works with the real clock", "[progress_line]") {
  std::ostringstream out;
  ProgressLine progress(true, out);
  progress.update(1, 2);  // within the first second
  progress.finish();
  CHECK(out.str().empty());
}
