// Robustness of every checker against damaged input: each fixture file is
// mutated many times with a fixed seed (bytes flipped, cut, duplicated,
// bracket and quote characters inserted, invalid UTF-8 spliced in) and fed to
// its checker. Nothing may throw or crash; run under the sanitizer build
// (SLIPWAY_SANITIZE=ON) this also catches out-of-bounds reads. A libFuzzer
// target over the same entry points is the natural next step.
#include <catch2/catch.hpp>
#include <fstream>
#include <random>
#include <sstream>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/file_kinds.hpp"

using namespace slipway;
using namespace slipway::scan::misconfig;

namespace {

std::string read_text(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string mutate(std::string text, std::mt19937& random) {
  static const std::string k_inserts[] = {
      "{",  "}",  "[",   "]",  "\"",      "'",    "'''",  "\"\"\"", "${{", "}}", "$(", "\\\n", "\n",
      ": ", "- ", "&a ", "*a", "<<EOF\n", "\xff", "\xc3", "\0",     "#",   "/*", "$/", "|",    "&&"};
  const int edits = 1 + static_cast<int>(random() % 4);
  for (int e = 0; e < edits; ++e) {
    const std::size_t at = text.empty() ? 0 : random() % (text.size() + 1);
    switch (random() % 5) {
      case 0:
        if (!text.empty() && at < text.size()) text[at] = static_cast<char>(random() % 256);
        break;
      case 1:
        text.resize(at);
        break;
      case 2: {
        const std::string& piece = k_inserts[random() % std::size(k_inserts)];
        text.insert(at, piece);
        break;
      }
      case 3:
        if (at < text.size()) text.erase(at, 1 + random() % 16);
        break;
      default:
        if (at < text.size()) text.insert(at, text.substr(at, 1 + random() % 64));
        break;
    }
  }
  return text;
}

void check_as(FileKind kind, const std::string& text) {
  const std::vector<std::string> trusted{"actions"};
  test::run_checker([&](FindingSink& sink) {
    switch (kind) {
      case FileKind::dockerfile:
        check_dockerfile(text, sink);
        break;
      case FileKind::github_workflow:
        check_github_workflow(text, sink, trusted);
        break;
      case FileKind::github_action:
        check_github_action(text, sink, trusted);
        break;
      case FileKind::gitlab_ci:
        (void)check_gitlab_ci(text, sink);
        break;
      case FileKind::jenkinsfile:
      case FileKind::groovy:
        check_jenkinsfile(text, sink);
        break;
      case FileKind::yaml:
        (void)check_kubernetes(text, sink);
        break;
      case FileKind::none:
        break;
    }
  });
}

}  // namespace

TEST_CASE("mutated fixtures never make a checker throw or crash", "[scan][misconfig][robustness]") {
  std::mt19937 random(20240611);
  int runs = 0;
  for (const char* side : {"bad", "good"}) {
    const std::filesystem::path root = test::k_misconfig_fixtures / side;
    for (const std::string& path : test::files_below(root)) {
      FileKind kind = classify_file(path);
      if (path == "ci/deploy.yml") kind = FileKind::gitlab_ci;  // a GitLab include
      if (kind == FileKind::none) continue;
      const std::string original = read_text(root / path);
      for (int i = 0; i < 300; ++i) {
        const std::string text = mutate(original, random);
        INFO(path << " mutation " << i);
        CHECK_NOTHROW(check_as(kind, text));
        ++runs;
      }
    }
  }
  CHECK(runs == 2 * 7 * 300);
}
