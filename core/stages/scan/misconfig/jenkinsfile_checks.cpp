// Jenkinsfile checks over the Groovy tokens (groovy_lexer.cpp).
//
// credentials-interpolation: a credential variable is bound by
// `withCredentials([...]) { ... }` for the tokens of its block, or by
// `NAME = credentials('id')` in an `environment { }` block for the rest of
// the block around it (the pipeline or the stage), with the _USR and _PSW
// variants Jenkins adds. A call of sh, bat, powershell or pwsh whose arguments
// contain an interpolating string with $NAME, ${NAME}, $env.NAME or
// ${env.NAME} for a bound NAME is reported at the line of the `$`.
//
// unpinned-library: `@Library('lib@version')`, `library 'lib@version'` and
// `library(identifier: 'lib@version', ...)`; the version must be a commit SHA.
#include <algorithm>
#include <array>
#include <cctype>
#include <initializer_list>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/groovy_lexer.hpp"
#include "stages/scan/misconfig/pinning.hpp"

namespace slipway::scan::misconfig {
namespace {

constexpr std::size_t k_none = std::string::npos;

struct Binding {
  std::string name;
  std::size_t begin = 0;  // token range where the variable is bound
  std::size_t end = 0;
};

class JenkinsChecks {
 public:
  JenkinsChecks(const GroovyTokens& lexed, FindingSink& sink)
      : m_lexed(lexed), m_tokens(lexed.tokens), m_sink(sink) {}

  void run() {
    collect_with_credentials();
    collect_environment_credentials();
    for (std::size_t i = 0; i < m_tokens.size(); ++i) {
      if (is_call(i, {"sh", "bat", "powershell", "pwsh"})) check_command_call(i);
      if (is_punct(i, "@") && is_identifier(i + 1, "Library") && is_punct(i + 2, "("))
        check_library_annotation(i + 2);
      if (is_call(i, {"library"})) check_library_step(i);
    }
  }

 private:
  const GroovyTokens& m_lexed;
  const std::vector<GroovyToken>& m_tokens;
  FindingSink& m_sink;
  std::vector<Binding> m_bindings;

  [[nodiscard]] bool is_punct(std::size_t i, std::string_view text) const {
    return i < m_tokens.size() && m_tokens[i].kind == TokenKind::punctuation && m_tokens[i].text == text;
  }
  [[nodiscard]] bool is_identifier(std::size_t i, std::string_view text) const {
    return i < m_tokens.size() && m_tokens[i].kind == TokenKind::identifier && m_tokens[i].text == text;
  }
  [[nodiscard]] bool is_string(std::size_t i) const {
    return i < m_tokens.size() && m_tokens[i].kind == TokenKind::string;
  }
  [[nodiscard]] std::size_t partner(std::size_t i) const {
    return i < m_lexed.partner.size() ? m_lexed.partner[i] : k_none;
  }

  // `name(`, `name "..."` or `name label: ...`, not `x.name`.
  [[nodiscard]] bool is_call(std::size_t i, std::initializer_list<std::string_view> names) const {
    if (i >= m_tokens.size() || m_tokens[i].kind != TokenKind::identifier) return false;
    if (std::find(names.begin(), names.end(), m_tokens[i].text) == names.end()) return false;
    if (i > 0 && is_punct(i - 1, ".")) return false;
    if (is_punct(i + 1, "(") || is_string(i + 1)) return true;
    return i + 2 < m_tokens.size() && m_tokens[i + 1].kind == TokenKind::identifier && is_punct(i + 2, ":") &&
           m_tokens[i + 1].line == m_tokens[i].line;
  }

  // The token range of a call's arguments: inside the parentheses, or the
  // rest of the line (continued after a trailing comma).
  [[nodiscard]] std::pair<std::size_t, std::size_t> arguments_of(std::size_t call) const {
    if (is_punct(call + 1, "(") && partner(call + 1) != k_none) return {call + 2, partner(call + 1)};
    std::size_t end = call + 1;
    while (end < m_tokens.size() && (m_tokens[end].line == m_tokens[call].line || is_punct(end - 1, ","))) {
      ++end;
    }
    return {call + 1, end};
  }

  void collect_with_credentials() {
    static constexpr std::array<std::string_view, 7> k_labels = {
        "variable",           "usernameVariable", "passwordVariable",   "keyFileVariable",
        "passphraseVariable", "tokenVariable",    "certificateVariable"};
    for (std::size_t i = 0; i + 1 < m_tokens.size(); ++i) {
      if (!is_identifier(i, "withCredentials") || !is_punct(i + 1, "(")) continue;
      const std::size_t close = partner(i + 1);
      if (close == k_none || !is_punct(close + 1, "{") || partner(close + 1) == k_none) continue;
      const std::size_t block_end = partner(close + 1);
      for (std::size_t k = i + 2; k + 2 < close; ++k) {
        const GroovyToken& token = m_tokens[k];
        if (token.kind != TokenKind::identifier || !is_punct(k + 1, ":") || !is_string(k + 2)) continue;
        if (std::find(k_labels.begin(), k_labels.end(), token.text) == k_labels.end()) continue;
        m_bindings.push_back(Binding{m_tokens[k + 2].text, close + 1, block_end});
      }
    }
  }

  void collect_environment_credentials() {
    for (std::size_t i = 0; i + 1 < m_tokens.size(); ++i) {
      if (!is_identifier(i, "environment") || !is_punct(i + 1, "{") || partner(i + 1) == k_none) continue;
      const std::size_t block_end = partner(i + 1);
      const std::size_t outer = m_lexed.enclosing[i];
      const std::size_t scope_end =
          outer == k_none || partner(outer) == k_none ? m_tokens.size() : partner(outer);
      for (std::size_t k = i + 2; k + 3 < block_end; ++k) {
        if (m_tokens[k].kind != TokenKind::identifier || !is_punct(k + 1, "=") ||
            !is_identifier(k + 2, "credentials") || !is_punct(k + 3, "(")) {
          continue;
        }
        const std::string& name = m_tokens[k].text;
        for (const std::string suffix : {"", "_USR", "_PSW"}) {
          m_bindings.push_back(Binding{name + suffix, block_end, scope_end});
        }
      }
    }
  }

  [[nodiscard]] bool bound_at(const std::string& name, std::size_t token) const {
    return std::any_of(m_bindings.begin(), m_bindings.end(), [&](const Binding& binding) {
      return binding.name == name && token > binding.begin && token < binding.end;
    });
  }

  // The variable an interpolation names: $NAME, $env.NAME, ${NAME}, ${env.NAME}.
  static std::string interpolated_name(std::string_view content, std::size_t dollar) {
    std::size_t start = dollar + 1;
    const bool braced = start < content.size() && content[start] == '{';
    if (braced) ++start;
    while (braced && start < content.size() && content[start] == ' ') ++start;
    const auto read_name = [&](std::size_t from) {
      std::size_t end = from;
      while (end < content.size() &&
             (std::isalnum(static_cast<unsigned char>(content[end])) != 0 || content[end] == '_')) {
        ++end;
      }
      return std::string(content.substr(from, end - from));
    };
    std::string name = read_name(start);
    // ${NAME.size()} and $NAME.length() still interpolate NAME, so what follows does not matter.
    if (name == "env" && start + 3 < content.size() && content[start + 3] == '.') name = read_name(start + 4);
    return name;
  }

  void check_string(const GroovyToken& string, std::size_t call_token) {
    const std::string& content = string.text;
    for (std::size_t i = 0; i < content.size(); ++i) {
      if (content[i] == '\\') {
        ++i;  // \$ is a literal dollar for the shell to expand
        continue;
      }
      if (content[i] != '$') continue;
      if (string.string_kind == StringKind::dollar_slashy && i + 1 < content.size() &&
          (content[i + 1] == '$' || content[i + 1] == '/')) {
        ++i;
        continue;
      }
      const std::string name = interpolated_name(content, i);
      if (name.empty() || !bound_at(name, call_token)) continue;
      const int line =
          string.line + static_cast<int>(std::count(content.begin(),
                                                    content.begin() + static_cast<std::ptrdiff_t>(i), '\n'));
      m_sink.add(Rule::jenkins_credentials_interpolation, line,
                 "credential " + snippet(name, 60) + " is interpolated by Groovy into the " +
                     m_tokens[call_token].text +
                     " command; use a single-quoted string so the shell reads it");
    }
  }

  void check_command_call(std::size_t call) {
    const auto [begin, end] = arguments_of(call);
    for (std::size_t k = begin; k < end && k < m_tokens.size(); ++k) {
      if (is_string(k) && interpolates(m_tokens[k].string_kind)) check_string(m_tokens[k], call);
    }
  }

  void check_library_spec(const GroovyToken& string) {
    const std::string& spec = string.text;
    const auto at = spec.find('@');
    const std::string name = spec.substr(0, at);
    if (at == std::string::npos) {
      m_sink.add(Rule::jenkins_unpinned_library, string.line,
                 "library '" + snippet(name, 60) +
                     "' has no version and loads the default branch; pin a commit SHA");
      return;
    }
    const std::string version = spec.substr(at + 1);
    if (is_full_commit_sha(version) || version.find('$') != std::string::npos) return;
    m_sink.add(Rule::jenkins_unpinned_library, string.line,
               "library '" + snippet(name, 60) + "' is loaded at '" + snippet(version, 60) +
                   "', which can move; pin a full commit SHA");
  }

  void check_library_annotation(std::size_t open) {
    const std::size_t close = partner(open);
    if (close == k_none) return;
    for (std::size_t k = open + 1; k < close; ++k) {
      if (is_string(k)) check_library_spec(m_tokens[k]);
    }
  }

  void check_library_step(std::size_t call) {
    const auto [begin, end] = arguments_of(call);
    std::size_t chosen = k_none;
    for (std::size_t k = begin; k < end && k < m_tokens.size(); ++k) {
      if (is_identifier(k, "identifier") && is_punct(k + 1, ":") && is_string(k + 2)) {
        chosen = k + 2;
        break;
      }
      if (chosen == k_none && is_string(k) && !(k > 0 && is_punct(k - 1, ":"))) chosen = k;
    }
    if (chosen != k_none) check_library_spec(m_tokens[chosen]);
  }
};

}  // namespace

void check_jenkinsfile(std::string_view text, FindingSink& sink) {
  const GroovyTokens lexed = lex_groovy(text);
  if (!lexed.ok()) sink.add(Rule::parse_error, lexed.error.line, "Groovy: " + lexed.error.message);
  JenkinsChecks(lexed, sink).run();
}

}  // namespace slipway::scan::misconfig
