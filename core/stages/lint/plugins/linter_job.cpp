// Running one linter call and turning its exit status and report into
// findings; the rules are in linter_job.hpp.
#include "stages/lint/plugins/linter_job.hpp"

#include <algorithm>
#include <filesystem>

#include "stages/lint/plugins/output_parsers.hpp"
#include "util/files.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

namespace fs = std::filesystem;

bool contains(const std::vector<int>& codes, int code) {
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

std::string code_list(const std::vector<int>& codes) {
  std::vector<std::string> texts;
  for (const int code : codes) texts.push_back(std::to_string(code));
  return texts.empty() ? "none" : util::join(texts, ", ");
}

// Prefix of crash messages about a fix call.
std::string what_the_call_was(const LinterJob& job) {
  return job.fix ? "its fix command " : "";
}

// The file a per-file call was about, for locating its crash.
std::string call_path(const LinterJob& job) {
  return job.descriptor->mode == RunMode::per_file && job.files.size() == 1 ? job.files.front()
                                                                            : std::string();
}

Result<std::string> read_report(const LinterJob& job, const util::ProcessResult& result) {
  switch (job.descriptor->output.from) {
    case OutputSource::standard_output:
      return result.stdout_text;
    case OutputSource::standard_error:
      return result.stderr_text;
    case OutputSource::file:
      break;
  }
  fs::path path(job.output_file);
  if (path.is_relative()) path = fs::path(job.root) / path;
  std::error_code ec;
  if (!fs::exists(path, ec)) return make_error("it wrote no report file " + job.output_file);
  return util::read_file(path);
}

model::Finding qualify(model::Finding finding, const LinterJob& job) {
  const Descriptor& descriptor = *job.descriptor;
  finding.tool = descriptor.id;
  finding.rule_id =
      descriptor.id + "/" + (finding.rule_id.empty() ? std::string("unknown") : finding.rule_id);
  finding.location.path = repository_path(job.root, finding.location.path);
  if (finding.location.path.empty()) finding.location.path = call_path(job);
  if (finding.message.empty()) finding.message = "(" + descriptor.name + " gave no message)";
  return finding;
}

}  // namespace

std::vector<std::string> first_lines(const std::string& text, std::size_t count) {
  std::vector<std::string> lines;
  for (const std::string& line : util::split_lines(text)) {
    if (lines.size() >= count) break;
    if (!util::trim(line).empty()) lines.push_back(line);
  }
  return lines;
}

model::Finding crashed_finding(const Descriptor& descriptor, const std::string& what,
                               const std::string& stderr_text, const std::string& path) {
  model::Finding finding;
  finding.tool = descriptor.id;
  finding.rule_id = descriptor.id + "/crashed";
  finding.severity = model::Severity::error;
  finding.location.path = path;
  finding.message = descriptor.id + " failed: " + what;
  const std::vector<std::string> lines = first_lines(stderr_text, k_stderr_lines_shown);
  if (lines.empty()) {
    finding.message += "\n(no output on stderr)";
  } else {
    finding.message += "\nstderr:";
    for (const std::string& line : lines) finding.message += "\n  " + line;
  }
  return finding;
}

std::string repository_path(const std::string& root, const std::string& tool_path) {
  if (tool_path.empty()) return {};
  Result<std::string> inside = util::relative_inside(root, tool_path);
  if (!inside && fs::path(tool_path).is_absolute()) {
    // The tool may print real paths while root goes through a symlink (or the reverse).
    std::error_code ec;
    const fs::path real_root = fs::weakly_canonical(root, ec);
    const fs::path real_path = ec ? fs::path() : fs::weakly_canonical(tool_path, ec);
    if (!ec) inside = util::relative_inside(real_root, real_path);
  }
  if (!inside) return tool_path;
  return *inside == "." ? std::string() : *inside;
}

std::vector<model::Finding> run_linter_job(const LinterJob& job) {
  const Descriptor& descriptor = *job.descriptor;
  const std::string location = call_path(job);
  util::ProcessSpec spec;
  spec.argv = job.argv;
  spec.working_directory = job.root;
  spec.timeout = std::chrono::duration_cast<std::chrono::milliseconds>(job.timeout);

  if (!job.fix && descriptor.output.from == OutputSource::file &&
      descriptor.output.path.find(k_sarif_out_placeholder) == std::string::npos) {
    // A fixed report path: remove the previous run's report so a tool that
    // writes nothing cannot be mistaken for one that found nothing.
    std::error_code ec;
    fs::path stale(job.output_file);
    fs::remove(stale.is_relative() ? fs::path(job.root) / stale : stale, ec);
  }

  Result<util::ProcessResult> ran = util::run_process(spec);
  if (!ran)
    return {crashed_finding(
        descriptor, what_the_call_was(job) + "could not be started: " + ran.error().message, {}, location)};
  const util::ProcessResult& result = *ran;
  const std::string call = what_the_call_was(job);
  if (result.timed_out) {
    return {crashed_finding(descriptor,
                            call + "timed out after " + std::to_string(job.timeout.count()) + " s",
                            result.stderr_text, location)};
  }
  const bool success = contains(descriptor.success_exit_codes, result.exit_code);
  const bool findings_code = !success && contains(descriptor.findings_exit_codes, result.exit_code);
  if (!success && !findings_code) {
    return {crashed_finding(descriptor,
                            call + "exited with code " + std::to_string(result.exit_code) +
                                " (success: " + code_list(descriptor.success_exit_codes) +
                                "; findings: " + code_list(descriptor.findings_exit_codes) + ")",
                            result.stderr_text, location)};
  }
  if (job.fix) return {};

  Result<std::string> report = read_report(job, result);
  if (!report) return {crashed_finding(descriptor, report.error().message, result.stderr_text, location)};
  const std::string exit_text = "exit code " + std::to_string(result.exit_code);
  if (util::trim(*report).empty()) {
    if (!findings_code) return {};
    return {crashed_finding(descriptor, exit_text + " means findings, but its report is empty",
                            result.stderr_text, location)};
  }
  ParsedFindings parsed = parse_output(*report, descriptor);
  if (!parsed) {
    return {crashed_finding(descriptor,
                            "its output could not be read (" + exit_text + "): " + parsed.error().message,
                            result.stderr_text, location)};
  }
  if (parsed->empty() && findings_code) {
    return {crashed_finding(descriptor, exit_text + " means findings, but none could be read from its report",
                            result.stderr_text, location)};
  }
  std::vector<model::Finding> findings;
  findings.reserve(parsed->size());
  for (model::Finding& finding : *parsed) findings.push_back(qualify(std::move(finding), job));
  return findings;
}

}  // namespace slipway::lint
