// Loading the set of known linters: the shipped descriptors embedded in the
// binary, then the repository's own .slipway/plugins/*.yml, a user file
// replacing the shipped descriptor of the same id (that is how a team pins a
// different command or severity map without waiting for a release). Also the
// small shared helpers of the descriptor model: severity mapping and install
// hints. Parsing a single file is in descriptor_validation.cpp.
#include "stages/lint/plugins/descriptor.hpp"

#include <algorithm>
#include <filesystem>
#include <map>

#include "stages/lint/plugins/embedded_plugins.hpp"
#include "util/files.hpp"
#include "util/strings.hpp"

namespace slipway::lint {

namespace {

namespace fs = std::filesystem;

// Tool severities that mean the same thing across linters.
const std::map<std::string, model::Severity, std::less<>> k_default_severities = {
    {"error", model::Severity::error},      {"fatal", model::Severity::error},
    {"critical", model::Severity::error},   {"warning", model::Severity::warning},
    {"warn", model::Severity::warning},     {"info", model::Severity::note},
    {"information", model::Severity::note}, {"style", model::Severity::note},
    {"note", model::Severity::note},        {"convention", model::Severity::note},
    {"refactor", model::Severity::note},    {"none", model::Severity::note},
};

Error duplicate_id_error(const Descriptor& first, const Descriptor& second) {
  Error error = make_error("linter id \"" + second.id + "\" is declared twice (also in " + first.source + ")",
                           "give one of them another id, or delete one file");
  error.file = second.source;
  return error;
}

// The .yml / .yaml files of the user descriptor folder, sorted by name.
std::vector<fs::path> user_descriptor_files(const std::string& root) {
  std::vector<fs::path> files;
  const fs::path dir = fs::path(root) / k_user_descriptor_dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return files;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string extension = it->path().extension().string();
    if ((extension == ".yml" || extension == ".yaml") && it->is_regular_file(ec)) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace

model::Severity map_severity(const SeverityMap& map, std::string_view tool_severity) {
  const std::string key = util::to_lower(util::trim(tool_severity));
  if (key.empty()) return map.default_severity;
  if (const auto found = map.entries.find(key); found != map.entries.end()) return found->second;
  if (const auto found = k_default_severities.find(key); found != k_default_severities.end())
    return found->second;
  return map.default_severity;
}

std::string install_hint_text(const InstallHints& hints) {
  std::vector<std::string> ways;
  if (!hints.apt.empty()) ways.push_back("apt-get install " + hints.apt);
  if (!hints.npm.empty()) ways.push_back("npm install -g " + hints.npm);
  if (!hints.pip.empty()) ways.push_back("pip install " + hints.pip);
  return util::join(ways, " or ");
}

Result<std::vector<Descriptor>> load_descriptors(
    const std::vector<std::pair<std::string_view, std::string_view>>& embedded, const std::string& root) {
  std::map<std::string, Descriptor> by_id;
  for (const auto& [name, text] : embedded) {
    const std::string file_name = "plugins/" + std::string(name);
    Result<Descriptor> parsed = parse_descriptor(text, file_name);
    if (!parsed) return parsed.error();
    parsed->source = "shipped";
    parsed->shipped = true;
    if (const auto found = by_id.find(parsed->id); found != by_id.end()) {
      Descriptor copy = *parsed;
      copy.source = file_name;
      Descriptor first = found->second;
      first.source = "the shipped descriptors";
      return duplicate_id_error(first, copy);
    }
    by_id.emplace(parsed->id, std::move(*parsed));
  }

  std::map<std::string, std::string> user_sources;  // id -> file, to catch two user files with one id
  for (const fs::path& file : user_descriptor_files(root)) {
    const std::string shown = std::string(k_user_descriptor_dir) + "/" + file.filename().string();
    Result<std::string> text = util::read_file(file);
    if (!text) {
      Error error = text.error();
      error.file = shown;
      return error;
    }
    Result<Descriptor> parsed = parse_descriptor(*text, shown);
    if (!parsed) return parsed.error();
    parsed->source = shown;
    parsed->shipped = false;
    if (const auto seen = user_sources.find(parsed->id); seen != user_sources.end()) {
      return duplicate_id_error(by_id.at(parsed->id), *parsed);
    }
    user_sources.emplace(parsed->id, shown);
    by_id.insert_or_assign(parsed->id, std::move(*parsed));
  }

  std::vector<Descriptor> descriptors;
  descriptors.reserve(by_id.size());
  for (auto& [id, descriptor] : by_id) descriptors.push_back(std::move(descriptor));
  return descriptors;
}

Result<std::vector<Descriptor>> load_descriptors(const std::string& root) {
  return load_descriptors(embedded_descriptors(), root);
}

}  // namespace slipway::lint
