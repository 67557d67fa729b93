// Reading a coverage total and gating on it.
//
// Coverage is kept as two exact counts (covered / valid) rather than a
// floating-point percentage, so the gate is an integer comparison:
// covered * 1000 >= minimum-in-tenths * valid. 79.9 % fails against 80 and
// 80.0 % passes, with no rounding surprise in between. When a file gives only
// a rate (Cobertura's line-rate="0.8"), the decimal digits become the counts
// (8 / 10), which compares just as exactly. Counts are capped at 10^15 so the
// products cannot overflow 64 bits.
//
// lcov: one record per source file (SF: ... end_of_record). Where a record
// has DA:<line>,<count> lines, they are used, and records for the same file
// (one per test name, TN:) are combined: a line is covered when any record
// ran it, as genhtml reports it. A file with only LF:/LH: totals uses those.
#include <algorithm>
#include <charconv>
#include <map>
#include <optional>

#include "stages/build/results/build_results.hpp"
#include "stages/build/results/xml_document.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::build::results {

namespace {

constexpr std::uint64_t k_max_count = 1'000'000'000'000'000ULL;
constexpr std::size_t k_max_rate_digits = 12;

std::optional<std::uint64_t> parse_count(std::string_view text) {
  text = util::trim(text);
  std::uint64_t value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size() || value > k_max_count) {
    return std::nullopt;
  }
  return value;
}

struct LcovFile {
  std::map<std::uint64_t, bool> lines;  // DA line -> ran at least once
  std::optional<std::uint64_t> found;   // LF
  std::optional<std::uint64_t> hit;     // LH
};

Result<Coverage> read_lcov(std::string_view text, const std::string& path) {
  std::map<std::string, LcovFile> files;
  LcovFile* current = nullptr;
  int line_number = 0;
  const auto bad = [&](const std::string& message) {
    return Error{message, path, line_number, 0, "is this an lcov tracefile (.info)?"};
  };
  for (const std::string& raw : util::split_lines(text)) {
    ++line_number;
    const std::string_view line = util::trim(raw);
    if (line.empty()) continue;
    if (line == "end_of_record") {
      current = nullptr;
      continue;
    }
    const std::size_t colon = line.find(':');
    if (colon == std::string_view::npos) return bad("not an lcov line: \"" + std::string(line) + "\"");
    const std::string_view key = line.substr(0, colon);
    const std::string_view value = line.substr(colon + 1);
    if (key == "SF") {
      current = &files[std::string(value)];
      continue;
    }
    if (key != "DA" && key != "LF" && key != "LH") continue;  // TN, FN, BRDA, ... do not count lines
    if (current == nullptr) return bad(std::string(key) + ": outside a record (no SF: line before it)");
    if (key == "DA") {
      const std::vector<std::string> fields = util::split(value, ',');
      const std::optional<std::uint64_t> source_line = parse_count(fields[0]);
      if (fields.size() < 2 || !source_line || *source_line == 0) {
        return bad("malformed DA line: \"" + std::string(line) + "\"");
      }
      // Counts are whole numbers; some gcov versions write negative ones, which never ran.
      const std::string_view count = util::trim(fields[1]);
      const bool negative = count.starts_with('-');
      if (!parse_count(negative ? count.substr(1) : count)) {
        return bad("malformed execution count in \"" + std::string(line) + "\"");
      }
      bool& ran = current->lines[*source_line];
      ran = ran || (!negative && *parse_count(count) > 0);
    } else {
      const std::optional<std::uint64_t> number = parse_count(value);
      if (!number) return bad("malformed " + std::string(key) + " line: \"" + std::string(line) + "\"");
      std::optional<std::uint64_t>& slot = key == "LF" ? current->found : current->hit;
      slot = std::max(slot.value_or(0), *number);
    }
  }
  if (files.empty()) return Error{"no coverage records (SF: lines) in the lcov file", path, 0, 0, {}};
  Coverage coverage;
  coverage.format = "lcov";
  bool used_totals = false;
  for (const auto& [source, file] : files) {
    if (!file.lines.empty()) {
      coverage.valid += file.lines.size();
      for (const auto& [number, ran] : file.lines) coverage.covered += ran ? 1 : 0;
    } else if (file.found) {
      const std::uint64_t hit = file.hit.value_or(0);
      if (hit > *file.found) {
        return Error{"LH (" + std::to_string(hit) + ") is larger than LF (" + std::to_string(*file.found) +
                         ") for " + source,
                     path,
                     0,
                     0,
                     {}};
      }
      coverage.valid += *file.found;
      coverage.covered += hit;
      used_totals = true;
    }
    if (coverage.valid > k_max_count) return Error{"implausibly many lines in the lcov file", path, 0, 0, {}};
  }
  coverage.source = used_totals ? "LF/LH totals" : "DA lines";
  return coverage;
}

// "0.8", "1", "0.79999" -> digits / 10^k, truncated after k_max_rate_digits
// decimals (truncation never lifts a rate over a minimum it was below).
std::optional<Coverage> parse_rate(std::string_view text) {
  text = util::trim(text);
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  if (whole.empty() || (dot != std::string_view::npos && fraction.empty())) return std::nullopt;
  for (const char c : std::string(whole) + std::string(fraction)) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  if (fraction.size() > k_max_rate_digits) fraction = fraction.substr(0, k_max_rate_digits);
  const std::optional<std::uint64_t> numerator = parse_count(std::string(whole) + std::string(fraction));
  if (!numerator) return std::nullopt;
  Coverage coverage;
  coverage.covered = *numerator;
  coverage.valid = 1;
  for (std::size_t i = 0; i < fraction.size(); ++i) coverage.valid *= 10;
  if (coverage.covered > coverage.valid) return std::nullopt;  // a rate above 1
  return coverage;
}

Result<Coverage> read_cobertura(const XmlNode& root, const std::string& path) {
  Coverage coverage;
  coverage.format = "cobertura";
  const std::string* covered = root.attribute("lines-covered");
  const std::string* valid = root.attribute("lines-valid");
  if (covered != nullptr && valid != nullptr) {
    const std::optional<std::uint64_t> covered_count = parse_count(*covered);
    const std::optional<std::uint64_t> valid_count = parse_count(*valid);
    if (!covered_count || !valid_count || *covered_count > *valid_count) {
      return Error{
          "lines-covered=\"" + *covered + "\" and lines-valid=\"" + *valid + "\" are not line counts",
          path,
          root.line,
          0,
          {}};
    }
    coverage.covered = *covered_count;
    coverage.valid = *valid_count;
    coverage.source = "lines-covered/lines-valid";
    return coverage;
  }
  const std::string* rate = root.attribute("line-rate");
  if (rate == nullptr) {
    return Error{
        "the <coverage> element has neither lines-covered/lines-valid nor line-rate", path, root.line, 0, {}};
  }
  std::optional<Coverage> from_rate = parse_rate(*rate);
  if (!from_rate) {
    return Error{"line-rate=\"" + *rate + "\" is not a number between 0 and 1", path, root.line, 0, {}};
  }
  from_rate->format = "cobertura";
  from_rate->source = "line-rate";
  return *from_rate;
}

Result<Coverage> read_jacoco(const XmlNode& root, const std::string& path) {
  for (const XmlNode* counter : root.elements("counter")) {
    const std::string* type = counter->attribute("type");
    if (type == nullptr || *type != "LINE") continue;
    const std::string* missed = counter->attribute("missed");
    const std::string* covered = counter->attribute("covered");
    const std::optional<std::uint64_t> missed_count = parse_count(missed != nullptr ? *missed : "");
    const std::optional<std::uint64_t> covered_count = parse_count(covered != nullptr ? *covered : "");
    if (!missed_count || !covered_count) {
      return Error{
          "the LINE counter needs numeric missed and covered attributes", path, counter->line, 0, {}};
    }
    Coverage coverage;
    coverage.format = "jacoco";
    coverage.source = "LINE counter";
    coverage.covered = *covered_count;
    coverage.valid = *missed_count + *covered_count;
    return coverage;
  }
  return Error{"the JaCoCo <report> has no LINE counter", path, root.line, 0, {}};
}

}  // namespace

std::string Coverage::percent_text() const {
  const std::uint64_t tenths = valid == 0 ? 0 : covered * 1000 / valid;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

Result<Coverage> read_coverage(const std::string& path) {
  Result<std::string> text = util::read_file(path);
  if (!text) return text.error();
  std::string_view content = *text;
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  Result<Coverage> coverage = [&]() -> Result<Coverage> {
    if (!util::trim(content).starts_with('<')) return read_lcov(content, path);
    Result<XmlNode> root = parse_xml(*text, path);
    if (!root) return root.error();
    if (root->name == "coverage") return read_cobertura(*root, path);
    if (root->name == "report") return read_jacoco(*root, path);
    return Error{"not a coverage report: the root element is <" + root->name +
                     ">, expected Cobertura's <coverage> or JaCoCo's <report>",
                 path,
                 root->line,
                 0,
                 {}};
  }();
  if (coverage && coverage->valid == 0) {
    return Error{"the coverage report counts no coverable lines", path, 0, 0,
                 "check that the tests ran with coverage enabled"};
  }
  return coverage;
}

std::string CoverageMinimum::text() const {
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

Result<CoverageMinimum> parse_coverage_min(std::string_view text) {
  const std::string_view original = text;
  text = util::trim(text);
  if (text.ends_with('%')) text = util::trim(text.substr(0, text.size() - 1));
  const std::size_t dot = text.find('.');
  const std::string_view whole = text.substr(0, dot);
  const std::string_view fraction = dot == std::string_view::npos ? std::string_view() : text.substr(dot + 1);
  const auto digits = [](std::string_view part) {
    return std::all_of(part.begin(), part.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  const bool shape_ok = !whole.empty() && whole.size() <= 3 && digits(whole) &&
                        (dot == std::string_view::npos || (fraction.size() == 1 && digits(fraction)));
  CoverageMinimum minimum;
  if (shape_ok) {
    minimum.tenths = std::stoi(std::string(whole)) * 10 + (fraction.empty() ? 0 : fraction[0] - '0');
  }
  if (!shape_ok || minimum.tenths > 1000) {
    return make_error("expected a percentage between 0 and 100 with at most one decimal, got \"" +
                          std::string(original) + "\"",
                      "write it like 80 or 80.5");
  }
  return minimum;
}

bool gate(const Coverage& coverage, const CoverageMinimum& minimum) {
  return coverage.covered * 1000 >= static_cast<std::uint64_t>(minimum.tenths) * coverage.valid;
}

std::string coverage_line(const Coverage& coverage) {
  return "Coverage: " + coverage.percent_text() + "%";
}

std::string coverage_summary_markdown(const Coverage& coverage,
                                      const std::optional<CoverageMinimum>& minimum) {
  std::string out = "### Coverage\n\n**" + coverage.percent_text() + " %** of lines (";
  if (coverage.source == "line-rate") {
    out += coverage.format + " line-rate)";
  } else {
    out += std::to_string(coverage.covered) + " of " + std::to_string(coverage.valid) + ", " +
           coverage.format + ")";
  }
  if (minimum) {
    out += gate(coverage, *minimum) ? " — meets the minimum of " + minimum->text() + " %."
                                    : " — **below the minimum of " + minimum->text() + " %.**";
  } else {
    out += ".";
  }
  return out + "\n";
}

}  // namespace slipway::build::results
