// The JUnit XML format, for Jenkins (junit step) and GitLab
// (artifacts:reports:junit), which both turn it into a test report.
//
// Each tool is a <testsuite>, each file it checked a <testcase
// classname="<tool>" name="<path>">, so "which files passed" reads naturally
// in both UIs. A testcase with findings gets one <failure> whose message
// counts them and whose body lists them one per line
// ("path:line:col severity rule message"); its type is the highest severity.
// Findings in files the tool did not report as checked still get a testcase,
// so none is lost. The run's duration is split over the suites by their
// number of testcases, since tools do not report their own time and CI
// servers add suite times up. A run that checked nothing yields one passing
// testcase, because Jenkins treats a report without tests as an error.
//
// All markup goes through XmlWriter, which escapes every value.
#include <algorithm>
#include <cstdio>
#include <map>

#include "report/formats.hpp"
#include "report/report_common.hpp"
#include "report/xml_writer.hpp"

namespace slipway::report {

namespace {

struct TestCase {
  std::string path;
  std::vector<const model::Finding*> findings;
};

struct TestSuite {
  std::vector<TestCase> cases;
  std::map<std::string, std::size_t> index;  // path -> position in cases
  TestCase& add(const std::string& path) {
    auto [it, inserted] = index.emplace(path, cases.size());
    if (inserted) cases.push_back(TestCase{path, {}});
    return cases[it->second];
  }
  [[nodiscard]] std::size_t failures() const {
    return static_cast<std::size_t>(
        std::count_if(cases.begin(), cases.end(), [](const TestCase& c) { return !c.findings.empty(); }));
  }
};

std::string seconds_text(double seconds) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.3f", seconds);
  return buffer;
}

std::string failure_line(const model::Finding& finding) {
  return location_text(finding.location) + " " + std::string(model::to_string(finding.severity)) + " " +
         finding.rule_id + " " + finding.message;
}

void write_testcase(XmlWriter& xml, const std::string& tool, const TestCase& test_case) {
  const XmlAttributes attributes{{"classname", tool},
                                 {"name", test_case.path.empty() ? "(repository)" : test_case.path}};
  if (test_case.findings.empty()) {
    xml.element("testcase", attributes);
    return;
  }
  xml.open("testcase", attributes);
  model::Severity worst = model::Severity::note;
  std::string body;
  for (const auto* finding : test_case.findings) {
    worst = std::max(worst, finding->severity);
    body += failure_line(*finding) + "\n";
  }
  xml.element("failure",
              {{"message", count_noun(test_case.findings.size(), "problem", "problems")},
               {"type", std::string(model::to_string(worst))}},
              body);
  xml.close();
}

}  // namespace

std::string render_junit(const model::ReportInput& input) {
  const auto findings = sorted_findings(input);
  std::map<std::string, TestSuite> suites;  // by tool name, sorted
  auto suite_for = [&](const std::string& tool) -> TestSuite& {
    return suites[tool.empty() ? input.tool_name : tool];
  };
  for (const auto& checked : input.checked) suite_for(checked.tool).add(checked.path);
  for (const auto& finding : findings) {
    suite_for(finding.tool).add(finding.location.path).findings.push_back(&finding);
  }
  if (suites.empty()) suites[input.tool_name].add(stage_name(input));

  std::size_t total_tests = 0;
  std::size_t total_failures = 0;
  for (const auto& [tool, suite] : suites) {
    total_tests += suite.cases.size();
    total_failures += suite.failures();
  }
  const double total_seconds = static_cast<double>(input.duration.count()) / 1000.0;

  XmlWriter xml;
  xml.open("testsuites", {{"name", input.tool_name + " " + stage_name(input)},
                          {"tests", std::to_string(total_tests)},
                          {"failures", std::to_string(total_failures)},
                          {"errors", "0"},
                          {"time", seconds_text(total_seconds)}});
  for (const auto& [tool, suite] : suites) {
    const double share = total_tests == 0 ? 0.0
                                          : total_seconds * static_cast<double>(suite.cases.size()) /
                                                static_cast<double>(total_tests);
    xml.open("testsuite", {{"name", tool},
                           {"tests", std::to_string(suite.cases.size())},
                           {"failures", std::to_string(suite.failures())},
                           {"errors", "0"},
                           {"skipped", "0"},
                           {"time", seconds_text(share)}});
    for (const auto& test_case : suite.cases) write_testcase(xml, tool, test_case);
    xml.close();
  }
  return xml.finish();
}

}  // namespace slipway::report
