// Merging the JUnit files of a build into one report, and its summary.
//
// JUnit XML has no single standard; the tools agree on this much, and that is
// all that is relied on: the root is <testsuites> holding <testsuite>
// elements, or a lone <testsuite>; suites hold <testcase> elements (some
// tools nest suites); a test case with a <failure> child failed, with an
// <error> child could not run, with a <skipped> child was skipped. Every
// suite is copied into the merged file unchanged (properties, system-out,
// attributes), so nothing a CI reads from it is lost. The totals are counted
// from the test cases themselves rather than trusted from the suites'
// attributes, which some tools get wrong or leave out.
#include <charconv>
#include <filesystem>

#include "stages/build/results/build_results.hpp"
#include "stages/build/results/markdown_text.hpp"
#include "stages/build/results/matching_files.hpp"
#include "stages/build/results/xml_document.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::build::results {

namespace fs = std::filesystem;

namespace {

constexpr std::size_t k_max_message_bytes = 300;
constexpr std::size_t k_max_listed_failures = 50;

// The first non-blank line, trimmed, cut at a UTF-8 boundary when too long.
std::string first_line(std::string_view text) {
  for (const std::string& line : util::split_lines(text)) {
    std::string trimmed(util::trim(line));
    if (trimmed.empty()) continue;
    if (trimmed.size() > k_max_message_bytes) {
      std::size_t cut = k_max_message_bytes;
      while (cut > 0 && (static_cast<unsigned char>(trimmed[cut]) & 0xC0) == 0x80) --cut;
      trimmed.resize(cut);
      trimmed += "…";
    }
    return trimmed;
  }
  return {};
}

void count_test_case(const XmlNode& test_case, const std::string& file, TestSummary& summary) {
  const XmlNode* failure = test_case.first_element("failure");
  const XmlNode* error = failure == nullptr ? test_case.first_element("error") : nullptr;
  if (failure == nullptr && error == nullptr) {
    if (test_case.first_element("skipped") != nullptr) {
      ++summary.skipped;
    } else {
      ++summary.passed;
    }
    return;
  }
  const XmlNode& problem = failure != nullptr ? *failure : *error;
  FailingTest failing;
  const std::string* name = test_case.attribute("name");
  const std::string* class_name = test_case.attribute("classname");
  failing.name = name != nullptr ? *name : "(unnamed test)";
  if (class_name != nullptr && !class_name->empty()) failing.name = *class_name + "." + failing.name;
  const std::string* message = problem.attribute("message");
  failing.message = first_line(message != nullptr ? *message : "");
  if (failing.message.empty()) failing.message = first_line(problem.text_content());
  failing.file = file;
  failing.error = error != nullptr;
  if (failing.error) {
    ++summary.errors;
  } else {
    ++summary.failed;
  }
  summary.failing.push_back(std::move(failing));
}

// Counts the test cases below a suite (nested suites included).
void count_suite(const XmlNode& node, const std::string& file, TestSummary& summary) {
  for (const XmlNode& child : node.children) {
    if (child.is_text()) continue;
    if (child.name == "testcase") {
      count_test_case(child, file, summary);
    } else if (child.name == "testsuite") {
      count_suite(child, file, summary);
    }
  }
}

// Adds a suite's `time` attribute (seconds) to `total`; false when it has none or it is not a number.
bool add_time(const XmlNode& suite, double& total) {
  const std::string* time = suite.attribute("time");
  if (time == nullptr) return false;
  double seconds = 0;
  const std::string_view text = util::trim(*time);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0) return false;
  total += seconds;
  return true;
}

std::string format_seconds(double seconds) {
  char buffer[64];
  const auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, seconds, std::chars_format::fixed, 3);
  return ec == std::errc() ? std::string(buffer, end) : "0.000";
}

}  // namespace

Result<TestSummary> merge_junit(const std::string& root, const std::vector<std::string>& globs,
                                const std::string& out_path) {
  if (globs.empty()) {
    return make_error("no JUnit files to merge: build.junit is empty",
                      "list the test reports' globs under build.junit, e.g. `junit: [\"**/TEST-*.xml\"]`");
  }
  const fs::path output = fs::path(out_path).is_absolute() ? fs::path(out_path) : fs::path(root) / out_path;
  Result<std::vector<std::string>> files = matching_files(root, globs, {output.string()});
  if (!files) return files.error();
  if (files->empty()) {
    return make_error("no JUnit report matched build.junit (" + util::join(globs, ", ") + ")",
                      "check that the test step wrote its reports, and that the globs are relative to the "
                      "repository root");
  }

  TestSummary summary;
  XmlNode merged;
  merged.name = "testsuites";
  double seconds = 0;
  bool all_timed = true;
  int suites = 0;
  for (const std::string& file : *files) {
    Result<XmlNode> document = read_xml_file((fs::path(root) / file).string(), file);
    if (!document) return document.error();
    std::vector<XmlNode*> file_suites;
    if (document->name == "testsuite") {
      file_suites.push_back(&*document);
    } else if (document->name == "testsuites") {
      for (XmlNode& child : document->children) {
        if (!child.is_text() && child.name == "testsuite") file_suites.push_back(&child);
      }
    } else {
      return Error{"not a JUnit report: the root element is <" + document->name +
                       ">, expected <testsuites> or <testsuite>",
                   file, document->line, 0, "remove the file from build.junit"};
    }
    summary.files.push_back(file);
    for (XmlNode* suite : file_suites) {
      count_suite(*suite, file, summary);
      all_timed = add_time(*suite, seconds) && all_timed;
      merged.children.push_back(XmlNode{{}, "\n  ", {}, {}, 0});
      merged.children.push_back(std::move(*suite));
      ++suites;
    }
  }
  if (suites > 0) merged.children.push_back(XmlNode{{}, "\n", {}, {}, 0});
  merged.set_attribute("tests", std::to_string(summary.total()));
  merged.set_attribute("failures", std::to_string(summary.failed));
  merged.set_attribute("errors", std::to_string(summary.errors));
  merged.set_attribute("skipped", std::to_string(summary.skipped));
  if (all_timed && suites > 0) merged.set_attribute("time", format_seconds(seconds));

  Result<void> written = util::write_file_atomic(output, write_xml(merged));
  if (!written) return written.error();
  return summary;
}

std::string junit_summary_markdown(const TestSummary& summary) {
  std::string out = "### Tests\n\n";
  const int bad = summary.failed + summary.errors;
  if (summary.total() == 0) {
    out += "No test cases were found in the JUnit reports.\n\n";
  } else if (bad == 0) {
    out += "All " + std::to_string(summary.total() - summary.skipped) + " tests passed";
    out += summary.skipped > 0 ? " (" + std::to_string(summary.skipped) + " skipped).\n\n" : ".\n\n";
  } else {
    out += "**" + std::to_string(bad) + " of " + std::to_string(summary.total()) + " tests failed.**\n\n";
  }
  out += "| Passed | Failed | Errors | Skipped | Total |\n|---:|---:|---:|---:|---:|\n";
  out += "| " + std::to_string(summary.passed) + " | " + std::to_string(summary.failed) + " | " +
         std::to_string(summary.errors) + " | " + std::to_string(summary.skipped) + " | " +
         std::to_string(summary.total()) + " |\n";
  if (summary.failing.empty()) return out;
  out += "\n#### Failing tests\n\n";
  std::size_t listed = 0;
  for (const FailingTest& test : summary.failing) {
    if (listed == k_max_listed_failures) break;
    out += "- " + markdown_code(test.name);
    if (test.error) out += " (error)";
    if (!test.message.empty()) out += ": " + markdown_escape(test.message);
    out += "\n";
    ++listed;
  }
  if (summary.failing.size() > listed) {
    out += "- … and " + std::to_string(summary.failing.size() - listed) + " more (see the JUnit report)\n";
  }
  return out;
}

}  // namespace slipway::build::results
