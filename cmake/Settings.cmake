# Compiler settings as an INTERFACE target every layer links: C++20, warnings,
# warnings-as-errors (SLIPWAY_WERROR) and sanitizers (SLIPWAY_SANITIZE).
add_library(slipway_settings INTERFACE)
target_compile_features(slipway_settings INTERFACE cxx_std_20)
set(CMAKE_CXX_EXTENSIONS OFF)
target_compile_options(slipway_settings INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor -Wcast-align
  -Wunused -Woverloaded-virtual -Wformat=2
  # g++ 12's flow-sensitive warnings fire inside yaml-cpp's and Boost's inline
  # code at -O2 (false positives outside our control), so they are off.
  -Wno-maybe-uninitialized -Wno-dangling-pointer)
if(SLIPWAY_WERROR)
  target_compile_options(slipway_settings INTERFACE -Werror)
endif()
if(SLIPWAY_FUZZ)
  # Coverage instrumentation for libFuzzer in every library (clang only).
  target_compile_options(slipway_settings INTERFACE -fsanitize=fuzzer-no-link)
endif()
if(SLIPWAY_SANITIZE)
  target_compile_options(slipway_settings INTERFACE
    -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all)
  target_link_options(slipway_settings INTERFACE -fsanitize=address,undefined)
endif()
