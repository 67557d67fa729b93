// Test helpers for the lint plugins: a temporary repository folder with real
// files and executable scripts (script linters run as real processes), a way
// to parse a descriptor that must be valid, and queries over findings.
#pragma once

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <vector>

#include "model/config.hpp"
#include "stages/lint/plugins/descriptor.hpp"
#include "stages/lint/plugins/linter_selection.hpp"

namespace slipway::lint::plugin_test {

namespace fs = std::filesystem;

class ScratchRepo {
 public:
  ScratchRepo() {
    std::string pattern = (fs::temp_directory_path() / "slipway-plugin-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) m_root = fs::path(pattern);
  }
  ~ScratchRepo() {
    std::error_code ignored;
    fs::remove_all(m_root, ignored);
  }
  ScratchRepo(const ScratchRepo&) = delete;
  ScratchRepo& operator=(const ScratchRepo&) = delete;

  [[nodiscard]] std::string root() const { return m_root.string(); }
  [[nodiscard]] std::string path(const std::string& name) const { return (m_root / name).string(); }

  void write(const std::string& name, const std::string& content, unsigned mode = 0644) const {
    const fs::path file = m_root / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
    ::chmod(file.c_str(), mode);
  }

  // An executable /bin/sh script; returns its absolute path.
  std::string script(const std::string& name, const std::string& body) const {
    write(name, "#!/bin/sh\n" + body, 0755);
    return path(name);
  }

  [[nodiscard]] std::string read(const std::string& name) const {
    std::ifstream in(m_root / name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

 private:
  fs::path m_root;
};

// Parses a descriptor the test expects to be valid.
inline Descriptor must_parse(const std::string& text, const std::string& file_name = "test.yml") {
  Result<Descriptor> parsed = parse_descriptor(text, file_name);
  if (!parsed) FAIL(parsed.error().to_string());
  return *parsed;
}

// A configuration with only the plugin keys, from YAML text.
inline model::Config plugin_config(const std::string& yaml) {
  model::Config config(plugin_config_schema());
  Result<void> applied = config.apply_yaml_text(yaml, ".slipway.yml");
  if (!applied) FAIL(applied.error().to_string());
  return config;
}

template <typename Findings>
std::size_t count_rule(const Findings& findings, const std::string& rule_id) {
  return static_cast<std::size_t>(
      std::count_if(findings.begin(), findings.end(), [&](const auto& f) { return f.rule_id == rule_id; }));
}

// "path:line rule" per finding, sorted, for whole-set comparisons.
template <typename Findings>
std::vector<std::string> summaries(const Findings& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) {
    out.push_back(f.location.path + ":" + std::to_string(f.location.start_line) + " " + f.rule_id);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace slipway::lint::plugin_test
