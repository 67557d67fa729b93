// Tests of the Dockerfile rules (stages/scan/misconfig/dockerfile_checks.cpp
// and package_installs.cpp), beyond the one case per rule in the fixtures.
#include <catch2/catch.hpp>

#include "misconfig_test_support.hpp"
#include "stages/scan/misconfig/area_checks.hpp"

using namespace slipway;
using slipway::scan::misconfig::FindingSink;

namespace {

std::vector<model::Finding> check(const std::string& dockerfile) {
  return test::run_checker([&](FindingSink& sink) { scan::misconfig::check_dockerfile(dockerfile, sink); },
                           "Dockerfile");
}

std::vector<std::string> rules_of(const std::string& dockerfile) {
  return test::rule_lines(check(dockerfile));
}

constexpr const char* k_user = "USER 1000\n";

}  // namespace

TEST_CASE("unpinned-base-image: tags, digests, stages, scratch and ARG defaults",
          "[scan][misconfig][dockerfile]") {
  CHECK(rules_of(std::string("FROM alpine\n") + k_user) ==
        std::vector<std::string>{"config/dockerfile/unpinned-base-image@1"});
  CHECK(rules_of(std::string("FROM --platform=linux/amd64 alpine:latest AS base\n") + k_user) ==
        std::vector<std::string>{"config/dockerfile/unpinned-base-image@1"});
  CHECK(rules_of(std::string("FROM alpine:3.19 AS base\nFROM base\nFROM scratch\n") + k_user).empty());
  CHECK(rules_of(std::string("FROM alpine@sha256:0123\n") + k_user).empty());
  CHECK(rules_of(std::string("ARG TAG=latest\nFROM alpine:${TAG}\n") + k_user) ==
        std::vector<std::string>{"config/dockerfile/unpinned-base-image@2"});
  CHECK(rules_of(std::string("ARG TAG=3.19\nFROM alpine:$TAG\n") + k_user).empty());
  CHECK(rules_of(std::string("ARG TAG\nFROM alpine:${TAG:-3.19}\n") + k_user).empty());
  CHECK(rules_of(std::string("FROM $BASE_IMAGE\n") + k_user).empty());  // unknown: not judged
}

TEST_CASE("runs-as-root: the final stage's user, inherited through stages", "[scan][misconfig][dockerfile]") {
  CHECK(rules_of("FROM alpine:3.19\nRUN true\n") ==
        std::vector<std::string>{"config/dockerfile/runs-as-root@1"});
  CHECK(rules_of("FROM alpine:3.19\nUSER 0:0\n") ==
        std::vector<std::string>{"config/dockerfile/runs-as-root@2"});
  CHECK(rules_of("FROM alpine:3.19\nUSER root\nRUN true\nUSER app\n").empty());
  CHECK(rules_of("FROM alpine:3.19 AS base\nUSER app\nFROM base AS final\nRUN true\n").empty());
  CHECK(rules_of("FROM alpine:3.19 AS base\nUSER root\nFROM base\n") ==
        std::vector<std::string>{"config/dockerfile/runs-as-root@3"});
  CHECK(rules_of("FROM alpine:3.19 AS build\nUSER app\nFROM alpine:3.19\n") ==
        std::vector<std::string>{"config/dockerfile/runs-as-root@3"});
  CHECK(rules_of("FROM gcr.io/distroless/static:nonroot\n").empty());
  CHECK(rules_of("FROM alpine:3.19\nUSER ${APP_UID}\n").empty());
  CHECK(rules_of("").empty());
}

TEST_CASE("add-instead-of-copy: only local, non-archive sources", "[scan][misconfig][dockerfile]") {
  const std::string base = std::string("FROM alpine:3.19\n") + k_user;
  CHECK(rules_of(base + "ADD --chown=app a.txt b.txt /dst/\n") ==
        std::vector<std::string>{"config/dockerfile/add-instead-of-copy@3"});
  CHECK(rules_of(base + "ADD [\"a.txt\", \"/dst/\"]\n") ==
        std::vector<std::string>{"config/dockerfile/add-instead-of-copy@3"});
  CHECK(rules_of(base + "ADD rootfs.tar.gz /\n").empty());
  CHECK(rules_of(base + "ADD --checksum=sha256:00 https://example.com/x.bin /x.bin\n").empty());
  CHECK(rules_of(base + "ADD git@github.com:example/repo.git /src\n").empty());
  CHECK(rules_of(base + "ADD $SRC /dst\n").empty());
  CHECK(rules_of(base + "ADD onlyone\n").empty());
}

TEST_CASE("unpinned-packages and package-cache-kept per package manager", "[scan][misconfig][dockerfile]") {
  const std::string base = std::string("FROM alpine:3.19\n") + k_user;
  const std::string pins = "config/dockerfile/unpinned-packages@3";
  const std::string cache = "config/dockerfile/package-cache-kept@3";
  using Lines = std::vector<std::string>;
  CHECK(rules_of(base + "RUN apk add curl\n") == Lines{pins, cache});
  CHECK(rules_of(base + "RUN apk add --no-cache curl=8.5.0-r0 --virtual .deps git~2.43\n").empty());
  CHECK(rules_of(base + "RUN apk add -t .build curl=8.5.0-r0 && rm -rf /var/cache/apk/*\n").empty());
  CHECK(rules_of(base + "RUN pip install requests\n") == Lines{pins, cache});
  CHECK(rules_of(base + "RUN python3 -m pip install --no-cache-dir requests==2.32.3 'flask[async]==3.0.3'\n")
            .empty());
  CHECK(rules_of(base + "RUN pip install -r requirements.txt\n") == Lines{cache});
  CHECK(rules_of(base + "RUN PIP_NO_CACHE_DIR=1 pip install -r requirements.txt\n").empty());
  CHECK(rules_of("FROM python:3.12\nENV PIP_NO_CACHE_DIR=1\nUSER 1000\nRUN pip install -r r.txt\n").empty());
  CHECK(rules_of(base + "RUN --mount=type=cache,target=/root/.cache/pip pip install -r r.txt\n").empty());
  CHECK(rules_of(base + "RUN pip install ./local-package /tmp/x.whl\n") == Lines{cache});
  CHECK(rules_of(base + "RUN yum install -y httpd && yum clean all\n") == Lines{pins});
  CHECK(rules_of(base + "RUN dnf -y install httpd-2.4.6 @development\n") == Lines{cache});
  CHECK(rules_of(base + "RUN microdnf install -y httpd-2.4.6 && microdnf clean all\n").empty());
  CHECK(rules_of(base + "RUN zypper --non-interactive install curl=8.0 && zypper clean --all\n").empty());
  CHECK(rules_of(base + "RUN zypper in curl\n") == Lines{pins, cache});
  CHECK(rules_of(base + "RUN npm install -g typescript\n") == Lines{pins});
  CHECK(rules_of(base + "RUN npm install -g typescript@latest @scope/tool@^1.0\n") == Lines{pins});
  CHECK(rules_of(base + "RUN npm install -g typescript@5.4.5 @scope/tool@1.0.0 && npm ci && npm install\n")
            .empty());
  CHECK(rules_of(base + "RUN gem install bundler\n") == Lines{pins});
  CHECK(rules_of(base + "RUN gem install bundler -v 2.5.6 && gem install rake:13.1.0\n").empty());
  CHECK(rules_of(base + "RUN apt-get install -y -o Dpkg::Options::=--force-confdef curl=7.88 ./local.deb "
                        "&& rm -rf /var/lib/apt/lists/*\n")
            .empty());
  CHECK(rules_of(base +
                 "RUN --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get install -y curl=7.88\n")
            .empty());
  CHECK(rules_of(base + "RUN apt-get update && apt-get upgrade -y && apt-get install $PACKAGES\n") ==
        Lines{cache});
}

TEST_CASE("package-cache-kept ignores stages that do not ship", "[scan][misconfig][dockerfile]") {
  CHECK(rules_of("FROM alpine:3.19 AS build\nRUN apk add curl=8.5.0-r0\nFROM alpine:3.19\nUSER 1000\n")
            .empty());
  CHECK(rules_of("FROM alpine:3.19 AS base\nRUN apk add curl=8.5.0-r0\nFROM base\nUSER 1000\n") ==
        std::vector<std::string>{"config/dockerfile/package-cache-kept@2"});
}

TEST_CASE("curl-pipe-shell and sudo point at the line of the command", "[scan][misconfig][dockerfile]") {
  const std::string base = std::string("FROM alpine:3.19\n") + k_user;
  CHECK(rules_of(base + "RUN set -e; \\\n    wget -qO- https://x | \\\n    sudo -E bash -s -- --yes\n") ==
        std::vector<std::string>{"config/dockerfile/curl-pipe-shell@4", "config/dockerfile/sudo@5"});
  CHECK(rules_of(base + "RUN sh -c \"$(curl -fsSL https://x)\"\n") ==
        std::vector<std::string>{"config/dockerfile/curl-pipe-shell@3"});
  CHECK(rules_of(base + "RUN bash <(curl -fsSL https://x)\n") ==
        std::vector<std::string>{"config/dockerfile/curl-pipe-shell@3"});
  CHECK(rules_of(base + "RUN curl -fsSL https://x | tar -xz -C /opt\n").empty());
  CHECK(rules_of(base + "RUN curl -fsSL https://x | gpg --dearmor | tee /k | cat\n").empty());
  CHECK(rules_of(base + "RUN curl -fsSLo /tmp/i.sh https://x && sh /tmp/i.sh\n").empty());
  CHECK(rules_of(base + "RUN echo sudo is only a word here\n").empty());
  CHECK(rules_of(base + "RUN <<EOF\nset -e\nsudo apt-get update\nEOF\n") ==
        std::vector<std::string>{"config/dockerfile/sudo@5"});
}

TEST_CASE("secret-in-env: ENV and ARG names, both ENV forms", "[scan][misconfig][dockerfile]") {
  const std::string base = std::string("FROM alpine:3.19\n") + k_user;
  CHECK(rules_of(base + "ARG NPM_TOKEN\n") == std::vector<std::string>{"config/dockerfile/secret-in-env@3"});
  CHECK(rules_of("ARG GITHUB_TOKEN\n" + base) ==
        std::vector<std::string>{"config/dockerfile/secret-in-env@1"});
  CHECK(rules_of(base + "ENV DB_PASSWORD a value with spaces\n") ==
        std::vector<std::string>{"config/dockerfile/secret-in-env@3"});
  CHECK(rules_of(base + "ENV A=1 \\\n    AWS_SECRET_ACCESS_KEY=x B=2\n") ==
        std::vector<std::string>{"config/dockerfile/secret-in-env@4"});
  CHECK(
      rules_of(base + "ENV PASSWORD_FILE=/run/secrets/db TOKEN_URL=https://x\nARG SECRET_NAME=db\n").empty());
  const auto findings = check(base + "ENV API_KEY=do-not-print-me\n");
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message.find("do-not-print-me") == std::string::npos);
}

TEST_CASE("Dockerfile checks survive odd input", "[scan][misconfig][dockerfile]") {
  CHECK_NOTHROW(check("FROM\nRUN\nADD\nUSER\nENV\nARG\n"));
  CHECK_NOTHROW(check("RUN apt-get install curl\n"));  // no FROM at all
  CHECK_NOTHROW(check("FROM " + std::string(100000, 'a') + "\n"));
  CHECK_NOTHROW(check("FROM alpine:3.19\nRUN " + std::string(200000, '$') + "\n"));
  CHECK_NOTHROW(check("FROM alpine:3.19\nRUN <<" + std::string(100000, 'E') + "\n"));
  CHECK_NOTHROW(check(std::string("FROM al\0pine\n", 13)));
  const auto findings = check("FROM \xff\xfe\n");
  REQUIRE_FALSE(findings.empty());
  CHECK(findings[0].message.find('\xff') == std::string::npos);
}
