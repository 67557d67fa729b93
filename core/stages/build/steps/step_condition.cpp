// The `if` expression of a step: a tokenizer, a recursive-descent parser
// into a small tree, and its evaluation against the CI context.
//
// The language is deliberately tiny (see step_condition.hpp): comparisons
// of a few CI facts with quoted strings, changed(...) over the changed
// paths, and && / || / ! with parentheses. No variables, no arithmetic, no
// string functions: a condition must be readable at a glance in a YAML file,
// and anything more belongs in the step's shell command. Values are always
// quoted, so `branch == main` is an error with a hint rather than a silent
// comparison with a field called "main".
#include "stages/build/steps/step_condition.hpp"

#include <array>
#include <utility>

#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::build {

enum class NodeKind { literal, compare, changed, negate, all, any };
enum class CompareOp { equal, not_equal, match, not_match };

struct ConditionNode {
  NodeKind kind = NodeKind::literal;
  bool literal = false;
  std::string field;                 // compare
  CompareOp op = CompareOp::equal;   // compare
  std::vector<std::string> strings;  // compare: one value; changed: the globs
  std::vector<std::shared_ptr<const ConditionNode>> children;
};

namespace {

using NodePtr = std::shared_ptr<const ConditionNode>;

constexpr std::array<std::string_view, 6> k_fields = {"branch", "tag",           "platform",
                                                      "event",  "target_branch", "runner"};
constexpr std::array<std::string_view, 3> k_words = {"true", "false", "change_request"};

enum class TokenKind { word, string, op, end };

struct Token {
  TokenKind kind = TokenKind::end;
  std::string text;
  std::size_t offset = 0;
};

bool is_word_char(char c, bool first) {
  const bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  return first ? letter : (letter || (c >= '0' && c <= '9') || c == '-');
}

std::string quoted(std::string_view text) {
  return "\"" + std::string(text) + "\"";
}

class Parser {
 public:
  explicit Parser(std::string_view text) : m_text(text) {}

  Result<NodePtr> parse() {
    if (auto tokens = tokenize(); !tokens) return tokens.error();
    if (m_tokens.front().kind == TokenKind::end)
      return fail(0, "empty condition", "write e.g. branch == 'main'");
    Result<NodePtr> root = parse_or();
    if (!root) return root;
    if (peek().kind != TokenKind::end) {
      return fail(peek().offset, "unexpected " + describe(peek()), "join conditions with && or ||");
    }
    return root;
  }

  bool uses_changed = false;

 private:
  Result<void> tokenize() {
    std::size_t i = 0;
    while (i < m_text.size()) {
      const char c = m_text[i];
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
        ++i;
        continue;
      }
      if (c == '\'' || c == '"') {
        const std::size_t close = m_text.find(c, i + 1);
        if (close == std::string_view::npos) {
          return fail(i, "unterminated string", std::string("close it with ") + c);
        }
        m_tokens.push_back(Token{TokenKind::string, std::string(m_text.substr(i + 1, close - i - 1)), i});
        i = close + 1;
        continue;
      }
      if (is_word_char(c, true)) {
        std::size_t end = i + 1;
        while (end < m_text.size() && is_word_char(m_text[end], false)) ++end;
        m_tokens.push_back(Token{TokenKind::word, std::string(m_text.substr(i, end - i)), i});
        i = end;
        continue;
      }
      const std::string_view rest = m_text.substr(i);
      bool matched = false;
      for (std::string_view op : {"==", "!=", "=~", "!~", "&&", "||", "!", "(", ")", ","}) {
        if (util::starts_with(rest, op)) {
          m_tokens.push_back(Token{TokenKind::op, std::string(op), i});
          i += op.size();
          matched = true;
          break;
        }
      }
      if (!matched) {
        return fail(i, "unexpected character " + quoted(std::string(1, c)),
                    "operators are == != =~ !~ && || ! and values are quoted");
      }
    }
    m_tokens.push_back(Token{TokenKind::end, "", m_text.size()});
    return {};
  }

  [[nodiscard]] const Token& peek() const { return m_tokens[m_next]; }
  const Token& take() { return m_tokens[m_next++]; }
  bool take_op(std::string_view op) {
    if (peek().kind == TokenKind::op && peek().text == op) {
      ++m_next;
      return true;
    }
    return false;
  }

  static std::string describe(const Token& token) {
    switch (token.kind) {
      case TokenKind::end:
        return "end of condition";
      case TokenKind::string:
        return "string '" + token.text + "'";
      case TokenKind::word:
      case TokenKind::op:
        return quoted(token.text);
    }
    return quoted(token.text);
  }

  Error fail(std::size_t offset, const std::string& message, std::string hint = {}) const {
    Error error = make_error("invalid condition: " + message + " at character " + std::to_string(offset + 1),
                             std::move(hint));
    error.column = static_cast<int>(offset) + 1;
    return error;
  }

  Result<NodePtr> parse_or() {
    return parse_chain("||", NodeKind::any, [this] { return parse_and(); });
  }
  Result<NodePtr> parse_and() {
    return parse_chain("&&", NodeKind::all, [this] { return parse_unary(); });
  }

  template <typename Next>
  Result<NodePtr> parse_chain(std::string_view op, NodeKind kind, Next next) {
    Result<NodePtr> first = next();
    if (!first) return first;
    if (!(peek().kind == TokenKind::op && peek().text == op)) return first;
    auto node = std::make_shared<ConditionNode>();
    node->kind = kind;
    node->children.push_back(*first);
    while (take_op(op)) {
      Result<NodePtr> more = next();
      if (!more) return more;
      node->children.push_back(*more);
    }
    return NodePtr(node);
  }

  Result<NodePtr> parse_unary() {
    if (take_op("!")) {
      Result<NodePtr> inner = parse_unary();
      if (!inner) return inner;
      auto node = std::make_shared<ConditionNode>();
      node->kind = NodeKind::negate;
      node->children.push_back(*inner);
      return NodePtr(node);
    }
    return parse_primary();
  }

  Result<NodePtr> parse_primary() {
    const Token& token = peek();
    if (token.kind == TokenKind::op && token.text == "(") {
      take();
      Result<NodePtr> inner = parse_or();
      if (!inner) return inner;
      if (!take_op(")")) return fail(peek().offset, "expected \")\", got " + describe(peek()));
      return inner;
    }
    if (token.kind != TokenKind::word) {
      return fail(token.offset, "expected a condition, got " + describe(token),
                  "e.g. branch == 'main', tag =~ 'v*', changed('src/**')");
    }
    const Token word = take();
    if (word.text == "changed") return parse_changed();
    for (std::string_view field : k_fields) {
      if (word.text == field) return parse_compare(word);
    }
    if (word.text == "true" || word.text == "false" || word.text == "change_request") {
      auto node = std::make_shared<ConditionNode>();
      node->kind = word.text == "change_request" ? NodeKind::compare : NodeKind::literal;
      node->literal = word.text == "true";
      node->field = word.text;
      return NodePtr(node);
    }
    std::vector<std::string> known(k_fields.begin(), k_fields.end());
    known.insert(known.end(), k_words.begin(), k_words.end());
    known.emplace_back("changed");
    const std::string suggestion = util::closest_match(word.text, known);
    return fail(word.offset, "unknown name " + quoted(word.text),
                suggestion.empty() ? "known names: " + util::join(known, ", ")
                                   : "did you mean " + quoted(suggestion) + "?");
  }

  Result<NodePtr> parse_compare(const Token& field) {
    const Token& op = peek();
    CompareOp compare = CompareOp::equal;
    if (op.kind == TokenKind::op && op.text == "==") {
      compare = CompareOp::equal;
    } else if (op.kind == TokenKind::op && op.text == "!=") {
      compare = CompareOp::not_equal;
    } else if (op.kind == TokenKind::op && op.text == "=~") {
      compare = CompareOp::match;
    } else if (op.kind == TokenKind::op && op.text == "!~") {
      compare = CompareOp::not_match;
    } else {
      return fail(op.offset,
                  "expected ==, !=, =~ or !~ after " + quoted(field.text) + ", got " + describe(op));
    }
    take();
    const Token& value = peek();
    if (value.kind != TokenKind::string) {
      std::string hint = "quote the value";
      if (value.kind == TokenKind::word) hint += ": " + field.text + " " + op.text + " '" + value.text + "'";
      return fail(value.offset,
                  "expected a quoted string after " + quoted(op.text) + ", got " + describe(value), hint);
    }
    take();
    auto node = std::make_shared<ConditionNode>();
    node->kind = NodeKind::compare;
    node->field = field.text;
    node->op = compare;
    node->strings.push_back(value.text);
    return NodePtr(node);
  }

  Result<NodePtr> parse_changed() {
    if (!take_op("("))
      return fail(peek().offset, "expected \"(\" after \"changed\"", "e.g. changed('src/**')");
    auto node = std::make_shared<ConditionNode>();
    node->kind = NodeKind::changed;
    do {
      const Token& glob = peek();
      if (glob.kind != TokenKind::string) {
        return fail(glob.offset, "expected a quoted glob in changed(...), got " + describe(glob));
      }
      node->strings.push_back(take().text);
    } while (take_op(","));
    if (!take_op(")")) return fail(peek().offset, "expected \")\" or \",\" in changed(...)");
    uses_changed = true;
    return NodePtr(node);
  }

  std::string_view m_text;
  std::vector<Token> m_tokens;
  std::size_t m_next = 0;
};

std::string field_value(const std::string& field, const model::CiContext& ci) {
  if (field == "branch") return ci.branch;
  if (field == "tag") return ci.tag;
  if (field == "platform") return std::string(model::to_string(ci.platform));
  if (field == "event") return ci.event_name;
  if (field == "target_branch") return ci.target_branch;
  if (field == "runner") return ci.runner;
  return {};
}

bool evaluate_node(const ConditionNode& node, const model::CiContext& ci,
                   const std::optional<std::vector<std::string>>& changed_paths) {
  switch (node.kind) {
    case NodeKind::literal:
      return node.literal;
    case NodeKind::compare: {
      if (node.field == "change_request") return ci.is_change_request();
      const std::string value = field_value(node.field, ci);
      switch (node.op) {
        case CompareOp::equal:
          return value == node.strings.front();
        case CompareOp::not_equal:
          return value != node.strings.front();
        case CompareOp::match:
          return wildcard_match(node.strings.front(), value);
        case CompareOp::not_match:
          return !wildcard_match(node.strings.front(), value);
      }
      return false;
    }
    case NodeKind::changed:
      if (!changed_paths) return true;
      for (const std::string& path : *changed_paths) {
        if (util::glob_match_any(node.strings, path)) return true;
      }
      return false;
    case NodeKind::negate:
      return !evaluate_node(*node.children.front(), ci, changed_paths);
    case NodeKind::all:
      for (const auto& child : node.children) {
        if (!evaluate_node(*child, ci, changed_paths)) return false;
      }
      return true;
    case NodeKind::any:
      for (const auto& child : node.children) {
        if (evaluate_node(*child, ci, changed_paths)) return true;
      }
      return false;
  }
  return false;
}

}  // namespace

Result<Condition> Condition::parse(std::string_view text) {
  Parser parser(text);
  Result<NodePtr> root = parser.parse();
  if (!root) return root.error();
  Condition condition;
  condition.m_root = *root;
  condition.m_uses_changed = parser.uses_changed;
  return condition;
}

bool Condition::evaluate(const model::CiContext& ci,
                         const std::optional<std::vector<std::string>>& changed_paths) const {
  return m_root == nullptr || evaluate_node(*m_root, ci, changed_paths);
}

bool wildcard_match(std::string_view pattern, std::string_view text) {
  // Iterative matching with one backtrack point for the last '*'.
  std::size_t p = 0;
  std::size_t t = 0;
  std::size_t star = std::string_view::npos;
  std::size_t star_text = 0;
  while (t < text.size()) {
    if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == text[t])) {
      ++p;
      ++t;
    } else if (p < pattern.size() && pattern[p] == '*') {
      star = p++;
      star_text = t;
    } else if (star != std::string_view::npos) {
      p = star + 1;
      t = ++star_text;
    } else {
      return false;
    }
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Result<bool> evaluate_condition(std::string_view expression, const model::CiContext& ci,
                                const std::optional<std::vector<std::string>>& changed_paths) {
  Result<Condition> condition = Condition::parse(expression);
  if (!condition) return condition.error();
  return condition->evaluate(ci, changed_paths);
}

}  // namespace slipway::build
