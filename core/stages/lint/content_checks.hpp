// Checks that understand what a file contains rather than how its lines are
// laid out: private keys, YAML and JSON syntax (with duplicate JSON keys), and
// the large-file check with its Git LFS exemptions.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "stages/lint/check_context.hpp"

namespace slipway::lint {

void check_private_keys(std::string_view content, FileFindings& sink);

bool is_yaml_path(std::string_view path);
bool is_json_path(std::string_view path);
// Every document must parse (yaml-cpp).
void check_yaml(std::string_view content, FileFindings& sink);
// Strict JSON (nlohmann-json SAX parser) without duplicate keys in an object.
void check_json(std::string_view content, FileFindings& sink);

// Where the n-th object key (0-based, in document order) starts: the byte
// offset of its opening quote, for each of `ordinals` (ascending). A key is a
// string token followed by optional whitespace and ':', which in JSON that
// parsed up to that point is exactly what the SAX parser reports as key().
std::vector<std::size_t> json_key_offsets(std::string_view json, const std::vector<std::size_t>& ordinals);

// The first line of a Git LFS pointer file.
inline constexpr std::string_view k_lfs_pointer_prefix = "version https://git-lfs.github.com/spec/v1";
bool is_lfs_pointer(std::string_view head);

// Paths that .gitattributes files route through Git LFS (filter=lfs): in a
// checkout they are the real, large content, and storing them in LFS is what
// the large-file check asks for.
class LfsTracked {
 public:
  // Adds the rules of the .gitattributes file in folder `dir` ("" or "sub/").
  void add_attributes(std::string_view dir, std::string_view text);
  [[nodiscard]] bool matches(std::string_view path) const;
  [[nodiscard]] bool empty() const { return m_rules.empty(); }

 private:
  struct Rule {
    std::string dir;
    std::string pattern;
    bool anchored = false;  // pattern started with '/': only directly in dir
    bool lfs = false;       // filter=lfs (true) or another/unset filter (false)
  };
  std::vector<Rule> m_rules;
};

// Reads every .gitattributes among `paths` (repository-relative) below `root`.
LfsTracked load_lfs_tracked(const std::string& root, const std::vector<std::string>& paths);

// Reports a file of `size` bytes over `max_kb` KiB unless `head` is an LFS pointer.
void check_large_file(std::uint64_t size, std::int64_t max_kb, std::string_view head, bool lfs_tracked,
                      FileFindings& sink);

// "512 KiB", "1.5 MiB".
std::string format_size(std::uint64_t bytes);

}  // namespace slipway::lint
