// Typed, validating reads of YAML mapping fields with positions in errors,
// for descriptor files (descriptor_validation.cpp).
//
// A FieldReader records the FIRST problem (file, 1-based line and column of
// the node at fault, a hint) and lets the caller keep reading with fallback
// values, so a reader of many fields needs no Result plumbing per field:
// read everything, then return error() if there is one. yaml-cpp node access
// is wrapped so that nothing throws out of a read.
#pragma once

#include <yaml-cpp/yaml.h>

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::lint::yaml_fields {

// One key of a mapping with its value; the key node carries the position.
struct Entry {
  YAML::Node key;
  YAML::Node value;
};
using Entries = std::map<std::string, Entry>;

std::string in_quotes(std::string_view text);
// "a mapping", "a list", "nothing" or the quoted scalar, for messages.
std::string kind_of(const YAML::Node& node);

class FieldReader {
 public:
  explicit FieldReader(std::string file_name) : m_file(std::move(file_name)) {}

  [[nodiscard]] const std::optional<Error>& error() const { return m_error; }
  [[nodiscard]] bool failed() const { return m_error.has_value(); }

  // An Error at `mark` (0-based yaml-cpp positions become 1-based).
  [[nodiscard]] Error error_at(const YAML::Mark& mark, std::string message, std::string hint = {}) const;
  // Records the problem unless an earlier one was recorded.
  void fail(const YAML::Mark& mark, std::string message, std::string hint = {});

  // The keys of a mapping by name, refusing keys not in `allowed` (with a
  // "did you mean" among them) and repeated keys. `section` is the dotted
  // path of the mapping for messages ("" at the top).
  Entries entries_of(const YAML::Node& node, const std::vector<std::string>& allowed,
                     const std::string& section);
  static const Entry* find(const Entries& entries, const std::string& name);
  void require(const Entries& entries, const YAML::Node& owner, const std::string& name,
               const std::string& section, const std::string& hint);
  // Where a value is, or its key when the value is empty.
  static YAML::Mark value_mark(const Entry& entry);

  std::string read_string(const Entry& entry, const std::string& what);
  std::vector<std::string> read_list(const Entry& entry, const std::string& what);  // null = empty
  bool read_bool(const Entry& entry, const std::string& what, bool fallback);
  int read_int(const YAML::Node& node, const YAML::Mark& mark, const std::string& what, int min, int max,
               int fallback);
  std::vector<int> read_int_list(const Entry& entry, const std::string& what, int min, int max);
  // One of `choices`, or "" after recording an error with a suggestion.
  std::string read_choice(const Entry& entry, const std::string& what,
                          const std::vector<std::string>& choices);

 protected:
  std::string m_file;
  std::optional<Error> m_error;
};

}  // namespace slipway::lint::yaml_fields
