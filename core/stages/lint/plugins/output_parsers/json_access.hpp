// Small, exception-free accessors over nlohmann::json shared by the SARIF and
// JSON parsers: tool output is untrusted, so every lookup checks the type and
// falls back to "not there" instead of throwing.
#pragma once

#include <cmath>
#include <nlohmann/json.hpp>
#include <string>

namespace slipway::lint::json_access {

using Json = nlohmann::json;

// The member `key` of an object, or nullptr.
inline const Json* member(const Json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto found = object.find(key);
  return found == object.end() ? nullptr : &*found;
}

// A scalar as text: strings as they are, integers without ".0", booleans as
// true/false; null, objects and arrays as "".
inline std::string text_of(const Json& value) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_number_integer()) return std::to_string(value.get<std::int64_t>());
  if (value.is_number_float()) {
    const double number = value.get<double>();
    if (std::isfinite(number) && number == std::floor(number) && std::fabs(number) < 1e15) {
      return std::to_string(static_cast<std::int64_t>(number));
    }
    return value.dump();
  }
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  return {};
}

// A positive line or column from a number or a numeric string; 0 otherwise.
inline int number_of(const Json& value) {
  if (value.is_number_integer() || value.is_number_unsigned()) {
    const auto number = value.get<std::int64_t>();
    return number > 0 && number < INT32_MAX ? static_cast<int>(number) : 0;
  }
  if (value.is_number_float()) {
    const double number = value.get<double>();
    return number >= 1 && number < INT32_MAX ? static_cast<int>(number) : 0;
  }
  if (value.is_string()) {
    const std::string& text = value.get_ref<const std::string&>();
    int number = 0;
    for (const char c : text) {
      if (c < '0' || c > '9' || number > INT32_MAX / 10 - 10) return 0;
      number = number * 10 + (c - '0');
    }
    return number;
  }
  return 0;
}

inline std::string member_text(const Json& object, const char* key) {
  const Json* value = member(object, key);
  return value == nullptr ? std::string() : text_of(*value);
}

inline int member_number(const Json& object, const char* key) {
  const Json* value = member(object, key);
  return value == nullptr ? 0 : number_of(*value);
}

}  // namespace slipway::lint::json_access
