// The entry points of the five checkers, one file each. Every checker reads
// one file's text and reports through the FindingSink; none of them reads
// other files or the configuration (the driver, misconfig_scan.cpp, does).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/misconfig/finding_sink.hpp"

namespace slipway::scan::misconfig {

// dockerfile_checks.cpp
void check_dockerfile(std::string_view text, FindingSink& sink);

// kubernetes_checks.cpp. False when the file holds no Kubernetes object (then
// nothing was reported and the file does not count as checked).
bool check_kubernetes(const std::string& text, FindingSink& sink);

// github_actions_checks.cpp. `trusted_owners`: owners whose actions need no SHA pin.
void check_github_workflow(const std::string& text, FindingSink& sink,
                           const std::vector<std::string>& trusted_owners);
void check_github_action(const std::string& text, FindingSink& sink,
                         const std::vector<std::string>& trusted_owners);

// gitlab_ci_checks.cpp. Returns the `local:` include paths (repository paths
// or globs, without a leading '/') so the driver can check those files too.
std::vector<std::string> check_gitlab_ci(const std::string& text, FindingSink& sink);

// jenkinsfile_checks.cpp
void check_jenkinsfile(std::string_view text, FindingSink& sink);

}  // namespace slipway::scan::misconfig
