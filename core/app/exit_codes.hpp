// Exit codes, exactly as PRODUCT.md promises users and CI adapters.
#pragma once

namespace slipway::app {

inline constexpr int k_exit_passed = 0;    // nothing at or above the fail threshold
inline constexpr int k_exit_findings = 1;  // findings at or above the threshold, or a stage failed
inline constexpr int k_exit_usage = 2;     // usage or configuration error; nothing ran
inline constexpr int k_exit_internal = 3;  // internal error (a bug: please report it)

}  // namespace slipway::app
