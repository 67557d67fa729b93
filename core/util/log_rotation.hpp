// A log file that rotates by size: when a write would take it past
// `max_bytes`, log -> log.1 -> log.2 ... up to `backups`, oldest dropped.
#pragma once

#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::util {

class RotatingLog {
 public:
  RotatingLog(std::string path, std::uint64_t max_bytes, int backups);
  Result<void> open();
  void write(std::string_view data);
  void close();
  [[nodiscard]] const std::string& path() const { return m_path; }

 private:
  void rotate();
  std::string m_path;
  std::uint64_t m_max_bytes;
  int m_backups;
  std::uint64_t m_size = 0;
  std::ofstream m_out;
};

}  // namespace slipway::util
