// From raw Vectorscan matches to secrets: the second half of the engine.
//
// For each offset where Vectorscan says a rule's match ends, the rule's
// std::regex runs on at most the rule's maximum width of bytes before it to
// find where the match starts and to extract the secret's capture group; then the keyword,
// entropy and allow-list gates apply, and where the secrets of two rules
// overlap the more specific rule wins (Specificity). The matcher is built
// once per run and is read-only afterwards, so scanning threads share it,
// each with its own Scratch.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <regex>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/secrets/pattern_database.hpp"
#include "stages/scan/secrets/secrets_settings.hpp"
#include "util/ascii_regex.hpp"
#include "util/result.hpp"

namespace slipway::scan::secrets {

// The longest match the engine looks back for: a Vectorscan match ending at
// offset E is searched for in [E - min(rule width, this), E). Windows overlap
// by this much (input_scanner.hpp). Built-in rules stay below it.
constexpr std::size_t k_max_match_width = 4096;

// One secret found. Offsets are absolute (from the start of the file or blob).
struct SecretHit {
  std::size_t rule = 0;  // index into SecretMatcher::rules()
  std::size_t match_begin = 0;
  std::size_t secret_begin = 0;
  std::size_t secret_end = 0;
  std::string secret;  // never leaves the scanner: findings carry a redacted form
};

// Shannon entropy of `text` in bits per byte (0 for empty text).
double shannon_entropy(std::string_view text);

// True when `secret` looks like a placeholder (EXAMPLE, xxxxx, ${VAR},
// <your-token>, changeme, ...): the allow list every rule shares.
bool is_placeholder(std::string_view secret);

class SecretMatcher {
 public:
  // Compiles the Vectorscan database and every capture / allow regex.
  static Result<SecretMatcher> create(const SecretSettings& settings);

  [[nodiscard]] const std::vector<SecretRule>& rules() const { return m_rules; }
  [[nodiscard]] std::int64_t max_file_size() const { return m_max_file_size; }
  Result<PatternDatabase::Scratch> make_scratch() const { return m_database.make_scratch(); }

  // Which rules skip `path` (their allow-paths); empty when the global
  // allow-paths cover it and nothing is to be scanned at all.
  [[nodiscard]] std::vector<bool> rules_for_path(std::string_view path, bool& path_allowed) const;

  // Appends the secrets in `window` (whose first byte has absolute offset
  // `window_offset`) whose match starts in [accept_begin, accept_end).
  Result<void> find(std::string_view window, std::size_t window_offset, std::size_t accept_begin,
                    std::size_t accept_end, const std::vector<bool>& skipped_rules,
                    PatternDatabase::Scratch& scratch, std::vector<SecretHit>& out) const;

 private:
  // "(?:pattern)$", compiled on first use: a run needs it only for the rules
  // Vectorscan found something for, usually a few of the ~200.
  class LazyCapture {
   public:
    LazyCapture(std::string pattern, std::regex_constants::syntax_option_type flags)
        : m_pattern(std::move(pattern)), m_flags(flags) {}
    // Null when the pattern does not compile (validate_rules reports that
    // before a scan starts; this only keeps a scan from failing mid-way).
    const util::AsciiRegex* get() const;

   private:
    std::string m_pattern;
    std::regex_constants::syntax_option_type m_flags;
    mutable std::once_flag m_once;
    mutable std::optional<util::AsciiRegex> m_regex;
  };

  struct CompiledRule {
    std::unique_ptr<LazyCapture> capture_at_end;  // finds the leftmost start of a match ending at E
    std::size_t look_back = 0;                    // min(max width, k_max_match_width)
    std::vector<util::AsciiRegex> allow_values;
  };

  std::vector<SecretRule> m_rules;
  std::vector<CompiledRule> m_compiled;
  std::vector<util::AsciiRegex> m_allow_values;  // scan.secrets.allow-values
  std::vector<std::string> m_allow_paths;        // scan.secrets.allow-paths
  std::int64_t m_max_file_size = 0;
  PatternDatabase m_database;

  bool accept(const SecretRule& rule, const CompiledRule& compiled, std::string_view region,
              std::string_view secret) const;
};

}  // namespace slipway::scan::secrets
