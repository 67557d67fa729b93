// Image reference parsing (registry/name:tag@digest, where the registry may
// carry a port, so the tag is the part after the last ':' that follows the
// last '/') and commit/version pin tests.
#include "stages/scan/misconfig/pinning.hpp"

#include <cctype>

#include "util/strings.hpp"

namespace slipway::scan::misconfig {

ImageReference parse_image_reference(std::string_view reference) {
  ImageReference image;
  const std::string_view text = util::trim(reference);
  if (text.find('$') != std::string_view::npos || text.find("{{") != std::string_view::npos || text.empty()) {
    image.name = std::string(text);
    image.pin = ImagePin::unresolved;
    return image;
  }
  std::string_view rest = text;
  bool has_digest = false;
  if (const auto at = rest.find('@'); at != std::string_view::npos) {
    has_digest = true;
    rest = rest.substr(0, at);
  }
  const auto slash = rest.rfind('/');
  const auto colon = rest.rfind(':');
  if (colon != std::string_view::npos && (slash == std::string_view::npos || colon > slash)) {
    image.name = std::string(rest.substr(0, colon));
    image.tag = std::string(rest.substr(colon + 1));
  } else {
    image.name = std::string(rest);
  }
  if (has_digest) {
    image.pin = ImagePin::digest;
  } else if (image.tag.empty()) {
    image.pin = ImagePin::untagged;
  } else if (image.tag == "latest") {
    image.pin = ImagePin::latest;
  } else {
    image.pin = ImagePin::tagged;
  }
  return image;
}

std::string describe_unpinned(const ImageReference& image) {
  if (image.pin == ImagePin::latest) return "uses the mutable tag latest";
  return "has no tag (it means latest)";
}

bool is_full_commit_sha(std::string_view ref) {
  if (ref.size() != 40 && ref.size() != 64) return false;
  for (const char c : ref) {
    if (std::isxdigit(static_cast<unsigned char>(c)) == 0) return false;
  }
  return true;
}

bool is_exact_version(std::string_view version) {
  if (!version.empty() && (version.front() == 'v' || version.front() == 'V')) version.remove_prefix(1);
  const std::size_t suffix = version.find_first_of("-+");
  const std::string_view core = version.substr(0, suffix);
  const std::vector<std::string> parts = util::split(core, '.');
  if (parts.size() != 3) return false;
  for (const std::string& part : parts) {
    if (part.empty()) return false;
    for (const char c : part) {
      if (std::isdigit(static_cast<unsigned char>(c)) == 0) return false;
    }
  }
  return suffix == std::string_view::npos || suffix + 1 < version.size();
}

}  // namespace slipway::scan::misconfig
