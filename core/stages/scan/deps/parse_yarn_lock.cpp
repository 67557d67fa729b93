// yarn.lock, both generations. Version 1 ("# yarn lockfile v1") is yarn's own
// format: an unindented header listing the descriptors ("name@range", ...)
// then indented fields such as `version "1.2.3"`. Berry (yarn 2+) is YAML
// with a `__metadata:` entry and `version: 1.2.3` / `resolution:
// "name@npm:1.2.3"` fields. Both share the header/field layout, so one
// line-based reader handles them: an entry's name comes from its resolution
// (Berry) or its first descriptor (v1), and only npm-registry packages are
// kept (workspaces, links, patches, git and file dependencies are not).
#include "stages/scan/deps/lockfile_parsers.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

struct Entry {
  int line = 0;
  std::string header;
  std::string version;
  std::string resolution;
};

std::string unquote(std::string_view text) {
  text = util::trim(text);
  if (!text.empty() && text.front() == '"') text.remove_prefix(1);
  if (!text.empty() && text.back() == '"') text.remove_suffix(1);
  return std::string(text);
}

// Splits "name@range" at the '@' that ends the name (a scope's '@' is first).
bool split_descriptor(const std::string& descriptor, std::string& name, std::string& range) {
  const std::size_t at = descriptor.find('@', 1);
  if (at == std::string::npos) return false;
  name = descriptor.substr(0, at);
  range = descriptor.substr(at + 1);
  return !name.empty();
}

void finish(const Entry& entry, const std::string& file, LockfileContents& contents) {
  if (entry.header == "__metadata" || entry.header.empty()) return;
  if (!entry.resolution.empty()) {  // Berry
    const std::size_t npm = entry.resolution.find("@npm:", 1);
    if (npm == std::string::npos) return;  // workspace:, patch:, link:, portal:, file:, git
    std::string version = entry.resolution.substr(npm + 5);
    if (version.empty()) {
      contents.problem(entry.line, "resolution \"" + entry.resolution + "\" has no version");
      return;
    }
    contents.add(ecosystem::npm, entry.resolution.substr(0, npm), version, file, entry.line);
    return;
  }
  const std::string descriptor = unquote(util::split(entry.header, ',').front());
  std::string name;
  std::string range;
  if (!split_descriptor(descriptor, name, range)) {
    contents.problem(entry.line, "\"" + descriptor + "\" is not a package@range descriptor");
    return;
  }
  if (util::starts_with(range, "npm:")) {  // an alias: "alias@npm:real@^1.0.0"
    std::string real_range;
    if (split_descriptor(range.substr(4), name, real_range)) range = real_range;
  }
  for (const char* local : {"file:", "link:", "portal:", "workspace:", "patch:", "git", "http:", "https:"}) {
    if (util::starts_with(range, local)) return;
  }
  if (entry.version.empty()) {
    contents.problem(entry.line, "entry \"" + descriptor + "\" has no version");
    return;
  }
  contents.add(ecosystem::npm, name, entry.version, file, entry.line);
}

}  // namespace

LockfileContents parse_yarn_lock(std::string_view text, const std::string& file) {
  LockfileContents contents;
  const std::vector<std::string> lines = util::split_lines(text);
  Entry entry;
  bool in_entry = false;
  bool after_bad_header = false;  // the fields of an unreadable header are not reported again
  for (std::size_t index = 0; index < lines.size(); ++index) {
    const std::string& line = lines[index];
    const int number = static_cast<int>(index) + 1;
    const std::string_view trimmed = util::trim(line);
    if (trimmed.empty() || trimmed.front() == '#') continue;
    const std::size_t indent = line.find_first_not_of(' ');
    if (indent == 0) {
      if (in_entry) finish(entry, file, contents);
      if (trimmed.back() != ':' || line.find('\t') != std::string::npos) {
        contents.problem(number,
                         "expected an entry header ending in ':', got \"" + std::string(trimmed) + "\"");
        in_entry = false;
        after_bad_header = true;
        continue;
      }
      entry = Entry{number, std::string(util::trim(trimmed.substr(0, trimmed.size() - 1))), {}, {}};
      in_entry = true;
      after_bad_header = false;
      continue;
    }
    if (after_bad_header) continue;
    if (!in_entry) {
      contents.problem(number, "indented line outside an entry");
      continue;
    }
    if (indent != 2) continue;  // dependency lists and other nested fields
    const std::size_t key_end = trimmed.find_first_of(" :");
    const std::string key(trimmed.substr(0, key_end));
    std::string_view value = key_end == std::string_view::npos ? std::string_view() : trimmed.substr(key_end);
    if (!value.empty() && value.front() == ':') value.remove_prefix(1);
    const std::string_view value_text = util::trim(value);
    if (!value_text.empty() && value_text.front() == '"' &&
        (value_text.size() < 2 || value_text.back() != '"')) {
      contents.problem(number, "unterminated quoted value");
      continue;
    }
    if (key == "version") entry.version = unquote(value);
    if (key == "resolution") entry.resolution = unquote(value);
  }
  if (in_entry) finish(entry, file, contents);
  return contents;
}

}  // namespace slipway::scan::deps
