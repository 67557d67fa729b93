// Placeholder expansion, extra arguments, the optional {config}, and
// batching under the argument byte limit (command_line.cpp).
#include <catch2/catch.hpp>
#include <numeric>

#include "stages/lint/plugins/command_line.hpp"

using namespace slipway::lint;

using Args = std::vector<std::string>;

TEST_CASE("{files} expands in place and the other placeholders are substituted", "[plugins][command]") {
  CommandInputs inputs;
  inputs.files = {"a.sh", "dir/b.sh", "-odd.sh"};
  inputs.root = "/repo";
  inputs.config = ".demorc";
  inputs.sarif_out = "/tmp/x/1.out";
  CHECK(
      expand_command({"demo", "--root={root}", "-c", "{config}", "--out", "{sarif_out}", "{files}", "--end"},
                     inputs) == Args{"demo", "--root=/repo", "-c", ".demorc", "--out", "/tmp/x/1.out", "a.sh",
                                     "dir/b.sh", "./-odd.sh", "--end"});
  inputs.files = {"one.py"};
  CHECK(expand_command({"demo", "--stdin-filename={file}", "{file}"}, inputs) ==
        Args{"demo", "--stdin-filename=one.py", "one.py"});
  // Braces that are not placeholders are left alone.
  CHECK(expand_command({"pylint", "--msg-template={path}:{line}"}, inputs) ==
        Args{"pylint", "--msg-template={path}:{line}"});
}

TEST_CASE("extra arguments go before the file arguments, or at the end", "[plugins][command]") {
  CHECK(insert_args({"demo", "-q", "{files}", "--trailing"}, {"--x", "1"}) ==
        Args{"demo", "-q", "--x", "1", "{files}", "--trailing"});
  CHECK(insert_args({"demo", "--file={file}"}, {"--x"}) == Args{"demo", "--x", "--file={file}"});
  CHECK(insert_args({"demo", "{root}"}, {"--x"}) == Args{"demo", "{root}", "--x"});
  CommandInputs inputs;
  inputs.files = {"a"};
  inputs.extra_args = {"--severity=warning"};
  CHECK(expand_command({"demo", "{files}"}, inputs) == Args{"demo", "--severity=warning", "a"});
}

TEST_CASE("without a config file the {config} arguments are dropped", "[plugins][command]") {
  CHECK(drop_config({"demo", "-c", "{config}", "{files}"}) == Args{"demo", "{files}"});
  CHECK(drop_config({"demo", "--config", "{config}"}) == Args{"demo"});
  CHECK(drop_config({"demo", "--quiet", "--config={config}", "{files}"}) ==
        Args{"demo", "--quiet", "{files}"});
  CHECK(drop_config({"demo", "value", "{config}"}) == Args{"demo", "value"});
  CommandInputs inputs;
  inputs.files = {"a"};
  CHECK(expand_command({"demo", "-c", "{config}", "{files}"}, inputs) == Args{"demo", "a"});
  inputs.config = "cfg.yml";
  CHECK(expand_command({"demo", "-c", "{config}", "{files}"}, inputs) == Args{"demo", "-c", "cfg.yml", "a"});
}

TEST_CASE("batches respect the file count and the argument byte limit", "[plugins][command]") {
  std::vector<std::string> files;
  for (int i = 0; i < 1000; ++i) files.push_back("some/folder/file-" + std::to_string(i) + ".sh");

  const auto by_count = split_batches(files, 200, 50);
  REQUIRE(by_count.size() == 5);
  for (const auto& batch : by_count) CHECK(batch.size() == 200);

  // A small byte limit forces smaller batches; every file appears once, in order.
  const std::size_t fixed = argv_bytes({"shellcheck", "--format=json1"});
  const std::size_t limit = 1024;
  const auto by_bytes = split_batches(files, 200, fixed, limit);
  CHECK(by_bytes.size() > 5);
  std::vector<std::string> joined;
  for (const auto& batch : by_bytes) {
    CHECK_FALSE(batch.empty());
    CHECK(fixed + argv_bytes(batch) <= limit);
    joined.insert(joined.end(), batch.begin(), batch.end());
  }
  CHECK(joined == files);

  // The real limit: 20,000 long paths never exceed 128 KiB per call.
  std::vector<std::string> long_paths;
  for (int i = 0; i < 20000; ++i) long_paths.push_back(std::string(100, 'x') + std::to_string(i));
  for (const auto& batch : split_batches(long_paths, 5000, fixed))
    CHECK(fixed + argv_bytes(batch) <= k_max_argv_bytes);

  // A file longer than the limit on its own still gets a batch.
  const auto oversized = split_batches({"a", std::string(2000, 'y'), "b"}, 10, 0, 1000);
  REQUIRE(oversized.size() == 3);
  CHECK(oversized[1].front().size() == 2000);
  CHECK(split_batches({}, 10, 0).empty());
}
