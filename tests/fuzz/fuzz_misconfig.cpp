// Fuzz target: files the misconfiguration scan reads (Dockerfiles,
// Kubernetes manifests, GitHub workflows, .gitlab-ci.yml, Jenkinsfiles) and
// build.steps in .slipway.yml. The input's first line is the repository path
// the rest is written to, in a private temporary folder. Must never crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include "stages/build/steps/build_steps.hpp"
#include "stages/scan/misconfig/misconfig_scan.hpp"

namespace fs = std::filesystem;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const std::string root = [] {
    std::string pattern = (fs::temp_directory_path() / "slipway-fuzz-misconfig.XXXXXX").string();
    return std::string(::mkdtemp(pattern.data()) != nullptr ? pattern : std::string());
  }();
  if (root.empty()) return 0;
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const std::size_t newline = input.find('\n');
  if (newline == std::string_view::npos) return 0;
  const std::string name(input.substr(0, newline));
  const fs::path relative = fs::path(name).lexically_normal();
  if (name.empty() || relative.is_absolute() || relative.empty() || *relative.begin() == ".." ||
      name.find('\0') != std::string::npos || name.size() > 200) {
    return 0;
  }
  std::error_code ec;
  fs::remove_all(root, ec);
  fs::create_directories((fs::path(root) / relative).parent_path(), ec);
  {
    std::ofstream out(fs::path(root) / relative, std::ios::binary);
    const std::string_view text = input.substr(newline + 1);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
  }
  if (!fs::is_regular_file(fs::path(root) / relative, ec)) return 0;
  slipway::scan::ScanOptions options;
  options.root = root;
  options.files = {relative.generic_string()};
  options.all_files = options.files;
  (void)slipway::scan::scan_misconfiguration(options);
  if (relative.filename() == ".slipway.yml")
    (void)slipway::build::read_steps((fs::path(root) / relative).string());
  return 0;
}
