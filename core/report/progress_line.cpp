// A live "[done/total] files" line for interactive runs.
//
// It redraws in place with '\r' and is meant for terminals only: in CI logs
// every redraw would be a new line. So besides the caller's `enabled`, a
// line on std::cout or std::cerr stays off unless that stream is a terminal
// (other streams are the caller's business; tests use them). Fast runs
// should not flicker, so nothing is drawn during the first second, and
// redraws are throttled to one per 100 ms. finish() erases the line so the
// report that follows starts on a clean line.
#include <unistd.h>

#include <chrono>
#include <iostream>
#include <utility>

#include "report/reporters.hpp"

namespace slipway::report {

namespace {

constexpr long long k_delay_ms = 1000;
constexpr long long k_interval_ms = 100;

long long steady_now_ms() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

bool stream_is_terminal_or_custom(const std::ostream& out) {
  if (&out == &std::cout) return ::isatty(STDOUT_FILENO) == 1;
  if (&out == &std::cerr || &out == &std::clog) return ::isatty(STDERR_FILENO) == 1;
  return true;
}

}  // namespace

ProgressLine::ProgressLine(bool enabled, std::ostream& out) : ProgressLine(enabled, out, steady_now_ms) {}

ProgressLine::ProgressLine(bool enabled, std::ostream& out, std::function<long long()> now_ms)
    : m_enabled(enabled && stream_is_terminal_or_custom(out)),
      m_out(out),
      m_now_ms(std::move(now_ms)),
      m_start_ms(m_now_ms()) {}

void ProgressLine::update(std::size_t done, std::size_t total) {
  if (!m_enabled) return;
  const long long now = m_now_ms();
  if (now - m_start_ms < k_delay_ms) return;
  if (m_shown && now - m_last_ms < k_interval_ms) return;
  m_out << "\r[" << done << "/" << total << "] files";
  m_out.flush();
  m_last_ms = now;
  m_shown = true;
}

void ProgressLine::finish() {
  if (!m_shown) return;
  m_out << "\r\x1b[K";
  m_out.flush();
  m_shown = false;
}

}  // namespace slipway::report
