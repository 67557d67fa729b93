// A step's `if` expression, parsed once and evaluated per run.
//
// Grammar (whitespace between tokens is ignored):
//   expression := or
//   or         := and ( "||" and )*
//   and        := unary ( "&&" unary )*
//   unary      := "!" unary | primary
//   primary    := "(" expression ")" | comparison | call | word
//   comparison := field ( "==" | "!=" | "=~" | "!~" ) string
//   call       := "changed" "(" string ( "," string )* ")"
//   field      := branch | tag | platform | event | target_branch | runner
//   word       := true | false | change_request
//   string     := '...' | "..."          (no escapes)
// `==`/`!=` compare exactly; `=~`/`!~` match a wildcard pattern where `*` is
// any run of characters (including '/') and `?` is one character.
// changed(globs...) is true when a changed path matches one of the globs
// (util/glob.hpp rules), or when the changed paths are unknown.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/ci_context.hpp"
#include "util/result.hpp"

namespace slipway::build {

struct ConditionNode;

class Condition {
 public:
  // The Error's message says what was expected and at which character; its
  // column is the 1-based offset in `text` (the caller adds the file).
  static Result<Condition> parse(std::string_view text);

  [[nodiscard]] bool evaluate(const model::CiContext& ci,
                              const std::optional<std::vector<std::string>>& changed_paths) const;
  // True when the expression calls changed(...), so callers can say when the
  // changed paths are unknown.
  [[nodiscard]] bool uses_changed() const { return m_uses_changed; }

 private:
  std::shared_ptr<const ConditionNode> m_root;
  bool m_uses_changed = false;
};

// `*` matches any run of characters (including '/'), `?` exactly one.
bool wildcard_match(std::string_view pattern, std::string_view text);

}  // namespace slipway::build
