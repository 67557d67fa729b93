// Built-in rules: source hosting, CI/CD systems and package registries, the
// credentials a CI pipeline is most likely to leak into its own repository.
// See builtin_rules.hpp for the shorthands.
#include <array>

#include "stages/scan/secrets/builtin_rules.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr auto k_exact = Specificity::exact;
constexpr auto k_context = Specificity::contextual;

const std::array k_rules = {
    // --- GitHub
    RuleSpec{"github-pat", "GitHub personal access token", "GitHub (Settings > Developer settings > Tokens)",
             R"(\b(ghp_[A-Za-z0-9]{36})\b)", 1, 3.0, 9.0, k_exact},
    RuleSpec{"github-fine-grained-pat", "GitHub fine-grained personal access token",
             "GitHub (Settings > Developer settings > Tokens)",
             R"(\b(github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59})\b)", 1, 3.5, 9.0, k_exact},
    RuleSpec{"github-oauth-token", "GitHub OAuth access token", "GitHub (Settings > Applications)",
             R"(\b(gho_[A-Za-z0-9]{36})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"github-app-token", "GitHub App installation or user token", "GitHub (the App's settings)",
             R"(\b((?:ghu|ghs)_[A-Za-z0-9]{36})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"github-refresh-token", "GitHub refresh token", "GitHub (the App's settings)",
             R"(\b(ghr_[A-Za-z0-9]{36,76})\b)", 1, 3.0, 8.5, k_exact},
    // --- GitLab
    RuleSpec{"gitlab-pat", "GitLab personal, project or group access token",
             "GitLab (Preferences > Access tokens, or the project's/group's Access tokens)",
             R"(\b(glpat-[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 9.0, k_exact},
    RuleSpec{"gitlab-pipeline-trigger-token", "GitLab pipeline trigger token",
             "GitLab (Settings > CI/CD > Pipeline trigger tokens)", R"(\b(glptt-[A-Za-z0-9_-]{40}){end})", 1,
             3.5, 7.5, k_exact},
    RuleSpec{"gitlab-runner-token", "GitLab runner authentication token",
             "GitLab (Settings > CI/CD > Runners)", R"(\b(glrt-[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 8.0,
             k_exact},
    RuleSpec{"gitlab-runner-registration-token", "GitLab runner registration token",
             "GitLab (Settings > CI/CD > Runners > Reset registration token)",
             R"(\b(GR1348941[A-Za-z0-9_-]{20}){end})", 1, 3.5, 7.5, k_exact},
    RuleSpec{"gitlab-deploy-token", "GitLab deploy token", "GitLab (Settings > Repository > Deploy tokens)",
             R"(\b(gldt-[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 8.0, k_exact},
    RuleSpec{"gitlab-feed-token", "GitLab feed token",
             "GitLab (Preferences > Access tokens > Reset feed token)",
             R"(\b(glft-[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 5.0, k_exact},
    RuleSpec{"gitlab-oauth-app-secret", "GitLab OAuth application secret",
             "GitLab (Applications > Renew secret)", R"(\b(gloas-[A-Za-z0-9_-]{64}){end})", 1, 3.5, 8.5,
             k_exact},
    RuleSpec{"gitlab-scim-token", "GitLab SCIM token", "GitLab (group Settings > SAML SSO)",
             R"(\b(glsoat-[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 8.0, k_exact},
    RuleSpec{"gitlab-agent-token", "GitLab agent for Kubernetes token",
             "GitLab (Operate > Kubernetes clusters)", R"(\b(glagent-[A-Za-z0-9_-]{50,64}){end})", 1, 3.5,
             8.5, k_exact},
    RuleSpec{"gitlab-incoming-mail-token", "GitLab incoming e-mail token",
             "GitLab (Preferences > Access tokens > Reset incoming e-mail token)",
             R"(\b(glimt-[A-Za-z0-9_-]{25,64}){end})", 1, 3.5, 5.0, k_exact},
    RuleSpec{"gitlab-ci-build-token", "GitLab CI/CD job token", "GitLab (it expires with the job)",
             R"(\b(glcbt-[A-Za-z0-9]{1,5}_[A-Za-z0-9_-]{20,64}){end})", 1, 3.5, 6.0, k_exact},
    RuleSpec{"gitlab-feature-flag-token", "GitLab feature flags client token",
             "GitLab (Deploy > Feature flags > Configure > Reset)", R"(\b(glffct-[A-Za-z0-9_-]{20,64}){end})",
             1, 3.5, 5.0, k_exact},
    // --- Other source hosts
    RuleSpec{"bitbucket-app-password", "Bitbucket app password",
             "Bitbucket (Personal settings > App passwords)", R"(\b(ATBB[A-Za-z0-9]{32})\b)", 1, 3.5, 8.5,
             k_exact},
    RuleSpec{"atlassian-api-token", "Atlassian API token",
             "Atlassian (Account settings > Security > API tokens)",
             R"(\b(ATATT3[A-Za-z0-9_=-]{180,200})(?:[^A-Za-z0-9_=-]|$))", 1, 4.0, 8.5, k_exact},
    RuleSpec{"gitea-token", "Gitea / Forgejo access token", "Gitea or Forgejo (Settings > Applications)",
             R"((?:gitea|forgejo)[A-Za-z0-9_.-]{0,20}token{assign}([a-f0-9]{40})\b)", 1, 3.0, 8.5, k_context,
             true},
    RuleSpec{"sourcegraph-token", "Sourcegraph access token", "Sourcegraph (Settings > Access tokens)",
             R"(\b(sgp_(?:[a-f0-9]{16}|local)_[a-f0-9]{40})\b)", 1, 3.0, 8.0, k_exact},
    // --- CI/CD systems
    RuleSpec{"circleci-personal-token", "CircleCI personal API token",
             "CircleCI (User settings > Personal API tokens)", R"(\b(CCIPAT_[A-Za-z0-9]{22}_[a-f0-9]{40})\b)",
             1, 3.5, 8.5, k_exact},
    RuleSpec{"circleci-token", "CircleCI API token", "CircleCI (User settings > Personal API tokens)",
             R"(circle[A-Za-z0-9_.-]{0,20}token{assign}([a-f0-9]{40})\b)", 1, 3.0, 8.5, k_context, true},
    RuleSpec{"travis-ci-token", "Travis CI API token", "Travis CI (Settings > API authentication)",
             R"(travis[A-Za-z0-9_.-]{0,20}token{assign}([A-Za-z0-9]{22})\b)", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"jenkins-api-token", "Jenkins API token", "Jenkins (user > Configure > API Token > Revoke)",
             R"(jenkins[A-Za-z0-9_.-]{0,20}(?:token|key){assign}([a-f0-9]{32,34})\b)", 1, 3.0, 8.5, k_context,
             true},
    RuleSpec{"buildkite-api-token", "Buildkite API access token",
             "Buildkite (Personal settings > API access tokens)", R"(\b(bkua_[a-f0-9]{40})\b)", 1, 3.0, 8.5,
             k_exact},
    RuleSpec{"drone-ci-token", "Drone CI token", "Drone (Account settings)",
             R"(drone[A-Za-z0-9_.-]{0,20}token{assign}([A-Za-z0-9]{32})\b)", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"codecov-token", "Codecov upload token", "Codecov (repository Settings > Regenerate)",
             R"(codecov[A-Za-z0-9_.-]{0,20}token{assign}({uuid})\b)", 1, 3.0, 5.5, k_context, true},
    RuleSpec{"sonarqube-token", "SonarQube / SonarCloud token", "SonarQube (My Account > Security)",
             R"(\b(sq[pau]_[a-f0-9]{40})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"octopus-deploy-api-key", "Octopus Deploy API key", "Octopus Deploy (Profile > My API keys)",
             R"(\b(API-[A-Z0-9]{26})\b)", 1, 3.5, 8.5, k_exact},
    RuleSpec{"harness-token", "Harness personal or service account token", "Harness (My profile > API keys)",
             R"(\b((?:pat|sat)\.[A-Za-z0-9_-]{22}\.[a-f0-9]{24}\.[A-Za-z0-9]{20})\b)", 1, 3.5, 8.5, k_exact},
    RuleSpec{"teamcity-token", "TeamCity access token", "TeamCity (Profile > Access tokens)",
             R"(\b(eyJ0eXAiOiAiVENWMiJ9\.[A-Za-z0-9_-]{36}\.[A-Za-z0-9_-]{48}){end})", 1, 3.5, 8.5, k_exact},
    // --- Package registries
    RuleSpec{"npm-access-token", "npm access token", "npmjs.com (Access Tokens)",
             R"(\b(npm_[A-Za-z0-9]{36})\b)", 1, 3.5, 9.0, k_exact},
    RuleSpec{"npmrc-auth-token", "npm registry credential in .npmrc", "the registry that issued it",
             R"(_auth(?:Token)?\s{0,4}=\s{0,4}["']?([A-Za-z0-9_.+/=-]{20,400})(?:[^A-Za-z0-9_.+/=-]|$))", 1,
             3.5, 8.5, k_context},
    RuleSpec{
        "yarnrc-auth-token", "npm registry credential in .yarnrc.yml", "the registry that issued it",
        R"(npmAuth(?:Token|Ident)\s{0,4}:\s{0,4}["']?([A-Za-z0-9_.+/=:-]{20,400})(?:[^A-Za-z0-9_.+/=:-]|$))",
        1, 3.5, 8.5, k_context},
    RuleSpec{"pypi-upload-token", "PyPI upload token", "PyPI (Account settings > API tokens)",
             R"(\b(pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,300}){end})", 1, 4.0, 9.0, k_exact},
    RuleSpec{"rubygems-api-key", "RubyGems API key", "rubygems.org (Settings > API keys)",
             R"(\b(rubygems_[a-f0-9]{48})\b)", 1, 3.0, 9.0, k_exact},
    RuleSpec{"nuget-api-key", "NuGet API key", "nuget.org (API keys)", R"(\b(oy2[a-z0-9]{43})\b)", 1, 3.5,
             8.5, k_exact},
    RuleSpec{"docker-hub-token", "Docker Hub access token",
             "Docker Hub (Account settings > Personal access tokens)",
             R"(\b(dckr_(?:pat|oat)_[A-Za-z0-9_-]{27,32}){end})", 1, 3.5, 8.5, k_exact},
    RuleSpec{"docker-config-auth", "Registry credentials in a Docker config.json",
             "the registry that issued them", R"x("auth"\s{0,4}:\s{0,4}"([A-Za-z0-9+/]{16,400}={0,2})")x", 1,
             3.5, 8.0, k_context},
    RuleSpec{"artifactory-api-key", "JFrog Artifactory API key", "JFrog (Edit profile > API key)",
             R"(\b(AKCp[A-Za-z0-9]{69})\b)", 1, 4.0, 8.5, k_exact},
    RuleSpec{"artifactory-reference-token", "JFrog Artifactory reference token",
             "JFrog (Edit profile > Identity tokens)", R"(\b(cmVmd[A-Za-z0-9]{59})\b)", 1, 4.0, 8.5, k_exact},
    RuleSpec{"crates-io-token", "crates.io API token", "crates.io (Account settings > API tokens)",
             R"(\b(cio[A-Za-z0-9]{32})\b)", 1, 4.0, 8.5, k_exact},
    RuleSpec{"clojars-token", "Clojars deploy token", "Clojars (Deploy tokens)",
             R"(\b(CLOJARS_[a-z0-9]{60})\b)", 1, 3.5, 8.5, k_exact},
    RuleSpec{"maven-settings-password", "Password in a Maven settings.xml", "the server it belongs to",
             R"(<password>([^<$\s]{8,128})</password>)", 1, 3.0, 7.0, k_context},
    RuleSpec{
        "gradle-publishing-password", "Publishing password in gradle.properties",
        "the repository or signing key it belongs to",
        R"((?:signing\.password|ossrhPassword|ossrhToken|mavenCentralPassword|sonatypePassword)\s{0,4}[=:]\s{0,4}([^\s"']{8,128})(?:[\s"']|$))",
        1, 3.0, 7.5, k_context, true},
    RuleSpec{"readme-api-token", "ReadMe API key", "ReadMe (Project settings > API keys)",
             R"(\b(rdme_[a-z0-9]{70})\b)", 1, 3.5, 7.5, k_exact},
    RuleSpec{"postman-api-key", "Postman API key", "Postman (Settings > API keys)",
             R"(\b(PMAK-[a-f0-9]{24}-[a-f0-9]{34})\b)", 1, 3.0, 8.0, k_exact},
};

}  // namespace

std::span<const RuleSpec> code_rule_specs() {
  return k_rules;
}

}  // namespace slipway::scan::secrets
