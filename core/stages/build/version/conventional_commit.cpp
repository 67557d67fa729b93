// Conventional commit parsing (see conventional_commit.hpp).
//
// The header grammar is checked by hand rather than with a regex so that each
// part's rule is visible: a type of letters, digits, '_' or '-' starting with
// a letter; an optional non-empty scope in parentheses; an optional '!'; then
// ": " and a non-empty subject. A breaking-change footer is recognised on any
// body line (tools put it in the last paragraph, people sometimes do not) and
// its note runs to the next blank line or the next footer token.
#include "stages/build/version/conventional_commit.hpp"

#include <optional>
#include <vector>

#include "util/strings.hpp"

namespace slipway::build::version {

namespace {

bool is_letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

bool is_type_char(char c) {
  return is_letter(c) || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

constexpr std::string_view k_breaking_tokens[] = {"BREAKING CHANGE:", "BREAKING-CHANGE:"};

// The text after a breaking-change token at the start of `line`, or nullopt.
std::optional<std::string_view> breaking_footer(std::string_view line) {
  for (const std::string_view token : k_breaking_tokens) {
    if (line.starts_with(token)) return util::trim(line.substr(token.size()));
  }
  return std::nullopt;
}

// "Token: value" or "Token #value", the git trailer shapes of a footer.
bool is_footer_line(std::string_view line) {
  if (breaking_footer(line)) return true;
  std::size_t i = 0;
  while (i < line.size() && (is_letter(line[i]) || line[i] == '-')) ++i;
  if (i == 0) return false;
  return line.substr(i).starts_with(": ") || line.substr(i).starts_with(" #");
}

void parse_header(std::string_view header, ConventionalCommit& commit) {
  commit.subject = std::string(util::trim(header));
  std::size_t i = 0;
  if (header.empty() || !is_letter(header[0])) return;
  while (i < header.size() && is_type_char(header[i])) ++i;
  const std::string_view type = header.substr(0, i);
  std::string_view scope;
  if (i < header.size() && header[i] == '(') {
    const std::size_t close = header.find(')', i + 1);
    if (close == std::string_view::npos) return;
    scope = header.substr(i + 1, close - i - 1);
    if (util::trim(scope).empty() || scope.find('(') != std::string_view::npos) return;
    i = close + 1;
  }
  bool bang = false;
  if (i < header.size() && header[i] == '!') {
    bang = true;
    ++i;
  }
  if (!header.substr(i).starts_with(": ")) return;
  const std::string_view subject = util::trim(header.substr(i + 2));
  if (subject.empty()) return;
  commit.conventional = true;
  commit.type = util::to_lower(type);
  commit.scope = std::string(util::trim(scope));
  commit.subject = std::string(subject);
  commit.breaking = bang;
}

}  // namespace

std::string_view to_string(Bump bump) {
  switch (bump) {
    case Bump::none:
      return "none";
    case Bump::patch:
      return "patch";
    case Bump::minor:
      return "minor";
    case Bump::major:
      return "major";
  }
  return "none";
}

ConventionalCommit parse_commit_message(std::string_view message) {
  ConventionalCommit commit;
  const std::vector<std::string> lines = util::split_lines(message);
  if (lines.empty()) return commit;
  parse_header(lines[0], commit);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    const std::optional<std::string_view> note = breaking_footer(lines[i]);
    if (!note) continue;
    commit.breaking = true;
    std::string text(*note);
    for (std::size_t j = i + 1; j < lines.size(); ++j) {
      const std::string_view next = util::trim(lines[j]);
      if (next.empty() || is_footer_line(lines[j])) break;
      text += text.empty() ? "" : " ";
      text += next;
    }
    if (commit.breaking_note.empty()) commit.breaking_note = text;
  }
  return commit;
}

Bump bump_for(const ConventionalCommit& commit) {
  if (commit.breaking) return Bump::major;
  if (commit.type == "feat") return Bump::minor;
  if (commit.type == "fix" || commit.type == "perf") return Bump::patch;
  return Bump::none;
}

}  // namespace slipway::build::version
