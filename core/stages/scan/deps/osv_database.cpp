// Loading the advisory cache (see osv_database.hpp). The same record can be
// both in an all.zip and in a folder of JSON files; the first copy of an id
// wins. Withdrawn records are dropped at load time.
#include "stages/scan/deps/osv_database.hpp"

#include <system_error>

#include "stages/scan/deps/deps_settings.hpp"
#include "stages/scan/deps/osv_match.hpp"
#include "stages/scan/deps/zip_reader.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_max_record_size = 16u << 20;

std::string loose_name(std::string_view name) {
  return normalized_package_name("PyPI", name);
}

}  // namespace

void WantedPackages::add(const std::string& ecosystem, const std::string& name) {
  const std::string base(base_ecosystem(ecosystem));
  m_packages.emplace(base, normalized_package_name(base, name));
  m_loose_names.insert(loose_name(name));
}

bool WantedPackages::contains(const std::string& ecosystem, const std::string& name) const {
  const std::string base(base_ecosystem(ecosystem));
  return m_packages.count({base, normalized_package_name(base, name)}) > 0;
}

std::set<std::string> WantedPackages::ecosystems() const {
  std::set<std::string> out;
  for (const auto& [ecosystem, name] : m_packages) out.insert(ecosystem);
  return out;
}

bool WantedPackages::may_mention(std::string_view raw) const {
  constexpr std::string_view k_key = "\"name\"";
  std::size_t pos = 0;
  while ((pos = raw.find(k_key, pos)) != std::string_view::npos) {
    pos += k_key.size();
    std::size_t i = pos;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r')) ++i;
    if (i >= raw.size() || raw[i] != ':') continue;
    ++i;
    while (i < raw.size() && (raw[i] == ' ' || raw[i] == '\t' || raw[i] == '\n' || raw[i] == '\r')) ++i;
    if (i >= raw.size() || raw[i] != '"') continue;
    const std::size_t end = raw.find('"', i + 1);
    if (end == std::string_view::npos) return true;
    const std::string_view value = raw.substr(i + 1, end - i - 1);
    if (value.find('\\') != std::string_view::npos) return true;  // escaped: let the full parse decide
    if (m_loose_names.count(loose_name(value)) > 0) return true;
  }
  return false;
}

void AdvisoryDatabase::add_raw(const std::string& origin, std::string_view raw,
                               const WantedPackages& wanted) {
  if (!wanted.may_mention(raw)) return;
  auto unreadable = [&](const std::string& why) {
    if (m_unreadable++ == 0) m_first_unreadable = origin + ": " + why;
  };
  nlohmann::json json;
  try {
    json = nlohmann::json::parse(raw);
  } catch (const nlohmann::json::exception& error) {
    return unreadable(error.what());
  }
  auto record = read_osv_record(json);
  if (!record) return unreadable(record.error().message);
  if (record->withdrawn || !m_seen_ids.insert(record->id).second) return;
  const std::size_t index = m_records.size();
  bool relevant = false;
  for (const OsvAffected& affected : record->affected) {
    if (!wanted.contains(affected.ecosystem, affected.name)) continue;
    const std::string base(base_ecosystem(affected.ecosystem));
    auto& slot = m_index[{base, normalized_package_name(base, affected.name)}];
    if (slot.empty() || slot.back() != index) slot.push_back(index);
    relevant = true;
  }
  if (relevant) m_records.push_back(std::move(*record));
}

Result<AdvisoryDatabase> AdvisoryDatabase::load(const fs::path& db_dir, const WantedPackages& wanted) {
  AdvisoryDatabase database;
  const std::set<std::string> ecosystems = wanted.ecosystems();
  const std::string hint =
      "run `slipway scan --deps --update-db` to download the OSV database, or set "
      "scan.deps.db-dir to a folder of OSV *.json records or <Ecosystem>/all.zip archives";
  std::error_code error;
  if (!fs::is_directory(db_dir, error)) {
    return make_error("no advisory database: " + db_dir.string() + " does not exist", hint);
  }
  std::size_t json_files = 0;
  for (fs::recursive_directory_iterator it(db_dir, fs::directory_options::skip_permission_denied, error), end;
       !error && it != end; it.increment(error)) {
    const fs::path& path = it->path();
    if (!it->is_regular_file(error) || path.extension() != ".json") continue;
    if (util::starts_with(path.filename().string(), ".")) continue;
    ++json_files;
    if (it->file_size(error) > k_max_record_size) {
      database.m_notes.push_back("skipped " + path.string() + ": larger than 16 MiB");
      continue;
    }
    auto text = util::read_file(path);
    if (!text) {
      database.m_notes.push_back("skipped " + path.string() + ": " + text.error().message);
      continue;
    }
    database.add_raw(path.string(), *text, wanted);
  }
  std::vector<std::string> missing;
  for (const std::string& ecosystem : ecosystems) {
    const fs::path archive = advisory_archive_path(db_dir, ecosystem);
    if (!fs::is_regular_file(archive, error)) {
      missing.push_back(ecosystem);
      continue;
    }
    std::size_t too_big = 0;
    auto read = read_zip_members(
        archive, ".json", k_max_record_size,
        [&](const std::string& name, std::string&& text) {
          database.add_raw(archive.string() + ":" + name, text, wanted);
        },
        &too_big);
    if (!read) {
      Error failure = read.error();
      failure.hint =
          "the cached archive is damaged: run `slipway scan --deps --update-db` again, or delete " +
          archive.string();
      return failure;
    }
    if (too_big > 0)
      database.m_notes.push_back("skipped " + std::to_string(too_big) + " oversized records in " +
                                 archive.string());
  }
  if (json_files == 0 && !ecosystems.empty() && missing.size() == ecosystems.size()) {
    return make_error("no advisory database for " + util::join(missing, ", ") + " in " + db_dir.string(),
                      hint);
  }
  if (json_files == 0) {
    for (const std::string& ecosystem : missing) {
      database.m_notes.push_back("no advisories for " + ecosystem + " in " + db_dir.string() +
                                 ": its packages were not checked (run `slipway scan --deps --update-db`)");
    }
  }
  if (database.m_unreadable > 0) {
    database.m_notes.push_back("skipped " + std::to_string(database.m_unreadable) +
                               " unreadable advisory records (first: " + database.m_first_unreadable + ")");
  }
  return database;
}

std::vector<const OsvRecord*> AdvisoryDatabase::for_package(const std::string& ecosystem,
                                                            const std::string& name) const {
  std::vector<const OsvRecord*> out;
  const std::string base(base_ecosystem(ecosystem));
  const auto found = m_index.find({base, normalized_package_name(base, name)});
  if (found == m_index.end()) return out;
  for (std::size_t index : found->second) out.push_back(&m_records[index]);
  return out;
}

}  // namespace slipway::scan::deps
