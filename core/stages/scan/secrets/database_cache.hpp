// A cache of compiled Vectorscan databases on disk.
//
// Compiling the ~200 built-in rules takes Vectorscan about 0.4 s, longer than
// scanning a few hundred megabytes, and the result depends only on the
// patterns, their flags and the Vectorscan build. So the compiled database is
// serialized (hs_serialize_database) into
// <cache dir>/secrets-<sha256 of patterns, flags and hs_version()>.hsdb with
// the rules' maximum widths beside it, and later runs deserialize it instead.
//
// The cache can only make a run faster, never wrong or failed: a missing,
// truncated, corrupted (SHA-256 checked) or foreign-platform file is ignored
// and replaced; a file that cannot be written is skipped. Files are written
// to a temporary name and renamed, so a concurrent run sees the old or the
// new file, never half of one. At most k_kept_databases files stay in the
// folder (the most recently written).
#pragma once

#include <hs/hs.h>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "stages/scan/secrets/secret_rule.hpp"

namespace slipway::scan::secrets {

constexpr std::size_t k_kept_databases = 8;

struct CachedDatabase {
  hs_database_t* database = nullptr;  // owned by the caller (hs_free_database)
  std::vector<std::size_t> max_width;
};

// The cache file for these rules (and this Vectorscan build) in `folder`.
std::filesystem::path database_cache_file(const std::filesystem::path& folder,
                                          const std::vector<SecretRule>& rules);

// The database stored in `file`, or nothing when it is missing or unusable.
std::optional<CachedDatabase> load_cached_database(const std::filesystem::path& file, std::size_t rule_count);

// Stores `database` in `file` (best effort: failures are ignored) and removes
// the oldest other cache files beyond k_kept_databases.
void store_cached_database(const std::filesystem::path& file, const hs_database_t* database,
                           const std::vector<std::size_t>& max_width);

}  // namespace slipway::scan::secrets
