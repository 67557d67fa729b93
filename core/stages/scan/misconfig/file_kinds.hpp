// Which checker a file goes to, decided by its repository path alone.
#pragma once

#include <string_view>

namespace slipway::scan::misconfig {

enum class FileKind {
  none,
  dockerfile,       // Dockerfile, Dockerfile.*, *.dockerfile, Containerfile, Containerfile.*
  github_workflow,  // .github/workflows/*.yml|yaml (GitHub reads no subfolders)
  github_action,    // action.yml|yaml anywhere
  gitlab_ci,        // .gitlab-ci.yml|yaml anywhere (its local includes are found by reading it)
  jenkinsfile,      // Jenkinsfile, Jenkinsfile.*, *.jenkinsfile
  groovy,           // *.groovy: a pipeline only if it uses credentials or libraries
  yaml,             // any other *.yml|yaml: a Kubernetes manifest if it holds apiVersion + kind
};

FileKind classify_file(std::string_view path);

}  // namespace slipway::scan::misconfig
