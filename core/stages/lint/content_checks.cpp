// Content checks: private keys, YAML syntax, JSON syntax and duplicate keys,
// and large files.
//
// YAML goes to yaml-cpp unless the fast path (yaml_fast_path.cpp) can vouch
// for it, because yaml-cpp alone would dominate the run time.
//
// Private keys are found with memmem over the whole buffer (two searches per
// file, no per-line work). The message names the kind of key only; key material
// is never copied into a finding.
//
// JSON duplicate keys: nlohmann-json's SAX interface reports keys but not their
// positions. The SAX handler therefore records the ordinal of each duplicate key
// (its index among all keys in document order); only when there is one does a
// small scanner walk the text again to find where that key starts. The two
// agree because, in JSON that parsed up to that point, a key is exactly a string
// token followed by optional whitespace and ':'.
#include "stages/lint/content_checks.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <unordered_set>

#include "model/yaml_documents.hpp"
#include "stages/lint/yaml_fast_path.hpp"
#include "util/files.hpp"
#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::lint {
namespace {

constexpr std::string_view k_begin_marker = "-----BEGIN ";
constexpr std::string_view k_putty_marker = "PuTTY-User-Key-File-";
constexpr std::array<std::string_view, 7> k_key_kinds = {
    "RSA PRIVATE KEY",       "DSA PRIVATE KEY",       "EC PRIVATE KEY", "OPENSSH PRIVATE KEY",
    "PGP PRIVATE KEY BLOCK", "ENCRYPTED PRIVATE KEY", "PRIVATE KEY",
};
constexpr std::size_t k_max_duplicates_reported = 50;

std::size_t find_bytes(std::string_view haystack, std::size_t from, std::string_view needle) {
  if (from >= haystack.size()) return std::string_view::npos;
  const void* hit = memmem(haystack.data() + from, haystack.size() - from, needle.data(), needle.size());
  return hit == nullptr ? std::string_view::npos
                        : static_cast<std::size_t>(static_cast<const char*>(hit) - haystack.data());
}

bool has_suffix(std::string_view path, std::string_view suffix) {
  return path.size() >= suffix.size() && util::to_lower(path.substr(path.size() - suffix.size())) == suffix;
}

// A SAX handler that validates and records duplicate keys by ordinal.
class DuplicateKeyHandler {
 public:
  using json = nlohmann::json;

  struct Duplicate {
    std::size_t ordinal = 0;
    std::string key;
  };

  bool null() { return true; }
  bool boolean(bool /*value*/) { return true; }
  bool number_integer(json::number_integer_t /*value*/) { return true; }
  bool number_unsigned(json::number_unsigned_t /*value*/) { return true; }
  bool number_float(json::number_float_t /*value*/, const json::string_t& /*text*/) { return true; }
  bool string(json::string_t& /*value*/) { return true; }
  bool binary(json::binary_t& /*value*/) { return true; }
  bool start_array(std::size_t /*size*/) { return true; }
  bool end_array() { return true; }

  bool start_object(std::size_t /*size*/) {
    // Sets are reused across objects at the same depth to avoid reallocating.
    if (m_depth == m_keys.size()) m_keys.emplace_back();
    m_keys[m_depth].clear();
    ++m_depth;
    return true;
  }
  bool end_object() {
    --m_depth;
    return true;
  }
  bool key(json::string_t& key) {
    const std::size_t ordinal = m_key_count++;
    if (m_depth > 0 && !m_keys[m_depth - 1].insert(key).second &&
        m_duplicates.size() < k_max_duplicates_reported) {
      m_duplicates.push_back(Duplicate{ordinal, key});
    }
    return true;
  }
  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& error) {
    m_error_position = position;
    m_error = error.what();
    return false;
  }

  [[nodiscard]] const std::vector<Duplicate>& duplicates() const { return m_duplicates; }
  [[nodiscard]] const std::optional<std::string>& error() const { return m_error; }
  [[nodiscard]] std::size_t error_position() const { return m_error_position; }

 private:
  std::vector<std::unordered_set<std::string>> m_keys;
  std::size_t m_depth = 0;
  std::size_t m_key_count = 0;
  std::vector<Duplicate> m_duplicates;
  std::optional<std::string> m_error;
  std::size_t m_error_position = 0;
};

// "[json.exception.parse_error.101] parse error at line 1, column 5: syntax error while
// parsing value - invalid literal; last read: 'tru,'" -> "syntax error while parsing value -
// invalid literal". The position is reported separately, and "last read" is dropped because it
// may echo file content (a secret value, say) into the report.
std::string json_error_text(std::string_view what) {
  const std::size_t column = what.find(", column ");
  if (column != std::string_view::npos) {
    const std::size_t colon = what.find(": ", column);
    if (colon != std::string_view::npos) what.remove_prefix(colon + 2);
  }
  const std::size_t last_read = what.find("; last read:");
  if (last_read != std::string_view::npos) what = what.substr(0, last_read);
  return std::string(what);
}

}  // namespace

void check_private_keys(std::string_view content, FileFindings& sink) {
  if (!sink.on(Check::private_key)) return;
  for (std::size_t at = find_bytes(content, 0, k_begin_marker); at != std::string_view::npos;
       at = find_bytes(content, at + 1, k_begin_marker)) {
    const std::string_view rest = content.substr(at + k_begin_marker.size());
    for (const std::string_view kind : k_key_kinds) {
      if (rest.substr(0, kind.size()) == kind && rest.substr(kind.size(), 5) == "-----") {
        const TextPosition position = locate(content, at);
        sink.add(Check::private_key, position.line, position.column,
                 "private key block (" + std::string(kind) + "); remove it and rotate the key");
        break;
      }
    }
  }
  for (std::size_t at = find_bytes(content, 0, k_putty_marker); at != std::string_view::npos;
       at = find_bytes(content, at + 1, k_putty_marker)) {
    const std::size_t version = at + k_putty_marker.size();
    if (version < content.size() && content[version] >= '0' && content[version] <= '9') {
      const TextPosition position = locate(content, at);
      sink.add(Check::private_key, position.line, position.column,
               "PuTTY private key file; remove it and rotate the key");
    }
  }
}

bool is_yaml_path(std::string_view path) {
  return has_suffix(path, ".yml") || has_suffix(path, ".yaml");
}

bool is_json_path(std::string_view path) {
  return has_suffix(path, ".json");
}

void check_yaml(std::string_view content, FileFindings& sink) {
  if (!sink.on(Check::yaml_syntax) || is_plain_yaml(content)) return;
  if (auto valid = model::check_yaml_syntax(content); !valid) {
    sink.add(Check::yaml_syntax, valid.error().line, valid.error().column,
             "YAML syntax error: " + valid.error().message);
  }
}

std::vector<std::size_t> json_key_offsets(std::string_view json, const std::vector<std::size_t>& ordinals) {
  std::vector<std::size_t> offsets;
  std::size_t key_index = 0;
  std::size_t next = 0;  // index into ordinals
  std::size_t i = 0;
  const std::size_t size = json.size();
  while (i < size && next < ordinals.size()) {
    const std::size_t quote = json.find('"', i);
    if (quote == std::string_view::npos) break;
    std::size_t end = quote + 1;
    while (end < size && json[end] != '"') end += json[end] == '\\' ? 2 : 1;
    std::size_t after = end + 1;
    while (after < size &&
           (json[after] == ' ' || json[after] == '\t' || json[after] == '\n' || json[after] == '\r')) {
      ++after;
    }
    if (after < size && json[after] == ':') {
      if (key_index == ordinals[next]) {
        offsets.push_back(quote);
        ++next;
      }
      ++key_index;
    }
    i = end + 1;
  }
  return offsets;
}

void check_json(std::string_view content, FileFindings& sink) {
  if (!sink.on(Check::json_syntax)) return;
  DuplicateKeyHandler handler;
  (void)nlohmann::json::sax_parse(content.begin(), content.end(), &handler);
  const auto& duplicates = handler.duplicates();
  if (!duplicates.empty()) {
    std::vector<std::size_t> ordinals;
    ordinals.reserve(duplicates.size());
    for (const auto& duplicate : duplicates) ordinals.push_back(duplicate.ordinal);
    const std::vector<std::size_t> offsets = json_key_offsets(content, ordinals);
    for (std::size_t i = 0; i < duplicates.size(); ++i) {
      const TextPosition position = i < offsets.size() ? locate(content, offsets[i]) : TextPosition{0, 0};
      const std::string shown =
          nlohmann::json(duplicates[i].key).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
      sink.add(Check::json_syntax, position.line, position.column, "duplicate key " + shown);
    }
  }
  if (handler.error()) {
    const std::size_t position = handler.error_position();
    const TextPosition at = locate(content, position > 0 ? position - 1 : 0);
    sink.add(Check::json_syntax, at.line, at.column, "JSON " + json_error_text(*handler.error()));
  }
}

bool is_lfs_pointer(std::string_view head) {
  return head.substr(0, k_lfs_pointer_prefix.size()) == k_lfs_pointer_prefix;
}

void LfsTracked::add_attributes(std::string_view dir, std::string_view text) {
  for (const std::string& raw_line : util::split_lines(text)) {
    const std::string_view line = util::trim(raw_line);
    if (line.empty() || line[0] == '#' || line[0] == '"') continue;  // quoted patterns are not supported
    const std::size_t space = line.find_first_of(" \t");
    if (space == std::string_view::npos) continue;
    std::string_view pattern = line.substr(0, space);
    std::optional<bool> lfs;
    for (const std::string& attribute : util::split(line.substr(space + 1), ' ')) {
      const std::string_view token = util::trim(attribute);
      if (token == "filter=lfs") {
        lfs = true;
      } else if (token == "-filter" || token == "!filter" || util::starts_with(token, "filter=")) {
        lfs = false;
      }
    }
    if (!lfs) continue;
    Rule rule;
    rule.dir = dir;
    rule.anchored = pattern[0] == '/';
    if (rule.anchored) pattern.remove_prefix(1);
    rule.pattern = pattern;
    rule.lfs = *lfs;
    m_rules.push_back(std::move(rule));
  }
}

bool LfsTracked::matches(std::string_view path) const {
  // Later rules override earlier ones, as in Git.
  for (auto rule = m_rules.rbegin(); rule != m_rules.rend(); ++rule) {
    if (!util::starts_with(path, rule->dir)) continue;
    const std::string_view rest = path.substr(rule->dir.size());
    if (rule->anchored && rule->pattern.find('/') == std::string::npos &&
        rest.find('/') != std::string_view::npos) {
      continue;
    }
    if (util::glob_match(rule->pattern, rest)) return rule->lfs;
  }
  return false;
}

LfsTracked load_lfs_tracked(const std::string& root, const std::vector<std::string>& paths) {
  LfsTracked tracked;
  std::vector<std::string> attribute_files;
  for (const std::string& path : paths) {
    if (path == ".gitattributes" || util::ends_with(path, "/.gitattributes")) attribute_files.push_back(path);
  }
  if (attribute_files.empty()) attribute_files.emplace_back(".gitattributes");
  std::sort(attribute_files.begin(), attribute_files.end());
  attribute_files.erase(std::unique(attribute_files.begin(), attribute_files.end()), attribute_files.end());
  for (const std::string& path : attribute_files) {
    auto text = util::read_file(util::fs::path(root) / path);
    if (!text) continue;  // a missing or unreadable .gitattributes exempts nothing
    tracked.add_attributes(
        std::string_view(path).substr(0, path.size() - std::string_view(".gitattributes").size()), *text);
  }
  return tracked;
}

std::string format_size(std::uint64_t bytes) {
  constexpr std::uint64_t k_kib = 1024;
  std::array<char, 32> buffer{};
  if (bytes >= k_kib * k_kib) {
    std::snprintf(buffer.data(), buffer.size(), "%.1f MiB", static_cast<double>(bytes) / (k_kib * k_kib));
  } else {
    std::snprintf(buffer.data(), buffer.size(), "%llu KiB",
                  static_cast<unsigned long long>((bytes + k_kib - 1) / k_kib));  // NOLINT(runtime/int)
  }
  return buffer.data();
}

void check_large_file(std::uint64_t size, std::int64_t max_kb, std::string_view head, bool lfs_tracked,
                      FileFindings& sink) {
  if (!sink.on(Check::large_file)) return;
  if (size <= static_cast<std::uint64_t>(max_kb) * 1024 || lfs_tracked || is_lfs_pointer(head)) return;
  sink.add(Check::large_file, 0, 0,
           "file is " + format_size(size) + ", over the " + std::to_string(max_kb) +
               " KiB limit (lint.checks.large-file.max-kb)");
}

}  // namespace slipway::lint
