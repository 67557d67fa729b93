// Tests of file and blob scanning (stages/scan/secrets/input_scanner.cpp):
// secrets on and around window edges are found once with the right line,
// binary, oversized and unreadable files are skipped (never an error), CRLF
// and invalid UTF-8 do not disturb lines or secrets.
#include <catch2/catch.hpp>
#include <string>

#include "../../util/temp_folder.hpp"
#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"

using namespace slipway;
using namespace slipway::scan::secrets;
using namespace slipway::scan::secrets::test_support;

namespace {

InputResult scan_path(const SecretMatcher& matcher, const std::filesystem::path& full,
                      const std::string& path) {
  auto scratch = matcher.make_scratch();
  REQUIRE(scratch.ok());
  auto result = scan_file(matcher, *scratch, full, path);
  REQUIRE(result.ok());
  return std::move(*result);
}

InputResult scan_path(const std::filesystem::path& full) {
  return scan_path(default_matcher(), full, full.filename().string());
}

// A line of filler of exactly `size` bytes including its newline.
std::string filler(std::size_t size) {
  return std::string(size - 1, 'f') + "\n";
}

}  // namespace

TEST_CASE("secrets across window edges are found once, on the right line") {
  slipway::test::TempFolder folder;
  SampleBuilder builder("window-edges");
  const std::string token = builder.expand("ghp_{a:36}");
  // Lines of 100 bytes; tokens start at chosen offsets around 1 MiB, 2 MiB.
  const std::vector<std::size_t> starts = {10,
                                           k_window_size - k_overlap - 20,
                                           k_window_size - 20,  // straddles the first edge
                                           k_window_size + k_overlap - 10,
                                           2 * k_window_size - 1,  // one byte before the second edge
                                           2 * k_window_size + k_overlap,
                                           3 * k_window_size};  // first byte of the fourth window's part
  std::string content;
  std::vector<int> lines;
  int line = 1;
  for (std::size_t start : starts) {
    while (content.size() + 100 <= start) {
      content += filler(100);
      ++line;
    }
    content += std::string(start - content.size(), ' ') + token + "\n";
    lines.push_back(line++);
  }
  content += filler(100) + filler(100);
  const auto result = scan_path(folder.write("big.txt", content));
  REQUIRE(result.skip == InputSkip::none);
  REQUIRE(result.secrets.size() == starts.size());
  for (std::size_t i = 0; i < starts.size(); ++i) {
    INFO("token at offset " << starts[i]);
    CHECK(result.secrets[i].line == lines[i]);
    CHECK(result.secrets[i].secret == token);
  }
}

TEST_CASE("a file of many windows gives the same findings as one buffer") {
  slipway::test::TempFolder folder;
  SampleBuilder builder("many-windows");
  std::string content;
  for (int i = 0; i < 40000; ++i) {
    content += (i % 997 == 0) ? builder.expand("token: xoxb-{d:12}-{d:12}-{a:24}\n")
                              : builder.expand("{l:60} {d:20}\n");
  }
  REQUIRE(content.size() > 3 * k_window_size);
  const auto from_file = scan_path(folder.write("many.txt", content)).secrets;
  const auto from_buffer = scan_text(content);
  REQUIRE(from_file.size() == 41);
  REQUIRE(from_buffer.size() == from_file.size());
  for (std::size_t i = 0; i < from_file.size(); ++i) {
    CHECK(from_file[i].line == from_buffer[i].line);
    CHECK(from_file[i].column == from_buffer[i].column);
    CHECK(from_file[i].secret == from_buffer[i].secret);
  }
}

TEST_CASE("binary files are skipped") {
  slipway::test::TempFolder folder;
  SampleBuilder builder("binary");
  const std::string content = std::string("\x89PNG\r\n\x1a\n\0\0\0", 11) + builder.expand("ghp_{a:36}");
  const auto result = scan_path(folder.write("image.png", content));
  CHECK(result.skip == InputSkip::binary);
  CHECK(result.secrets.empty());
}

TEST_CASE("files above max-file-size are skipped without being read") {
  slipway::test::TempFolder folder;
  SecretSettings settings;
  settings.rules = builtin_rules();
  settings.max_file_size = 1000;
  auto matcher = SecretMatcher::create(settings);
  REQUIRE(matcher.ok());
  SampleBuilder builder("huge");
  const auto small =
      scan_path(*matcher, folder.write("small.txt", builder.expand("ghp_{a:36}\n")), "small.txt");
  CHECK(small.secrets.size() == 1);
  const auto big = scan_path(
      *matcher, folder.write("big.txt", builder.expand("ghp_{a:36}\n") + std::string(2000, 'x')), "big.txt");
  CHECK(big.skip == InputSkip::too_large);
  CHECK(big.detail == "2041 bytes");
  CHECK(big.secrets.empty());
}

TEST_CASE("a missing or unreadable file is a skip, not an error") {
  slipway::test::TempFolder folder;
  const auto missing = scan_path(folder / "gone.txt");
  CHECK(missing.skip == InputSkip::unreadable);
  const auto directory = scan_path(folder.path());
  CHECK(directory.skip != InputSkip::none);
}

TEST_CASE("CRLF line endings and invalid UTF-8 do not disturb lines or secrets") {
  slipway::test::TempFolder folder;
  SampleBuilder builder("crlf");
  const std::string token = builder.expand("glpat-{w:20}");
  const std::string content = "one\r\n\xff\xfe broken \xc3\r\ntoken = " + token + "\r\n\xe2\x82\r\n";
  const auto result = scan_path(folder.write("crlf.txt", content));
  REQUIRE(result.secrets.size() == 1);
  CHECK(result.secrets[0].line == 3);
  CHECK(result.secrets[0].column == 9);
  CHECK(result.secrets[0].secret == token);
}

TEST_CASE("an empty file has no secrets") {
  slipway::test::TempFolder folder;
  const auto result = scan_path(folder.write("empty.txt", ""));
  CHECK(result.skip == InputSkip::none);
  CHECK(result.secrets.empty());
}

TEST_CASE("a private key spanning lines reports where it starts and where the secret ends") {
  SampleBuilder builder("pem-lines");
  const std::string pem = builder.expand(
      "x\n-----BEGIN EC PRIV{-}ATE KEY-----\n{b:64}\n{b:64}\n-----END EC PRIV{-}ATE KEY-----\n");
  const auto found = scan_text(pem);
  REQUIRE(found.size() == 1);
  CHECK(found[0].line == 2);
  CHECK(found[0].column == 1);
  CHECK(found[0].end_line == 3);
  CHECK(found[0].end_column == 65);
}
