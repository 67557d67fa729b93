// Size-rotated log files for command output.
//
// Rotation happens before a write that would take the file past max_bytes:
// log.(N-1) -> log.N (the old log.N is dropped), ..., log -> log.1, and a new
// empty log is started. A write that fits in one file is never split across
// two, so a chunk of output stays readable in one place; only a single write
// larger than max_bytes is cut into max_bytes pieces. That keeps the promise
// that no file grows past max_bytes.
//
// Logging is best effort: write() returns nothing and a failed rotation or
// write is ignored, because losing a log must never fail the build it logs.
// Only open() reports an error, so a caller that asked for a log learns at
// the start that it cannot have one. An existing log is appended to, and its
// current size counts towards the limit. A RotatingLog is not thread-safe.
#include "util/log_rotation.hpp"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <system_error>

namespace slipway::util {

namespace fs = std::filesystem;

RotatingLog::RotatingLog(std::string path, std::uint64_t max_bytes, int backups)
    : m_path(std::move(path)), m_max_bytes(max_bytes), m_backups(backups < 0 ? 0 : backups) {}

Result<void> RotatingLog::open() {
  close();
  std::error_code ec;
  const fs::path path(m_path);
  if (path.has_parent_path()) fs::create_directories(path.parent_path(), ec);
  m_out.open(m_path, std::ios::binary | std::ios::app);
  if (!m_out) {
    Error error = make_error(std::string("cannot open log file: ") + std::strerror(errno),
                             "check that the folder exists and is writable");
    error.file = m_path;
    return error;
  }
  const auto size = fs::file_size(path, ec);
  m_size = ec ? 0 : size;
  return {};
}

void RotatingLog::write(std::string_view data) {
  if (!m_out.is_open()) return;
  if (m_max_bytes == 0) {  // no limit
    m_out.write(data.data(), static_cast<std::streamsize>(data.size()));
    m_size += data.size();
    m_out.flush();
    return;
  }
  while (!data.empty()) {
    if (m_size > 0 && m_size + data.size() > m_max_bytes) rotate();
    const std::uint64_t room = m_max_bytes > m_size ? m_max_bytes - m_size : 0;
    if (room == 0) {
      rotate();
      continue;
    }
    const std::size_t count = static_cast<std::size_t>(std::min<std::uint64_t>(room, data.size()));
    m_out.write(data.data(), static_cast<std::streamsize>(count));
    m_size += count;
    data.remove_prefix(count);
  }
  // Flushed per write so `tail -f` on the log shows output as it happens.
  m_out.flush();
}

void RotatingLog::close() {
  if (m_out.is_open()) m_out.close();
  m_out.clear();
}

void RotatingLog::rotate() {
  close();
  std::error_code ec;
  auto numbered = [this](int index) { return m_path + "." + std::to_string(index); };
  if (m_backups == 0) {
    fs::remove(m_path, ec);
  } else {
    fs::remove(numbered(m_backups), ec);
    for (int index = m_backups - 1; index >= 1; --index) {
      if (fs::exists(numbered(index), ec)) fs::rename(numbered(index), numbered(index + 1), ec);
    }
    fs::rename(m_path, numbered(1), ec);
  }
  m_out.open(m_path, std::ios::binary | std::ios::trunc);
  m_size = 0;
}

}  // namespace slipway::util
