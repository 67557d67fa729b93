// update_advisory_db(): downloads each present ecosystem's OSV all.zip with
// libcurl (see dependency_scan.hpp). Each transfer is written to a fresh
// temporary file beside the cached archive; only a transfer that completed
// (curl reports success, the byte count matches Content-Length) and that
// libarchive reads to the end as a zip is renamed over the old archive. A
// failure at any step removes the temporary file and leaves the cache as it
// was. A cached archive makes the request conditional (If-Modified-Since its
// mtime, which is set to the server's Last-Modified), so an unchanged
// database is not downloaded again.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <set>
#include <system_error>

#include "stages/scan/deps/curl_api.hpp"
#include "stages/scan/deps/dependency_scan.hpp"
#include "stages/scan/deps/deps_settings.hpp"
#include "stages/scan/deps/lockfile_selection.hpp"
#include "stages/scan/deps/zip_reader.hpp"
#include "util/strings.hpp"

namespace slipway::scan::deps {

namespace {

namespace fs = std::filesystem;

constexpr std::string_view k_temp_prefix = ".all.zip.part-";

struct CurlCloser {
  const CurlApi* curl;
  void operator()(CURL* handle) const { curl->easy_cleanup(handle); }
};

struct FileCloser {
  void operator()(std::FILE* file) const { std::fclose(file); }
};

struct Sink {
  std::FILE* file = nullptr;
  curl_off_t bytes = 0;
  bool write_failed = false;
};

std::size_t write_chunk(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t length = size * count;
  if (std::fwrite(data, 1, length, sink->file) != length) {
    sink->write_failed = true;
    return 0;  // makes curl stop with CURLE_WRITE_ERROR
  }
  sink->bytes += static_cast<curl_off_t>(length);
  return length;
}

// Leftovers of downloads that were killed: temporary files older than a day.
void remove_stale_temporaries(const fs::path& folder) {
  std::error_code error;
  const auto now = fs::file_time_type::clock::now();
  for (fs::directory_iterator it(folder, error), end; !error && it != end; it.increment(error)) {
    if (!util::starts_with(it->path().filename().string(), k_temp_prefix)) continue;
    std::error_code ignored;
    const auto modified = fs::last_write_time(it->path(), ignored);
    if (!ignored && now - modified > std::chrono::hours(24)) fs::remove(it->path(), ignored);
  }
}

std::string mebibytes(curl_off_t bytes) {
  char text[32];
  std::snprintf(text, sizeof text, "%.1f MiB", static_cast<double>(bytes) / (1024.0 * 1024.0));
  return text;
}

enum class Outcome { downloaded, unchanged };

class TempFile {
 public:
  explicit TempFile(fs::path path) : m_path(std::move(path)) {}
  ~TempFile() {
    if (!m_path.empty()) {
      std::error_code ignored;
      fs::remove(m_path, ignored);
    }
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  [[nodiscard]] const fs::path& path() const { return m_path; }
  void release() { m_path.clear(); }

 private:
  fs::path m_path;
};

// Downloads `url` to `target` as described at the top of the file.
Result<Outcome> download_archive(const CurlApi& api, const std::string& url, const fs::path& target,
                                 std::chrono::seconds timeout, curl_off_t& bytes) {
  std::error_code error;
  fs::create_directories(target.parent_path(), error);
  if (error) return make_error("cannot create " + target.parent_path().string() + ": " + error.message());
  remove_stale_temporaries(target.parent_path());

  std::string pattern = (target.parent_path() / (std::string(k_temp_prefix) + "XXXXXX")).string();
  const int fd = ::mkstemp(pattern.data());
  if (fd < 0) return make_error("cannot create a temporary file in " + target.parent_path().string());
  TempFile temp(pattern);
  std::unique_ptr<std::FILE, FileCloser> file(::fdopen(fd, "wb"));
  if (!file) {
    ::close(fd);
    return make_error("cannot open the temporary file " + pattern);
  }

  std::unique_ptr<CURL, CurlCloser> curl(api.easy_init(), CurlCloser{&api});
  if (!curl) return make_error("libcurl could not start a transfer");
  Sink sink{file.get(), 0, false};
  char error_text[CURL_ERROR_SIZE] = {0};
  CURL* handle = curl.get();
  api.easy_setopt(handle, CURLOPT_URL, url.c_str());
  api.easy_setopt(handle, CURLOPT_PROTOCOLS_STR, "http,https");
  api.easy_setopt(handle, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  api.easy_setopt(handle, CURLOPT_FOLLOWLOCATION, 1L);
  api.easy_setopt(handle, CURLOPT_MAXREDIRS, 5L);
  api.easy_setopt(handle, CURLOPT_FAILONERROR, 1L);
  api.easy_setopt(handle, CURLOPT_NOSIGNAL, 1L);
  api.easy_setopt(handle, CURLOPT_CONNECTTIMEOUT, 30L);
  api.easy_setopt(handle, CURLOPT_TIMEOUT, static_cast<long>(timeout.count()));
  api.easy_setopt(handle, CURLOPT_USERAGENT, "slipway-scan");
  api.easy_setopt(handle, CURLOPT_FILETIME, 1L);
  api.easy_setopt(handle, CURLOPT_ERRORBUFFER, error_text);
  api.easy_setopt(handle, CURLOPT_WRITEFUNCTION, write_chunk);
  api.easy_setopt(handle, CURLOPT_WRITEDATA, &sink);
  struct stat cached {};
  if (::stat(target.c_str(), &cached) == 0) {
    api.easy_setopt(handle, CURLOPT_TIMECONDITION, static_cast<long>(CURL_TIMECOND_IFMODSINCE));
    api.easy_setopt(handle, CURLOPT_TIMEVALUE_LARGE, static_cast<curl_off_t>(cached.st_mtime));
  }

  const CURLcode code = api.easy_perform(handle);
  if (code != CURLE_OK) {
    if (sink.write_failed) return make_error("writing " + pattern + " failed (disk full?)");
    return make_error(std::string(error_text[0] != '\0' ? error_text : api.easy_strerror(code)));
  }
  long status = 0;
  long unmet = 0;
  api.easy_getinfo(handle, CURLINFO_RESPONSE_CODE, &status);
  api.easy_getinfo(handle, CURLINFO_CONDITION_UNMET, &unmet);
  if (status == 304 || unmet != 0) return Outcome::unchanged;
  curl_off_t expected = -1;
  api.easy_getinfo(handle, CURLINFO_CONTENT_LENGTH_DOWNLOAD_T, &expected);
  if (expected >= 0 && expected != sink.bytes) {
    return make_error("truncated download: " + std::to_string(sink.bytes) + " of " +
                      std::to_string(expected) + " bytes");
  }
  curl_off_t server_time = -1;
  api.easy_getinfo(handle, CURLINFO_FILETIME_T, &server_time);

  if (std::fflush(file.get()) != 0 || ::fsync(::fileno(file.get())) != 0) {
    return make_error("writing " + pattern + " failed (disk full?)");
  }
  if (std::fclose(file.release()) != 0) return make_error("writing " + pattern + " failed (disk full?)");

  auto members = read_zip_members(temp.path(), "", 0, nullptr);
  if (!members) return make_error("the download is not a complete zip archive: " + members.error().message);

  if (server_time >= 0) {
    const struct timespec times[2] = {{static_cast<time_t>(server_time), 0},
                                      {static_cast<time_t>(server_time), 0}};
    ::utimensat(AT_FDCWD, temp.path().c_str(), times, 0);
  }
  fs::rename(temp.path(), target, error);
  if (error) return make_error("cannot move the download to " + target.string() + ": " + error.message());
  temp.release();
  bytes = sink.bytes;
  return Outcome::downloaded;
}

}  // namespace

Result<std::string> update_advisory_db(const ScanOptions& options, std::ostream& log) {
  const DepsSettings settings = read_deps_settings(options.config);
  std::set<std::string> ecosystems;
  for (const SelectedLockfile& lockfile : select_lockfiles(options, settings)) {
    ecosystems.emplace(lockfile.kind.ecosystem);
  }
  if (ecosystems.empty()) {
    log << "deps: no lockfiles found: no advisory database to download\n";
    return std::string("no lockfiles: nothing to download");
  }
  const Result<const CurlApi*> curl = curl_api();
  if (!curl) return curl.error();
  const fs::path db_dir = advisory_db_dir(settings, util::current_environment());
  std::vector<std::string> done;
  std::vector<std::string> failed;
  for (const std::string& ecosystem : ecosystems) {
    const std::string url = advisory_db_url(settings, ecosystem);
    const fs::path target = advisory_archive_path(db_dir, ecosystem);
    log << "deps: " << ecosystem << ": fetching " << url << "\n" << std::flush;
    curl_off_t bytes = 0;
    auto outcome = download_archive(**curl, url, target, settings.download_timeout, bytes);
    if (!outcome) {
      log << "deps: " << ecosystem << ": failed: " << outcome.error().message << "\n";
      failed.push_back(ecosystem + " (" + outcome.error().message + ")");
    } else if (*outcome == Outcome::unchanged) {
      log << "deps: " << ecosystem << ": up to date\n";
      done.push_back(ecosystem + " up to date");
    } else {
      log << "deps: " << ecosystem << ": saved " << mebibytes(bytes) << " to " << target.string() << "\n";
      done.push_back(ecosystem + " updated");
    }
  }
  if (!failed.empty()) {
    return make_error("advisory database update failed for " + util::join(failed, "; "),
                      "the previously cached archives in " + db_dir.string() +
                          " are unchanged; check the network, or set scan.deps.db-url to a reachable mirror");
  }
  return "advisory database in " + db_dir.string() + ": " + util::join(done, ", ");
}

}  // namespace slipway::scan::deps
