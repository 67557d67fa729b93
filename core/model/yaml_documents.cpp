// A first pass with an event handler that builds nothing counts the
// documents; a real document needs at least one line of its own, so more
// documents than lines + 2 means the parser is stuck (see the header).
#include "model/yaml_documents.hpp"

#include <yaml-cpp/eventhandler.h>

#include <algorithm>
#include <sstream>
#include <string>

namespace slipway::model {

namespace {

class IgnoringHandler : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

Error syntax_error(const YAML::Exception& error) {
  const bool known = !error.mark.is_null();
  return Error{error.msg.empty() ? std::string(error.what()) : error.msg, "", known ? error.mark.line + 1 : 0,
               known ? error.mark.column + 1 : 0, ""};
}

// The line of the first ',' that starts a line's content: where the stuck
// document begins.
int stray_comma_line(std::string_view text) {
  int line = 1;
  bool at_start = true;
  for (char c : text) {
    if (c == '\n') {
      ++line;
      at_start = true;
    } else if (at_start && c == ',') {
      return line;
    } else if (c != ' ' && c != '\t') {
      at_start = false;
    }
  }
  return 0;
}

Result<void> first_pass(std::string_view text) {
  const auto limit = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n')) + 2;
  try {
    std::istringstream stream{std::string(text)};
    YAML::Parser parser(stream);
    IgnoringHandler handler;
    std::size_t documents = 0;
    while (parser.HandleNextDocument(handler)) {
      if (++documents > limit) {
        return Error{"a ',' outside a [...] or {...} collection cannot start a value", "",
                     stray_comma_line(text), 0, "quote the value or put the list in brackets"};
      }
    }
  } catch (const YAML::Exception& error) {
    return syntax_error(error);
  }
  return {};
}

}  // namespace

Result<void> check_yaml_syntax(std::string_view text) {
  return first_pass(text);
}

Result<std::vector<YAML::Node>> load_yaml_documents(std::string_view text) {
  if (auto checked = first_pass(text); !checked) return checked.error();
  try {
    return YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& error) {
    return syntax_error(error);
  }
}

}  // namespace slipway::model
