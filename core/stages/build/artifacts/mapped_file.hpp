// A regular file mapped read-only into memory, for hashing and Ed25519
// signing (which needs the whole message at once) without copying large
// artifacts onto the heap.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::build::artifacts {

class MappedFile {
 public:
  // Opens `path` (symlinks followed) and maps it; anything but a regular
  // file (a folder, a FIFO, a device) is refused without being read.
  static Result<MappedFile> open(const std::string& path);
  // Maps an already open regular file; takes ownership of `fd`.
  static Result<MappedFile> from_fd(int fd, const std::string& path);

  MappedFile(MappedFile&& other) noexcept;
  MappedFile& operator=(MappedFile&& other) noexcept;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile();

  [[nodiscard]] std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }

 private:
  MappedFile() = default;
  void release();
  void* m_data = nullptr;
  std::size_t m_size = 0;
};

}  // namespace slipway::build::artifacts
