// Parsing of JSON lockfiles and the pointer-to-line index (see
// json_document.hpp). The index pass relies on the text having parsed: it
// only tracks strings, brackets, commas and newlines.
#include "stages/scan/deps/json_document.hpp"

#include <vector>

namespace slipway::scan::deps {

namespace {

std::string escape_pointer_token(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (char c : key) {
    if (c == '~') {
      out += "~0";
    } else if (c == '/') {
      out += "~1";
    } else {
      out += c;
    }
  }
  return out;
}

// The decoded text of the JSON string token `token` (quotes included).
std::string decode_json_string(std::string_view token) {
  if (token.find('\\') == std::string_view::npos) return std::string(token.substr(1, token.size() - 2));
  return nlohmann::json::parse(token).get<std::string>();
}

struct Frame {
  std::string pointer;
  bool is_object = false;
  bool expecting_key = true;    // objects: the next string is a key
  bool element_pending = true;  // arrays: the next value starts an element
  std::size_t index = 0;        // arrays: the index of the current element
  std::string member_pointer;   // objects: the pointer of the current member
};

}  // namespace

// Lockfiles nest a few dozen levels at most; deeper values are not indexed
// (their pointers would make the index quadratic in the depth).
constexpr std::size_t k_max_indexed_depth = 256;

void JsonDocument::index_lines(std::string_view text) {
  std::vector<Frame> stack;
  int line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      continue;
    }
    if (c == ' ' || c == '\t' || c == '\r') continue;
    Frame* top = stack.empty() ? nullptr : &stack.back();
    const bool indexed = stack.size() <= k_max_indexed_depth;
    if (top != nullptr && !top->is_object && top->element_pending && c != ']' && indexed) {
      top->element_pending = false;
      m_lines.emplace(top->pointer + "/" + std::to_string(top->index), line);
    }
    switch (c) {
      case '"': {
        std::size_t end = i + 1;
        while (end < text.size() && text[end] != '"') end += text[end] == '\\' ? 2 : 1;
        if (top != nullptr && top->is_object && top->expecting_key && indexed) {
          const std::string key = decode_json_string(text.substr(i, end - i + 1));
          top->member_pointer = top->pointer + "/" + escape_pointer_token(key);
          top->expecting_key = false;
          m_lines.emplace(top->member_pointer, line);
        }
        i = end;
        break;
      }
      case '{':
      case '[': {
        Frame child;
        if (top != nullptr && indexed) {
          child.pointer =
              top->is_object ? top->member_pointer : top->pointer + "/" + std::to_string(top->index);
        }
        child.is_object = c == '{';
        stack.push_back(std::move(child));
        break;
      }
      case '}':
      case ']':
        if (!stack.empty()) stack.pop_back();
        break;
      case ',':
        if (top != nullptr) {
          if (top->is_object) {
            top->expecting_key = true;
          } else {
            ++top->index;
            top->element_pending = true;
          }
        }
        break;
      default:
        break;
    }
  }
}

int JsonDocument::line_of(const nlohmann::json::json_pointer& pointer, int fallback) const {
  const auto found = m_lines.find(pointer.to_string());
  return found == m_lines.end() ? fallback : found->second;
}

std::optional<JsonDocument> JsonDocument::parse(std::string_view text, LockfileContents& out) {
  JsonDocument document;
  try {
    document.value = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    // The library's message starts with "[json.exception.parse_error.101] ";
    // the position is reported as the finding's line instead.
    std::string message = error.what();
    const std::size_t bracket = message.find("] ");
    if (bracket != std::string::npos) message.erase(0, bracket + 2);
    const std::size_t offset = error.byte > 0 ? error.byte - 1 : 0;
    out.problem(line_at_offset(text, offset), "not valid JSON: " + message);
    return std::nullopt;
  }
  document.index_lines(text);
  return document;
}

std::string json_string(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return {};
  const auto found = object.find(key);
  if (found == object.end() || !found->is_string()) return {};
  return found->get<std::string>();
}

}  // namespace slipway::scan::deps
