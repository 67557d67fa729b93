// One call of one linter, and what its result means.
//
// A job is a ready argument vector plus what is needed to judge the outcome.
// It runs through util::run_process (working directory = repository root,
// the linter's timeout, output captured whole), and its result becomes
// findings:
//   - exit code in success-exit-codes or findings-exit-codes: the report
//     (stdout, stderr or a file) is parsed; paths become repository-relative
//     and rule ids "<id>/<tool rule>";
//   - anything else - another exit code, a timeout, a program that could not
//     start, a report that does not parse, or a findings exit code with no
//     finding in the report - is ONE error finding "<id>/crashed" carrying the
//     exit code and the first lines of stderr. A linter never fails silently
//     as "no problems".
// Fix jobs only have their exit code judged; their effect is measured by
// file hashes in the runner.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "model/finding.hpp"
#include "stages/lint/plugins/descriptor.hpp"

namespace slipway::lint {

struct LinterJob {
  const Descriptor* descriptor = nullptr;
  std::vector<std::string> argv;  // expanded
  std::vector<std::string>
      files;                // the files this call covers ("" path findings in per-file mode go to files[0])
  std::string output_file;  // expanded output.path for `from: file`, relative to root or absolute
  std::string root;         // absolute repository root, the working directory
  std::chrono::seconds timeout{300};
  bool fix = false;
};

// Runs the job; the findings are final except for the selection filter.
std::vector<model::Finding> run_linter_job(const LinterJob& job);

// A tool's path made repository-relative: "file://" already stripped by the
// parser, absolute paths inside `root` made relative (also after resolving
// symlinks of both), "./x" -> "x", "a/../b" -> "b". A path outside the
// root is returned unchanged; the root itself gives "".
std::string repository_path(const std::string& root, const std::string& tool_path);

// The "<id>/crashed" finding; `path` is the file of a per-file call or "".
model::Finding crashed_finding(const Descriptor& descriptor, const std::string& what,
                               const std::string& stderr_text, const std::string& path);

// At most `count` first non-blank lines of `text`.
std::vector<std::string> first_lines(const std::string& text, std::size_t count);

inline constexpr std::size_t k_stderr_lines_shown = 5;

}  // namespace slipway::lint
