// Is a reference pinned? Shared by every area: container image references
// (Dockerfile FROM, Kubernetes and GitLab images, docker:// actions) and
// source references (action refs, GitLab include refs, Jenkins libraries).
#pragma once

#include <string>
#include <string_view>

namespace slipway::scan::misconfig {

enum class ImagePin {
  digest,      // name@sha256:...
  tagged,      // name:1.2 (not latest)
  untagged,    // name
  latest,      // name:latest
  unresolved,  // built from variables or templates: cannot be judged
};

struct ImageReference {
  std::string name;  // without tag and digest
  std::string tag;   // "" when none
  ImagePin pin = ImagePin::untagged;
};

ImageReference parse_image_reference(std::string_view reference);

// True for the pins the rules report (untagged and latest).
inline bool is_unpinned(ImagePin pin) {
  return pin == ImagePin::untagged || pin == ImagePin::latest;
}

// "has no tag" / "uses the mutable tag latest", for messages.
std::string describe_unpinned(const ImageReference& image);

// A full commit id: 40 hex digits (SHA-1) or 64 (SHA-256 repositories).
bool is_full_commit_sha(std::string_view ref);

// An exact release version such as 1.4.2 or v1.4.2 (three numeric parts,
// optional pre-release/build suffix).
bool is_exact_version(std::string_view version);

}  // namespace slipway::scan::misconfig
