// Tests of util::AsciiRegex (util/ascii_regex.hpp): the same patterns give the
// same matches and groups as std::regex, case-insensitive ones included, and
// \b \w \s \d and named classes mean what they mean in the "C" locale.
#include <catch2/catch.hpp>
#include <regex>
#include <string>
#include <vector>

#include "util/ascii_regex.hpp"

using slipway::util::AsciiRegex;

namespace {

struct Case {
  std::string pattern;
  bool icase;
  std::string text;
};

std::vector<std::string> groups_with_std(const Case& c) {
  auto flags = std::regex::ECMAScript;
  if (c.icase) flags |= std::regex::icase;
  const std::regex regex(c.pattern, flags);
  std::smatch match;
  std::vector<std::string> out;
  if (!std::regex_search(c.text, match, regex)) return out;
  for (std::size_t i = 0; i < match.size(); ++i)
    out.push_back(std::to_string(match.position(i)) + ":" + match.str(i));
  return out;
}

std::vector<std::string> groups_with_ascii(const Case& c) {
  auto flags = std::regex_constants::ECMAScript;
  if (c.icase) flags |= std::regex_constants::icase;
  const AsciiRegex regex(c.pattern, flags);
  std::smatch match;
  std::vector<std::string> out;
  if (!std::regex_search(c.text, match, regex)) return out;
  for (std::size_t i = 0; i < match.size(); ++i)
    out.push_back(std::to_string(match.position(i)) + ":" + match.str(i));
  return out;
}

}  // namespace

TEST_CASE("AsciiRegex finds the same matches and groups as std::regex") {
  const std::vector<Case> cases = {
      {R"x(api[_-]?key\s*=\s*"([A-Za-z0-9]{8,})")x", true, R"(x = 1; API_KEY = "Abc123XYZ789" ;)"},
      {R"x(api[_-]?key\s*=\s*"([A-Za-z0-9]{8,})")x", false, R"(x = 1; API_KEY = "Abc123XYZ789" ;)"},
      {R"(\bghp_([A-Za-z0-9]{6})\b)", false, "token ghp_abcDEF next"},
      {R"(\bghp_([A-Za-z0-9]{6})\b)", false, "xghp_abcDEF next"},
      {R"(\bghp_([A-Za-z0-9]{6})\b)", false, "token ghp_abcDEFG"},
      {R"((\w+)@(\d+)\s(\S+))", false, "user_1@2024 tail!"},
      {R"(PASSWORD|Secret)", true, "my secret is out"},
      {R"([[:alpha:]]+([[:digit:]]+))", false, "--abc123--"},
      {R"(^(.)\1+$)", false, "aaaa"},
      {R"(^(.)\1+$)", false, "aAaA"},
      {R"(example)", true, "EXAMPLE key"},
      {R"([^;"'\s]{3,12})", true, "pwd=\"Hunter2!\";"},
      {R"(\W(\w)\W)", false, "ab c de"},
  };
  for (const Case& c : cases) {
    INFO(c.pattern << " / " << c.text << (c.icase ? " (icase)" : ""));
    CHECK(groups_with_ascii(c) == groups_with_std(c));
  }
}

TEST_CASE("AsciiRegex back-references compare bytes exactly, even case-insensitively") {
  // libstdc++ folds case in back-references for std::regex_traits only; no
  // Slipway pattern uses one with icase (Vectorscan rejects back-references).
  const AsciiRegex run(R"(^(.)\1+$)", std::regex_constants::ECMAScript | std::regex_constants::icase);
  CHECK(std::regex_search("aaaa", run));
  CHECK_FALSE(std::regex_search("aAaA", run));
}

TEST_CASE("AsciiRegex case-insensitive classes and words work on bytes outside ASCII without matching them") {
  const AsciiRegex word(R"(\b(\w+)\b)", std::regex_constants::ECMAScript | std::regex_constants::icase);
  std::cmatch match;
  const std::string text = "\xc3\xa9t\xc3\xa9 Token";
  REQUIRE(std::regex_search(text.c_str(), match, word));
  CHECK(match.str(1) == "t");
  const AsciiRegex upper("TOKEN", std::regex_constants::ECMAScript | std::regex_constants::icase);
  CHECK(std::regex_search(text.c_str(), match, upper));
  CHECK(match.position(0) == 6);
}
