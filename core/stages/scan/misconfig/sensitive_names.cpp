// Secret-like variable names and "value is only a reference" tests.
#include "stages/scan/misconfig/sensitive_names.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <string>
#include <vector>

#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

std::vector<std::string> name_words(std::string_view name) {
  std::vector<std::string> words;
  std::string word;
  char previous = '\0';
  for (const char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isalnum(u) == 0) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      if (std::isupper(u) != 0 && std::islower(static_cast<unsigned char>(previous)) != 0 && !word.empty()) {
        words.push_back(std::move(word));
        word.clear();
      }
      word += static_cast<char>(std::tolower(u));
    }
    previous = c;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

template <std::size_t N>
bool among(const std::array<std::string_view, N>& list, std::string_view word) {
  return std::find(list.begin(), list.end(), word) != list.end();
}

constexpr std::array<std::string_view, 13> k_secret_words = {
    "password", "passwd",     "passphrase", "secret",    "token",   "credential", "credentials",
    "apikey",   "privatekey", "accesskey",  "secretkey", "authkey", "secrets"};

constexpr std::array<std::string_view, 5> k_key_prefixes = {"api", "private", "access", "secret", "auth"};

constexpr std::array<std::string_view, 31> k_metadata_words = {
    "file",     "files",    "path",      "dir",     "directory", "name",    "names", "url",
    "uri",      "type",     "id",        "length",  "len",       "ref",     "env",   "endpoint",
    "header",   "prefix",   "expiry",    "expires", "ttl",       "policy",  "mode",  "enabled",
    "required", "provider", "algorithm", "format",  "location",  "version", "hint"};

}  // namespace

bool is_secret_name(std::string_view name) {
  const std::vector<std::string> words = name_words(name);
  if (words.empty()) return false;
  if (among(k_metadata_words, words.back())) return false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    if (among(k_secret_words, word)) return true;
    if (word == "pwd" && words.size() > 1) return true;
    if (word == "key" && i > 0 && among(k_key_prefixes, words[i - 1])) return true;
  }
  return false;
}

bool is_reference_only(std::string_view value) {
  const std::string_view text = util::trim(value);
  if (text.empty()) return true;
  if (text.size() > 256) return false;  // no reference is that long (and std::regex recurses per character)
  static const std::regex k_reference(
      R"(\$[A-Za-z_][A-Za-z0-9_]*|\$\{[^}]*\}|\$\([A-Za-z_][A-Za-z0-9_]*\)|\$\{\{[^}]*\}\}|%[A-Za-z_][A-Za-z0-9_]*%)");
  return std::regex_match(text.begin(), text.end(), k_reference);
}

}  // namespace slipway::scan::misconfig
