// Tests of the Kubernetes rules (stages/scan/misconfig/kubernetes_checks.cpp),
// beyond the one case per rule in the fixtures.
#include <catch2/catch.hpp>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"
#include "util/strings.hpp"

using namespace slipway;
using slipway::scan::misconfig::FindingSink;

namespace {

struct Checked {
  bool manifest = false;
  std::vector<model::Finding> findings;
};

Checked check(const std::string& yaml) {
  Checked result;
  result.findings = test::run_checker(
      [&](FindingSink& sink) { result.manifest = scan::misconfig::check_kubernetes(yaml, sink); },
      "k8s.yaml");
  return result;
}

// A container that passes every container rule.
const std::string k_clean_container = R"(
          image: app:1.0
          securityContext:
            runAsNonRoot: true
            allowPrivilegeEscalation: false
          resources:
            requests: {cpu: 10m, memory: 16Mi}
            limits: {memory: 32Mi}
          readinessProbe: {tcpSocket: {port: 80}}
          livenessProbe: {tcpSocket: {port: 80}}
)";

std::string deployment(const std::string& pod_extra, const std::string& container_extra = "") {
  return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: app\nspec:\n  template:\n    spec:\n" +
         pod_extra + "      containers:\n        - name: app" + k_clean_container + container_extra;
}

}  // namespace

TEST_CASE("a clean Deployment gives no finding", "[scan][misconfig][kubernetes]") {
  const Checked result = check(deployment(""));
  CHECK(result.manifest);
  INFO(test::describe(result.findings));
  CHECK(result.findings.empty());
}

TEST_CASE("pod-level rules: each host namespace, hostPath volumes", "[scan][misconfig][kubernetes]") {
  const Checked result =
      check(deployment("      hostPID: yes\n      hostIPC: true\n      hostNetwork: false\n"
                       "      volumes:\n        - name: a\n          hostPath: {path: /}\n"
                       "        - name: b\n          emptyDir: {}\n"));
  CHECK(test::rule_lines(result.findings) ==
        std::vector<std::string>{"config/kubernetes/host-namespaces@8", "config/kubernetes/host-namespaces@9",
                                 "config/kubernetes/host-path-volume@13"});
}

TEST_CASE("runAsNonRoot: pod fallback, container override, non-zero runAsUser",
          "[scan][misconfig][kubernetes]") {
  const std::string rule = "config/kubernetes/run-as-non-root-missing";
  const std::string bare = "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n";
  const std::string container = "  containers:\n    - name: c\n      image: c:1\n";
  CHECK(test::count_rule(check(bare + container).findings, rule) == 1);
  CHECK(test::count_rule(check(bare + "  securityContext: {runAsNonRoot: true}\n" + container).findings,
                         rule) == 0);
  CHECK(test::count_rule(check(bare + "  securityContext: {runAsUser: 1000}\n" + container).findings, rule) ==
        0);
  const auto overridden = check(bare + "  securityContext: {runAsNonRoot: true}\n" + container +
                                "      securityContext: {runAsNonRoot: false}\n")
                              .findings;
  REQUIRE(test::count_rule(overridden, rule) == 1);
  CHECK(test::with_rule(overridden, rule)[0].location.start_line == 9);
  const auto root_uid = check(bare + container + "      securityContext: {runAsUser: 0}\n").findings;
  REQUIRE(test::count_rule(root_uid, rule) == 1);
  CHECK(test::with_rule(root_uid, rule)[0].location.start_line == 8);
}

TEST_CASE("container rules apply to init containers, probes only to long-running containers",
          "[scan][misconfig][kubernetes]") {
  const std::string job =
      "apiVersion: batch/v1\nkind: Job\nmetadata: {name: j}\nspec:\n  template:\n    spec:\n"
      "      initContainers:\n        - name: init\n          image: busybox\n"
      "      containers:\n        - name: main\n          image: busybox:1.36\n"
      "          securityContext: {runAsNonRoot: true, allowPrivilegeEscalation: false}\n"
      "          resources: {requests: {cpu: 1m}, limits: {memory: 8Mi}}\n";
  const Checked result = check(job);
  CHECK(test::rule_lines(result.findings) ==
        std::vector<std::string>{
            "config/kubernetes/privilege-escalation@8", "config/kubernetes/run-as-non-root-missing@8",
            "config/kubernetes/missing-resources@8", "config/kubernetes/unpinned-image@9"});
  const auto pod = check(deployment("", "          initContainers: []\n")).findings;
  CHECK(pod.empty());
}

TEST_CASE("capabilities: dangerous ones in any spelling, harmless ones not",
          "[scan][misconfig][kubernetes]") {
  const Checked result = check(
      "apiVersion: v1\nkind: Pod\nspec:\n  containers:\n    - name: c\n      securityContext:\n"
      "        capabilities:\n          add: [cap_sys_ptrace, CHOWN, all, NET_BIND_SERVICE]\n"
      "          drop: [SYS_ADMIN]\n");
  CHECK(test::rule_lines(test::with_rule(result.findings, "config/kubernetes/dangerous-capabilities")) ==
        std::vector<std::string>{"config/kubernetes/dangerous-capabilities@8",
                                 "config/kubernetes/dangerous-capabilities@8"});
}

TEST_CASE("secret-in-env: literal values only", "[scan][misconfig][kubernetes]") {
  const Checked result = check(deployment(
      "",
      "          env:\n            - {name: API_TOKEN, value: $(OTHER_VAR)}\n"
      "            - {name: API_KEY, value: \"\"}\n"
      "            - {name: APP_MODE, value: production}\n"
      "            - name: SESSION_SECRET\n              value: do-not-print-me\n"
      "            - name: DB_PASSWORD\n              valueFrom: {secretKeyRef: {name: db, key: pw}}\n"));
  REQUIRE(test::rule_lines(result.findings) ==
          std::vector<std::string>{"config/kubernetes/secret-in-env@24"});
  CHECK(result.findings[0].message.find("do-not-print-me") == std::string::npos);
}

TEST_CASE("every workload kind leads to its pod spec; other kinds are ignored",
          "[scan][misconfig][kubernetes]") {
  const std::string pod_spec = "spec:\n  containers:\n    - name: c\n      image: c\n";
  const auto indent = [](const std::string& text, int spaces) {
    std::string out;
    for (const std::string& line : util::split(text, '\n')) {
      if (!line.empty()) out += std::string(static_cast<std::size_t>(spaces), ' ') + line + "\n";
    }
    return out;
  };
  for (const char* kind :
       {"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job"}) {
    INFO(kind);
    const Checked result =
        check(std::string("apiVersion: v1\nkind: ") + kind + "\nspec:\n  template:\n" + indent(pod_spec, 4));
    CHECK(test::count_rule(result.findings, "config/kubernetes/unpinned-image") == 1);
  }
  const Checked cron =
      check("apiVersion: batch/v1\nkind: CronJob\nspec:\n  jobTemplate:\n    spec:\n      template:\n" +
            indent(pod_spec, 8));
  CHECK(test::count_rule(cron.findings, "config/kubernetes/unpinned-image") == 1);
  const Checked list =
      check("apiVersion: v1\nkind: List\nitems:\n  - apiVersion: v1\n    kind: Pod\n" + indent(pod_spec, 4));
  CHECK(test::count_rule(list.findings, "config/kubernetes/unpinned-image") == 1);
  const Checked config_map = check("apiVersion: v1\nkind: ConfigMap\ndata:\n  image: nginx\n");
  CHECK(config_map.manifest);
  CHECK(config_map.findings.empty());
}

TEST_CASE("files that are not manifests are not claimed", "[scan][misconfig][kubernetes]") {
  CHECK_FALSE(check("name: ci\non: push\n").manifest);
  CHECK_FALSE(check("").manifest);
  CHECK_FALSE(check("kind: Deployment\n").manifest);
  CHECK_FALSE(check("- apiVersion: v1\n  kind: Pod\n").manifest);
  CHECK_FALSE(check("key: [unclosed\n").manifest);  // malformed and not a manifest: silent
}

TEST_CASE("a malformed manifest is a parse error with its line, and odd shapes do not crash",
          "[scan][misconfig][kubernetes]") {
  const Checked broken = check("apiVersion: v1\nkind: Pod\nspec:\n  containers: [\n");
  CHECK(broken.manifest);
  REQUIRE(broken.findings.size() == 1);
  CHECK(broken.findings[0].rule_id == "config/parse-error");
  CHECK(broken.findings[0].location.start_line >= 4);
  for (const char* odd :
       {"apiVersion: v1\nkind: Pod\nspec: 3\n", "apiVersion: v1\nkind: Pod\nspec:\n  containers: x\n",
        "apiVersion: v1\nkind: Pod\nspec:\n  containers: [1, [2], {securityContext: 5}]\n",
        "apiVersion: v1\nkind: Deployment\nspec:\n  template: [a]\n", "apiVersion: [a]\nkind: {b: c}\n",
        "apiVersion: v1\nkind: Pod\nspec: &a\n  containers:\n    - *a\n"}) {
    INFO(odd);
    CHECK_NOTHROW(check(odd));
  }
}
