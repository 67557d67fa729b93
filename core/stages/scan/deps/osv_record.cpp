// Reading one OSV record from JSON (see osv_record.hpp). Severity: the
// CVSS_V3 vector of the record (or of an affected entry) is scored with
// cvss3_base_score(); CVSS_V2 and V4 vectors are not scored here.
#include "stages/scan/deps/osv_record.hpp"

#include "stages/scan/deps/cvss.hpp"

namespace slipway::scan::deps {

namespace {

using nlohmann::json;

std::string string_field(const json& object, const char* key) {
  const auto found = object.find(key);
  return found != object.end() && found->is_string() ? found->get<std::string>() : std::string();
}

std::vector<std::string> string_list(const json& object, const char* key) {
  std::vector<std::string> out;
  const auto found = object.find(key);
  if (found == object.end() || !found->is_array()) return out;
  for (const json& item : *found) {
    if (item.is_string()) out.push_back(item.get<std::string>());
  }
  return out;
}

std::optional<double> cvss3_score(const json& object) {
  const auto severity = object.find("severity");
  if (severity == object.end() || !severity->is_array()) return std::nullopt;
  std::optional<double> best;
  for (const json& entry : *severity) {
    if (!entry.is_object() || string_field(entry, "type") != "CVSS_V3") continue;
    const auto score = cvss3_base_score(string_field(entry, "score"));
    if (score && (!best || *score > *best)) best = score;
  }
  return best;
}

OsvRange read_range(const json& object) {
  OsvRange range;
  range.type = string_field(object, "type");
  const auto events = object.find("events");
  if (events == object.end() || !events->is_array()) return range;
  for (const json& event : *events) {
    if (!event.is_object()) continue;
    static const std::pair<const char*, OsvEvent::Kind> k_kinds[] = {
        {"introduced", OsvEvent::Kind::introduced},
        {"fixed", OsvEvent::Kind::fixed},
        {"last_affected", OsvEvent::Kind::last_affected},
        {"limit", OsvEvent::Kind::limit}};
    for (const auto& [key, kind] : k_kinds) {
      const std::string version = string_field(event, key);
      if (!version.empty()) range.events.push_back(OsvEvent{kind, version});
    }
  }
  return range;
}

}  // namespace

Result<OsvRecord> read_osv_record(const json& object) {
  if (!object.is_object()) return make_error("an OSV record must be a JSON object");
  OsvRecord record;
  record.id = string_field(object, "id");
  if (record.id.empty()) return make_error("an OSV record without an \"id\"");
  record.aliases = string_list(object, "aliases");
  record.summary = string_field(object, "summary");
  record.details = string_field(object, "details");
  const auto withdrawn = object.find("withdrawn");
  record.withdrawn = withdrawn != object.end() && !withdrawn->is_null() &&
                     !(withdrawn->is_string() && withdrawn->get<std::string>().empty());
  record.score = cvss3_score(object);
  const auto database_specific = object.find("database_specific");
  if (database_specific != object.end() && database_specific->is_object()) {
    record.severity_label = string_field(*database_specific, "severity");
  }
  const auto references = object.find("references");
  if (references != object.end() && references->is_array()) {
    for (const json& reference : *references) {
      if (reference.is_object() && string_field(reference, "type") == "ADVISORY") {
        record.advisory_url = string_field(reference, "url");
        break;
      }
    }
  }
  const auto affected = object.find("affected");
  if (affected != object.end() && affected->is_array()) {
    for (const json& entry : *affected) {
      if (!entry.is_object()) continue;
      OsvAffected item;
      const auto package = entry.find("package");
      if (package == entry.end() || !package->is_object()) continue;
      item.ecosystem = string_field(*package, "ecosystem");
      item.name = string_field(*package, "name");
      item.versions = string_list(entry, "versions");
      item.score = cvss3_score(entry);
      const auto ranges = entry.find("ranges");
      if (ranges != entry.end() && ranges->is_array()) {
        for (const json& range : *ranges) {
          if (range.is_object()) item.ranges.push_back(read_range(range));
        }
      }
      if (!item.ecosystem.empty() && !item.name.empty()) record.affected.push_back(std::move(item));
    }
  }
  return record;
}

}  // namespace slipway::scan::deps
