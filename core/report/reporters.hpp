// Reporters: every output format, written from one ReportInput.
//
// File formats are written atomically (temp file + rename) into the output
// folder, named "<stage>.<ext>" (lint.sarif, lint.codequality.json,
// lint.junit.xml, lint.checkstyle.xml, lint.json, lint.md), except
// gitlab-security, which writes GitLab's gl-*-report.json files. Console,
// github and gitlab also write to the given stream; github writes the files
// that GitHub names in GITHUB_STEP_SUMMARY and GITHUB_OUTPUT.
#pragma once

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "model/report_input.hpp"
#include "util/environment.hpp"
#include "util/result.hpp"

namespace slipway::report {

enum class ColorMode { automatic, always, never };

struct ReportOptions {
  std::string output_dir;  // absolute or relative to the current directory
  ColorMode color = ColorMode::automatic;
  bool quiet = false;  // console: summary line only
  bool verbose = false;
  util::EnvMap env;             // for GITHUB_OUTPUT / GITHUB_STEP_SUMMARY and TTY decisions
  std::ostream* out = nullptr;  // console stream (stdout when null)
};

// Every format name accepted by --format.
const std::vector<std::string>& known_formats();

// Formats used when --format is not given, per CI platform (PRODUCT.md).
std::vector<std::string> default_formats(model::CiPlatform platform);

struct WrittenReport {
  std::string format;
  std::string path;  // "" for stream-only formats (console)
};

// Writes each requested format. Stops at the first error; files already
// written stay complete (each is atomic).
Result<std::vector<WrittenReport>> write_reports(const model::ReportInput& input,
                                                 const std::vector<std::string>& formats,
                                                 const ReportOptions& options);

// True when standard output is an interactive terminal that understands
// escape sequences: isatty(1) and TERM is not "dumb". Console colour
// (ColorMode::automatic) uses it.
bool stdout_is_terminal(const util::EnvMap& env);

// Collapsible log sections: "::group::" on GitHub, section_start/section_end
// on GitLab, nothing elsewhere. GitLab sections start collapsed unless
// `collapsed` is false (GitHub groups are always collapsed).
class LogSection {
 public:
  LogSection(model::CiPlatform platform, std::string name, std::string title, std::ostream& out,
             bool collapsed = true);
  ~LogSection();
  LogSection(const LogSection&) = delete;
  LogSection& operator=(const LogSection&) = delete;

 private:
  model::CiPlatform m_platform;
  std::string m_name;
  std::ostream& m_out;
};

// A live "files done / total" line on a TTY, shown only when the run takes
// longer than a second; silent otherwise. On std::cout / std::cerr it stays
// off unless that stream is a terminal, whatever `enabled` says.
class ProgressLine {
 public:
  ProgressLine(bool enabled, std::ostream& out);
  // For tests: `now_ms` replaces the steady clock (milliseconds).
  ProgressLine(bool enabled, std::ostream& out, std::function<long long()> now_ms);
  void update(std::size_t done, std::size_t total);
  void finish();

 private:
  bool m_enabled;
  std::ostream& m_out;
  std::function<long long()> m_now_ms;
  long long m_start_ms;
  long long m_last_ms = 0;
  bool m_shown = false;
};

}  // namespace slipway::report
