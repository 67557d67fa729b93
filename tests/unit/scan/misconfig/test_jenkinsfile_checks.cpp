// Tests of the Jenkins rules (stages/scan/misconfig/jenkinsfile_checks.cpp),
// beyond the one case per rule in the fixtures.
#include <catch2/catch.hpp>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"

using namespace slipway;
using slipway::scan::misconfig::FindingSink;

namespace {

std::vector<std::string> rules_of(const std::string& groovy) {
  return test::rule_lines(test::run_checker(
      [&](FindingSink& sink) { scan::misconfig::check_jenkinsfile(groovy, sink); }, "Jenkinsfile"));
}

const std::string k_interpolation = "config/jenkins/credentials-interpolation";

}  // namespace

TEST_CASE("credentials-interpolation inside withCredentials, in every call form",
          "[scan][misconfig][jenkins]") {
  const std::string groovy =
      "withCredentials([string(credentialsId: 'id', variable: 'TOKEN'),\n"
      "                 sshUserPrivateKey(credentialsId: 'k', keyFileVariable: 'KEY')]) {\n"
      "  sh \"curl -H 'Authorization: $TOKEN' x\"\n"  // 3
      "  sh 'curl -H \"Authorization: $TOKEN\" x'\n"
      "  sh \"echo \\$TOKEN\"\n"
      "  def out = sh(script: \"scp -i ${KEY} a b\", returnStdout: true)\n"  // 6
      "  sh label: 'x', script: \"\"\"\n"
      "    set -e\n"
      "    curl -u u:${env.TOKEN} x\n"  // 9
      "  \"\"\"\n"
      "  bat \"echo %TOKEN% ${TOKEN.size()}\"\n"  // 11
      "  echo \"not a shell: $TOKEN\"\n"
      "  powershell(\"Write-Host ${OTHER}\")\n"
      "  x.sh \"$TOKEN\"\n"
      "}\n"
      "sh \"echo $TOKEN\"\n";
  CHECK(rules_of(groovy) == std::vector<std::string>{k_interpolation + "@3", k_interpolation + "@6",
                                                     k_interpolation + "@9", k_interpolation + "@11"});
}

TEST_CASE("credentials() in environment binds NAME, NAME_USR and NAME_PSW for its block",
          "[scan][misconfig][jenkins]") {
  const std::string groovy =
      "pipeline {\n"
      "  stages {\n"
      "    stage('a') {\n"
      "      environment { REG = credentials('reg') }\n"
      "      steps {\n"
      "        sh \"docker login -u $REG_USR -p $REG_PSW\"\n"  // 6: two findings
      "        sh \"echo $REG\"\n"                             // 7
      "      }\n"
      "    }\n"
      "    stage('b') {\n"
      "      steps { sh \"echo $REG_PSW\" }\n"  // outside stage a: not bound
      "    }\n"
      "  }\n"
      "}\n";
  CHECK(rules_of(groovy) ==
        std::vector<std::string>{k_interpolation + "@6", k_interpolation + "@6", k_interpolation + "@7"});
}

TEST_CASE("unpinned-library: annotation, step and identifier forms", "[scan][misconfig][jenkins]") {
  const std::string sha = "0123456789abcdef0123456789abcdef01234567";
  const std::string rule = "config/jenkins/unpinned-library";
  CHECK(rules_of("@Library('lib') _\n") == std::vector<std::string>{rule + "@1"});
  CHECK(rules_of("@Library(['a@" + sha + "',\n 'b@v1.2.3']) _\n") == std::vector<std::string>{rule + "@2"});
  CHECK(rules_of("@Library(\"lib@" + sha + "\") _\n").empty());
  CHECK(rules_of("library 'lib@main'\n") == std::vector<std::string>{rule + "@1"});
  CHECK(rules_of("library(identifier: 'lib@" + sha + "', retriever: modernSCM([$class: 'GitSCMSource']))\n")
            .empty());
  CHECK(rules_of("library identifier: 'lib@develop', retriever: legacySCM(scm)\n") ==
        std::vector<std::string>{rule + "@1"});
  CHECK(rules_of("library \"lib@${params.REF}\"\n").empty());
  CHECK(rules_of("def library = 1\nx.library('a')\n").empty());
}

TEST_CASE("Jenkinsfiles that do not tokenize report a parse error and still check the rest",
          "[scan][misconfig][jenkins]") {
  CHECK(rules_of("@Library('lib') _\nsh 'unterminated\n") ==
        std::vector<std::string>{"config/parse-error@2", "config/jenkins/unpinned-library@1"});
  CHECK(rules_of("").empty());
  CHECK_NOTHROW(rules_of("withCredentials("));
  CHECK_NOTHROW(rules_of("withCredentials([string(variable: 'A')]) {"));
  CHECK_NOTHROW(rules_of("environment { A = credentials("));
  CHECK_NOTHROW(rules_of("sh"));
  CHECK_NOTHROW(rules_of("@"));
  CHECK_NOTHROW(rules_of("@Library("));
  CHECK_NOTHROW(rules_of(std::string("sh \"\xff\xfe $\"\n")));
}
