// Tests of the provenance statement and its DSSE envelope (provenance.cpp,
// dsse.cpp): the in-toto / SLSA fields, the pre-authentication encoding
// against the DSSE specification's example, the envelope signature checked
// with the openssl command line, and the CI helpers that fill the input.
#include <nlohmann/json.hpp>

#include "artifacts_test_support.hpp"
#include "stages/build/artifacts/base64.hpp"
#include "stages/build/artifacts/dsse.hpp"
#include "stages/build/artifacts/provenance.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;
using Json = nlohmann::json;
using namespace std::chrono_literals;

namespace {

ProvenanceInput sample_input() {
  ProvenanceInput input;
  input.ci.platform = model::CiPlatform::gitlab;
  input.ci.runner = "docker runner #4";
  input.ci.branch = "main";
  input.ci.event_name = "push";
  input.ci.commit = "0123456789abcdef0123456789abcdef01234567";
  input.repository_url =
      "https://gitlab-ci-token:glcbt-SECRETTOKEN@gitlab.example.com/group/project.git";  // slipway-ignore[secret/url-with-password]
  input.invocation_id = "https://gitlab.example.com/group/project/-/jobs/42";
  input.builder_version = "0.1.0";
  input.steps = {{"configure", "", {"cmake", "-S", ".", "-B", "build"}},
                 {"test", "ctest --test-dir build", {}}};
  input.started_on = std::chrono::system_clock::from_time_t(1714564800);  // 2024-05-01T12:00:00Z
  input.finished_on = input.started_on + 95s;
  return input;
}

Json statement_of(const std::string& envelope_line) {
  const Json envelope = Json::parse(envelope_line);
  const auto payload = artifacts::base64_decode(envelope.at("payload").get<std::string>());
  REQUIRE(payload.has_value());
  return Json::parse(*payload);
}

}  // namespace

TEST_CASE("the DSSE pre-authentication encoding follows the specification", "[artifacts][provenance]") {
  // The example of the DSSE v1 protocol document.
  CHECK(artifacts::dsse_pae("http://example.com/HelloWorld", "hello world") ==
        "DSSEv1 29 http://example.com/HelloWorld 11 hello world");
  CHECK(artifacts::dsse_pae("", "") == "DSSEv1 0  0 ");
  // Lengths count bytes, not characters.
  CHECK(artifacts::dsse_pae("t", "\xc3\xa9") == "DSSEv1 1 t 2 \xc3\xa9");
}

TEST_CASE("collect_artifacts writes a signed in-toto SLSA provenance listing every artifact",
          "[artifacts][provenance]") {
  Workspace workspace;
  workspace.write("dist/app-linux.tar.gz", "linux");
  workspace.write("dist/app-mac.tar.gz", "mac");
  const auto [private_key, public_key] = workspace.keys("release");
  const SigningKey key = load_key(private_key);
  const ProvenanceInput input = sample_input();
  ArtifactOptions options;
  options.signing_key = &key;
  options.provenance = &input;
  const ArtifactSet set = collect_ok(workspace, {"dist/*.tar.gz"}, options);
  REQUIRE(set.provenance_path == set.directory + "/provenance.intoto.jsonl");

  const std::string text = read_text(set.provenance_path);
  REQUIRE(text.back() == '\n');
  REQUIRE(std::count(text.begin(), text.end(), '\n') == 1);  // one envelope per line
  const Json envelope = Json::parse(text);
  CHECK(envelope.at("payloadType") == "application/vnd.in-toto+json");
  REQUIRE(envelope.at("signatures").size() == 1);
  CHECK(envelope.at("signatures")[0].at("keyid") == key.key_id());

  const Json statement = statement_of(text);
  CHECK(statement.at("_type") == "https://in-toto.io/Statement/v1");
  CHECK(statement.at("predicateType") == "https://slsa.dev/provenance/v1");
  REQUIRE(statement.at("subject").size() == 2);
  for (std::size_t i = 0; i < 2; ++i) {
    CHECK(statement["subject"][i].at("name") == set.artifacts[i].name);
    CHECK(statement["subject"][i].at("digest").at("sha256") == set.artifacts[i].sha256);
  }
  CHECK(statement["subject"][0]["digest"]["sha256"] == util::sha256_hex("linux"));

  const Json& definition = statement.at("predicate").at("buildDefinition");
  CHECK(definition.at("buildType") == std::string(artifacts::k_build_type));
  const Json& external = definition.at("externalParameters");
  CHECK(external.at("source").at("repository") == "https://gitlab.example.com/group/project.git");
  CHECK(external.at("source").at("ref") == "refs/heads/main");
  CHECK(external.at("steps") ==
        Json::parse(R"([{"name":"configure","command":["cmake","-S",".","-B","build"]},
                                                {"name":"test","run":"ctest --test-dir build"}])"));
  CHECK(definition.at("internalParameters") ==
        Json::parse(R"({"ciPlatform":"gitlab","runner":"docker runner #4","event":"push"})"));
  CHECK(definition.at("resolvedDependencies") ==
        Json::parse(R"([{"uri":"git+https://gitlab.example.com/group/project.git@refs/heads/main",
                         "digest":{"gitCommit":"0123456789abcdef0123456789abcdef01234567"}}])"));

  const Json& run = statement.at("predicate").at("runDetails");
  CHECK(run.at("builder") ==
        Json::parse(
            R"({"id":"urn:slipway:builder:gitlab:docker%20runner%20%234","version":{"slipway":"0.1.0"}})"));
  CHECK(run.at("metadata") ==
        Json::parse(R"({"invocationId":"https://gitlab.example.com/group/project/-/jobs/42",
                                              "startedOn":"2024-05-01T12:00:00Z","finishedOn":"2024-05-01T12:01:35Z"})"));
  // The job token in the repository URL is not written anywhere.
  CHECK(text.find("SECRETTOKEN") == std::string::npos);
  CHECK(statement.dump().find("SECRETTOKEN") == std::string::npos);

  // The DSSE signature verifies with openssl over PAE(payloadType, payload).
  const std::string payload = *artifacts::base64_decode(envelope.at("payload").get<std::string>());
  const fs::path pae = workspace.write_outside(
      "pae.bin", artifacts::dsse_pae(envelope.at("payloadType").get<std::string>(), payload));
  const fs::path signature = workspace.write_outside(
      "pae.sig", *artifacts::base64_decode(envelope.at("signatures")[0].at("sig").get<std::string>()));
  const util::ProcessResult verified =
      run_tool({"openssl", "pkeyutl", "-verify", "-pubin", "-inkey", public_key.string(), "-rawin", "-in",
                pae.string(), "-sigfile", signature.string()});
  CHECK(verified.exit_code == 0);
}

TEST_CASE("a tag build records the tag as ref; an archive is the one subject", "[artifacts][provenance]") {
  Workspace workspace;
  workspace.write("dist/a.txt", "a");
  workspace.write("dist/b.txt", "b");
  const auto [private_key, public_key] = workspace.keys("release");
  const SigningKey key = load_key(private_key);
  ProvenanceInput input = sample_input();
  input.ci.tag = "v1.2.3";
  input.ci.platform = model::CiPlatform::local;
  input.ci.runner = "";
  input.repository_url = "";
  ArtifactOptions options;
  options.archive = true;
  options.archive_name = "release.tar.gz";
  options.signing_key = &key;
  options.provenance = &input;
  const ArtifactSet set = collect_ok(workspace, {"dist/"}, options);
  REQUIRE(set.artifacts.size() == 1);
  const Json statement = statement_of(read_text(set.provenance_path));
  CHECK(statement.at("subject") == Json::parse(R"([{"name":"release.tar.gz","digest":{"sha256":")" +
                                               set.artifacts[0].sha256 + R"("}}])"));
  const Json& definition = statement.at("predicate").at("buildDefinition");
  CHECK(definition.at("externalParameters").at("source") == Json::parse(R"({"ref":"refs/tags/v1.2.3"})"));
  CHECK(definition.at("resolvedDependencies")[0].count("uri") == 0);
  CHECK(statement.at("predicate").at("runDetails").at("builder").at("id") == "urn:slipway:builder:local");
}

TEST_CASE("provenance needs a key, a commit and a subject", "[artifacts][provenance]") {
  Workspace workspace;
  workspace.write("app", "app");
  ProvenanceInput input = sample_input();
  ArtifactOptions options;
  options.provenance = &input;
  CHECK_THAT(collect_error(workspace, {"app"}, options).message, Catch::Contains("signing key"));

  const auto [private_key, public_key] = workspace.keys("release");
  const SigningKey key = load_key(private_key);
  options.signing_key = &key;
  input.ci.commit = "";
  CHECK_THAT(collect_error(workspace, {"app"}, options).message, Catch::Contains("source commit"));
  CHECK_FALSE(fs::exists(workspace.artifacts()));

  input = sample_input();
  input.artifacts.clear();
  CHECK_FALSE(make_provenance_envelope(input, key).ok());
}

TEST_CASE("credentials are stripped from URLs", "[artifacts][provenance]") {
  using artifacts::strip_url_credentials;
  CHECK(strip_url_credentials("https://user:pass@host.example/x.git") == "https://host.example/x.git");
  CHECK(strip_url_credentials("https://token@host.example") == "https://host.example");
  CHECK(strip_url_credentials("https://host.example/a@b") == "https://host.example/a@b");
  CHECK(strip_url_credentials("git@github.com:o/r.git") == "git@github.com:o/r.git");
  CHECK(strip_url_credentials("") == "");
}

TEST_CASE("the CI platform's variables give the repository URL and the run", "[artifacts][provenance]") {
  model::CiContext ci;
  ci.platform = model::CiPlatform::github;
  const util::EnvMap github = {{"GITHUB_SERVER_URL", "https://github.com"},
                               {"GITHUB_REPOSITORY", "octo/app"},
                               {"GITHUB_RUN_ID", "123"},
                               {"GITHUB_RUN_ATTEMPT", "2"}};
  CHECK(ci_repository_url(ci, github) == "https://github.com/octo/app");
  CHECK(ci_invocation_id(ci, github) == "https://github.com/octo/app/actions/runs/123/attempts/2");

  ci.platform = model::CiPlatform::gitlab;
  const util::EnvMap gitlab = {{"CI_PROJECT_URL", "https://gitlab.com/g/p"},
                               {"CI_REPOSITORY_URL", "https://gitlab-ci-token:TOKEN@gitlab.com/g/p.git"},
                               {"CI_JOB_URL", "https://gitlab.com/g/p/-/jobs/7"}};
  CHECK(ci_repository_url(ci, gitlab) == "https://gitlab.com/g/p");
  CHECK(ci_invocation_id(ci, gitlab) == "https://gitlab.com/g/p/-/jobs/7");

  ci.platform = model::CiPlatform::jenkins;
  const util::EnvMap jenkins = {{"GIT_URL", "https://bot:TOKEN@git.example/app.git"},
                                {"BUILD_URL", "https://ci.example/job/app/9/"}};
  CHECK(ci_repository_url(ci, jenkins) == "https://git.example/app.git");
  CHECK(ci_invocation_id(ci, jenkins) == "https://ci.example/job/app/9/");

  ci.platform = model::CiPlatform::local;
  CHECK(ci_repository_url(ci, github).empty());
  CHECK(ci_invocation_id(ci, github).empty());
}
