// One Vectorscan database holding every secret rule's pattern, compiled once
// per run in block mode, so that a single pass over a buffer reports, for each
// rule that matches, every offset where a match ends. Each scanning thread
// needs its own Scratch.
//
// Why no HS_FLAG_SOM_LEFTMOST: Vectorscan refuses start-of-match tracking for
// patterns with long bounded repeats ("Pattern is too large": JWTs, private
// keys, session tokens, the generic rules), and tracking it slows the scan of
// every byte. Instead each rule's maximum match width (hs_expression_info)
// bounds a look-back: the matcher finds the start with std::regex on at most
// that many bytes before the end, and only where Vectorscan found a match.
#pragma once

#include <hs/hs.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>
#include <vector>

#include "stages/scan/secrets/secret_rule.hpp"
#include "util/result.hpp"

namespace slipway::scan::secrets {

struct RawMatch {
  unsigned rule = 0;   // index into the rules the database was compiled from
  std::size_t to = 0;  // one past the last byte of the match
};

class PatternDatabase {
 public:
  class Scratch {
   public:
    Scratch() = default;

   private:
    friend class PatternDatabase;
    struct Free {
      void operator()(hs_scratch_t* scratch) const { hs_free_scratch(scratch); }
    };
    std::unique_ptr<hs_scratch_t, Free> m_scratch;
  };

  // Compiles all patterns; an error names the rule whose pattern Vectorscan
  // rejected (and where the user wrote it).
  // With a `cache_dir`, a database compiled earlier from the same patterns
  // is loaded from there instead, and a new one is stored (database_cache.hpp).
  static Result<PatternDatabase> compile(const std::vector<SecretRule>& rules,
                                         const std::filesystem::path& cache_dir = {});

  // Whether compile() loaded the database from the cache.
  [[nodiscard]] bool from_cache() const { return m_from_cache; }

  Result<Scratch> make_scratch() const;

  // The longest match rule `rule` can produce, in bytes (SIZE_MAX: unbounded).
  [[nodiscard]] std::size_t max_width(std::size_t rule) const { return m_max_width[rule]; }

  // Appends every match in `data` to `out` (offsets relative to data).
  Result<void> scan(std::string_view data, Scratch& scratch, std::vector<RawMatch>& out) const;

  // True when any pattern matches somewhere in `data` (stops at the first).
  Result<bool> matches_any(std::string_view data, Scratch& scratch) const;

 private:
  struct Free {
    void operator()(hs_database_t* database) const { hs_free_database(database); }
  };
  std::unique_ptr<hs_database_t, Free> m_database;
  std::vector<std::size_t> m_max_width;
  bool m_from_cache = false;
};

}  // namespace slipway::scan::secrets
