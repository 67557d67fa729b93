// The gitlab format: the Code Quality report plus a pointer to it in the log.
//
// GitLab reads reports only from job artifacts, so writing the file is not
// enough: the job must declare it under artifacts:reports:codequality. The
// line printed here names the file and that key, which is what a user
// searching the log for "why is there no Code Quality widget" needs. The
// collapsible log sections GitLab also gets are in log_section.cpp.
#include "report/formats.hpp"
#include "report/report_common.hpp"

namespace slipway::report {

Result<WrittenReport> write_gitlab_report(const model::ReportInput& input, const ReportOptions& options,
                                          const std::string& codequality_path) {
  std::string path = codequality_path;
  if (path.empty()) {
    const auto target = report_path(options, input, ".codequality.json");
    auto written = write_report_file(target, render_codequality(input));
    if (!written) return written.error();
    path = target.string();
  }
  std::ostream& out = console_stream(options);
  out << "Code Quality report: " << path << " (artifacts:reports:codequality)\n";
  out.flush();
  return WrittenReport{"gitlab", path};
}

}  // namespace slipway::report
