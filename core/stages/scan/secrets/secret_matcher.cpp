// The capture-and-gate half of the engine (see secret_matcher.hpp).
//
// Vectorscan reports every end offset E at which a rule matches. The rule's
// pattern anchored at the end, "(?:pattern)$", searched in the bytes
// [E - look_back, E), finds the leftmost start of a match ending at E (what
// HS_FLAG_SOM_LEFTMOST would report). The search widens in steps (256, 1024,
// look_back bytes) and stops at the first step that finds a match, so a
// short token costs a short search; the byte before the search region is
// made visible (match_prev_avail) so that a leading \b means the same to both
// engines. Per (rule, start) the longest match is kept, which is the whole
// token for the bounded patterns the rules use. Only bytes where Vectorscan
// found a match are ever given to std::regex.
#include "stages/scan/secrets/secret_matcher.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <map>
#include <optional>
#include <stdexcept>
#include <tuple>
#include <utility>

#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::scan::secrets {
namespace {

// Values that stand for a secret without being one, matched
// case-insensitively anywhere in the secret unless anchored. One Vectorscan
// database holds them all, so a candidate costs one pass however many there
// are; the one shape a back-reference would need ("aaaaaaaa") is
// same_character_run().
constexpr std::array<std::string_view, 8> k_placeholder_patterns = {
    R"(example)",
    R"(x{5,}|\*{3,}|\.\.\.|#{4,})",
    R"(^\$[a-z_{(]|\{\{|^%[a-z(]|^<[^>]{0,80}>$|^@[a-z_]+@$)",
    R"(placeholder|changeme|change_me|changeit|dummy|redacted|notreal|not_real|fake_?(?:key|token|secret))",
    R"(your[_-]?(?:api|access|secret|auth|app|client|private)?[_-]?(?:key|token|secret|password|pass|here))",
    R"(insert[_-]?(?:your|key|token|here)|replace[_-]?me|<redacted>)",
    R"(^(?:password|passwd|secret|token|apikey|api_key|none|null|nil|undefined|true|false|test|testing|admin|root|default|foobar|hunter2)$)",
    R"(0123456789|1234567890|abcdefghij|qwertyuiop)",
};

const PatternDatabase& placeholder_database() {
  static const PatternDatabase k_database = [] {
    std::vector<SecretRule> rules;
    for (std::string_view pattern : k_placeholder_patterns) {
      SecretRule rule;
      rule.id = "placeholder";
      rule.pattern = std::string(pattern);
      rule.caseless = true;
      rules.push_back(std::move(rule));
    }
    auto database = PatternDatabase::compile(rules);
    if (!database) throw std::logic_error("placeholder patterns do not compile: " + database.error().message);
    return std::move(*database);
  }();
  return k_database;
}

// Two or more of one character, nothing else (a line break is not a run).
bool same_character_run(std::string_view text) {
  if (text.size() < 2 || text.front() == '\n' || text.front() == '\r') return false;
  return text.find_first_not_of(text.front()) == std::string_view::npos;
}

bool any_search(const std::vector<util::AsciiRegex>& regexes, std::string_view text) {
  return std::any_of(regexes.begin(), regexes.end(), [&](const util::AsciiRegex& regex) {
    return std::regex_search(text.begin(), text.end(), regex);
  });
}

// Where the line holding the match's last byte starts, not before `farthest`.
std::size_t start_of_line(std::string_view window, std::size_t farthest, std::size_t to) {
  if (to <= farthest + 1) return farthest;
  const void* newline = memrchr(window.data() + farthest, '\n', to - 1 - farthest);
  if (newline == nullptr) return farthest;
  return static_cast<std::size_t>(static_cast<const char*>(newline) - window.data()) + 1;
}

Error rule_compile_error(const SecretRule& rule, const std::string& what) {
  std::string message = "secret rule " + rule.id + ": " + what;
  if (rule.origin != "built-in") message += " (" + rule.origin + ")";
  return make_error(message);
}

}  // namespace

double shannon_entropy(std::string_view text) {
  if (text.empty()) return 0.0;
  std::array<std::size_t, 256> counts{};
  for (char c : text) ++counts[static_cast<unsigned char>(c)];
  double entropy = 0.0;
  const double size = static_cast<double>(text.size());
  for (std::size_t count : counts) {
    if (count == 0) continue;
    const double p = static_cast<double>(count) / size;
    entropy -= p * std::log2(p);
  }
  return entropy;
}

bool is_placeholder(std::string_view secret) {
  if (same_character_run(secret)) return true;
  const PatternDatabase& database = placeholder_database();
  thread_local std::optional<PatternDatabase::Scratch> scratch;
  if (!scratch) {
    auto made = database.make_scratch();
    if (!made) return false;
    scratch = std::move(*made);
  }
  auto found = database.matches_any(secret, *scratch);
  return found && *found;
}

Result<SecretMatcher> SecretMatcher::create(const SecretSettings& settings) {
  SecretMatcher matcher;
  matcher.m_rules = settings.rules;
  matcher.m_max_file_size = settings.max_file_size;
  matcher.m_allow_paths = settings.allow_paths;
  try {
    for (const std::string& allow : settings.allow_values) matcher.m_allow_values.emplace_back(allow);
  } catch (const std::regex_error& error) {
    return make_error(std::string("scan.secrets.allow-values: invalid regex: ") + error.what());
  }
  for (const SecretRule& rule : matcher.m_rules) {
    CompiledRule compiled;
    const auto flags = rule.caseless ? std::regex_constants::ECMAScript | std::regex_constants::icase
                                     : std::regex_constants::ECMAScript;
    if (!rule.builtin) {  // the built-in rules are checked by their tests
      try {
        const util::AsciiRegex capture(rule.pattern, flags);
        if (rule.secret_group < 0 || static_cast<std::size_t>(rule.secret_group) > capture.mark_count()) {
          return rule_compile_error(rule,
                                    "secret-group " + std::to_string(rule.secret_group) + " does not exist");
        }
      } catch (const std::regex_error& error) {
        return rule_compile_error(rule, std::string("invalid pattern: ") + error.what());
      }
    }
    compiled.capture_at_end = std::make_unique<LazyCapture>("(?:" + rule.pattern + ")$", flags);
    for (const std::string& allow : rule.allow_values) {
      try {
        compiled.allow_values.emplace_back(allow);
      } catch (const std::regex_error& error) {
        return rule_compile_error(rule, "invalid allow-values regex \"" + allow + "\": " + error.what());
      }
    }
    matcher.m_compiled.push_back(std::move(compiled));
  }
  auto database = PatternDatabase::compile(matcher.m_rules, settings.cache_dir);
  if (!database) return database.error();
  matcher.m_database = std::move(*database);
  for (std::size_t i = 0; i < matcher.m_compiled.size(); ++i) {
    matcher.m_compiled[i].look_back = std::min(matcher.m_database.max_width(i), k_max_match_width);
  }
  (void)placeholder_database();  // built now, not lazily inside worker threads
  return matcher;
}

std::vector<bool> SecretMatcher::rules_for_path(std::string_view path, bool& path_allowed) const {
  path_allowed = util::glob_match_any(m_allow_paths, path);
  std::vector<bool> skipped(m_rules.size(), false);
  if (path_allowed) return skipped;
  for (std::size_t i = 0; i < m_rules.size(); ++i) {
    if (!m_rules[i].allow_paths.empty()) skipped[i] = util::glob_match_any(m_rules[i].allow_paths, path);
  }
  return skipped;
}

const util::AsciiRegex* SecretMatcher::LazyCapture::get() const {
  std::call_once(m_once, [&] {
    try {
      m_regex.emplace(m_pattern, m_flags);
    } catch (const std::regex_error&) {
      m_regex.reset();
    }
  });
  return m_regex ? &*m_regex : nullptr;
}

bool SecretMatcher::accept(const SecretRule& rule, const CompiledRule& compiled, std::string_view region,
                           std::string_view secret) const {
  if (secret.empty()) return false;
  if (!rule.keywords.empty()) {
    const std::string lower = util::to_lower(region);
    const bool found =
        std::any_of(rule.keywords.begin(), rule.keywords.end(),
                    [&](const std::string& keyword) { return lower.find(keyword) != std::string::npos; });
    if (!found) return false;
  }
  if (rule.min_entropy > 0 && shannon_entropy(secret) < rule.min_entropy) return false;
  if (is_placeholder(secret)) return false;
  if (any_search(compiled.allow_values, secret)) return false;
  if (any_search(m_allow_values, secret)) return false;
  return true;
}

Result<void> SecretMatcher::find(std::string_view window, std::size_t window_offset, std::size_t accept_begin,
                                 std::size_t accept_end, const std::vector<bool>& skipped_rules,
                                 PatternDatabase::Scratch& scratch, std::vector<SecretHit>& out) const {
  std::vector<RawMatch> raw;
  if (auto scanned = m_database.scan(window, scratch, raw); !scanned) return scanned.error();
  if (raw.empty()) return {};

  std::sort(raw.begin(), raw.end(), [](const RawMatch& a, const RawMatch& b) {
    return std::tie(a.rule, a.to) < std::tie(b.rule, b.to);
  });
  raw.erase(
      std::unique(raw.begin(), raw.end(),
                  [](const RawMatch& a, const RawMatch& b) { return a.rule == b.rule && a.to == b.to; }),
      raw.end());
  std::vector<SecretHit> hits;
  std::map<std::pair<std::size_t, std::size_t>, std::size_t>
      by_start;  // (rule, match begin) -> index in hits
  for (const RawMatch& match : raw) {
    if (!skipped_rules.empty() && skipped_rules[match.rule]) continue;
    const CompiledRule& compiled = m_compiled[match.rule];
    const util::AsciiRegex* capture = compiled.capture_at_end->get();
    if (capture == nullptr) continue;
    if (window_offset + match.to <= accept_begin) continue;  // starts before this window's part
    const std::size_t farthest = match.to > compiled.look_back ? match.to - compiled.look_back : 0;
    if (window_offset + farthest >= accept_end) continue;  // starts after it

    // Nearest bytes first: most matches are short, and each start position
    // tried costs a regex attempt. The first try is the match's own line (at
    // most its last 256 bytes: minified code is one long line).
    std::cmatch groups;
    std::size_t region = match.to;
    bool found = false;
    const std::size_t line_start = start_of_line(window, farthest, match.to);
    for (std::size_t reach : {std::min(match.to - line_start, std::size_t{256}), std::size_t{256},
                              std::size_t{1024}, compiled.look_back}) {
      const std::size_t start = match.to > reach ? std::max(match.to - reach, farthest) : farthest;
      if (start >= region) continue;
      region = start;
      const auto flags =
          region > 0 ? std::regex_constants::match_prev_avail : std::regex_constants::match_default;
      try {
        found = std::regex_search(window.data() + region, window.data() + match.to, groups, *capture, flags);
      } catch (const std::regex_error&) {
        found = false;  // error_complexity / error_stack on a pathological region: not a finding
      }
      if (found || region == farthest) break;
    }
    if (!found) continue;
    const std::size_t begin = window_offset + region + static_cast<std::size_t>(groups.position(0));
    if (begin < accept_begin || begin >= accept_end) continue;
    const SecretRule& rule = m_rules[match.rule];
    const auto& group = groups[static_cast<std::size_t>(rule.secret_group)];
    if (!group.matched) continue;
    const std::string_view secret(group.first, static_cast<std::size_t>(group.second - group.first));
    const std::string_view matched(groups[0].first,
                                   static_cast<std::size_t>(groups[0].second - groups[0].first));
    if (!accept(rule, compiled, matched, secret)) continue;

    SecretHit hit;
    hit.rule = match.rule;
    hit.match_begin = begin;
    hit.secret_begin = window_offset + static_cast<std::size_t>(group.first - window.data());
    hit.secret_end = hit.secret_begin + secret.size();
    hit.secret = std::string(secret);
    // Ends come in increasing order: a later end from the same start is the longer match.
    const auto [slot, inserted] = by_start.try_emplace({match.rule, begin}, hits.size());
    if (inserted) {
      hits.push_back(std::move(hit));
    } else {
      hits[slot->second] = std::move(hit);
    }
  }

  // Where secrets overlap, keep the most specific rules; within one rule, the
  // first. A sweep in secret order compares only hits that overlap.
  std::sort(hits.begin(), hits.end(), [](const SecretHit& a, const SecretHit& b) {
    return std::tie(a.secret_begin, a.secret_end, a.rule) < std::tie(b.secret_begin, b.secret_end, b.rule);
  });
  std::vector<bool> beaten(hits.size(), false);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    for (std::size_t j = i + 1; j < hits.size() && hits[j].secret_begin < hits[i].secret_end; ++j) {
      const Specificity a = m_rules[hits[i].rule].specificity;
      const Specificity b = m_rules[hits[j].rule].specificity;
      if (a < b || (a == b && hits[i].rule == hits[j].rule)) beaten[j] = true;
      if (b < a) beaten[i] = true;
    }
  }
  for (std::size_t i = 0; i < hits.size(); ++i) {
    if (!beaten[i]) out.push_back(std::move(hits[i]));
  }
  return {};
}

}  // namespace slipway::scan::secrets
