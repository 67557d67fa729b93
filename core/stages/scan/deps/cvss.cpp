// The CVSS v3.1 base score equations (see cvss.hpp). Metric weights are the
// specification's table; Roundup is the integer-based version the 3.1
// specification gives (Appendix A) so 4.0000001 does not become 4.1.
#include "stages/scan/deps/cvss.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

double roundup(double value) {
  const auto scaled = static_cast<long long>(std::llround(value * 100000.0));
  if (scaled % 10000 == 0) return static_cast<double>(scaled) / 100000.0;
  return (std::floor(static_cast<double>(scaled) / 10000.0) + 1.0) / 10.0;
}

std::optional<double> weight(const std::string& metric, const std::string& value, bool scope_changed) {
  if (metric == "AV") {
    if (value == "N") return 0.85;
    if (value == "A") return 0.62;
    if (value == "L") return 0.55;
    if (value == "P") return 0.2;
  } else if (metric == "AC") {
    if (value == "L") return 0.77;
    if (value == "H") return 0.44;
  } else if (metric == "PR") {
    if (value == "N") return 0.85;
    if (value == "L") return scope_changed ? 0.68 : 0.62;
    if (value == "H") return scope_changed ? 0.5 : 0.27;
  } else if (metric == "UI") {
    if (value == "N") return 0.85;
    if (value == "R") return 0.62;
  } else if (metric == "C" || metric == "I" || metric == "A") {
    if (value == "H") return 0.56;
    if (value == "L") return 0.22;
    if (value == "N") return 0.0;
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> cvss3_base_score(std::string_view vector) {
  const std::vector<std::string> parts = util::split(util::trim(vector), '/');
  if (parts.empty() || (parts[0] != "CVSS:3.0" && parts[0] != "CVSS:3.1")) return std::nullopt;
  std::map<std::string, std::string> metrics;
  for (std::size_t i = 1; i < parts.size(); ++i) {
    const std::size_t colon = parts[i].find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == parts[i].size()) return std::nullopt;
    if (!metrics.emplace(parts[i].substr(0, colon), parts[i].substr(colon + 1)).second) return std::nullopt;
  }
  const auto scope = metrics.find("S");
  if (scope == metrics.end() || (scope->second != "U" && scope->second != "C")) return std::nullopt;
  const bool changed = scope->second == "C";
  std::map<std::string, double> w;
  for (const char* metric : {"AV", "AC", "PR", "UI", "C", "I", "A"}) {
    const auto found = metrics.find(metric);
    if (found == metrics.end()) return std::nullopt;
    const auto value = weight(metric, found->second, changed);
    if (!value) return std::nullopt;
    w[metric] = *value;
  }
  const double iss = 1.0 - ((1.0 - w["C"]) * (1.0 - w["I"]) * (1.0 - w["A"]));
  const double impact = changed ? 7.52 * (iss - 0.029) - 3.25 * std::pow(iss - 0.02, 15) : 6.42 * iss;
  const double exploitability = 8.22 * w["AV"] * w["AC"] * w["PR"] * w["UI"];
  if (impact <= 0) return 0.0;
  if (changed) return roundup(std::min(1.08 * (impact + exploitability), 10.0));
  return roundup(std::min(impact + exploitability, 10.0));
}

}  // namespace slipway::scan::deps
