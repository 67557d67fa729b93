// The on-disk Vectorscan database cache (see database_cache.hpp). File layout:
//   line 1  "slipway-vectorscan-cache 1"
//   line 2  SHA-256 (hex) of everything after this line
//   line 3  the rules' maximum widths, space-separated ("-" = unbounded)
//   rest    the bytes of hs_serialize_database
#include "stages/scan/secrets/database_cache.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <sstream>
#include <system_error>

#include "util/files.hpp"
#include "util/hash.hpp"

namespace slipway::scan::secrets {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_magic = "slipway-vectorscan-cache 1";
constexpr std::string_view k_prefix = "secrets-";
constexpr std::string_view k_extension = ".hsdb";

std::string widths_line(const std::vector<std::size_t>& widths) {
  std::string line;
  for (std::size_t width : widths) {
    if (!line.empty()) line += ' ';
    line += width == SIZE_MAX ? std::string("-") : std::to_string(width);
  }
  return line;
}

std::optional<std::vector<std::size_t>> parse_widths(const std::string& line, std::size_t count) {
  std::vector<std::size_t> widths;
  std::istringstream in(line);
  std::string word;
  while (in >> word) {
    if (word == "-") {
      widths.push_back(SIZE_MAX);
      continue;
    }
    if (word.empty() || word.find_first_not_of("0123456789") != std::string::npos || word.size() > 12) {
      return std::nullopt;
    }
    widths.push_back(static_cast<std::size_t>(std::stoull(word)));
  }
  if (widths.size() != count) return std::nullopt;
  return widths;
}

// Removes the least recently written cache files beyond k_kept_databases.
void prune(const fs::path& folder) {
  std::error_code ec;
  std::vector<std::pair<fs::file_time_type, fs::path>> files;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (name.rfind(k_prefix, 0) != 0 || name.size() <= k_extension.size() ||
        name.compare(name.size() - k_extension.size(), k_extension.size(), k_extension) != 0) {
      continue;
    }
    std::error_code time_ec;
    const auto written = entry.last_write_time(time_ec);
    if (!time_ec) files.emplace_back(written, entry.path());
  }
  if (files.size() <= k_kept_databases) return;
  std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
  for (std::size_t i = k_kept_databases; i < files.size(); ++i) fs::remove(files[i].second, ec);
}

}  // namespace

fs::path database_cache_file(const fs::path& folder, const std::vector<SecretRule>& rules) {
  std::string identity = std::string(k_magic) + '\n' + hs_version() + '\n';
  for (const SecretRule& rule : rules) {
    identity += rule.caseless ? "i\t" : "-\t";
    identity += rule.pattern;
    identity += '\n';
  }
  return folder / (std::string(k_prefix) + util::sha256_hex(identity) + std::string(k_extension));
}

std::optional<CachedDatabase> load_cached_database(const fs::path& file, std::size_t rule_count) {
  std::error_code ec;
  if (!fs::is_regular_file(file, ec)) return std::nullopt;
  auto content = util::read_file(file);
  if (!content) return std::nullopt;
  const std::string& text = *content;
  const std::size_t first = text.find('\n');
  if (first == std::string::npos || text.compare(0, first, k_magic) != 0) return std::nullopt;
  const std::size_t second = text.find('\n', first + 1);
  if (second == std::string::npos) return std::nullopt;
  const std::string digest = text.substr(first + 1, second - first - 1);
  const std::string_view payload = std::string_view(text).substr(second + 1);
  if (util::sha256_hex(payload) != digest) return std::nullopt;
  const std::size_t third = payload.find('\n');
  if (third == std::string_view::npos) return std::nullopt;
  auto widths = parse_widths(std::string(payload.substr(0, third)), rule_count);
  if (!widths) return std::nullopt;
  const std::string_view bytes = payload.substr(third + 1);
  hs_database_t* database = nullptr;
  if (hs_deserialize_database(bytes.data(), bytes.size(), &database) != HS_SUCCESS) return std::nullopt;
  return CachedDatabase{database, std::move(*widths)};
}

void store_cached_database(const fs::path& file, const hs_database_t* database,
                           const std::vector<std::size_t>& max_width) {
  char* raw = nullptr;
  std::size_t size = 0;
  if (hs_serialize_database(database, &raw, &size) != HS_SUCCESS) return;
  const std::unique_ptr<char, decltype(&std::free)> bytes(raw, &std::free);  // default (malloc) allocator
  const std::string payload = widths_line(max_width) + '\n' + std::string(raw, size);
  const std::string content = std::string(k_magic) + '\n' + util::sha256_hex(payload) + '\n' + payload;
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  if (ec) return;
  if (!util::write_file_atomic(file, content)) return;
  prune(file.parent_path());
}

}  // namespace slipway::scan::secrets
