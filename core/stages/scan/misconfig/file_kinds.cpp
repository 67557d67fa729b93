// File classification by path (see file_kinds.hpp).
#include "stages/scan/misconfig/file_kinds.hpp"

#include <string>

#include "util/strings.hpp"

namespace slipway::scan::misconfig {

FileKind classify_file(std::string_view path) {
  const auto slash = path.rfind('/');
  const std::string_view base = slash == std::string_view::npos ? path : path.substr(slash + 1);
  const std::string lower = util::to_lower(base);
  const bool yaml = util::ends_with(lower, ".yml") || util::ends_with(lower, ".yaml");

  if (lower == "dockerfile" || lower == "containerfile" || util::ends_with(lower, ".dockerfile") ||
      ((util::starts_with(lower, "dockerfile.") || util::starts_with(lower, "containerfile.")) &&
       !util::ends_with(lower, ".dockerignore"))) {
    return FileKind::dockerfile;
  }
  if (yaml && util::starts_with(path, ".github/workflows/") &&
      path.find('/', std::string_view(".github/workflows/").size()) == std::string_view::npos) {
    return FileKind::github_workflow;
  }
  if (lower == "action.yml" || lower == "action.yaml") return FileKind::github_action;
  if (lower == ".gitlab-ci.yml" || lower == ".gitlab-ci.yaml") return FileKind::gitlab_ci;
  if (util::starts_with(base, "Jenkinsfile") || util::ends_with(lower, ".jenkinsfile"))
    return FileKind::jenkinsfile;
  if (util::ends_with(lower, ".groovy")) return FileKind::groovy;
  if (yaml) return FileKind::yaml;
  return FileKind::none;
}

}  // namespace slipway::scan::misconfig
