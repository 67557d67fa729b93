// GitLab CI checks for .gitlab-ci.yml and the files it includes locally. One
// call checks one file; the `local:` includes it finds are handed back so the
// driver can check those files too (each once, however often included).
//
// A file may hold two YAML documents: a CI/CD component's `spec:` header and
// then the configuration; every document except a bare `spec:` header is read
// as configuration. Top-level keys that are not GitLab keywords are jobs,
// hidden jobs (`.template`) included, since other jobs extend them.
#include <algorithm>
#include <array>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/pinning.hpp"
#include "stages/scan/misconfig/sensitive_names.hpp"
#include "stages/scan/misconfig/shell_commands.hpp"
#include "stages/scan/misconfig/yaml_support.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

constexpr std::array<std::string_view, 11> k_keywords = {
    "default",  "include", "stages",        "variables",    "workflow", "image",
    "services", "cache",   "before_script", "after_script", "spec"};

// Predefined variables that hold credentials.
constexpr std::array<std::string_view, 9> k_predefined_credentials = {"CI_JOB_TOKEN",
                                                                      "CI_JOB_JWT",
                                                                      "CI_JOB_JWT_V1",
                                                                      "CI_JOB_JWT_V2",
                                                                      "CI_REGISTRY_PASSWORD",
                                                                      "CI_DEPLOY_PASSWORD",
                                                                      "CI_DEPENDENCY_PROXY_PASSWORD",
                                                                      "CI_REPOSITORY_URL",
                                                                      "CI_BUILD_TOKEN"};

struct GitlabContext {
  const SourceLines& lines;
  FindingSink& sink;
  std::vector<std::string> local_includes;
};

bool is_keyword(std::string_view key) {
  return std::find(k_keywords.begin(), k_keywords.end(), key) != k_keywords.end();
}

void check_project_include(const YAML::Node& include, GitlabContext& context) {
  const YAML::Node project = child(include, "project");
  const YAML::Node ref = child(include, "ref");
  const std::string name = snippet(scalar_of(project));
  if (!ref.IsDefined()) {
    context.sink.add(
        Rule::gitlab_unpinned_include, line_of(project),
        "include of project '" + name + "' has no ref: and follows its default branch; pin a commit SHA");
    return;
  }
  const std::string ref_text(util::trim(scalar_of(ref)));
  if (is_full_commit_sha(ref_text) || ref_text.find('$') != std::string::npos) return;
  context.sink.add(Rule::gitlab_unpinned_include, line_of(ref),
                   "include of project '" + name + "' uses ref '" + snippet(ref_text, 60) +
                       "', which can move; pin a full commit SHA");
}

void check_component_include(const YAML::Node& component, GitlabContext& context) {
  const std::string text(util::trim(scalar_of(component)));
  const auto at = text.rfind('@');
  const std::string version = at == std::string::npos ? std::string() : text.substr(at + 1);
  if (is_full_commit_sha(version) || is_exact_version(version)) return;
  const std::string problem = version.empty()        ? "has no version"
                              : version == "~latest" ? "uses ~latest"
                                                     : "uses '" + snippet(version, 40) + "', which can move";
  context.sink.add(Rule::gitlab_unpinned_include, line_of(component),
                   "component '" + snippet(text) + "' " + problem + "; use an exact release or a commit SHA");
}

void add_local(const std::string& path, GitlabContext& context) {
  std::string local(util::trim(path));
  while (util::starts_with(local, "/")) local.erase(0, 1);
  if (!local.empty() && local.find('$') == std::string::npos)
    context.local_includes.push_back(std::move(local));
}

void check_includes(const YAML::Node& includes, GitlabContext& context) {
  std::vector<YAML::Node> items = items_of(includes);
  if (includes.IsScalar() || includes.IsMap()) items.push_back(includes);
  for (const YAML::Node& include : items) {
    if (include.IsScalar()) {
      const std::string text = include.Scalar();
      if (util::starts_with(text, "https://") || util::starts_with(text, "http://")) {
        context.sink.add(Rule::gitlab_unpinned_include, line_of(include),
                         "remote include '" + snippet(text) +
                             "' has no integrity: hash; use the map form with integrity:");
      } else {
        add_local(text, context);
      }
      continue;
    }
    if (!include.IsMap()) continue;
    if (const YAML::Node local = child(include, "local"); local.IsDefined())
      add_local(scalar_of(local), context);
    if (child(include, "project").IsDefined()) check_project_include(include, context);
    if (const YAML::Node component = child(include, "component"); component.IsDefined()) {
      check_component_include(component, context);
    }
    if (const YAML::Node remote = child(include, "remote");
        remote.IsDefined() && !child(include, "integrity").IsDefined()) {
      context.sink.add(Rule::gitlab_unpinned_include, line_of(remote),
                       "remote include '" + snippet(scalar_of(remote)) + "' has no integrity: hash");
    }
  }
}

void check_image(const YAML::Node& image, std::string_view where, GitlabContext& context) {
  const YAML::Node name = image.IsMap() ? child(image, "name") : image;
  const std::string text = scalar_of(name);
  if (text.empty()) return;
  const ImageReference reference = parse_image_reference(text);
  if (!is_unpinned(reference.pin)) return;
  context.sink.add(Rule::gitlab_unpinned_image, line_of(name),
                   std::string(where) + " image '" + snippet(text) + "' " + describe_unpinned(reference));
}

void check_images(const YAML::Node& section, const std::string& where, GitlabContext& context) {
  check_image(child(section, "image"), where, context);
  for (const YAML::Node& service : items_of(child(section, "services"))) {
    check_image(service, where + " service", context);
  }
}

void check_variables(const YAML::Node& variables, const std::string& where, GitlabContext& context) {
  for (const YamlEntry& variable : entries_of(variables)) {
    const std::string name = scalar_of(variable.key);
    const YAML::Node value = variable.value.IsMap() ? child(variable.value, "value") : variable.value;
    if (!is_secret_name(name) || !value.IsScalar() || is_reference_only(value.Scalar())) continue;
    context.sink.add(Rule::gitlab_secret_in_variables, line_of(value),
                     where + " variable " + snippet(name, 60) +
                         " holds a literal secret; define it as a masked CI/CD variable instead");
  }
}

bool is_credential_variable(std::string_view name) {
  return std::find(k_predefined_credentials.begin(), k_predefined_credentials.end(), name) !=
             k_predefined_credentials.end() ||
         is_secret_name(name);
}

bool is_print_command(std::string_view program) {
  const std::string name = util::to_lower(program);
  return name == "echo" || name == "printf" || name == "print" || name == "write-host" ||
         name == "write-output";
}

// True when the command's standard output goes to the log, not a pipe or a file.
bool output_reaches_log(const ShellCommand& command) {
  if (command.next == ShellOperator::pipe) return false;
  for (const ShellWord& word : command.words) {
    const std::string_view text = word.text;
    const bool redirect =
        util::starts_with(text, ">") || util::starts_with(text, "1>") || util::starts_with(text, "&>");
    if (redirect && text.find("&2") == std::string_view::npos && text != ">&1" && text != "1>&1")
      return false;
  }
  return true;
}

void check_script_line(const YAML::Node& item, GitlabContext& context) {
  const std::string text = scalar_of(item);
  for (const ShellCommand& command : split_shell(text)) {
    const Invocation invocation = invocation_of(command);
    const std::string_view program = invocation.program();
    std::vector<std::string> printed;
    if (program == "printenv") {
      for (std::size_t i = 1; i < invocation.words.size(); ++i) printed.push_back(invocation.words[i]->text);
    } else if (is_print_command(program)) {
      for (std::size_t i = 1; i < invocation.words.size(); ++i) {
        for (std::string& name : variable_references(invocation.words[i]->text))
          printed.push_back(std::move(name));
      }
    } else {
      continue;
    }
    if (!output_reaches_log(command)) continue;
    for (const std::string& name : printed) {
      if (!is_credential_variable(name)) continue;
      context.sink.add(Rule::gitlab_token_printed, context.lines.find(name, line_of(item)),
                       std::string(program) + " prints " + snippet(name, 60) + " into the job log");
      break;
    }
  }
}

void check_script(const YAML::Node& script, GitlabContext& context, int depth = 0) {
  if (depth > 10 || !script.IsDefined()) return;
  if (script.IsScalar()) {
    check_script_line(script, context);
    return;
  }
  if (script.Tag() == "!reference") return;
  for (const YAML::Node& item : items_of(script)) check_script(item, context, depth + 1);
}

void check_scripts(const YAML::Node& section, GitlabContext& context) {
  for (const std::string_view key : {"before_script", "script", "after_script"}) {
    check_script(child(section, key), context);
  }
}

void check_document(const YAML::Node& document, GitlabContext& context) {
  check_includes(child(document, "include"), context);
  check_images(document, "global", context);
  check_images(child(document, "default"), "default", context);
  check_variables(child(document, "variables"), "global", context);
  check_scripts(document, context);
  check_scripts(child(document, "default"), context);
  for (const YamlEntry& job : entries_of(document)) {
    const std::string name = scalar_of(job.key);
    if (is_keyword(name) || !job.value.IsMap()) continue;
    const std::string where = "job '" + snippet(name, 60) + "'";
    check_images(job.value, where, context);
    check_variables(child(job.value, "variables"), where, context);
    check_scripts(job.value, context);
  }
}

}  // namespace

std::vector<std::string> check_gitlab_ci(const std::string& text, FindingSink& sink) {
  const Result<std::vector<YAML::Node>> documents = load_yaml_documents(text);
  if (!documents.ok()) {
    sink.add(Rule::parse_error, documents.error().line, documents.error().message, documents.error().column);
    return {};
  }
  const SourceLines lines(text);
  GitlabContext context{lines, sink, {}};
  for (const YAML::Node& document : *documents) {
    if (!document.IsMap()) continue;
    if (document.size() == 1 && child(document, "spec").IsDefined()) continue;  // component header
    check_document(document, context);
  }
  return std::move(context.local_includes);
}

}  // namespace slipway::scan::misconfig
