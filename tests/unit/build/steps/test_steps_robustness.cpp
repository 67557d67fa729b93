// Robustness of the two parsers of user input in this area - build.steps
// YAML and `if` expressions - under seeded random mutations of valid input:
// each result is either a value or an Error that says where, never a crash
// or an exception. (Deterministic: the seed is fixed, so a failure repeats.)
#include <catch2/catch.hpp>
#include <random>

#include "../../util/temp_folder.hpp"
#include "stages/build/steps/build_steps.hpp"
#include "stages/build/steps/step_condition.hpp"

using namespace slipway;
using namespace slipway::build;

namespace {

constexpr int k_iterations = 2000;
constexpr std::string_view k_noise = ":-[]{}'\"\n\t #&*!|>()=~,?%@`\\0aZ9_.";

std::string mutate(std::string text, std::mt19937& random) {
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int i = 0; i < edits; ++i) {
    const std::size_t at = text.empty() ? 0 : random() % text.size();
    const char noise = k_noise[random() % k_noise.size()];
    switch (random() % 4) {
      case 0:
        if (!text.empty()) text[at] = noise;
        break;
      case 1:
        text.insert(text.begin() + static_cast<std::ptrdiff_t>(at), noise);
        break;
      case 2:
        if (!text.empty()) text.erase(at, 1 + random() % 8);
        break;
      default:
        text.insert(at, text.substr(at, random() % 24));
        break;
    }
  }
  return text;
}

}  // namespace

TEST_CASE("mutated build.steps files give steps or a located error", "[robustness]") {
  const std::string valid = R"(version: 1
build:
  steps:
    - name: compile
      run: make -j2
      env: {CC: gcc}
      timeout: 10m
      retries: 2
      retry-delay: 1s
      retry-on-exit-codes: [75]
      retry-on-output: ['HTTP 5\d\d']
      if: branch == 'main' || changed('src/**')
    - command: [ctest, --output-on-failure]
      always: true
      continue-on-error: false
)";
  test::TempFolder folder;
  std::mt19937 random(20240605);
  int errors = 0;
  for (int i = 0; i < k_iterations; ++i) {
    const std::string text = mutate(valid, random);
    // A new file each time: rewriting one file in place makes ext4 flush it
    // to disk on every close, which is slow on a busy machine.
    const std::string path = folder.write("slipway-" + std::to_string(i) + ".yml", text).string();
    Result<std::vector<Step>> steps = read_steps(path);
    std::filesystem::remove(path);
    if (steps) continue;
    ++errors;
    INFO(text);
    CHECK(steps.error().file == path);
    CHECK_FALSE(steps.error().message.empty());
  }
  // The mutations are strong enough to break the file often, and weak enough
  // to leave it valid sometimes: both paths were exercised.
  CHECK(errors > k_iterations / 10);
  CHECK(errors < k_iterations);
}

TEST_CASE("mutated conditions parse or give an error with a position", "[robustness]") {
  const std::string valid =
      "(branch == 'main' && !change_request) || tag =~ 'v*' || changed('src/**', '*.md')";
  std::mt19937 random(77);
  model::CiContext ci;
  ci.branch = "main";
  for (int i = 0; i < k_iterations; ++i) {
    const std::string text = mutate(valid, random);
    Result<Condition> parsed = Condition::parse(text);
    if (parsed) {
      (void)parsed->evaluate(ci, std::vector<std::string>{"src/a.cpp"});
      continue;
    }
    INFO(text);
    CHECK(parsed.error().column >= 1);
    CHECK(static_cast<std::size_t>(parsed.error().column) <= text.size() + 1);
  }
}
