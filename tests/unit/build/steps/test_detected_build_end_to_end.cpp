// End-to-end: small real projects written into temporary folders, detected
// and built on this machine with the real cmake, ctest, make and C++
// compiler. They show that the detected steps are not only the right
// strings but actually build and test a project, and that a failing test
// fails the build.
#include <catch2/catch.hpp>
#include <sstream>

#include "../../util/temp_folder.hpp"
#include "stages/build/steps/build_steps.hpp"
#include "util/files.hpp"
#include "util/process_runner.hpp"

using namespace slipway;
using namespace slipway::build;
namespace fs = std::filesystem;

namespace {

const char* const k_main_cpp = R"(#include <cstdio>
#include <cstring>
int main(int argc, char** argv) {
  if (argc > 1 && std::strcmp(argv[1], "--fail") == 0) return 3;
  std::puts("hello from slipway");
  return 0;
}
)";

BuildRun detect_and_run(const test::TempFolder& folder, std::ostringstream& out) {
  Result<Plan> plan = detect_steps(folder.path().string());
  if (!plan) FAIL("detect_steps failed: " << plan.error().to_string());
  RunContext context;
  context.root = folder.path().string();
  context.out = &out;
  Result<BuildRun> run = run_steps(plan->steps, context);
  if (!run) FAIL("run_steps failed: " << run.error().to_string());
  return std::move(run).value();
}

std::string read_text(const fs::path& path) {
  Result<std::string> text = util::read_file(path);
  REQUIRE(text.ok());
  return *text;
}

}  // namespace

TEST_CASE("a detected CMake project configures, builds and runs its tests", "[end_to_end]") {
  if (!util::program_exists("cmake") || !util::program_exists("ctest")) {
    WARN("cmake is not installed; skipping");
    return;
  }
  test::TempFolder folder;
  folder.write("main.cpp", k_main_cpp);
  folder.write("CMakeLists.txt",
               "cmake_minimum_required(VERSION 3.16)\n"
               "project(hello CXX)\n"
               "enable_testing()\n"
               "add_executable(hello main.cpp)\n"
               "add_test(NAME greets COMMAND hello)\n");
  std::ostringstream out;
  BuildRun run = detect_and_run(folder, out);
  INFO(out.str());
  REQUIRE(run.steps.size() == 3);
  CHECK(run.passed);
  for (const StepResult& step : run.steps) CHECK(step.status == StepStatus::passed);
  CHECK(fs::exists(folder / "build" / "hello"));
  CHECK_THAT(read_text(run.steps[2].log_path), Catch::Contains("100% tests passed"));

  // A failing test fails the test step and the build.
  folder.write("CMakeLists.txt",
               "cmake_minimum_required(VERSION 3.16)\n"
               "project(hello CXX)\n"
               "enable_testing()\n"
               "add_executable(hello main.cpp)\n"
               "add_test(NAME fails COMMAND hello --fail)\n");
  std::ostringstream again;
  run = detect_and_run(folder, again);
  CHECK_FALSE(run.passed);
  CHECK(run.steps[0].status == StepStatus::passed);
  CHECK(run.steps[1].status == StepStatus::passed);
  CHECK(run.steps[2].status == StepStatus::failed);
  CHECK_THAT(read_text(run.steps[2].log_path), Catch::Contains("fails") && Catch::Contains("Failed"));
}

TEST_CASE("a detected Make project builds and runs make test", "[end_to_end]") {
  if (!util::program_exists("make") || !util::program_exists("g++")) {
    WARN("make or g++ is not installed; skipping");
    return;
  }
  test::TempFolder folder;
  folder.write("main.cpp", k_main_cpp);
  folder.write("Makefile",
               "CXX ?= g++\n"
               "hello: main.cpp\n"
               "\t$(CXX) -o $@ main.cpp\n"
               ".PHONY: test\n"
               "test: hello\n"
               "\t./hello | grep -q 'hello from slipway' && echo 'make test ok'\n");
  std::ostringstream out;
  const BuildRun run = detect_and_run(folder, out);
  INFO(out.str());
  REQUIRE(run.steps.size() == 2);
  CHECK(run.passed);
  CHECK(run.steps[0].name == "build");
  CHECK(run.steps[1].name == "test");
  CHECK(fs::exists(folder / "hello"));
  CHECK_THAT(out.str(), Catch::Contains("make test ok"));
  CHECK_THAT(read_text(run.steps[1].log_path), Catch::Contains("make test ok"));
}
