// Collapsible log sections, so a long tool output folds into one line of the
// CI log: "::group::title" ... "::endgroup::" on GitHub, and on GitLab
// "section_start:<unix time>:<name>[collapsed=true]\r\e[0K<title>" ...
// "section_end:<unix time>:<name>\r\e[0K". GitLab accepts only letters,
// digits, '_', '.' and '-' in section names, so anything else becomes '_'.
// Jenkins and local runs get nothing: there a header would be noise.
//
// The section closes in the destructor, so an early return or an exception
// still ends it and the rest of the log is not swallowed into it.
#include <cctype>
#include <chrono>

#include "report/formats.hpp"
#include "report/reporters.hpp"

namespace slipway::report {

namespace {

long long unix_seconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

std::string gitlab_section_name(std::string_view name) {
  std::string out;
  for (char c : name) {
    const auto byte = static_cast<unsigned char>(c);
    out += (std::isalnum(byte) || c == '_' || c == '.' || c == '-') ? c : '_';
  }
  return out.empty() ? "section" : out;
}

// Titles are one line: a newline would end the section header early.
std::string one_line(std::string_view text) {
  std::string out;
  for (char c : text) out += (c == '\n' || c == '\r') ? ' ' : c;
  return out;
}

}  // namespace

LogSection::LogSection(model::CiPlatform platform, std::string name, std::string title, std::ostream& out,
                       bool collapsed)
    : m_platform(platform), m_name(gitlab_section_name(name)), m_out(out) {
  switch (m_platform) {
    case model::CiPlatform::github:
      m_out << "::group::" << escape_workflow_data(title) << "\n";
      break;
    case model::CiPlatform::gitlab:
      m_out << "section_start:" << unix_seconds() << ":" << m_name << (collapsed ? "[collapsed=true]" : "")
            << "\r\x1b[0K" << one_line(title) << "\n";
      break;
    case model::CiPlatform::local:
    case model::CiPlatform::jenkins:
      break;
  }
  m_out.flush();
}

LogSection::~LogSection() {
  switch (m_platform) {
    case model::CiPlatform::github:
      m_out << "::endgroup::\n";
      break;
    case model::CiPlatform::gitlab:
      m_out << "section_end:" << unix_seconds() << ":" << m_name << "\r\x1b[0K\n";
      break;
    case model::CiPlatform::local:
    case model::CiPlatform::jenkins:
      break;
  }
  m_out.flush();
}

}  // namespace slipway::report
