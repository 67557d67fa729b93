// Vectorscan compile and scan for the secret rules. Why block mode and not
// streaming: the capture regex that follows needs the matched bytes in
// memory, so inputs are handed over as buffers anyway (a whole blob, or a
// file window with overlap, see input_scanner.cpp).
#include "stages/scan/secrets/pattern_database.hpp"

#include <climits>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "stages/scan/secrets/database_cache.hpp"

namespace slipway::scan::secrets {
namespace {

struct CompileErrorFree {
  void operator()(hs_compile_error_t* error) const { hs_free_compile_error(error); }
};

int on_match(unsigned int id, unsigned long long /*from*/, unsigned long long to, unsigned int /*flags*/,
             void* context) {
  auto* out = static_cast<std::vector<RawMatch>*>(context);
  out->push_back(RawMatch{id, static_cast<std::size_t>(to)});
  return 0;
}

constexpr std::string_view k_pattern_hint =
    "patterns use the syntax Vectorscan and ECMAScript share: no look-around, back-references or inline "
    "flags, and bounded repetition ({0,40} rather than *) where possible";

Error pattern_error(const SecretRule& rule, const std::string& what) {
  std::string message = "secret rule " + rule.id + ": Vectorscan cannot compile the pattern: " + what;
  if (rule.origin != "built-in" && !rule.origin.empty()) message += " (" + rule.origin + ")";
  return make_error(message, std::string(k_pattern_hint));
}

}  // namespace

Result<PatternDatabase> PatternDatabase::compile(const std::vector<SecretRule>& rules,
                                                 const std::filesystem::path& cache_dir) {
  if (rules.empty())
    return make_error("no secret rules to run", "scan.secrets.disable turned off every rule");
  std::filesystem::path cache_file;
  if (!cache_dir.empty()) {
    cache_file = database_cache_file(cache_dir, rules);
    if (auto cached = load_cached_database(cache_file, rules.size())) {
      PatternDatabase result;
      result.m_database.reset(cached->database);
      result.m_max_width = std::move(cached->max_width);
      result.m_from_cache = true;
      return result;
    }
  }
  std::vector<const char*> expressions;
  std::vector<unsigned int> flags;
  std::vector<unsigned int> ids;
  std::vector<std::size_t> max_width;
  for (std::size_t i = 0; i < rules.size(); ++i) {
    expressions.push_back(rules[i].pattern.c_str());
    flags.push_back(rules[i].caseless ? HS_FLAG_CASELESS : 0u);
    ids.push_back(static_cast<unsigned int>(i));
    hs_expr_info_t* info = nullptr;
    hs_compile_error_t* raw_error = nullptr;
    if (hs_expression_info(expressions.back(), flags.back(), &info, &raw_error) != HS_SUCCESS) {
      std::unique_ptr<hs_compile_error_t, CompileErrorFree> error(raw_error);
      return pattern_error(rules[i], error && error->message ? error->message : "unknown Vectorscan error");
    }
    max_width.push_back(info->max_width == UINT_MAX ? SIZE_MAX : info->max_width);
    std::free(info);  // allocated with the default (malloc) allocator
  }
  hs_database_t* database = nullptr;
  hs_compile_error_t* raw_error = nullptr;
  const hs_error_t status = hs_compile_multi(expressions.data(), flags.data(), ids.data(),
                                             static_cast<unsigned int>(expressions.size()), HS_MODE_BLOCK,
                                             nullptr, &database, &raw_error);
  if (status != HS_SUCCESS) {
    std::unique_ptr<hs_compile_error_t, CompileErrorFree> error(raw_error);
    const std::string what = error && error->message ? error->message : "unknown Vectorscan error";
    if (error && error->expression >= 0 && static_cast<std::size_t>(error->expression) < rules.size()) {
      return pattern_error(rules[static_cast<std::size_t>(error->expression)], what);
    }
    return make_error("cannot compile the secret rules: " + what);
  }
  PatternDatabase result;
  result.m_database.reset(database);
  result.m_max_width = std::move(max_width);
  if (!cache_file.empty()) store_cached_database(cache_file, database, result.m_max_width);
  return result;
}

Result<PatternDatabase::Scratch> PatternDatabase::make_scratch() const {
  hs_scratch_t* raw = nullptr;
  if (hs_alloc_scratch(m_database.get(), &raw) != HS_SUCCESS) {
    return make_error("Vectorscan could not allocate scratch space");
  }
  Scratch scratch;
  scratch.m_scratch.reset(raw);
  return scratch;
}

Result<void> PatternDatabase::scan(std::string_view data, Scratch& scratch,
                                   std::vector<RawMatch>& out) const {
  if (data.size() > UINT_MAX) return make_error("buffer too large for one Vectorscan call");
  const hs_error_t status = hs_scan(m_database.get(), data.data(), static_cast<unsigned int>(data.size()), 0,
                                    scratch.m_scratch.get(), on_match, &out);
  if (status != HS_SUCCESS)
    return make_error("Vectorscan scan failed (error " + std::to_string(status) + ")");
  return {};
}

Result<bool> PatternDatabase::matches_any(std::string_view data, Scratch& scratch) const {
  if (data.size() > UINT_MAX) return make_error("buffer too large for one Vectorscan call");
  bool found = false;
  const hs_error_t status = hs_scan(
      m_database.get(), data.data(), static_cast<unsigned int>(data.size()), 0, scratch.m_scratch.get(),
      [](unsigned int, unsigned long long, unsigned long long, unsigned int, void* context) {
        *static_cast<bool*>(context) = true;
        return 1;  // stop: one match is enough
      },
      &found);
  if (status != HS_SUCCESS && status != HS_SCAN_TERMINATED)
    return make_error("Vectorscan scan failed (error " + std::to_string(status) + ")");
  return found;
}

}  // namespace slipway::scan::secrets
