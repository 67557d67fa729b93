// GitHub Actions checks for workflows (.github/workflows/*.yml) and action
// metadata (action.yml). Workflows get every rule; a composite action gets the
// step rules (expression injection, unpinned uses) and a Docker action the
// image pin.
//
// Expression injection looks at `${{ }}` expressions inside `run:` scripts and
// `actions/github-script` scripts and asks whether they read a context an
// outsider can write (titles, bodies, branch names, commit messages, author
// names). The list follows GitHub's "untrusted input" guidance; values such as
// numbers, SHAs and login names are not in it because their character set
// cannot break out of a script.
#include <algorithm>
#include <regex>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/pinning.hpp"
#include "stages/scan/misconfig/yaml_support.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

// std::regex recurses per character; longer inputs are not expressions anyone writes.
constexpr std::size_t k_max_regex_input = 2048;

struct WorkflowContext {
  const SourceLines& lines;
  const std::vector<std::string>& trusted_owners;
  FindingSink& sink;
};

const std::regex& untrusted_input() {
  static const std::regex k_untrusted(
      R"(github\.head_ref)"
      R"(|github\.event\.(issue|pull_request|discussion)\.(title|body))"
      R"(|github\.event\.(comment|review|review_comment)\.body)"
      R"(|github\.event\.pages\b[^}]*\.page_name)"
      R"(|github\.event\.(commits|head_commit)\b[^}]*\.(message|author\.(email|name)|committer\.(email|name)))"
      R"(|github\.event\.pull_request\.head\.(ref|label|repo\.default_branch))"
      R"(|github\.event\.workflow_run\.(head_branch|display_title|head_commit\.(message|author\.(email|name))))"
      R"(|github\.event\.workflow_run\.pull_requests\b[^}]*\.head\.ref)",
      std::regex::icase);
  return k_untrusted;
}

// Reports every `${{ }}` in `script` that reads untrusted input.
void check_script(const YAML::Node& script, std::string_view where, WorkflowContext& context) {
  const std::string text = scalar_of(script);
  int from_line = line_of(script);
  for (std::size_t start = text.find("${{"); start != std::string::npos;
       start = text.find("${{", start + 3)) {
    const std::size_t close = text.find("}}", start + 3);
    if (close == std::string::npos) break;
    const std::string expression = text.substr(start, close + 2 - start);
    std::smatch input;
    if (expression.size() > k_max_regex_input || !std::regex_search(expression, input, untrusted_input()))
      continue;
    const int line = context.lines.find(expression, from_line);
    from_line = line;
    context.sink.add(Rule::github_expression_injection, line,
                     std::string(where) + " expands " + snippet(input.str(), 60) +
                         ", which an outsider controls; pass it through env: and quote it");
  }
}

std::string uses_of(const YAML::Node& node) {
  return util::to_lower(scalar_of(child(node, "uses")));
}

bool uses_action(const std::string& uses, std::string_view action) {
  return util::starts_with(uses, std::string(action) + "@");
}

void check_uses(const YAML::Node& uses_node, WorkflowContext& context) {
  const std::string uses(util::trim(scalar_of(uses_node)));
  if (uses.empty() || util::starts_with(uses, "./")) return;
  if (util::starts_with(uses, "docker://")) {
    const ImageReference image = parse_image_reference(uses.substr(9));
    if (image.pin != ImagePin::digest && image.pin != ImagePin::unresolved) {
      context.sink.add(Rule::github_unpinned_action, line_of(uses_node),
                       "'" + snippet(uses) + "' is not pinned to an image digest (@sha256:...)");
    }
    return;
  }
  const auto at = uses.rfind('@');
  const std::string owner = util::to_lower(uses.substr(0, uses.find('/')));
  if (std::find(context.trusted_owners.begin(), context.trusted_owners.end(), owner) !=
      context.trusted_owners.end()) {
    return;
  }
  if (at != std::string::npos && is_full_commit_sha(uses.substr(at + 1))) return;
  context.sink.add(Rule::github_unpinned_action, line_of(uses_node),
                   "'" + snippet(uses) + "' is not pinned to a full commit SHA");
}

void check_steps(const YAML::Node& steps, WorkflowContext& context) {
  for (const YAML::Node& step : items_of(steps)) {
    const YAML::Node run = child(step, "run");
    if (run.IsDefined()) check_script(run, "run:", context);
    const YamlEntry uses = entry(step, "uses");
    if (uses.found()) {
      check_uses(uses.value, context);
      if (uses_action(uses_of(step), "actions/github-script")) {
        const YAML::Node script = child(child(step, "with"), "script");
        if (script.IsDefined()) check_script(script, "github-script", context);
      }
    }
  }
}

std::vector<std::string> triggers_of(const YAML::Node& workflow) {
  std::vector<std::string> triggers;
  const YAML::Node on = child(workflow, "on");
  if (on.IsScalar()) triggers.push_back(on.Scalar());
  for (const YAML::Node& item : items_of(on)) triggers.push_back(scalar_of(item));
  for (const YamlEntry& trigger : entries_of(on)) triggers.push_back(scalar_of(trigger.key));
  return triggers;
}

bool refers_to_head(const std::string& value) {
  static const std::regex k_head(
      R"(github\.event\.pull_request\.(head\.(sha|ref|repo\.full_name)|merge_commit_sha))"
      R"(|github\.head_ref|github\.event\.workflow_run\.(head_sha|head_branch|head_repository\.full_name))"
      R"(|refs/pull/)",
      std::regex::icase);
  return value.size() <= k_max_regex_input && std::regex_search(value, k_head);
}

void check_untrusted_checkout(const YAML::Node& steps, const std::string& trigger, WorkflowContext& context) {
  for (const YAML::Node& step : items_of(steps)) {
    if (!uses_action(uses_of(step), "actions/checkout")) continue;
    const YAML::Node with = child(step, "with");
    for (const std::string_view key : {"ref", "repository"}) {
      const YAML::Node value = child(with, key);
      if (!refers_to_head(scalar_of(value))) continue;
      context.sink.add(Rule::github_untrusted_checkout, line_of(value),
                       "a " + trigger + " workflow checks out the pull request's code (" + std::string(key) +
                           ": " + snippet(scalar_of(value), 60) + ") with the base repository's secrets");
      break;
    }
  }
}

void check_persisted_credentials(const YAML::Node& steps, WorkflowContext& context) {
  const auto step_items = items_of(steps);
  const bool uploads = std::any_of(step_items.begin(), step_items.end(), [](const YAML::Node& step) {
    return uses_action(uses_of(step), "actions/upload-artifact");
  });
  if (!uploads) return;
  for (const YAML::Node& step : step_items) {
    if (!uses_action(uses_of(step), "actions/checkout")) continue;
    if (is_false(child(child(step, "with"), "persist-credentials"))) continue;
    context.sink.add(Rule::github_persisted_checkout_credentials, line_of(child(step, "uses")),
                     "checkout keeps the job token in .git/config and this job uploads artifacts; "
                     "set persist-credentials: false");
  }
}

void check_container_credentials(const YAML::Node& container, std::string_view where,
                                 WorkflowContext& context) {
  const YAML::Node password = child(child(container, "credentials"), "password");
  const std::string text(util::trim(scalar_of(password)));
  if (text.empty() || text.find("${{") != std::string::npos) return;
  context.sink.add(
      Rule::github_hardcoded_container_credentials, line_of(password),
      std::string(where) + " has a registry password written in the workflow; use ${{ secrets.* }}");
}

void check_permissions_value(const YAML::Node& permissions, std::string_view where,
                             WorkflowContext& context) {
  if (util::to_lower(scalar_of(permissions)) != "write-all") return;
  context.sink.add(Rule::github_write_all_permissions, line_of(permissions),
                   std::string(where) + " grants the token write-all; list only the scopes needed");
}

void check_workflow(const YAML::Node& workflow, WorkflowContext& context) {
  const std::vector<std::string> triggers = triggers_of(workflow);
  std::string privileged_trigger;
  for (const std::string& trigger : triggers) {
    if (trigger == "pull_request_target" || trigger == "workflow_run") privileged_trigger = trigger;
  }
  const YamlEntry top_permissions = entry(workflow, "permissions");
  if (top_permissions.found()) check_permissions_value(top_permissions.value, "the workflow", context);

  std::vector<std::string> jobs_without_permissions;
  int first_without = 0;
  for (const YamlEntry& job_entry : entries_of(child(workflow, "jobs"))) {
    const YAML::Node& job = job_entry.value;
    const std::string job_name = scalar_of(job_entry.key);
    const std::string where = "job '" + snippet(job_name, 60) + "'";
    const YamlEntry permissions = entry(job, "permissions");
    if (permissions.found()) {
      check_permissions_value(permissions.value, where, context);
    } else if (!top_permissions.found()) {
      if (jobs_without_permissions.empty()) first_without = line_of(job_entry.key);
      jobs_without_permissions.push_back(snippet(job_name, 40));
    }
    const YamlEntry uses = entry(job, "uses");
    if (uses.found()) check_uses(uses.value, context);
    const YAML::Node secrets = child(job, "secrets");
    if (util::to_lower(scalar_of(secrets)) == "inherit") {
      context.sink.add(Rule::github_secrets_inherit, line_of(secrets),
                       where + " passes every secret to '" + snippet(scalar_of(uses.value)) +
                           "'; pass only the ones it needs");
    }
    const YAML::Node steps = child(job, "steps");
    check_steps(steps, context);
    if (!privileged_trigger.empty()) check_untrusted_checkout(steps, privileged_trigger, context);
    check_persisted_credentials(steps, context);
    check_container_credentials(child(job, "container"), where + " container", context);
    for (const YamlEntry& service : entries_of(child(job, "services"))) {
      check_container_credentials(service.value,
                                  where + " service '" + snippet(scalar_of(service.key), 40) + "'", context);
    }
  }
  if (!jobs_without_permissions.empty()) {
    std::string names = util::join(
        std::vector<std::string>(
            jobs_without_permissions.begin(),
            jobs_without_permissions.begin() +
                static_cast<std::ptrdiff_t>(std::min<std::size_t>(jobs_without_permissions.size(), 5))),
        ", ");
    if (jobs_without_permissions.size() > 5) names += ", …";
    context.sink.add(Rule::github_missing_permissions, first_without,
                     "no top-level permissions: and job(s) " + names +
                         " set none, so they get the repository's default token permissions");
  }
}

// Parses the file; reports a parse error or a non-map top level. Returns an
// undefined node when there is nothing to check.
YAML::Node load_single(const std::string& text, FindingSink& sink, std::string_view what) {
  const Result<std::vector<YAML::Node>> documents = load_yaml_documents(text);
  if (!documents.ok()) {
    sink.add(Rule::parse_error, documents.error().line, documents.error().message, documents.error().column);
    return YAML::Node(YAML::NodeType::Undefined);
  }
  if (documents->empty() || documents->front().IsNull()) return YAML::Node(YAML::NodeType::Undefined);
  const YAML::Node root = documents->front();
  if (!root.IsMap()) {
    sink.add(Rule::parse_error, line_of(root), "the " + std::string(what) + " is not a YAML mapping");
    return YAML::Node(YAML::NodeType::Undefined);
  }
  return root;
}

}  // namespace

void check_github_workflow(const std::string& text, FindingSink& sink,
                           const std::vector<std::string>& trusted_owners) {
  const YAML::Node workflow = load_single(text, sink, "workflow");
  if (!workflow.IsDefined()) return;
  const SourceLines lines(text);
  WorkflowContext context{lines, trusted_owners, sink};
  check_workflow(workflow, context);
}

void check_github_action(const std::string& text, FindingSink& sink,
                         const std::vector<std::string>& trusted_owners) {
  const YAML::Node action = load_single(text, sink, "action metadata");
  if (!action.IsDefined()) return;
  const SourceLines lines(text);
  WorkflowContext context{lines, trusted_owners, sink};
  const YAML::Node runs = child(action, "runs");
  check_steps(child(runs, "steps"), context);
  const YAML::Node image = child(runs, "image");
  if (util::starts_with(scalar_of(image), "docker://")) check_uses(image, context);
}

}  // namespace slipway::scan::misconfig
