// Tests of file classification (stages/scan/misconfig/file_kinds.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/file_kinds.hpp"

using namespace slipway::scan::misconfig;

TEST_CASE("classify_file sends each path to its checker", "[scan][misconfig][kinds]") {
  CHECK(classify_file("Dockerfile") == FileKind::dockerfile);
  CHECK(classify_file("docker/Dockerfile.prod") == FileKind::dockerfile);
  CHECK(classify_file("images/api.Dockerfile") == FileKind::dockerfile);
  CHECK(classify_file("Containerfile") == FileKind::dockerfile);
  CHECK(classify_file("build/Containerfile.arm64") == FileKind::dockerfile);
  CHECK(classify_file("Dockerfile.dockerignore") == FileKind::none);
  CHECK(classify_file(".github/workflows/ci.yml") == FileKind::github_workflow);
  CHECK(classify_file(".github/workflows/release.yaml") == FileKind::github_workflow);
  CHECK(classify_file(".github/workflows/sub/x.yml") == FileKind::yaml);
  CHECK(classify_file("sub/.github/workflows/x.yml") == FileKind::yaml);
  CHECK(classify_file("action.yml") == FileKind::github_action);
  CHECK(classify_file("actions/scan/action.yaml") == FileKind::github_action);
  CHECK(classify_file(".gitlab-ci.yml") == FileKind::gitlab_ci);
  CHECK(classify_file("templates/.gitlab-ci.yml") == FileKind::gitlab_ci);
  CHECK(classify_file("Jenkinsfile") == FileKind::jenkinsfile);
  CHECK(classify_file("ci/Jenkinsfile.release") == FileKind::jenkinsfile);
  CHECK(classify_file("ci/deploy.jenkinsfile") == FileKind::jenkinsfile);
  CHECK(classify_file("vars/deploy.groovy") == FileKind::groovy);
  CHECK(classify_file("k8s/app.yaml") == FileKind::yaml);
  CHECK(classify_file("README.md") == FileKind::none);
  CHECK(classify_file("") == FileKind::none);
}
