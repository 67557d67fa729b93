// Tests of image reference and commit pin parsing (stages/scan/misconfig/pinning.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/pinning.hpp"

using namespace slipway::scan::misconfig;

TEST_CASE("parse_image_reference tells tags, digests and registry ports apart",
          "[scan][misconfig][pinning]") {
  CHECK(parse_image_reference("nginx").pin == ImagePin::untagged);
  CHECK(parse_image_reference("nginx:latest").pin == ImagePin::latest);
  CHECK(parse_image_reference("nginx:1.27").pin == ImagePin::tagged);
  CHECK(parse_image_reference("nginx@sha256:abc").pin == ImagePin::digest);
  CHECK(parse_image_reference("nginx:1.27@sha256:abc").pin == ImagePin::digest);
  const ImageReference ported = parse_image_reference("localhost:5000/team/app");
  CHECK(ported.pin == ImagePin::untagged);
  CHECK(ported.name == "localhost:5000/team/app");
  const ImageReference tagged = parse_image_reference("localhost:5000/team/app:2.1");
  CHECK(tagged.pin == ImagePin::tagged);
  CHECK(tagged.tag == "2.1");
  CHECK(parse_image_reference("$CI_REGISTRY_IMAGE:$TAG").pin == ImagePin::unresolved);
  CHECK(parse_image_reference("{{ .Values.image }}").pin == ImagePin::unresolved);
  CHECK(parse_image_reference("  ").pin == ImagePin::unresolved);
  CHECK(is_unpinned(ImagePin::latest));
  CHECK_FALSE(is_unpinned(ImagePin::unresolved));
}

TEST_CASE("is_full_commit_sha and is_exact_version", "[scan][misconfig][pinning]") {
  CHECK(is_full_commit_sha("0123456789abcdef0123456789abcdef01234567"));
  CHECK(is_full_commit_sha(std::string(64, 'a')));
  CHECK_FALSE(is_full_commit_sha("0123456789abcdef0123456789abcdef0123456"));
  CHECK_FALSE(is_full_commit_sha("g123456789abcdef0123456789abcdef01234567"));
  CHECK_FALSE(is_full_commit_sha("v4"));
  CHECK(is_exact_version("1.4.2"));
  CHECK(is_exact_version("v1.4.2"));
  CHECK(is_exact_version("1.4.2-rc.1"));
  CHECK_FALSE(is_exact_version("1.4"));
  CHECK_FALSE(is_exact_version("1"));
  CHECK_FALSE(is_exact_version("~latest"));
  CHECK_FALSE(is_exact_version("main"));
  CHECK_FALSE(is_exact_version("1.4.x"));
  CHECK_FALSE(is_exact_version("1.4.2-"));
}
