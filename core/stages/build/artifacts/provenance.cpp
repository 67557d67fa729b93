// The SLSA provenance v1 statement and its signed DSSE envelope.
//
// Field choices (documented for users in docs/build-artifacts.md):
// - externalParameters hold what the user controls: the source repository
//   and ref, and the steps as written (name plus `run` or `command`).
// - internalParameters hold what the platform decided: CI platform, runner,
//   event, change request.
// - resolvedDependencies has one entry, the source: "git+<url>[@<ref>]" with
//   digest.gitCommit. `slipway verify --source-commit` reads it back.
// - builder.id is "urn:slipway:builder:<platform>[:<runner>]" (runner name
//   percent-encoded), metadata.invocationId the CI run URL.
// URLs lose any "user:password@" before they are written: CI variables such
// as GitLab's CI_REPOSITORY_URL carry a job token there.
#include "stages/build/artifacts/provenance.hpp"

#include <cctype>
#include <ctime>
#include <nlohmann/json.hpp>

#include "stages/build/artifacts/dsse.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace artifacts {

namespace {

using Json = nlohmann::ordered_json;

std::string percent_encode(std::string_view text) {
  static constexpr char k_hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) != 0 || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += k_hex[byte >> 4];
      out += k_hex[byte & 0x0F];
    }
  }
  return out;
}

std::string source_ref(const model::CiContext& ci) {
  if (!ci.tag.empty()) return "refs/tags/" + ci.tag;
  if (!ci.branch.empty()) return "refs/heads/" + ci.branch;
  return {};
}

Json step_json(const ProvenanceStep& step) {
  Json json;
  json["name"] = step.name;
  if (!step.command.empty()) {
    json["command"] = step.command;
  } else {
    json["run"] = step.run;
  }
  return json;
}

}  // namespace

std::string format_timestamp(std::chrono::system_clock::time_point time) {
  const std::time_t seconds = std::chrono::system_clock::to_time_t(time);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32] = {};
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string strip_url_credentials(std::string_view url) {
  const std::size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return std::string(url);
  const std::size_t authority = scheme_end + 3;
  const std::size_t path_start = url.find_first_of("/?#", authority);
  const std::string_view host_part = url.substr(
      authority, path_start == std::string_view::npos ? std::string_view::npos : path_start - authority);
  const std::size_t at = host_part.rfind('@');
  if (at == std::string_view::npos) return std::string(url);
  return std::string(url.substr(0, authority)) + std::string(url.substr(authority + at + 1));
}

Result<std::string> provenance_statement(const ProvenanceInput& input) {
  const std::string commit = input.commit.empty() ? input.ci.commit : input.commit;
  if (commit.empty()) {
    return make_error("the provenance needs the source commit", "run the build inside a git checkout");
  }
  if (input.artifacts.empty()) return make_error("the provenance needs at least one artifact as its subject");

  Json subjects = Json::array();
  for (const ArtifactDigest& artifact : input.artifacts) {
    subjects.push_back(Json{{"name", artifact.name}, {"digest", Json{{"sha256", artifact.sha256}}}});
  }

  const std::string repository = strip_url_credentials(input.repository_url);
  const std::string ref = source_ref(input.ci);
  Json source = Json::object();
  if (!repository.empty()) source["repository"] = repository;
  if (!ref.empty()) source["ref"] = ref;
  Json steps = Json::array();
  for (const ProvenanceStep& step : input.steps) steps.push_back(step_json(step));

  Json internal{{"ciPlatform", std::string(model::to_string(input.ci.platform))}};
  if (!input.ci.runner.empty()) internal["runner"] = input.ci.runner;
  if (!input.ci.event_name.empty()) internal["event"] = input.ci.event_name;
  if (!input.ci.change_number.empty()) internal["changeRequest"] = input.ci.change_number;
  if (!input.ci.target_branch.empty()) internal["targetBranch"] = input.ci.target_branch;

  Json dependency = Json::object();
  if (!repository.empty()) dependency["uri"] = "git+" + repository + (ref.empty() ? "" : "@" + ref);
  dependency["digest"] = Json{{"gitCommit", commit}};

  std::string builder_id = "urn:slipway:builder:" + std::string(model::to_string(input.ci.platform));
  if (!input.ci.runner.empty()) builder_id += ":" + percent_encode(input.ci.runner);
  Json builder{{"id", builder_id}};
  if (!input.builder_version.empty()) builder["version"] = Json{{"slipway", input.builder_version}};

  Json metadata = Json::object();
  if (!input.invocation_id.empty()) metadata["invocationId"] = input.invocation_id;
  metadata["startedOn"] = format_timestamp(input.started_on);
  metadata["finishedOn"] = format_timestamp(input.finished_on);

  Json statement;
  statement["_type"] = std::string(k_statement_type);
  statement["subject"] = std::move(subjects);
  statement["predicateType"] = std::string(k_slsa_predicate_type);
  statement["predicate"] =
      Json{{"buildDefinition",
            Json{{"buildType", std::string(k_build_type)},
                 {"externalParameters", Json{{"source", std::move(source)}, {"steps", std::move(steps)}}},
                 {"internalParameters", std::move(internal)},
                 {"resolvedDependencies", Json::array({std::move(dependency)})}}},
           {"runDetails", Json{{"builder", std::move(builder)}, {"metadata", std::move(metadata)}}}};
  return statement.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace artifacts

std::string ci_repository_url(const model::CiContext& ci, const util::EnvMap& env) {
  std::string url;
  switch (ci.platform) {
    case model::CiPlatform::github: {
      const std::string server = util::env_get(env, "GITHUB_SERVER_URL");
      const std::string repository = util::env_get(env, "GITHUB_REPOSITORY");
      if (!repository.empty()) url = (server.empty() ? "https://github.com" : server) + "/" + repository;
      break;
    }
    case model::CiPlatform::gitlab:
      url = util::env_get(env, "CI_PROJECT_URL");
      break;
    case model::CiPlatform::jenkins:
      url = util::env_get(env, "GIT_URL");
      break;
    case model::CiPlatform::local:
      break;
  }
  return artifacts::strip_url_credentials(url);
}

std::string ci_invocation_id(const model::CiContext& ci, const util::EnvMap& env) {
  switch (ci.platform) {
    case model::CiPlatform::github: {
      const std::string run_id = util::env_get(env, "GITHUB_RUN_ID");
      const std::string repository_url = ci_repository_url(ci, env);
      if (run_id.empty() || repository_url.empty()) return run_id;
      std::string id = repository_url + "/actions/runs/" + run_id;
      const std::string attempt = util::env_get(env, "GITHUB_RUN_ATTEMPT");
      if (!attempt.empty()) id += "/attempts/" + attempt;
      return id;
    }
    case model::CiPlatform::gitlab: {
      const std::string job = util::env_get(env, "CI_JOB_URL");
      return job.empty() ? util::env_get(env, "CI_PIPELINE_URL") : job;
    }
    case model::CiPlatform::jenkins: {
      const std::string build = util::env_get(env, "BUILD_URL");
      return artifacts::strip_url_credentials(build.empty() ? util::env_get(env, "BUILD_TAG") : build);
    }
    case model::CiPlatform::local:
      break;
  }
  return {};
}

Result<std::string> make_provenance_envelope(const ProvenanceInput& input, const SigningKey& key) {
  auto statement = artifacts::provenance_statement(input);
  if (!statement.ok()) return statement.error();
  return artifacts::make_dsse_envelope(artifacts::k_in_toto_payload_type, *statement, key);
}

}  // namespace slipway::build
