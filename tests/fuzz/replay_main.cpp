// A driver for the fuzz targets when libFuzzer is not available (g++ builds,
// CI): runs every file of the given corpus folders through
// LLVMFuzzerTestOneInput, then a fixed number of deterministic mutations of
// them (bit flips, byte insertions and deletions, truncations, splices of two
// inputs), so every test run fuzzes a little and any crash is reproducible
// from the seed. Usage: fuzz_X [--iterations N] [--seed S] CORPUS_DIR...
// With SLIPWAY_FUZZ (clang, -fsanitize=fuzzer) this file is not used.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

using Input = std::vector<std::uint8_t>;

// SLIPWAY_FUZZ_LAST=FILE keeps the input being run in FILE, so the one that
// crashed or hung can be replayed.
void run(const Input& input) {
  static const char* last = std::getenv("SLIPWAY_FUZZ_LAST");
  if (last != nullptr) {
    std::ofstream out(last, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(input.data()), static_cast<std::streamsize>(input.size()));
  }
  LLVMFuzzerTestOneInput(input.data(), input.size());
}

Input mutate(const std::vector<Input>& corpus, std::mt19937_64& random) {
  auto pick = [&](std::size_t bound) { return bound == 0 ? 0 : static_cast<std::size_t>(random() % bound); };
  Input input = corpus[pick(corpus.size())];
  const int edits = 1 + static_cast<int>(pick(8));
  static const std::string interesting = "{}[]:,\"'\\\n\r\t #-&*!|>%@`\x00\xff\xc3";
  for (int i = 0; i < edits; ++i) {
    switch (pick(6)) {
      case 0:  // flip a bit
        if (!input.empty()) input[pick(input.size())] ^= static_cast<std::uint8_t>(1U << pick(8));
        break;
      case 1:  // insert a syntax character
        input.insert(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size() + 1)),
                     static_cast<std::uint8_t>(interesting[pick(interesting.size())]));
        break;
      case 2:  // delete a run of bytes
        if (!input.empty()) {
          const std::size_t at = pick(input.size());
          const std::size_t count = 1 + pick(std::min<std::size_t>(16, input.size() - at));
          input.erase(input.begin() + static_cast<std::ptrdiff_t>(at),
                      input.begin() + static_cast<std::ptrdiff_t>(std::min(input.size(), at + count)));
        }
        break;
      case 3:  // truncate
        input.resize(pick(input.size() + 1));
        break;
      case 4: {  // splice in a piece of another input
        const Input& other = corpus[pick(corpus.size())];
        if (!other.empty()) {
          const std::size_t from = pick(other.size());
          const std::size_t count = 1 + pick(other.size() - from);
          input.insert(input.begin() + static_cast<std::ptrdiff_t>(pick(input.size() + 1)),
                       other.begin() + static_cast<std::ptrdiff_t>(from),
                       other.begin() + static_cast<std::ptrdiff_t>(from + count));
        }
        break;
      }
      default:  // duplicate a piece (deep nesting, repeated keys)
        if (!input.empty()) {
          const std::size_t from = pick(input.size());
          const std::size_t count = 1 + pick(std::min<std::size_t>(64, input.size() - from));
          Input piece(input.begin() + static_cast<std::ptrdiff_t>(from),
                      input.begin() + static_cast<std::ptrdiff_t>(from + count));
          for (int copies = 0; copies < 1 + static_cast<int>(pick(4)); ++copies) {
            input.insert(input.begin() + static_cast<std::ptrdiff_t>(from), piece.begin(), piece.end());
          }
        }
        break;
    }
  }
  return input;
}

}  // namespace

int main(int argc, char** argv) {
  long iterations = 2000;
  unsigned long long seed = 1;
  std::vector<Input> corpus;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--iterations" && i + 1 < argc) {
      iterations = std::strtol(argv[++i], nullptr, 10);
      continue;
    }
    if (arg == "--seed" && i + 1 < argc) {
      seed = std::strtoull(argv[++i], nullptr, 10);
      continue;
    }
    std::error_code ec;
    std::vector<std::filesystem::path> files;
    if (std::filesystem::is_directory(arg, ec)) {
      for (const auto& entry : std::filesystem::directory_iterator(arg, ec)) files.push_back(entry.path());
    } else {
      files.emplace_back(arg);
    }
    for (const auto& file : files) {
      std::ifstream in(file, std::ios::binary);
      corpus.emplace_back(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
  }
  if (corpus.empty()) {
    std::cerr << "fuzz replay: no corpus files given\n";
    return 2;
  }
  for (const Input& input : corpus) run(input);
  std::mt19937_64 random(seed);
  for (long i = 0; i < iterations; ++i) run(mutate(corpus, random));
  std::cout << "fuzz replay: " << corpus.size() << " corpus inputs and " << iterations << " mutations (seed "
            << seed << ") ran without a crash\n";
  return 0;
}
