// collect_artifacts: find the files, copy or pack them, then write
// SHA256SUMS, the signatures and the provenance, all in a staging folder.
//
// The staging folder (.slipway/.artifacts.staging-XXXXXX) replaces
// .slipway/artifacts/ in one renameat2(RENAME_EXCHANGE) when everything has
// been written, so a failed run never leaves a half-filled folder and never
// destroys the previous run's artifacts; where the file system cannot
// exchange, two renames leave only a moment without the folder. Leftover
// staging folders of a crashed run are removed on the next run. The small
// files go through util::write_file_atomic; copies are streamed (artifacts
// can be larger than memory) into files created with O_EXCL in the fresh
// staging folder, and fsynced before the swap.
//
// Nothing is written outside root/.slipway/, and .slipway and its artifacts
// folder must be real folders: a symlink there is refused, as it could
// redirect the writes.
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>

#include "stages/build/artifacts/artifact_names.hpp"
#include "stages/build/artifacts/base64.hpp"
#include "stages/build/artifacts/build_artifacts.hpp"
#include "stages/build/artifacts/checksums.hpp"
#include "stages/build/artifacts/ed25519_keys.hpp"
#include "stages/build/artifacts/mapped_file.hpp"
#include "stages/build/artifacts/tar_archive.hpp"
#include "stages/build/artifacts/workspace_files.hpp"
#include "util/files.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::build {

namespace {

namespace fs = std::filesystem;
using artifacts::UniqueFd;
using artifacts::WorkspaceFile;

constexpr std::string_view k_slipway_dir = ".slipway";
constexpr std::string_view k_staging_prefix = ".artifacts.staging-";
constexpr int k_folder_flags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC;

Error path_error(const std::string& path, std::string message, std::string hint = {}) {
  Error error = make_error(std::move(message), std::move(hint));
  error.file = path;
  return error;
}

Error errno_error(const std::string& path, const std::string& what) {
  return path_error(path, what + ": " + std::strerror(errno));
}

// Removes the staging folder unless the run succeeded.
class StagingFolder {
 public:
  explicit StagingFolder(fs::path path) : m_path(std::move(path)) {}
  ~StagingFolder() {
    std::error_code ignored;
    if (!m_path.empty()) fs::remove_all(m_path, ignored);
  }
  StagingFolder(const StagingFolder&) = delete;
  StagingFolder& operator=(const StagingFolder&) = delete;
  [[nodiscard]] const fs::path& path() const { return m_path; }
  void forget() { m_path.clear(); }

 private:
  fs::path m_path;
};

// A folder under the root that must not be a symlink (it would redirect writes).
Result<void> require_real_folder(int parent_fd, const std::string& name, const std::string& shown,
                                 bool create) {
  struct stat st {};
  if (::fstatat(parent_fd, name.c_str(), &st, AT_SYMLINK_NOFOLLOW) == 0) {
    if (S_ISDIR(st.st_mode)) return {};
    return path_error(shown,
                      S_ISLNK(st.st_mode) ? "is a symlink; Slipway writes artifacts only into a real folder"
                                          : "is not a folder",
                      "remove it; Slipway creates it");
  }
  if (errno != ENOENT) return errno_error(shown, "cannot inspect");
  if (create && ::mkdirat(parent_fd, name.c_str(), 0755) != 0 && errno != EEXIST) {
    return errno_error(shown, "cannot create folder");
  }
  return {};
}

void remove_stale_staging(const fs::path& slipway_dir) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(slipway_dir, ec)) {
    if (util::starts_with(entry.path().filename().string(), k_staging_prefix)) {
      std::error_code ignored;
      fs::remove_all(entry.path(), ignored);
    }
  }
}

Result<fs::path> make_staging(int root_fd, const fs::path& root) {
  const std::string slipway(k_slipway_dir);
  if (auto real = require_real_folder(root_fd, slipway, slipway, true); !real.ok()) return real.error();
  UniqueFd slipway_fd(::openat(root_fd, slipway.c_str(), k_folder_flags));
  if (!slipway_fd.valid()) return errno_error(slipway, "cannot open folder");
  if (auto real = require_real_folder(slipway_fd.get(), "artifacts", std::string(k_artifacts_dir), false);
      !real.ok()) {
    return real.error();
  }
  remove_stale_staging(root / slipway);
  std::string pattern = (root / slipway / (std::string(k_staging_prefix) + "XXXXXX")).string();
  if (::mkdtemp(pattern.data()) == nullptr) return errno_error(slipway, "cannot create a staging folder");
  return fs::path(pattern);
}

bool write_all(int fd, const char* data, std::size_t size) {
  while (size > 0) {
    const ssize_t written = ::write(fd, data, size);
    if (written < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += written;
    size -= static_cast<std::size_t>(written);
  }
  return true;
}

Result<void> copy_file(int root_fd, const WorkspaceFile& file, const fs::path& target) {
  std::uint64_t size = 0;
  auto input = artifacts::open_workspace_file(root_fd, file.path, size);
  if (!input.ok()) return input.error();
  const mode_t mode = file.executable ? 0755 : 0644;
  UniqueFd output(::open(target.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode));
  if (!output.valid()) return errno_error(target.string(), "cannot create file");
  if (::fchmod(output.get(), mode) != 0) return errno_error(target.string(), "cannot set file mode");
  std::array<char, 64 * 1024> buffer{};
  std::uint64_t copied = 0;
  while (true) {
    const ssize_t got = ::read(input->get(), buffer.data(), buffer.size());
    if (got < 0) {
      if (errno == EINTR) continue;
      return errno_error(file.path, "cannot read");
    }
    if (got == 0) break;
    copied += static_cast<std::uint64_t>(got);
    if (!write_all(output.get(), buffer.data(), static_cast<std::size_t>(got))) {
      return errno_error(target.string(), "cannot write file");
    }
  }
  if (copied != size) {
    return path_error(file.path, "changed size while it was being copied",
                      "make sure no build step is still writing it");
  }
  if (::fsync(output.get()) != 0) return errno_error(target.string(), "cannot flush file to disk");
  return {};
}

Result<void> sign_file(const fs::path& file, const SigningKey& key) {
  auto mapped = artifacts::MappedFile::open(file.string());
  if (!mapped.ok()) return mapped.error();
  auto signature = artifacts::sign_message(key, mapped->bytes());
  if (!signature.ok()) return signature.error();
  return util::write_file_atomic(file.string() + std::string(k_signature_suffix),
                                 artifacts::base64_encode(*signature) + "\n");
}

// Moves the staging folder into place as .slipway/artifacts.
Result<void> install(const fs::path& staging, const fs::path& final_dir) {
  struct stat st {};
  if (::lstat(final_dir.c_str(), &st) != 0) {
    if (::rename(staging.c_str(), final_dir.c_str()) != 0)
      return errno_error(final_dir.string(), "cannot create");
    return {};
  }
  if (!S_ISDIR(st.st_mode)) return path_error(final_dir.string(), "is not a folder", "remove it");
  if (::renameat2(AT_FDCWD, staging.c_str(), AT_FDCWD, final_dir.c_str(), RENAME_EXCHANGE) == 0) return {};
  if (errno != EINVAL && errno != ENOSYS && errno != ENOTSUP)
    return errno_error(final_dir.string(), "cannot replace");
  // No atomic exchange here: park the old folder inside the staging name space.
  const fs::path old = staging.string() + ".old";
  if (::rename(final_dir.c_str(), old.c_str()) != 0) return errno_error(final_dir.string(), "cannot replace");
  if (::rename(staging.c_str(), final_dir.c_str()) != 0) {
    const Error error = errno_error(final_dir.string(), "cannot replace");
    ::rename(old.c_str(), final_dir.c_str());
    return error;
  }
  std::error_code ignored;
  fs::remove_all(old, ignored);
  return {};
}

Result<Artifact> describe(const fs::path& staging, const std::string& name,
                          std::vector<std::string> sources) {
  const fs::path file = staging / name;
  auto sha256 = util::sha256_file_hex(file);
  if (!sha256.ok()) return sha256.error();
  std::error_code ec;
  Artifact artifact;
  artifact.name = name;
  artifact.sha256 = std::move(sha256).value();
  artifact.size = fs::file_size(file, ec);
  artifact.sources = std::move(sources);
  return artifact;
}

}  // namespace

Result<ArtifactSet> collect_artifacts(const std::string& root, const std::vector<std::string>& globs,
                                      const ArtifactOptions& options) {
  std::error_code ec;
  const fs::path root_path = fs::canonical(root, ec);
  if (ec || !fs::is_directory(root_path, ec))
    return path_error(root, "is not a folder", "give the workspace root");
  ArtifactSet set;
  set.directory = (root_path / k_artifacts_dir).string();
  if (globs.empty()) return set;
  if (options.provenance != nullptr && options.signing_key == nullptr) {
    return make_error(
        "provenance needs a signing key",
        "set build.signing.key-file or build.signing.key-env (slipway keygen makes a key pair)");
  }
  if (options.archive) {
    if (auto name_ok = artifacts::check_archive_name(options.archive_name); !name_ok.ok())
      return name_ok.error();
  }
  auto patterns = artifacts::check_artifact_globs(globs);
  if (!patterns.ok()) return patterns.error();

  UniqueFd root_fd(::open(root_path.c_str(), k_folder_flags));
  if (!root_fd.valid()) return errno_error(root_path.string(), "cannot open folder");
  const std::vector<std::string> skip = {std::string(k_artifacts_dir),
                                         std::string(k_slipway_dir) + "/" + std::string(k_staging_prefix)};
  auto files = artifacts::find_artifact_files(root_fd.get(), *patterns, skip);
  if (!files.ok()) return files.error();

  // Output name -> the workspace files it is made from.
  std::map<std::string, std::vector<std::string>> outputs;
  if (options.archive) {
    auto& sources = outputs[options.archive_name];
    for (const WorkspaceFile& file : *files) sources.push_back(file.path);
  } else {
    auto names = artifacts::flat_output_names(*files, options.signing_key != nullptr);
    if (!names.ok()) return names.error();
    for (auto& [name, source] : *names) outputs[name] = {source};
  }

  auto staging_path = make_staging(root_fd.get(), root_path);
  if (!staging_path.ok()) return staging_path.error();
  StagingFolder staging(*staging_path);

  if (options.archive) {
    auto packed = artifacts::write_tar_gz(root_fd.get(), *files, options.archive_mtime,
                                          (staging.path() / options.archive_name).string());
    if (!packed.ok()) return packed.error();
  } else {
    for (const WorkspaceFile& file : *files) {
      const std::string name = fs::path(file.path).filename().string();
      if (auto copied = copy_file(root_fd.get(), file, staging.path() / name); !copied.ok())
        return copied.error();
    }
  }

  std::string checksums;
  for (auto& [name, sources] : outputs) {
    auto artifact = describe(staging.path(), name, std::move(sources));
    if (!artifact.ok()) return artifact.error();
    checksums += artifacts::checksum_line(artifact->sha256, name);
    set.artifacts.push_back(std::move(artifact).value());
  }
  const fs::path checksums_path = staging.path() / k_checksums_name;
  if (auto written = util::write_file_atomic(checksums_path, checksums); !written.ok())
    return written.error();

  if (options.signing_key != nullptr) {
    for (Artifact& artifact : set.artifacts) {
      if (auto signed_ok = sign_file(staging.path() / artifact.name, *options.signing_key); !signed_ok.ok()) {
        return signed_ok.error();
      }
      artifact.signature_path =
          (fs::path(set.directory) / (artifact.name + std::string(k_signature_suffix))).string();
    }
  }
  if (options.provenance != nullptr) {
    ProvenanceInput input = *options.provenance;
    input.artifacts.clear();
    for (const Artifact& artifact : set.artifacts)
      input.artifacts.push_back({artifact.name, artifact.sha256});
    auto envelope = make_provenance_envelope(input, *options.signing_key);
    if (!envelope.ok()) return envelope.error();
    auto written = util::write_file_atomic(staging.path() / k_provenance_name, *envelope + "\n");
    if (!written.ok()) return written.error();
    set.provenance_path = (fs::path(set.directory) / k_provenance_name).string();
  }

  if (auto installed = install(staging.path(), set.directory); !installed.ok()) return installed.error();
  // After an exchange the staging name holds the previous artifacts: let the guard remove them.
  for (Artifact& artifact : set.artifacts) artifact.path = (fs::path(set.directory) / artifact.name).string();
  set.checksums_path = (fs::path(set.directory) / k_checksums_name).string();
  return set;
}

}  // namespace slipway::build
