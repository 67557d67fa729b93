// OSV version matching (see osv_match.hpp). A range's events are sorted by
// the range's order (SEMVER: SemVer 2.0; ECOSYSTEM: the package ecosystem's
// order); an event whose version that order cannot read is dropped, since it
// cannot be placed on the timeline.
#include "stages/scan/deps/osv_match.hpp"

#include <algorithm>
#include <cctype>
#include <vector>

#include "stages/scan/deps/version_order.hpp"

namespace slipway::scan::deps {

namespace {

VersionScheme scheme_of(const OsvRange& range, std::string_view ecosystem) {
  return range.type == "SEMVER" ? VersionScheme::semver : scheme_for_ecosystem(ecosystem);
}

bool is_zero_introduced(const OsvEvent& event) {
  return event.kind == OsvEvent::Kind::introduced && event.version == "0";
}

bool is_infinite_limit(const OsvEvent& event) {
  return event.kind == OsvEvent::Kind::limit && event.version.find('*') != std::string::npos;
}

bool evaluable(const OsvRange& range) {
  return range.type == "SEMVER" || range.type == "ECOSYSTEM";
}

// Events the order can place, sorted; "0" first.
std::vector<OsvEvent> sorted_events(const OsvRange& range, VersionScheme scheme) {
  std::vector<OsvEvent> events;
  for (const OsvEvent& event : range.events) {
    if (event.kind == OsvEvent::Kind::limit) continue;
    if (is_zero_introduced(event) || compare_versions(scheme, event.version, event.version))
      events.push_back(event);
  }
  std::stable_sort(events.begin(), events.end(), [scheme](const OsvEvent& a, const OsvEvent& b) {
    if (is_zero_introduced(a) || is_zero_introduced(b))
      return is_zero_introduced(a) && !is_zero_introduced(b);
    return compare_versions(scheme, a.version, b.version).value_or(0) < 0;
  });
  return events;
}

bool before_limits(const OsvRange& range, VersionScheme scheme, std::string_view version) {
  bool any_limit = false;
  for (const OsvEvent& event : range.events) {
    if (event.kind != OsvEvent::Kind::limit) continue;
    any_limit = true;
    if (is_infinite_limit(event)) return true;
    const auto order = compare_versions(scheme, version, event.version);
    if (order && *order < 0) return true;
  }
  return !any_limit;
}

}  // namespace

std::string_view base_ecosystem(std::string_view ecosystem) {
  const std::size_t colon = ecosystem.find(':');
  return colon == std::string_view::npos ? ecosystem : ecosystem.substr(0, colon);
}

std::string normalized_package_name(std::string_view ecosystem, std::string_view name) {
  const std::string_view base = base_ecosystem(ecosystem);
  std::string out;
  out.reserve(name.size());
  if (base == "PyPI") {
    for (char c : name) {
      if (c == '-' || c == '_' || c == '.') {
        if (out.empty() || out.back() != '-') out += '-';
      } else {
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
    }
    return out;
  }
  if (base == "NuGet" || base == "Packagist") {
    for (char c : name) out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return out;
  }
  return std::string(name);
}

bool range_includes(const OsvRange& range, std::string_view ecosystem, std::string_view version) {
  if (!evaluable(range)) return false;
  const VersionScheme scheme = scheme_of(range, ecosystem);
  if (!compare_versions(scheme, version, version)) return false;
  if (!before_limits(range, scheme, version)) return false;
  bool vulnerable = false;
  for (const OsvEvent& event : sorted_events(range, scheme)) {
    switch (event.kind) {
      case OsvEvent::Kind::introduced:
        if (is_zero_introduced(event) || compare_versions(scheme, version, event.version).value_or(-1) >= 0) {
          vulnerable = true;
        }
        break;
      case OsvEvent::Kind::fixed:
        if (compare_versions(scheme, version, event.version).value_or(-1) >= 0) vulnerable = false;
        break;
      case OsvEvent::Kind::last_affected:
        if (compare_versions(scheme, version, event.version).value_or(-1) > 0) vulnerable = false;
        break;
      case OsvEvent::Kind::limit:
        break;
    }
  }
  return vulnerable;
}

std::optional<AffectedMatch> match_affected(const OsvAffected& affected, std::string_view version) {
  const VersionScheme ecosystem_scheme = scheme_for_ecosystem(affected.ecosystem);
  AffectedMatch match;
  match.version_valid = compare_versions(ecosystem_scheme, version, version).has_value();
  bool hit = false;
  for (const std::string& listed : affected.versions) {
    if (listed == version ||
        (match.version_valid && compare_versions(ecosystem_scheme, listed, version) == 0)) {
      hit = true;
      break;
    }
  }
  for (const OsvRange& range : affected.ranges) {
    if (!range_includes(range, affected.ecosystem, version)) continue;
    hit = true;
    const VersionScheme scheme = scheme_of(range, affected.ecosystem);
    for (const OsvEvent& event : range.events) {
      if (event.kind != OsvEvent::Kind::fixed) continue;
      if (compare_versions(scheme, event.version, version).value_or(-1) <= 0) continue;
      if (!match.fixed || compare_versions(scheme, event.version, *match.fixed).value_or(0) < 0) {
        match.fixed = event.version;
      }
    }
  }
  if (!hit) return std::nullopt;
  return match;
}

}  // namespace slipway::scan::deps
