// Test helpers for the lint stage: a temporary repository folder with real
// files, a one-call way to run the built-in checks over it, and small queries
// over the findings.
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
#include "stages/lint/builtin_checks.hpp"

namespace slipway::lint::test {

namespace fs = std::filesystem;

class TempRepo {
 public:
  TempRepo() {
    std::string pattern = (fs::temp_directory_path() / "slipway-lint-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) != nullptr) m_root = pattern;
  }
  ~TempRepo() {
    std::error_code ignored;
    fs::permissions(m_root, fs::perms::owner_all, fs::perm_options::add, ignored);
    fs::remove_all(m_root, ignored);
  }
  TempRepo(const TempRepo&) = delete;
  TempRepo& operator=(const TempRepo&) = delete;

  [[nodiscard]] std::string root() const { return m_root.string(); }
  [[nodiscard]] fs::path path(const std::string& name) const { return m_root / name; }

  // Writes `content` to `name` (parents created) with permission bits `mode`.
  void write(const std::string& name, const std::string& content, unsigned mode = 0644) {
    const fs::path file = m_root / name;
    fs::create_directories(file.parent_path());
    std::ofstream(file, std::ios::binary | std::ios::trunc) << content;
    ::chmod(file.c_str(), mode);
    m_files.push_back(name);
  }

  [[nodiscard]] std::string read(const std::string& name) const {
    std::ifstream in(m_root / name, std::ios::binary);
    std::ostringstream out;
    out << in.rdbuf();
    return out.str();
  }

  [[nodiscard]] unsigned mode(const std::string& name) const {
    struct stat info {};
    ::stat((m_root / name).c_str(), &info);
    return info.st_mode & 07777;
  }

  // Every file written so far, in order.
  [[nodiscard]] const std::vector<std::string>& files() const { return m_files; }

  [[nodiscard]] LintOptions options(const std::vector<std::string>& files) const {
    LintOptions options;
    options.root = root();
    options.files = files;
    options.all_files = files;
    return options;
  }

  // Runs the checks over every written file.
  [[nodiscard]] LintOutcome run(bool fix = false, const model::Config* config = nullptr, int jobs = 1) const {
    LintOptions options = this->options(m_files);
    options.fix = fix;
    options.config = config;
    options.jobs = jobs;
    auto outcome = run_builtin_checks(options);
    REQUIRE(outcome.ok());
    return std::move(outcome).value();
  }

 private:
  fs::path m_root;
  std::vector<std::string> m_files;
};

inline std::vector<model::Finding> with_rule(const std::vector<model::Finding>& findings,
                                             const std::string& rule) {
  std::vector<model::Finding> out;
  std::copy_if(findings.begin(), findings.end(), std::back_inserter(out),
               [&](const model::Finding& finding) { return finding.rule_id == rule; });
  return out;
}

// A configuration with the core and lint schemas and `yaml` applied.
inline model::Config make_config(const std::string& yaml) {
  model::ConfigSchema schema = model::core_config_schema();
  const model::ConfigSchema lint = lint_config_schema();
  schema.insert(schema.end(), lint.begin(), lint.end());
  model::Config config(schema);
  const auto applied = config.apply_yaml_text(yaml, ".slipway.yml");
  INFO((applied.ok() ? std::string() : applied.error().to_string()));
  REQUIRE(applied.ok());
  return config;
}

}  // namespace slipway::lint::test
