// Windowed scanning and line numbering (see input_scanner.hpp for the window
// scheme). Line numbers are counted incrementally: the counter only moves
// forward, over bytes still present in the current window, so a file is never
// held in memory whole and never counted twice.
#include "stages/scan/secrets/input_scanner.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <tuple>

#include "util/files.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr std::size_t k_binary_sniff = 8192;

class LineCounter {
 public:
  // Moves to absolute offset `target`; the bytes from the current offset up
  // to `target` must be inside `window` (which starts at `window_offset`).
  void advance(std::string_view window, std::size_t window_offset, std::size_t target) {
    if (target <= m_offset) return;
    const char* at = window.data() + (m_offset - window_offset);
    const char* end = window.data() + (target - window_offset);
    while (at < end) {
      const auto* newline =
          static_cast<const char*>(std::memchr(at, '\n', static_cast<std::size_t>(end - at)));
      if (newline == nullptr) break;
      ++m_line;
      m_line_start = window_offset + static_cast<std::size_t>(newline - window.data()) + 1;
      at = newline + 1;
    }
    m_offset = target;
  }
  [[nodiscard]] int line() const { return m_line; }
  [[nodiscard]] std::size_t line_start() const { return m_line_start; }

 private:
  std::size_t m_offset = 0;
  int m_line = 1;
  std::size_t m_line_start = 0;
};

// Turns the window's hits into located secrets, in file order.
void locate(std::vector<SecretHit>& hits, std::string_view window, std::size_t window_offset,
            LineCounter& lines, std::vector<LocatedSecret>& out) {
  std::sort(hits.begin(), hits.end(), [](const SecretHit& a, const SecretHit& b) {
    return std::tie(a.match_begin, a.secret_begin, a.rule) < std::tie(b.match_begin, b.secret_begin, b.rule);
  });
  for (SecretHit& hit : hits) {
    lines.advance(window, window_offset, hit.match_begin);
    LocatedSecret located;
    located.rule = hit.rule;
    located.line = lines.line();
    located.column = static_cast<int>(hit.match_begin - lines.line_start() + 1);
    int end_line = located.line;
    std::size_t end_line_start = lines.line_start();
    for (std::size_t at = hit.match_begin; at < hit.secret_end; ++at) {
      if (window[at - window_offset] == '\n') {
        ++end_line;
        end_line_start = at + 1;
      }
    }
    located.end_line = end_line;
    located.end_column = static_cast<int>(hit.secret_end - end_line_start + 1);
    located.secret = std::move(hit.secret);
    out.push_back(std::move(located));
  }
}

class FileDescriptor {
 public:
  explicit FileDescriptor(int fd) : m_fd(fd) {}
  FileDescriptor(const FileDescriptor&) = delete;
  FileDescriptor& operator=(const FileDescriptor&) = delete;
  ~FileDescriptor() {
    if (m_fd >= 0) ::close(m_fd);
  }
  [[nodiscard]] bool valid() const { return m_fd >= 0; }
  [[nodiscard]] int get() const { return m_fd; }

 private:
  int m_fd;
};

// read(2), retried when a signal interrupts it.
ssize_t read_some(int fd, char* into, std::size_t size) {
  while (true) {
    const ssize_t got = ::read(fd, into, size);
    if (got >= 0 || errno != EINTR) return got;
  }
}

}  // namespace

Result<InputResult> scan_bytes(const SecretMatcher& matcher, PatternDatabase::Scratch& scratch,
                               std::string_view data, const std::string& path) {
  InputResult result;
  bool allowed = false;
  const std::vector<bool> skipped = matcher.rules_for_path(path, allowed);
  if (allowed) {
    result.skip = InputSkip::allowed_path;
    return result;
  }
  std::vector<SecretHit> hits;
  if (auto found = matcher.find(data, 0, 0, data.size(), skipped, scratch, hits); !found)
    return found.error();
  LineCounter lines;
  locate(hits, data, 0, lines, result.secrets);
  return result;
}

Result<InputResult> scan_file(const SecretMatcher& matcher, PatternDatabase::Scratch& scratch,
                              const std::filesystem::path& full, const std::string& path) {
  InputResult result;
  bool allowed = false;
  const std::vector<bool> skipped = matcher.rules_for_path(path, allowed);
  if (allowed) {
    result.skip = InputSkip::allowed_path;
    return result;
  }
  // One path lookup per file: open, then ask the descriptor for the size.
  // O_NONBLOCK: a FIFO that took a file's place must not hang the scan.
  const FileDescriptor file(::open(full.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK));
  struct stat info {};
  if (!file.valid() || ::fstat(file.get(), &info) != 0) {
    result.skip = InputSkip::unreadable;
    result.detail = std::strerror(errno);
    return result;
  }
  if (!S_ISREG(info.st_mode)) {
    result.skip = InputSkip::unreadable;
    result.detail = "not a regular file";
    return result;
  }
  const auto size = static_cast<std::uintmax_t>(info.st_size);
  if (size > static_cast<std::uintmax_t>(matcher.max_file_size())) {
    result.skip = InputSkip::too_large;
    result.detail = std::to_string(size) + " bytes";
    return result;
  }

  // The window's storage is kept per thread: most files are small, and a
  // fresh buffer per file costs an allocation (and, above malloc's mmap
  // threshold, page faults) every time.
  thread_local std::string window;
  window.clear();
  std::size_t window_offset = 0;  // absolute offset of window[0]
  std::size_t accept_begin = 0;
  bool eof = false;
  LineCounter lines;
  std::vector<SecretHit> hits;
  while (true) {
    // Fill the window up to accept_begin + k_window_size + k_overlap.
    // No more than the file's size (plus one byte, to see the end at once):
    // a window sized for a big file would be allocated and zero-filled for
    // every small one.
    const std::size_t file_end = static_cast<std::size_t>(size) + 1;
    const std::size_t wanted =
        std::min(accept_begin + k_window_size + k_overlap, std::max(file_end, window_offset + 1)) -
        window_offset;
    while (!eof && window.size() < wanted) {
      const std::size_t old_size = window.size();
      window.resize(wanted);
      const ssize_t got = read_some(file.get(), window.data() + old_size, wanted - old_size);
      if (got < 0) {
        window.resize(old_size);
        result.skip = InputSkip::unreadable;
        result.detail = std::strerror(errno);
        result.secrets.clear();
        return result;
      }
      window.resize(old_size + static_cast<std::size_t>(got));
      if (got == 0) eof = true;
    }
    if (accept_begin == 0 && util::looks_binary(std::string_view(window).substr(0, k_binary_sniff))) {
      result.skip = InputSkip::binary;
      return result;
    }
    const std::size_t window_end = window_offset + window.size();
    const std::size_t accept_end = eof ? window_end : accept_begin + k_window_size;
    hits.clear();
    if (auto found = matcher.find(window, window_offset, accept_begin, accept_end, skipped, scratch, hits);
        !found) {
      return found.error();
    }
    locate(hits, window, window_offset, lines, result.secrets);
    if (eof || accept_end >= window_end) break;
    lines.advance(window, window_offset, accept_end);
    // Keep k_overlap bytes before the next window's own part.
    const std::size_t next_offset = accept_end - k_overlap;
    window.erase(0, next_offset - window_offset);
    window_offset = next_offset;
    accept_begin = accept_end;
  }
  return result;
}

}  // namespace slipway::scan::secrets
