// The `slipway` executable: everything is in the library (core/app).
#include <exception>
#include <iostream>

#include "app/cli_app.hpp"
#include "app/exit_codes.hpp"

int main(int argc, char** argv) {
  try {
    return slipway::app::run_cli(argc, argv, slipway::util::current_environment(), std::cout, std::cerr);
  } catch (const std::exception& e) {
    std::cerr << "slipway: internal error: " << e.what() << "\n  please report this as a bug\n";
    return slipway::app::k_exit_internal;
  }
}
