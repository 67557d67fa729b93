// Matching one package against its candidate records and merging aliases
// (see package_vulnerabilities.hpp). Grouping is a union-find over the
// matched records, joined whenever two records share any identifier (their
// own id or an alias); aliases are symmetric and transitive per the OSV
// schema, so this is exactly the alias relation's closure.
#include "stages/scan/deps/package_vulnerabilities.hpp"

#include <algorithm>
#include <map>
#include <numeric>
#include <set>

#include "stages/scan/deps/osv_match.hpp"
#include "stages/scan/deps/version_order.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

struct Hit {
  const OsvRecord* record = nullptr;
  std::optional<double> score;
  std::optional<std::string> fixed;
};

std::size_t find_root(std::vector<std::size_t>& parent, std::size_t i) {
  while (parent[i] != i) {
    parent[i] = parent[parent[i]];
    i = parent[i];
  }
  return i;
}

bool is_ghsa(const std::string& id) {
  return util::starts_with(id, "GHSA-");
}

}  // namespace

double fallback_score(const OsvRecord& record) {
  const std::string label = util::to_upper(record.severity_label);
  if (label == "CRITICAL") return 9.0;
  if (label == "HIGH") return 7.0;
  if (label == "MODERATE" || label == "MEDIUM") return 5.0;
  if (label == "LOW") return 2.0;
  if (util::starts_with(record.id, "MAL-")) return 10.0;
  return 5.0;
}

std::vector<PackageVulnerability> vulnerabilities_for(const Package& package,
                                                      const AdvisoryDatabase& database,
                                                      bool& version_unreadable) {
  const std::string base(base_ecosystem(package.ecosystem));
  const std::string name = normalized_package_name(base, package.name);
  const VersionScheme scheme = scheme_for_ecosystem(package.ecosystem);
  std::vector<Hit> hits;
  for (const OsvRecord* record : database.for_package(package.ecosystem, package.name)) {
    Hit hit{record, std::nullopt, std::nullopt};
    bool matched = false;
    for (const OsvAffected& affected : record->affected) {
      if (base_ecosystem(affected.ecosystem) != base || normalized_package_name(base, affected.name) != name)
        continue;
      const auto match = match_affected(affected, package.version);
      if (!compare_versions(scheme, package.version, package.version)) version_unreadable = true;
      if (!match) continue;
      matched = true;
      const std::optional<double> score = affected.score ? affected.score : record->score;
      if (score && (!hit.score || *score > *hit.score)) hit.score = score;
      if (match->fixed &&
          (!hit.fixed || compare_versions(scheme, *match->fixed, *hit.fixed).value_or(0) < 0)) {
        hit.fixed = match->fixed;
      }
    }
    if (matched) hits.push_back(hit);
  }

  std::vector<std::size_t> parent(hits.size());
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  std::map<std::string, std::size_t> owner;  // identifier -> first hit naming it
  for (std::size_t i = 0; i < hits.size(); ++i) {
    std::vector<std::string> ids = hits[i].record->aliases;
    ids.push_back(hits[i].record->id);
    for (const std::string& id : ids) {
      const auto [it, inserted] = owner.emplace(id, i);
      if (!inserted) parent[find_root(parent, i)] = find_root(parent, it->second);
    }
  }
  std::map<std::size_t, std::vector<const Hit*>> groups;
  for (std::size_t i = 0; i < hits.size(); ++i) groups[find_root(parent, i)].push_back(&hits[i]);

  std::vector<PackageVulnerability> out;
  for (const auto& [root, members] : groups) {
    std::set<std::string> record_ids;
    std::set<std::string> all_ids;
    for (const Hit* hit : members) {
      record_ids.insert(hit->record->id);
      all_ids.insert(hit->record->id);
      all_ids.insert(hit->record->aliases.begin(), hit->record->aliases.end());
    }
    PackageVulnerability vulnerability;
    const auto ghsa_record = std::find_if(record_ids.begin(), record_ids.end(), is_ghsa);
    const auto ghsa_any = std::find_if(all_ids.begin(), all_ids.end(), is_ghsa);
    vulnerability.id = ghsa_record != record_ids.end() ? *ghsa_record
                       : ghsa_any != all_ids.end()     ? *ghsa_any
                                                       : *record_ids.begin();
    for (const std::string& id : all_ids) {
      if (id != vulnerability.id) vulnerability.other_ids.push_back(id);
    }
    // Text from the record whose id is reported, else from the first that has it.
    std::vector<const Hit*> ordered(members);
    std::stable_sort(ordered.begin(), ordered.end(), [&](const Hit* a, const Hit* b) {
      return (a->record->id == vulnerability.id) > (b->record->id == vulnerability.id);
    });
    bool have_score = false;
    for (const Hit* hit : ordered) {
      if (vulnerability.summary.empty()) vulnerability.summary = hit->record->summary;
      if (vulnerability.details.empty()) vulnerability.details = hit->record->details;
      if (vulnerability.advisory_url.empty()) vulnerability.advisory_url = hit->record->advisory_url;
      if (hit->score && (!vulnerability.score_from_cvss || *hit->score > vulnerability.score)) {
        vulnerability.score = *hit->score;
        vulnerability.score_from_cvss = true;
      }
      if (!vulnerability.score_from_cvss) {
        const double fallback = fallback_score(*hit->record);
        if (!have_score || fallback > vulnerability.score) vulnerability.score = fallback;
        have_score = true;
      }
      if (hit->fixed && (!vulnerability.fixed ||
                         compare_versions(scheme, *hit->fixed, *vulnerability.fixed).value_or(0) < 0)) {
        vulnerability.fixed = hit->fixed;
      }
    }
    out.push_back(std::move(vulnerability));
  }
  std::sort(out.begin(), out.end(),
            [](const PackageVulnerability& a, const PackageVulnerability& b) { return a.id < b.id; });
  return out;
}

}  // namespace slipway::scan::deps
