// Tests of the content checks (stages/lint/content_checks.cpp): private keys,
// YAML and JSON syntax, JSON duplicate keys, large files and Git LFS
// exemptions. Key markers are assembled at run time so that this file does not
// itself look like it holds a private key.
#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "stages/lint/content_checks.hpp"
#include "stages/lint/lint_schema.hpp"

using namespace slipway;
using namespace slipway::lint;

namespace {

CheckSet all_checks() {
  CheckSet set;
  for (const CheckSpec& spec : check_specs()) set.set(spec.check);
  return set;
}

const SeverityTable& severities() {
  static const LintSettings settings = resolve_settings(nullptr);
  return settings.severities;
}

template <typename Check>
std::vector<model::Finding> run_check(const std::string& content, Check&& check) {
  FileFindings sink("file", all_checks(), severities());
  check(content, sink);
  return std::move(sink.findings());
}

std::string begin_marker(const std::string& kind) {
  return std::string("-----") + "BEGIN " + kind + "-----";
}

const std::string k_key_body = "MIIEowIBAAKCAQEAuV1aG7Xq3tJZ9c2sGf0m4KX1e8xYt2mPq9vN0bR5hJw3kLdE";

}  // namespace

TEST_CASE("private-key finds every kind of key block without printing it", "[lint][content]") {
  for (const std::string kind :
       {"RSA PRIVATE KEY", "DSA PRIVATE KEY", "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
        "PGP PRIVATE KEY BLOCK", "ENCRYPTED PRIVATE KEY", "PRIVATE KEY"}) {
    INFO(kind);
    const std::string file = "config:\n  key: |\n    " + begin_marker(kind) + "\n    " + k_key_body + "\n";
    const auto findings = run_check(file, check_private_keys);
    REQUIRE(findings.size() == 1);
    CHECK(findings[0].rule_id == "private-key");
    CHECK(findings[0].severity == model::Severity::error);
    CHECK(findings[0].location.start_line == 3);
    CHECK(findings[0].location.start_column == 5);
    CHECK(findings[0].message.find(kind) != std::string::npos);
    CHECK(findings[0].message.find("MIIE") == std::string::npos);
  }
}

TEST_CASE("private-key finds PuTTY key files", "[lint][content]") {
  const std::string putty = std::string("PuTTY-User-Key-File-") + "3: ssh-ed25519\nEncryption: none\n";
  const auto findings = run_check(putty, check_private_keys);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.start_line == 1);
}

TEST_CASE("private-key ignores public keys and prose", "[lint][content]") {
  CHECK(run_check(begin_marker("PUBLIC KEY") + "\n" + k_key_body + "\n", check_private_keys).empty());
  CHECK(run_check("Never commit a BEGIN RSA PRIVATE KEY block.\n", check_private_keys).empty());
  CHECK(run_check("-----BEGIN <TYPE> PRIVATE KEY-----\n", check_private_keys).empty());
  CHECK(run_check("Files starting with PuTTY-User-Key-File-N: are keys\n", check_private_keys).empty());
}

TEST_CASE("yaml and json paths are recognised by extension", "[lint][content]") {
  CHECK(is_yaml_path(".github/workflows/ci.yml"));
  CHECK(is_yaml_path("deploy/app.YAML"));
  CHECK_FALSE(is_yaml_path("notes.yml.txt"));
  CHECK(is_json_path("package.json"));
  CHECK_FALSE(is_json_path("settings.jsonc"));
  CHECK_FALSE(is_json_path("data.json5"));
}

TEST_CASE("yaml-syntax accepts valid documents, simple and not", "[lint][content]") {
  CHECK(run_check("a: 1\nb:\n  - x\n  - y\n", check_yaml).empty());
  CHECK(run_check("---\nname: \"quoted: value\"\nlist: [1, 2, {a: b}]\ntext: |\n  block\n---\nsecond: doc\n",
                  check_yaml)
            .empty());
  CHECK(run_check("", check_yaml).empty());
}

TEST_CASE("yaml-syntax reports an error in a later document at its line", "[lint][content]") {
  const std::string text = "first: 1\n---\nsecond: 2\n---\nthird: [1, 2\nfourth: 4\n";
  const auto findings = run_check(text, check_yaml);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].rule_id == "yaml-syntax");
  CHECK(findings[0].location.start_line == 6);
  CHECK(findings[0].location.start_column >= 1);
  CHECK(findings[0].message.find("YAML syntax error") == 0);
}

TEST_CASE("yaml-syntax reports a bad indentation at its line and column", "[lint][content]") {
  const auto findings = run_check("a:\n  b: 1\n c: 2\n", check_yaml);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.start_line == 3);
  CHECK(findings[0].location.start_column == 2);  // at "c"
}

TEST_CASE("json-syntax accepts valid JSON", "[lint][content]") {
  CHECK(run_check("{\"a\": [1, 2, {\"b\": null}], \"c\": {\"a\": 1}}\n", check_json).empty());
  CHECK(run_check("[{\"a\": 1}, {\"a\": 2}]", check_json).empty());
  CHECK(run_check("\xEF\xBB\xBF{}", check_json).empty());
}

TEST_CASE("json-syntax reports a duplicate key at its second occurrence", "[lint][content]") {
  const std::string text =
      "{\n"
      "  \"name\": \"a\",\n"
      "  \"nested\": {\"name\": \"not a duplicate\", \"x\": \"name\"},\n"
      "  \"list\": [\"name\", \"name\"],\n"
      "    \"name\": \"b\"\n"
      "}\n";
  const auto findings = run_check(text, check_json);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "duplicate key \"name\"");
  CHECK(findings[0].location.start_line == 5);
  CHECK(findings[0].location.start_column == 5);
}

TEST_CASE("json-syntax sees duplicates written with different escapes", "[lint][content]") {
  const auto findings = run_check("{\"a\": 1,\n \"b\\\"q\": 2,\n \"\\u0061\": 3}", check_json);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.start_line == 3);
  CHECK(findings[0].message == "duplicate key \"a\"");
}

TEST_CASE("json-syntax reports a syntax error at its line and column", "[lint][content]") {
  const auto findings = run_check("{\n  \"a\": 1,\n  \"b\": tru\n}\n", check_json);
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].location.start_line == 3);
  CHECK(findings[0].location.start_column == 11);  // the byte that ended the bad token
  CHECK(findings[0].message.find("syntax error") != std::string::npos);
  CHECK(findings[0].message.find("last read") == std::string::npos);

  const auto trailing_comma = run_check("{\"a\": 1,\n}", check_json);
  REQUIRE(trailing_comma.size() == 1);
  CHECK(trailing_comma[0].location.start_line == 2);
  CHECK(run_check("", check_json).size() == 1);
}

TEST_CASE("json_key_offsets finds keys by ordinal", "[lint][content]") {
  const std::string json = R"({"a": "b:", "c" : {"d\"": 1}, "e": ["f", "g"]})";
  const std::vector<std::size_t> offsets = json_key_offsets(json, {0, 1, 2, 3});
  REQUIRE(offsets.size() == 4);
  CHECK(json.substr(offsets[0], 3) == "\"a\"");
  CHECK(json.substr(offsets[1], 3) == "\"c\"");
  CHECK(json.substr(offsets[2], 4) == "\"d\\\"");
  CHECK(json.substr(offsets[3], 3) == "\"e\"");
}

TEST_CASE("large-file compares the size with max-kb and exempts LFS pointers", "[lint][content]") {
  const auto run_large = [](std::uint64_t size, std::string_view head, bool tracked) {
    FileFindings sink("big.bin", all_checks(), severities());
    check_large_file(size, 500, head, tracked, sink);
    return std::move(sink.findings());
  };
  CHECK(run_large(500 * 1024, "", false).empty());
  const auto over = run_large(500 * 1024 + 1, "", false);
  REQUIRE(over.size() == 1);
  CHECK(over[0].message.find("over the 500 KiB limit") != std::string::npos);
  CHECK(run_large(2 * 1024 * 1024, std::string(k_lfs_pointer_prefix) + "\noid sha256:00\n", false).empty());
  CHECK(run_large(2 * 1024 * 1024, "", true).empty());
  CHECK(format_size(1536 * 1024) == "1.5 MiB");
  CHECK(format_size(600 * 1024 + 1) == "601 KiB");
}

TEST_CASE("LfsTracked follows .gitattributes filter=lfs rules", "[lint][content]") {
  LfsTracked tracked;
  tracked.add_attributes(
      "", "# comment\n*.psd filter=lfs diff=lfs merge=lfs -text\n/top.bin filter=lfs\n*.txt text\n");
  tracked.add_attributes("assets/", "*.wav filter=lfs\nkeep.psd -filter\n");
  CHECK(tracked.matches("art/cover.psd"));
  CHECK(tracked.matches("top.bin"));
  CHECK_FALSE(tracked.matches("sub/top.bin"));
  CHECK(tracked.matches("assets/sound/a.wav"));
  CHECK_FALSE(tracked.matches("other/a.wav"));
  CHECK_FALSE(tracked.matches("assets/keep.psd"));
  CHECK_FALSE(tracked.matches("notes.txt"));
}
