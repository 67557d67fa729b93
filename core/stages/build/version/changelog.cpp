// Markdown release notes from the commits of a NextVersion.
//
// Groups in the order readers look for them: Breaking changes, Features,
// Fixes, Performance, Other. A breaking commit is listed once, under Breaking
// changes, with its footer note when it has one. Subjects are escaped so that
// `<tags>` or `*stars*` in a commit message cannot turn into HTML or
// emphasis, while `code spans` written by the author stay code spans.
#include <array>

#include "stages/build/version/next_version.hpp"

namespace slipway::build::version {

namespace {

// Escapes Markdown and HTML punctuation outside backtick code spans.
std::string markdown_inline(std::string_view text) {
  std::string out;
  std::size_t i = 0;
  while (i < text.size()) {
    const char c = text[i];
    if (c == '`') {
      std::size_t run = 0;
      while (i + run < text.size() && text[i + run] == '`') ++run;
      const std::string fence(run, '`');
      const std::size_t close = text.find(fence, i + run);
      if (close != std::string_view::npos) {
        out += text.substr(i, close + run - i);
        i = close + run;
        continue;
      }
      for (std::size_t k = 0; k < run; ++k) out += "\\`";
      i += run;
      continue;
    }
    if (std::string_view("\\*_[]<>|~").find(c) != std::string_view::npos) out += '\\';
    out += c;
    ++i;
  }
  return out;
}

std::string entry(const ReleaseCommit& commit, bool show_type) {
  const ConventionalCommit& message = commit.message;
  std::string line = "- ";
  if (show_type && message.conventional) {
    line += "**" + markdown_inline(message.type) +
            (message.scope.empty() ? "" : "(" + markdown_inline(message.scope) + ")") + ":** ";
  } else if (!message.scope.empty()) {
    line += "**" + markdown_inline(message.scope) + ":** ";
  }
  line += markdown_inline(message.subject);
  if (message.breaking && !message.breaking_note.empty())
    line += " — " + markdown_inline(message.breaking_note);
  return line + " (" + commit.short_sha + ")\n";
}

enum Group { k_breaking, k_features, k_fixes, k_performance, k_other, k_group_count };

Group group_of(const ReleaseCommit& commit) {
  if (commit.message.breaking) return k_breaking;
  if (commit.message.type == "feat") return k_features;
  if (commit.message.type == "fix") return k_fixes;
  if (commit.message.type == "perf") return k_performance;
  return k_other;
}

}  // namespace

std::string changelog_markdown(const NextVersion& next) {
  std::string out;
  if (!next.known) {
    out = "## Unreleased\n\n> " + next.warning + "\n";
  } else if (next.first_release) {
    out = "## " + next.tag + " (first release)\n";
  } else if (next.release) {
    out = "## " + next.tag + "\n\nChanges since " + next.previous_tag + ".\n";
  } else {
    out = "## No release\n\nNothing releasable since " + next.previous_tag +
          " (no feat, fix, perf or breaking change).\n";
  }
  if (next.commits.empty()) return out + "\nNo changes.\n";

  constexpr std::array<const char*, k_group_count> k_titles = {"Breaking changes", "Features", "Fixes",
                                                               "Performance", "Other"};
  std::array<std::string, k_group_count> groups;
  for (const ReleaseCommit& commit : next.commits) {
    const Group group = group_of(commit);
    groups[group] += entry(commit, group == k_breaking || group == k_other);
  }
  for (std::size_t i = 0; i < groups.size(); ++i) {
    if (!groups[i].empty()) out += "\n### " + std::string(k_titles[i]) + "\n\n" + groups[i];
  }
  return out;
}

}  // namespace slipway::build::version
