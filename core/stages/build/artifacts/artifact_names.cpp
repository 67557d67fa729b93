// Naming rules for the flat artifacts folder. Collisions are errors rather
// than "last one wins": a release that silently ships one of two files with
// the same name is worse than a build that stops and says which two.
#include "stages/build/artifacts/artifact_names.hpp"

#include "stages/build/artifacts/build_artifacts.hpp"
#include "util/strings.hpp"

namespace slipway::build::artifacts {

namespace {

bool reserved(const std::string& name) {
  return name == k_checksums_name || name == k_provenance_name;
}

}  // namespace

Result<void> check_archive_name(const std::string& name) {
  auto bad = [&](const std::string& why) -> Error {
    return make_error("build.archive-name \"" + name + "\" " + why,
                      "use a plain file name such as \"artifacts.tar.gz\"");
  };
  if (name.empty()) return bad("is empty");
  if (name.find('/') != std::string::npos || name.find('\0') != std::string::npos) {
    return bad("is not a plain file name");
  }
  if (name == "." || name == "..") return bad("is not a file name");
  if (reserved(name)) return bad("is the name of a file Slipway writes itself");
  if (util::ends_with(name, k_signature_suffix)) return bad("ends in .sig, which names signatures");
  return {};
}

Result<std::map<std::string, std::string>> flat_output_names(const std::vector<WorkspaceFile>& files,
                                                             bool signed_output) {
  std::map<std::string, std::string> names;
  for (const WorkspaceFile& file : files) {
    const std::size_t slash = file.path.rfind('/');
    const std::string name = slash == std::string::npos ? file.path : file.path.substr(slash + 1);
    if (reserved(name)) {
      Error error = make_error("artifact has the name of a file Slipway writes itself (" + name + ")",
                               "rename it in a build step, or set build.archive: true");
      error.file = file.path;
      return error;
    }
    const auto [existing, inserted] = names.emplace(name, file.path);
    if (!inserted) {
      return make_error("two artifacts would both be named " + name + " in " + std::string(k_artifacts_dir) +
                            ": " + existing->second + " and " + file.path,
                        "narrow build.artifacts, rename one in a build step, or set build.archive: true "
                        "to keep their folders");
    }
  }
  if (signed_output) {
    for (const auto& [name, source] : names) {
      const std::string signature = name + std::string(k_signature_suffix);
      if (names.count(signature) != 0) {
        Error error =
            make_error("artifact " + signature + " would be overwritten by the signature of " + name,
                       "leave .sig files out of build.artifacts when signing");
        error.file = names.at(signature);
        return error;
      }
    }
  }
  return names;
}

}  // namespace slipway::build::artifacts
