// A Groovy tokenizer for the Jenkinsfile checks. No Groovy parser is
// available to us, and the checks need only tokens: identifiers, punctuation
// with matching brackets, and strings with their kind (only some kinds
// interpolate `$x` and `${x}`) and raw content, so an interpolation can be
// traced to its file line. Comments are dropped. A `/` starts a slashy string
// where an operand is expected (after an operator or an opening bracket, or at
// the start), and is division otherwise, which is how Groovy decides it too.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "util/result.hpp"

namespace slipway::scan::misconfig {

enum class TokenKind { identifier, string, number, punctuation };

enum class StringKind { single, double_quoted, triple_single, triple_double, slashy, dollar_slashy };

struct GroovyToken {
  TokenKind kind = TokenKind::punctuation;
  std::string text;  // identifier, number or punctuation character; a string's raw content (no delimiters)
  StringKind string_kind = StringKind::single;
  int line = 0;  // where the token starts
};

// True for the string kinds in which Groovy substitutes $name and ${expr}.
bool interpolates(StringKind kind);

struct GroovyTokens {
  std::vector<GroovyToken> tokens;
  std::vector<std::size_t> partner;    // index of the matching bracket for ( ) [ ] { }, or npos
  std::vector<std::size_t> enclosing;  // index of the innermost '{' around each token, or npos
  Error error;                         // message "" when the whole text was tokenized
  [[nodiscard]] bool ok() const { return error.message.empty(); }
};

GroovyTokens lex_groovy(std::string_view text);

}  // namespace slipway::scan::misconfig
