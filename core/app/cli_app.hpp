// The command line of `slipway` (CLI11). main() calls run_cli() and returns
// its exit code; everything else lives here so tests can drive it in-process.
#pragma once

#include <ostream>

#include "util/environment.hpp"

namespace slipway::app {

int run_cli(int argc, const char* const* argv, const util::EnvMap& env, std::ostream& out, std::ostream& err);

}  // namespace slipway::app
