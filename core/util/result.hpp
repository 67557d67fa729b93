// Result<T>: the one error policy of Slipway.
//
// Recoverable failures (bad input, a missing file, a tool that failed) are
// returned, never thrown: a function that can fail returns Result<T>, which
// holds either the value or an Error. The CLI boundary turns an Error into a
// message and an exit code. An Error names where the problem is (file, line,
// column when known) and says what to do about it (`hint`).
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace slipway {

struct Error {
  std::string message;  // what went wrong
  std::string file;     // where, when it is about a file ("" otherwise)
  int line = 0;         // 1-based; 0 when unknown
  int column = 0;       // 1-based; 0 when unknown
  std::string hint;     // what to do about it ("" when nothing useful)

  // "file:line:column: message (hint)", leaving out what is unknown.
  [[nodiscard]] std::string to_string() const {
    std::string out;
    if (!file.empty()) {
      out += file;
      if (line > 0) {
        out += ":" + std::to_string(line);
        if (column > 0) out += ":" + std::to_string(column);
      }
      out += ": ";
    }
    out += message;
    if (!hint.empty()) out += "\n  hint: " + hint;
    return out;
  }
};

inline Error make_error(std::string message, std::string hint = {}) {
  return Error{std::move(message), {}, 0, 0, std::move(hint)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : m_data(std::in_place_index<0>, std::move(value)) {}      // NOLINT implicit
  Result(Error error) : m_data(std::in_place_index<1>, std::move(error)) {}  // NOLINT implicit

  [[nodiscard]] bool ok() const { return m_data.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(m_data); }
  const T& value() const& { return std::get<0>(m_data); }
  T&& value() && { return std::get<0>(std::move(m_data)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  [[nodiscard]] const Error& error() const { return std::get<1>(m_data); }

 private:
  std::variant<T, Error> m_data;
};

template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  Result(Error error) : m_error(std::move(error)) {}  // NOLINT implicit

  [[nodiscard]] bool ok() const { return !m_error.has_value(); }
  explicit operator bool() const { return ok(); }
  [[nodiscard]] const Error& error() const { return *m_error; }

 private:
  std::optional<Error> m_error;
};

}  // namespace slipway
