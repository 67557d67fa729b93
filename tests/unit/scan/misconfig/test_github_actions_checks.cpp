// Tests of the GitHub Actions rules (stages/scan/misconfig/github_actions_checks.cpp),
// beyond the one case per rule in the fixtures.
#include <catch2/catch.hpp>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"

using namespace slipway;
using slipway::scan::misconfig::FindingSink;

namespace {

const std::vector<std::string> k_trusted{"actions", "github"};

std::vector<model::Finding> workflow(const std::string& yaml,
                                     const std::vector<std::string>& trusted = k_trusted) {
  return test::run_checker(
      [&](FindingSink& sink) { scan::misconfig::check_github_workflow(yaml, sink, trusted); }, "ci.yml");
}

std::vector<model::Finding> action(const std::string& yaml) {
  return test::run_checker(
      [&](FindingSink& sink) { scan::misconfig::check_github_action(yaml, sink, k_trusted); }, "action.yml");
}

// A workflow with top-level permissions and one job made of `steps`.
std::string with_steps(const std::string& steps, const std::string& on = "push") {
  return "on: " + on +
         "\npermissions: {contents: read}\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n" + steps;
}

}  // namespace

TEST_CASE("expression-injection: untrusted contexts in run and github-script, each on its line",
          "[scan][misconfig][github]") {
  const auto findings = workflow(with_steps(
      "      - run: |\n"
      "          echo ${{ github.head_ref }}\n"
      "          echo ${{ github.sha }} ${{ github.event.pull_request.number }} ${{ inputs.name }}\n"
      "          echo ${{ toJSON(github.event.commits.*.message) }}\n"
      "      - uses: actions/github-script@v7\n"
      "        with:\n"
      "          script: |\n"
      "            console.log(\"${{ github.event.comment.body }}\")\n"
      "      - run: echo \"${{ GITHUB.EVENT.ISSUE.TITLE }}\"\n"
      "      - run: echo ok\n"
      "        env:\n"
      "          BODY: ${{ github.event.issue.body }}\n"));
  CHECK(test::rule_lines(findings) ==
        std::vector<std::string>{"config/github-actions/expression-injection@8",
                                 "config/github-actions/expression-injection@10",
                                 "config/github-actions/expression-injection@14",
                                 "config/github-actions/expression-injection@15"});
}

TEST_CASE("untrusted-checkout only under privileged triggers, in every on: form",
          "[scan][misconfig][github]") {
  const std::string steps =
      "      - uses: actions/checkout@v4\n        with:\n          ref: refs/pull/${{ github.event.number "
      "}}/merge\n";
  const std::string rule = "config/github-actions/untrusted-checkout";
  CHECK(test::count_rule(workflow(with_steps(steps, "pull_request")), rule) == 0);
  CHECK(test::count_rule(workflow(with_steps(steps, "pull_request_target")), rule) == 1);
  CHECK(test::count_rule(workflow(with_steps(steps, "[push, pull_request_target]")), rule) == 1);
  CHECK(test::count_rule(workflow(with_steps(steps, "{workflow_run: {workflows: [ci]}}")), rule) == 1);
  const std::string safe =
      "      - uses: actions/checkout@v4\n        with:\n          ref: ${{ github.sha }}\n";
  CHECK(test::count_rule(workflow(with_steps(safe, "pull_request_target")), rule) == 0);
  const std::string fork_repo =
      "      - uses: actions/checkout@v4\n        with:\n"
      "          repository: ${{ github.event.workflow_run.head_repository.full_name }}\n";
  CHECK(test::count_rule(workflow(with_steps(fork_repo, "workflow_run")), rule) == 1);
}

TEST_CASE("unpinned-action: owners, SHAs, docker images, reusable workflows", "[scan][misconfig][github]") {
  const std::string sha = "0123456789abcdef0123456789abcdef01234567";
  const auto findings = workflow(
      "on: push\npermissions: {}\njobs:\n"
      "  call:\n    uses: example/flows/.github/workflows/x.yml@v1\n"
      "  build:\n    runs-on: ubuntu-latest\n    steps:\n"
      "      - uses: actions/checkout@v4\n"
      "      - uses: github/codeql-action/init@v3\n"
      "      - uses: ./local/action\n"
      "      - uses: example/action@" +
      sha +
      "\n"
      "      - uses: Example/Action/sub@main\n"
      "      - uses: docker://alpine:3.19\n"
      "      - uses: docker://alpine@sha256:abcd\n"
      "      - uses: example/no-ref\n");
  CHECK(test::rule_lines(findings) == std::vector<std::string>{"config/github-actions/unpinned-action@5",
                                                               "config/github-actions/unpinned-action@13",
                                                               "config/github-actions/unpinned-action@14",
                                                               "config/github-actions/unpinned-action@16"});
  const auto strict = workflow(with_steps("      - uses: actions/checkout@v4\n"), {});
  CHECK(test::count_rule(strict, "config/github-actions/unpinned-action") == 1);
  const auto trusted = workflow(with_steps("      - uses: example/action@v1\n"), {"example"});
  CHECK(test::count_rule(trusted, "config/github-actions/unpinned-action") == 0);
}

TEST_CASE("permissions: missing ones are reported once, write-all wherever it is",
          "[scan][misconfig][github]") {
  const auto missing = workflow(
      "on: push\njobs:\n  a:\n    runs-on: x\n  b:\n    permissions: {contents: read}\n    runs-on: x\n"
      "  c:\n    runs-on: x\n");
  REQUIRE(test::rule_lines(missing) ==
          std::vector<std::string>{"config/github-actions/missing-permissions@3"});
  CHECK(missing[0].message.find("a, c") != std::string::npos);
  CHECK(workflow("on: push\npermissions: read-all\njobs:\n  a:\n    runs-on: x\n").empty());
  CHECK(test::rule_lines(workflow("on: push\npermissions: write-all\njobs:\n  a:\n    runs-on: x\n")) ==
        std::vector<std::string>{"config/github-actions/write-all-permissions@2"});
}

TEST_CASE("persisted-checkout-credentials needs an upload in the same job", "[scan][misconfig][github]") {
  const std::string rule = "config/github-actions/persisted-checkout-credentials";
  CHECK(test::count_rule(workflow(with_steps("      - uses: actions/checkout@v4\n      - run: make\n")),
                         rule) == 0);
  CHECK(test::count_rule(workflow(with_steps("      - uses: actions/checkout@v4\n"
                                             "      - uses: actions/upload-artifact@v4\n")),
                         rule) == 1);
  CHECK(test::count_rule(workflow(with_steps("      - uses: actions/checkout@v4\n        with:\n"
                                             "          persist-credentials: 'false'\n"
                                             "      - uses: actions/upload-artifact@v4\n")),
                         rule) == 0);
}

TEST_CASE("hardcoded-container-credentials in container and services", "[scan][misconfig][github]") {
  const auto findings = workflow(
      "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: x\n"
      "    container:\n      image: x:1\n      credentials: {username: u, password: '${{ secrets.P }}'}\n"
      "    services:\n      db:\n        image: postgres:16\n        credentials:\n"
      "          username: u\n"
      // slipway-ignore[secret/generic-password]
      "          password: do-not-print-me\n");
  REQUIRE(test::rule_lines(findings) ==
          std::vector<std::string>{"config/github-actions/hardcoded-container-credentials@14"});
  CHECK(findings[0].message.find("do-not-print-me") == std::string::npos);
}

TEST_CASE("action.yml: composite steps and Docker images", "[scan][misconfig][github]") {
  CHECK(test::rule_lines(
            action("runs:\n  using: composite\n  steps:\n"
                   "    - run: echo \"${{ github.event.pull_request.head.ref }}\"\n      shell: bash\n")) ==
        std::vector<std::string>{"config/github-actions/expression-injection@4"});
  CHECK(test::rule_lines(action("runs:\n  using: docker\n  image: docker://ghcr.io/example/tool:1\n")) ==
        std::vector<std::string>{"config/github-actions/unpinned-action@3"});
  CHECK(action("runs:\n  using: docker\n  image: Dockerfile\n").empty());
  CHECK(action("runs:\n  using: node20\n  main: index.js\n").empty());
}

TEST_CASE("malformed workflows are parse errors with file:line, never crashes", "[scan][misconfig][github]") {
  const auto broken = workflow("on: push\njobs:\n  build:\n    steps: [\n      - run: x\n");
  REQUIRE(broken.size() == 1);
  CHECK(broken[0].rule_id == "config/parse-error");
  CHECK(broken[0].location.path == "ci.yml");
  CHECK(broken[0].location.start_line > 0);
  CHECK(broken[0].location.start_column > 0);
  const auto list = workflow("- a\n- b\n");
  REQUIRE(list.size() == 1);
  CHECK(list[0].rule_id == "config/parse-error");
  CHECK(workflow("").empty());
  CHECK(workflow("# only a comment\n").empty());
  for (const char* odd :
       {"on: push\njobs: 3\n", "on: push\njobs: [a, b]\n", "on: [1, [2]]\njobs:\n  a: x\n",
        "on: push\njobs:\n  a:\n    steps: {run: x}\n", "on: push\njobs:\n  a:\n    steps: [1, [2]]\n",
        "on: push\njobs:\n  a:\n    steps:\n      - run: [x]\n        uses: {a: b}\n",
        "on: push\njobs:\n  a:\n    container: 3\n    services: [x]\n"}) {
    INFO(odd);
    CHECK_NOTHROW(workflow(odd));
  }
  CHECK_NOTHROW(workflow(std::string(20000, '[')));
  CHECK_NOTHROW(
      workflow(with_steps("      - run: echo ${{ github.head_ref " + std::string(100000, 'x') + " }}\n")));
}
