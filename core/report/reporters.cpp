// write_reports(): turns a list of format names into reports.
//
// Format names are checked before anything is written, so a typo in
// --format fails fast with the list of known formats (and a suggestion)
// instead of after half the reports exist. Each file format is rendered in
// memory and written atomically to <output_dir>/<stage><suffix>. "github"
// runs after every other format because its step output names the SARIF
// report, which must exist by then; "gitlab" reuses the Code Quality file
// when "codequality" was also asked for. "gitlab-security" writes up to three
// files under GitLab's own names (gl-*-report.json) and may write none.
// Repeated names are written once.
#include <algorithm>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "util/strings.hpp"

namespace slipway::report {

namespace {

struct FileFormat {
  std::string_view name;
  std::string_view suffix;
  std::string (*render)(const model::ReportInput&);
};

std::string render_markdown_default(const model::ReportInput& input) {
  return render_markdown(input);
}

constexpr FileFormat k_file_formats[] = {
    {"json", ".json", render_json},
    {"sarif", ".sarif", render_sarif},
    {"codequality", ".codequality.json", render_codequality},
    {"junit", ".junit.xml", render_junit},
    {"checkstyle", ".checkstyle.xml", render_checkstyle},
    {"markdown", ".md", render_markdown_default},
};

const FileFormat* find_file_format(std::string_view name) {
  for (const auto& format : k_file_formats) {
    if (format.name == name) return &format;
  }
  return nullptr;
}

Result<void> check_formats(const std::vector<std::string>& formats) {
  const auto& known = known_formats();
  for (const auto& format : formats) {
    if (std::find(known.begin(), known.end(), format) != known.end()) continue;
    std::string hint = "known formats: " + util::join(known, ", ");
    const std::string suggestion = util::closest_match(format, known);
    if (!suggestion.empty()) hint = "did you mean \"" + suggestion + "\"? " + hint;
    return make_error("unknown report format \"" + format + "\"", hint);
  }
  return {};
}

const WrittenReport* find_written(const std::vector<WrittenReport>& written, std::string_view format) {
  for (const auto& report : written) {
    if (report.format == format) return &report;
  }
  return nullptr;
}

}  // namespace

const std::vector<std::string>& known_formats() {
  static const std::vector<std::string> k_known = {"console",  "json",           "sarif",  "codequality",
                                                   "junit",    "checkstyle",     "github", "gitlab",
                                                   "markdown", "gitlab-security"};
  return k_known;
}

std::vector<std::string> default_formats(model::CiPlatform platform) {
  switch (platform) {
    case model::CiPlatform::local:
      return {"console"};
    case model::CiPlatform::github:
      return {"console", "github", "sarif"};
    case model::CiPlatform::gitlab:
      return {"console", "codequality", "junit", "gitlab-security"};
    case model::CiPlatform::jenkins:
      return {"console", "junit", "sarif"};
  }
  return {"console"};
}

Result<std::vector<WrittenReport>> write_reports(const model::ReportInput& input,
                                                 const std::vector<std::string>& formats,
                                                 const ReportOptions& options) {
  if (auto checked = check_formats(formats); !checked) return checked.error();

  std::vector<std::string> order;
  for (const auto& format : formats) {
    if (std::find(order.begin(), order.end(), format) == order.end()) order.push_back(format);
  }
  // "gitlab" after "codequality" and "github" after "sarif", so that they can
  // name the files already written.
  auto rank = [](const std::string& format) { return format == "github" ? 2 : format == "gitlab" ? 1 : 0; };
  std::stable_sort(order.begin(), order.end(),
                   [&rank](const std::string& a, const std::string& b) { return rank(a) < rank(b); });

  std::vector<WrittenReport> written;
  for (const auto& format : order) {
    if (format == "console") {
      std::ostream& out = console_stream(options);
      out << render_console(input, use_color(options), options.quiet, options.verbose);
      out.flush();
      written.push_back(WrittenReport{format, ""});
    } else if (const FileFormat* file_format = find_file_format(format)) {
      const auto path = report_path(options, input, file_format->suffix);
      if (auto result = write_report_file(path, file_format->render(input)); !result) return result.error();
      written.push_back(WrittenReport{format, path.string()});
    } else if (format == "gitlab-security") {
      auto result = write_gitlab_security_reports(input, options);
      if (!result) return result.error();
      written.insert(written.end(), result->begin(), result->end());
    } else if (format == "gitlab") {
      const WrittenReport* codequality = find_written(written, "codequality");
      auto result = write_gitlab_report(input, options, codequality ? codequality->path : std::string());
      if (!result) return result.error();
      written.push_back(*result);
    } else if (format == "github") {
      const WrittenReport* sarif = find_written(written, "sarif");
      auto result = write_github_report(input, options, sarif ? sarif->path : std::string());
      if (!result) return result.error();
      written.push_back(*result);
    }
  }
  return written;
}

}  // namespace slipway::report
