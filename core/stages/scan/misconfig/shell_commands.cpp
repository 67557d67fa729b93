// The shell command splitter (see shell_commands.hpp for what it knows).
#include "stages/scan/misconfig/shell_commands.hpp"

#include <algorithm>
#include <array>
#include <cctype>

namespace slipway::scan::misconfig {
namespace {

bool is_name_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 || c == '_';
}

class Splitter {
 public:
  explicit Splitter(std::string_view text) : m_text(text) {}

  std::vector<ShellCommand> run() {
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      if (c == '\\' && m_pos + 1 < m_text.size() && m_text[m_pos + 1] == '\n') {
        end_word();
        m_pos += 2;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        end_word();
        ++m_pos;
      } else if (c == '\n' || c == ';') {
        end_command(ShellOperator::sequence);
        ++m_pos;
      } else if (c == '#' && !m_in_word) {
        while (m_pos < m_text.size() && m_text[m_pos] != '\n') ++m_pos;
      } else if (c == '&' && next_is('&')) {
        end_command(ShellOperator::and_if);
        m_pos += 2;
      } else if (c == '|' && next_is('|')) {
        end_command(ShellOperator::or_if);
        m_pos += 2;
      } else if (c == '|') {
        end_command(ShellOperator::pipe);
        m_pos += next_is('&') ? 2 : 1;
      } else if (c == '&' && !next_is('>') &&
                 !(m_pos > 0 && (m_text[m_pos - 1] == '>' || m_text[m_pos - 1] == '<'))) {
        end_command(ShellOperator::background);
        ++m_pos;
      } else if ((c == '(' || c == ')') && !m_in_word) {
        end_command(ShellOperator::sequence);
        ++m_pos;
      } else {
        word_char();
      }
    }
    end_command(ShellOperator::end);
    return std::move(m_commands);
  }

 private:
  std::string_view m_text;
  std::size_t m_pos = 0;
  bool m_in_word = false;
  ShellWord m_word;
  ShellCommand m_command;
  std::vector<ShellCommand> m_commands;

  [[nodiscard]] bool next_is(char c) const { return m_pos + 1 < m_text.size() && m_text[m_pos + 1] == c; }

  void start_word() {
    if (m_in_word) return;
    m_in_word = true;
    m_word = ShellWord{{}, m_pos};
  }

  void end_word() {
    if (!m_in_word) return;
    m_command.words.push_back(std::move(m_word));
    m_word = ShellWord{};
    m_in_word = false;
  }

  void end_command(ShellOperator next) {
    end_word();
    if (m_command.words.empty()) {
      // "a && \n b": keep the stronger operator on the previous command.
      if (!m_commands.empty() && next != ShellOperator::sequence && next != ShellOperator::end) {
        m_commands.back().next = next;
      }
      return;
    }
    m_command.next = next;
    m_commands.push_back(std::move(m_command));
    m_command = ShellCommand{};
  }

  // Copies a nested $( ... ), ` ... ` or <( ... ) verbatim into the word.
  void copy_substitution(char open, char close) {
    int depth = 0;
    while (m_pos < m_text.size()) {
      const char c = m_text[m_pos];
      m_word.text += c;
      ++m_pos;
      if (c == '\\' && m_pos < m_text.size()) {
        m_word.text += m_text[m_pos++];
      } else if (c == close) {
        if (--depth == 0) return;
      } else if (c == open) {
        ++depth;
      }
    }
  }

  void word_char() {
    start_word();
    const char c = m_text[m_pos];
    if (c == '\\') {
      if (m_pos + 1 < m_text.size()) m_word.text += m_text[m_pos + 1];
      m_pos += 2;
    } else if (c == '\'') {
      const std::size_t end = m_text.find('\'', m_pos + 1);
      const std::size_t stop = end == std::string_view::npos ? m_text.size() : end;
      m_word.text.append(m_text.substr(m_pos + 1, stop - m_pos - 1));
      m_pos = stop + 1;
    } else if (c == '"') {
      ++m_pos;
      while (m_pos < m_text.size() && m_text[m_pos] != '"') {
        if (m_text[m_pos] == '\\' && m_pos + 1 < m_text.size()) {
          m_word.text += m_text[m_pos + 1];
          m_pos += 2;
        } else if (m_text[m_pos] == '$' && next_is('(')) {
          m_word.text += '$';
          ++m_pos;
          copy_substitution('(', ')');
        } else {
          m_word.text += m_text[m_pos++];
        }
      }
      ++m_pos;
    } else if ((c == '$' || c == '<' || c == '>') && next_is('(')) {
      m_word.text += c;
      ++m_pos;
      copy_substitution('(', ')');
    } else if (c == '`') {
      ++m_pos;
      m_word.text += '`';
      while (m_pos < m_text.size() && m_text[m_pos] != '`') m_word.text += m_text[m_pos++];
      m_word.text += '`';
      ++m_pos;
    } else {
      m_word.text += c;
      ++m_pos;
    }
  }
};

bool is_assignment(std::string_view word) {
  const auto equals = word.find('=');
  if (equals == std::string_view::npos || equals == 0) return false;
  return std::all_of(word.begin(), word.begin() + static_cast<std::ptrdiff_t>(equals), is_name_char) &&
         std::isdigit(static_cast<unsigned char>(word[0])) == 0;
}

constexpr std::array<std::string_view, 12> k_keywords = {"if",    "then", "else", "elif", "do", "while",
                                                         "until", "!",    "{",    "time", "}",  "fi"};

// Options of sudo that take a value.
constexpr std::array<std::string_view, 8> k_sudo_value_options = {"-u", "-g", "-U", "-C",
                                                                  "-h", "-p", "-r", "-t"};

std::string_view basename(std::string_view path) {
  const auto slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

}  // namespace

std::vector<ShellCommand> split_shell(std::string_view script) {
  return Splitter(script).run();
}

std::string_view Invocation::program() const {
  return words.empty() ? std::string_view() : basename(words.front()->text);
}

Invocation invocation_of(const ShellCommand& command) {
  Invocation result;
  std::size_t i = 0;
  const auto& words = command.words;
  while (i < words.size()) {
    const std::string_view word = words[i].text;
    const std::string_view name = basename(word);
    if (is_assignment(word) || std::find(k_keywords.begin(), k_keywords.end(), word) != k_keywords.end()) {
      ++i;
    } else if (name == "sudo") {
      result.sudo = &words[i];
      ++i;
      while (i < words.size() && !words[i].text.empty() && words[i].text[0] == '-') {
        const bool takes_value = std::find(k_sudo_value_options.begin(), k_sudo_value_options.end(),
                                           words[i].text) != k_sudo_value_options.end();
        i += takes_value ? 2 : 1;
      }
    } else if (name == "env" || name == "command" || name == "exec" || name == "nohup") {
      ++i;
      while (i < words.size() && !words[i].text.empty() && words[i].text[0] == '-') ++i;
    } else {
      break;
    }
  }
  for (; i < words.size(); ++i) result.words.push_back(&words[i]);
  return result;
}

std::vector<std::string> variable_references(std::string_view word) {
  std::vector<std::string> names;
  const auto name_at = [&](std::size_t start) {
    std::size_t end = start;
    if (end < word.size() && std::isdigit(static_cast<unsigned char>(word[end])) != 0) return std::size_t{0};
    while (end < word.size() && is_name_char(word[end])) ++end;
    return end - start;
  };
  std::size_t i = 0;
  while (i < word.size()) {
    const char c = word[i];
    std::size_t start = std::string_view::npos;
    if (c == '$') {
      start = i + 1;
      if (start < word.size() && word[start] == '{') {
        ++start;
      } else if (word.substr(start, 4) == "env:" || word.substr(start, 4) == "ENV:" ||
                 word.substr(start, 4) == "Env:") {
        start += 4;
      }
    } else if (c == '%') {
      start = i + 1;
      const std::size_t length = name_at(start);
      if (length == 0 || start + length >= word.size() || word[start + length] != '%') {
        ++i;
        continue;
      }
    }
    if (start == std::string_view::npos) {
      ++i;
      continue;
    }
    const std::size_t length = name_at(start);
    if (length > 0) names.emplace_back(word.substr(start, length));
    i = start + std::max<std::size_t>(length, 1) + (c == '%' && length > 0 ? 1 : 0);
  }
  return names;
}

}  // namespace slipway::scan::misconfig
