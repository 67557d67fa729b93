// Read-only memory maps of regular files. An empty file cannot be mapped
// (mmap rejects a zero length), so it is represented by an empty view.
#include "stages/build/artifacts/mapped_file.hpp"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace slipway::build::artifacts {

namespace {

Error file_error(const std::string& path, const std::string& what) {
  Error error = make_error(what);
  error.file = path;
  return error;
}

}  // namespace

Result<MappedFile> MappedFile::open(const std::string& path) {
  // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused below.
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return file_error(path, std::string("cannot open file: ") + std::strerror(errno));
  return from_fd(fd, path);
}

Result<MappedFile> MappedFile::from_fd(int fd, const std::string& path) {
  struct stat st {};
  if (::fstat(fd, &st) != 0) {
    const int saved = errno;
    ::close(fd);
    return file_error(path, std::string("cannot read file: ") + std::strerror(saved));
  }
  if (!S_ISREG(st.st_mode)) {
    ::close(fd);
    return file_error(path, "is not a regular file");
  }
  MappedFile file;
  file.m_size = static_cast<std::size_t>(st.st_size);
  if (file.m_size > 0) {
    void* data = ::mmap(nullptr, file.m_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (data == MAP_FAILED) {
      const int saved = errno;
      ::close(fd);
      return file_error(path, std::string("cannot map file: ") + std::strerror(saved));
    }
    file.m_data = data;
  }
  ::close(fd);  // the mapping stays valid after close
  return file;
}

MappedFile::MappedFile(MappedFile&& other) noexcept
    : m_data(std::exchange(other.m_data, nullptr)), m_size(std::exchange(other.m_size, 0)) {}

MappedFile& MappedFile::operator=(MappedFile&& other) noexcept {
  if (this != &other) {
    release();
    m_data = std::exchange(other.m_data, nullptr);
    m_size = std::exchange(other.m_size, 0);
  }
  return *this;
}

MappedFile::~MappedFile() {
  release();
}

void MappedFile::release() {
  if (m_data != nullptr) ::munmap(m_data, m_size);
  m_data = nullptr;
  m_size = 0;
}

}  // namespace slipway::build::artifacts
