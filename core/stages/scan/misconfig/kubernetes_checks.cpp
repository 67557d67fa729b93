// Kubernetes manifest checks. A file counts as a manifest when one of its YAML
// documents is a map with `apiVersion` and `kind` (a `kind: List` contributes
// its items). Workload kinds lead to a pod spec: `spec` for Pod,
// `spec.jobTemplate.spec.template.spec` for CronJob, `spec.template.spec` for
// the others. Pod-level rules (host namespaces, hostPath volumes) are checked
// once per pod spec, container rules once per container and init container,
// with the pod's securityContext as the fallback where Kubernetes uses it.
//
// Templates (Helm charts, anything with `{{`) are not Kubernetes YAML until
// rendered; the driver skips them before they get here.
#include <algorithm>
#include <array>
#include <cstdlib>

#include "stages/scan/misconfig/area_checks.hpp"
#include "stages/scan/misconfig/pinning.hpp"
#include "stages/scan/misconfig/sensitive_names.hpp"
#include "stages/scan/misconfig/yaml_support.hpp"
#include "util/strings.hpp"

namespace slipway::scan::misconfig {
namespace {

struct Workload {
  std::string kind;
  std::string name;
  YAML::Node pod_spec;
  bool long_running = true;  // false for Job and CronJob: no probes expected
};

std::optional<Workload> workload_of(const YAML::Node& object) {
  const std::string kind = scalar_of(child(object, "kind"));
  Workload workload;
  workload.kind = kind;
  workload.name = scalar_of(child(child(object, "metadata"), "name"));
  const YAML::Node spec = child(object, "spec");
  if (kind == "Pod") {
    workload.pod_spec = spec;
  } else if (kind == "CronJob") {
    workload.pod_spec = child(child(child(child(spec, "jobTemplate"), "spec"), "template"), "spec");
    workload.long_running = false;
  } else if (kind == "Deployment" || kind == "StatefulSet" || kind == "DaemonSet" || kind == "ReplicaSet" ||
             kind == "ReplicationController" || kind == "Job") {
    workload.pod_spec = child(child(spec, "template"), "spec");
    workload.long_running = kind != "Job";
  } else {
    return std::nullopt;
  }
  if (!workload.pod_spec.IsDefined() || !workload.pod_spec.IsMap()) return std::nullopt;
  return workload;
}

std::string label(const Workload& workload) {
  return workload.kind + (workload.name.empty() ? std::string() : " " + snippet(workload.name, 60));
}

void check_pod_level(const Workload& workload, FindingSink& sink) {
  for (const std::string_view key : {"hostNetwork", "hostPID", "hostIPC"}) {
    const YamlEntry setting = entry(workload.pod_spec, key);
    if (setting.found() && is_true(setting.value)) {
      sink.add(Rule::kubernetes_host_namespaces, line_of(setting.key),
               label(workload) + " sets " + std::string(key) + ": true and shares the node's namespace");
    }
  }
  for (const YAML::Node& volume : items_of(child(workload.pod_spec, "volumes"))) {
    const YamlEntry host_path = entry(volume, "hostPath");
    if (!host_path.found()) continue;
    const std::string path = scalar_of(child(host_path.value, "path"));
    sink.add(Rule::kubernetes_host_path_volume, line_of(host_path.key),
             label(workload) + " mounts the node's " +
                 (path.empty() ? "file system" : "'" + snippet(path) + "'") + " with a hostPath volume");
  }
}

struct Container {
  YAML::Node node;
  std::string name;
  bool init = false;
};

std::string container_label(const Workload& workload, const Container& container) {
  return (container.init ? "init container '" : "container '") + snippet(container.name, 60) + "' of " +
         label(workload);
}

// The setting from the container's securityContext, else the pod's.
YamlEntry effective(const YAML::Node& container_context, const YAML::Node& pod_context,
                    std::string_view key) {
  const YamlEntry own = entry(container_context, key);
  return own.found() ? own : entry(pod_context, key);
}

bool is_non_root_uid(const YAML::Node& node) {
  const std::string text = scalar_of(node);
  if (text.empty()) return false;
  char* end = nullptr;
  const long long uid = std::strtoll(text.c_str(), &end, 10);
  return end != nullptr && *end == '\0' && uid > 0;
}

void check_security_context(const Workload& workload, const Container& container, FindingSink& sink) {
  const YAML::Node context = child(container.node, "securityContext");
  const YAML::Node pod_context = child(workload.pod_spec, "securityContext");
  const std::string who = container_label(workload, container);
  const int container_line = line_of(container.node);

  const YamlEntry privileged = entry(context, "privileged");
  if (privileged.found() && is_true(privileged.value)) {
    sink.add(Rule::kubernetes_privileged, line_of(privileged.key), who + " is privileged");
  }

  const YamlEntry escalation = entry(context, "allowPrivilegeEscalation");
  if (!escalation.found()) {
    sink.add(Rule::kubernetes_privilege_escalation, container_line,
             who + " does not set allowPrivilegeEscalation: false");
  } else if (!is_false(escalation.value)) {
    sink.add(Rule::kubernetes_privilege_escalation, line_of(escalation.key),
             who + " allows privilege escalation");
  }

  const YamlEntry non_root = effective(context, pod_context, "runAsNonRoot");
  const YamlEntry user = effective(context, pod_context, "runAsUser");
  if (!(non_root.found() && is_true(non_root.value)) && !is_non_root_uid(user.value)) {
    const bool explicit_root =
        (non_root.found() && is_false(non_root.value)) || (user.found() && scalar_of(user.value) == "0");
    const int line = explicit_root
                         ? line_of(non_root.found() && is_false(non_root.value) ? non_root.key : user.key)
                         : container_line;
    sink.add(Rule::kubernetes_run_as_non_root_missing, line,
             who + (explicit_root ? " is allowed to run as root"
                                  : " sets neither runAsNonRoot: true nor a non-zero runAsUser"));
  }

  static constexpr std::array<std::string_view, 13> k_dangerous = {
      "ALL",          "SYS_ADMIN", "NET_ADMIN",       "SYS_PTRACE", "SYS_MODULE",
      "SYS_RAWIO",    "SYS_BOOT",  "DAC_READ_SEARCH", "BPF",        "MAC_ADMIN",
      "MAC_OVERRIDE", "PERFMON",   "SYSLOG"};
  for (const YAML::Node& capability : items_of(child(child(context, "capabilities"), "add"))) {
    std::string name = util::to_upper(scalar_of(capability));
    if (util::starts_with(name, "CAP_")) name = name.substr(4);
    if (std::find(k_dangerous.begin(), k_dangerous.end(), name) == k_dangerous.end()) continue;
    sink.add(Rule::kubernetes_dangerous_capabilities, line_of(capability),
             who + " adds the capability " + name);
  }
}

bool has_entries(const YAML::Node& node) {
  return node.IsDefined() && node.IsMap() && node.size() > 0;
}

void check_container(const Workload& workload, const Container& container, FindingSink& sink) {
  const std::string who = container_label(workload, container);
  const int container_line = line_of(container.node);
  check_security_context(workload, container, sink);

  const YamlEntry resources = entry(container.node, "resources");
  const bool requests = has_entries(child(resources.value, "requests"));
  const bool limits = has_entries(child(resources.value, "limits"));
  if (!requests || !limits) {
    const std::string missing = !requests && !limits ? "resource requests or limits"
                                : !requests          ? "resource requests"
                                                     : "resource limits";
    sink.add(Rule::kubernetes_missing_resources, resources.found() ? line_of(resources.key) : container_line,
             who + " has no " + missing);
  }

  const YAML::Node image_node = child(container.node, "image");
  const std::string image_text = scalar_of(image_node);
  if (!image_text.empty()) {
    const ImageReference image = parse_image_reference(image_text);
    if (is_unpinned(image.pin)) {
      sink.add(Rule::kubernetes_unpinned_image, line_of(image_node),
               who + ": image '" + snippet(image_text) + "' " + describe_unpinned(image));
    }
  }

  if (workload.long_running && !container.init) {
    const bool readiness = entry(container.node, "readinessProbe").found();
    const bool liveness = entry(container.node, "livenessProbe").found();
    if (!readiness || !liveness) {
      const std::string missing = !readiness && !liveness ? "readinessProbe or livenessProbe"
                                  : !readiness            ? "readinessProbe"
                                                          : "livenessProbe";
      sink.add(Rule::kubernetes_missing_probes, container_line, who + " has no " + missing);
    }
  }

  for (const YAML::Node& variable : items_of(child(container.node, "env"))) {
    const std::string name = scalar_of(child(variable, "name"));
    const YamlEntry value = entry(variable, "value");
    if (!value.found() || !is_secret_name(name) || is_reference_only(scalar_of(value.value))) continue;
    sink.add(Rule::kubernetes_secret_in_env, line_of(value.value),
             who + " sets " + snippet(name, 60) + " to a literal value; use valueFrom.secretKeyRef");
  }
}

void check_workload(const Workload& workload, FindingSink& sink) {
  check_pod_level(workload, sink);
  for (const auto& [key, init] :
       {std::pair<std::string_view, bool>{"initContainers", true}, {"containers", false}}) {
    for (const YAML::Node& node : items_of(child(workload.pod_spec, key))) {
      if (!node.IsMap()) continue;
      check_container(workload, Container{node, scalar_of(child(node, "name")), init}, sink);
    }
  }
}

bool is_object(const YAML::Node& document) {
  return document.IsMap() && !scalar_of(child(document, "apiVersion")).empty() &&
         !scalar_of(child(document, "kind")).empty();
}

}  // namespace

bool check_kubernetes(const std::string& text, FindingSink& sink) {
  const Result<std::vector<YAML::Node>> documents = load_yaml_documents(text);
  if (!documents.ok()) {
    // Only a file that looks like a manifest is worth a finding.
    const bool looks_like_manifest =
        text.find("\napiVersion:") != std::string::npos || util::starts_with(text, "apiVersion:");
    if (!looks_like_manifest || text.find("kind:") == std::string::npos) return false;
    sink.add(Rule::parse_error, documents.error().line, documents.error().message, documents.error().column);
    return true;
  }
  bool any_object = false;
  for (const YAML::Node& document : *documents) {
    if (!is_object(document)) continue;
    any_object = true;
    std::vector<YAML::Node> objects{document};
    if (scalar_of(child(document, "kind")) == "List") objects = items_of(child(document, "items"));
    for (const YAML::Node& object : objects) {
      if (const std::optional<Workload> workload = workload_of(object)) check_workload(*workload, sink);
    }
  }
  return any_object;
}

}  // namespace slipway::scan::misconfig
