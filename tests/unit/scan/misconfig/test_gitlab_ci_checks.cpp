// Tests of the GitLab CI rules (stages/scan/misconfig/gitlab_ci_checks.cpp),
// beyond the one case per rule in the fixtures.
#include <catch2/catch.hpp>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"

using namespace slipway;
using slipway::scan::misconfig::FindingSink;

namespace {

struct Checked {
  std::vector<model::Finding> findings;
  std::vector<std::string> includes;
};

Checked check(const std::string& yaml) {
  Checked checked;
  checked.findings = test::run_checker(
      [&](FindingSink& sink) { checked.includes = scan::misconfig::check_gitlab_ci(yaml, sink); },
      ".gitlab-ci.yml");
  return checked;
}

}  // namespace

TEST_CASE("includes: every form, pinned or not", "[scan][misconfig][gitlab]") {
  const std::string sha = "0123456789abcdef0123456789abcdef01234567";
  const Checked checked = check(
      "include:\n"
      "  - https://example.com/a.yml\n"
      "  - remote: https://example.com/b.yml\n"
      "  - remote: https://example.com/c.yml\n    integrity: sha256-abc\n"
      "  - project: g/p\n    file: x.yml\n"
      "  - project: g/p\n    ref: v1.2.3\n    file: x.yml\n"
      "  - project: g/p\n    ref: " +
      sha +
      "\n    file: x.yml\n"
      "  - project: g/p\n    ref: $REF\n    file: x.yml\n"
      "  - component: gitlab.com/g/c@~latest\n"
      "  - component: gitlab.com/g/c@1\n"
      "  - component: gitlab.com/g/c\n"
      "  - component: gitlab.com/g/c@1.2.3\n"
      "  - component: gitlab.com/g/c@" +
      sha +
      "\n"
      "  - template: Auto-DevOps.gitlab-ci.yml\n"
      "  - local: /ci/a.yml\n"
      "  - ci/b.yml\n"
      "  - local: ci/*.yml\n    rules: [{if: $X}]\n");
  CHECK(test::rule_lines(checked.findings) ==
        std::vector<std::string>{"config/gitlab-ci/unpinned-include@2", "config/gitlab-ci/unpinned-include@3",
                                 "config/gitlab-ci/unpinned-include@6", "config/gitlab-ci/unpinned-include@9",
                                 "config/gitlab-ci/unpinned-include@17",
                                 "config/gitlab-ci/unpinned-include@18",
                                 "config/gitlab-ci/unpinned-include@19"});
  CHECK(checked.includes == std::vector<std::string>{"ci/a.yml", "ci/b.yml", "ci/*.yml"});
  CHECK(check("include: /single.yml\n").includes == std::vector<std::string>{"single.yml"});
  CHECK(check("include: {local: single.yml}\n").includes == std::vector<std::string>{"single.yml"});
}

TEST_CASE("images: strings, maps, services, defaults and variables", "[scan][misconfig][gitlab]") {
  const Checked checked = check(
      "default:\n  image: {name: 'ruby', entrypoint: ['']}\n"
      "job:\n  image: $CI_REGISTRY_IMAGE:$CI_COMMIT_SHA\n  services:\n    - docker:dind\n    - redis\n"
      "    - name: postgres:latest\n      alias: db\n  script: [make]\n");
  CHECK(test::rule_lines(checked.findings) == std::vector<std::string>{"config/gitlab-ci/unpinned-image@2",
                                                                       "config/gitlab-ci/unpinned-image@7",
                                                                       "config/gitlab-ci/unpinned-image@8"});
}

TEST_CASE("secret-in-variables: literal values of secret-like names only", "[scan][misconfig][gitlab]") {
  const Checked checked = check(
      "variables:\n  API_KEY: {value: do-not-print-me, description: key}\n  DB_PASSWORD:\n    description: "
      "set me\n"
      "  TOKEN_URL: https://x\njob:\n  variables:\n    GIT_TOKEN: ${OTHER_TOKEN}\n    DEPLOY_SECRET: 12345\n"
      "  script: [make]\n");
  REQUIRE(test::rule_lines(checked.findings) ==
          std::vector<std::string>{"config/gitlab-ci/secret-in-variables@2",
                                   "config/gitlab-ci/secret-in-variables@9"});
  for (const auto& finding : checked.findings)
    CHECK(finding.message.find("do-not-print-me") == std::string::npos);
}

TEST_CASE("token-printed: printing to the log, not to pipes or files", "[scan][misconfig][gitlab]") {
  const Checked checked = check(
      "default:\n  before_script:\n    - printenv CI_JOB_TOKEN\n"
      "job:\n  script:\n"
      "    - echo $CI_JOB_TOKEN | base64 -d\n"
      "    - echo \"$CI_REGISTRY_PASSWORD\" > .password\n"
      "    - echo \"${MY_API_KEY}\" >&2\n"
      "    - printf '%s' \"$CI_COMMIT_SHA\"\n"
      "    - curl -H \"JOB-TOKEN: $CI_JOB_TOKEN\" https://x\n"
      "    - - echo nested $DEPLOY_PASSWORD\n"
      "    - !reference [.setup, script]\n"
      "    - |\n"
      "      set -e\n"
      "      Write-Host \"token $env:CI_JOB_TOKEN\"\n"
      "  after_script:\n    - echo %SERVICE_SECRET%\n");
  CHECK(test::rule_lines(checked.findings) ==
        std::vector<std::string>{"config/gitlab-ci/token-printed@3", "config/gitlab-ci/token-printed@8",
                                 "config/gitlab-ci/token-printed@11", "config/gitlab-ci/token-printed@15",
                                 "config/gitlab-ci/token-printed@17"});
}

TEST_CASE("a component header document is skipped, the configuration after it checked",
          "[scan][misconfig][gitlab]") {
  const Checked checked = check(
      "spec:\n  inputs:\n    image: {default: alpine}\n---\njob:\n  image: alpine\n"
      "  script: [make]\n");
  CHECK(test::rule_lines(checked.findings) == std::vector<std::string>{"config/gitlab-ci/unpinned-image@6"});
}

TEST_CASE("malformed GitLab CI files are parse errors, odd shapes no crash", "[scan][misconfig][gitlab]") {
  const Checked broken = check("job:\n  script:\n    - echo \"unterminated\n  image: [\n");
  REQUIRE(broken.findings.size() == 1);
  CHECK(broken.findings[0].rule_id == "config/parse-error");
  CHECK(broken.findings[0].location.start_line > 0);
  CHECK(broken.includes.empty());
  for (const char* odd :
       {"", "[1, 2]\n", "include: 3\n", "include: [[a]]\n", "variables: [a]\n",
        "job: {script: 3, image: [a], services: x, variables: 1}\n", "job:\n  script: &a\n    - *a\n",
        "job:\n  script: [[[[[[[[[[[[[echo $CI_JOB_TOKEN]]]]]]]]]]]]]\n"}) {
    INFO(odd);
    CHECK_NOTHROW(check(odd));
  }
}
