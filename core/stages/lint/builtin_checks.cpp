// The driver of the built-in checks: resolves the settings once, prepares the
// repository-wide indexes (case conflicts, Git LFS attributes), then lets a pool
// of `jobs` worker threads pull file indices from an atomic counter. Each file
// is stat'ed once (lstat: symlinks are never followed) and read once; binary
// files (a NUL in the first 8 KiB) and files over the large-file limit (only a
// prefix is read) skip the content checks.
//
// Workers write to their own output and share nothing but the counter and the
// throttled progress callback; the outputs are merged and sorted at the end, so
// the result does not depend on the number of jobs or on scheduling.
//
// --fix: when a file has findings of fixable checks, the fixes are applied in
// memory, the file is replaced atomically (mode kept), and the checks run again
// on the new content, so only what is left is reported, at the right lines.
#include "stages/lint/builtin_checks.hpp"

#include <sys/stat.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <mutex>
#include <system_error>
#include <thread>
#include <unordered_set>
#include <utility>

#include "stages/lint/check_context.hpp"
#include "stages/lint/content_checks.hpp"
#include "stages/lint/lint_schema.hpp"
#include "stages/lint/path_checks.hpp"
#include "stages/lint/text_checks.hpp"
#include "util/files.hpp"
#include "util/glob.hpp"

namespace slipway::lint {
namespace {

namespace fs = std::filesystem;

constexpr std::size_t k_sniff_bytes = 8192;
constexpr std::size_t k_progress_steps = 100;

struct SkipCounts {
  std::size_t excluded = 0;
  std::size_t binary = 0;
  std::size_t large = 0;
  std::size_t symlinks = 0;
  std::size_t missing = 0;
  std::size_t special = 0;

  void add(const SkipCounts& other) {
    excluded += other.excluded;
    binary += other.binary;
    large += other.large;
    symlinks += other.symlinks;
    missing += other.missing;
    special += other.special;
  }
};

struct WorkerOutput {
  std::vector<model::Finding> findings;
  std::vector<std::pair<std::size_t, std::string>> checked;  // (input index, path)
  std::vector<std::string> fixed_files;
  SkipCounts skipped;
};

std::string plural(std::size_t count, std::string_view one, std::string_view many) {
  return std::to_string(count) + " " + std::string(count == 1 ? one : many);
}

std::vector<std::string> unique_in_order(const std::vector<std::string>& paths) {
  std::vector<std::string> out;
  out.reserve(paths.size());
  std::unordered_set<std::string_view> seen;
  for (const std::string& path : paths) {
    if (seen.insert(path).second) out.push_back(path);
  }
  return out;
}

TextFixes fixes_for(CheckSet fired) {
  TextFixes fixes;
  fixes.remove_bom = fired.has(Check::utf8_bom);
  fixes.trailing_whitespace = fired.has(Check::trailing_whitespace);
  fixes.line_endings = fired.has(Check::mixed_line_endings);
  fixes.final_newline = fired.has(Check::end_of_file_newline);
  return fixes;
}

class LintRun {
 public:
  LintRun(const LintOptions& options, std::vector<std::string> files)
      : m_options(options),
        m_files(std::move(files)),
        m_settings(resolve_settings(options.config)),
        m_root(options.root) {
    if (m_settings.enabled(Check::case_conflict))
      m_case_index = CaseConflictIndex(options.all_files, m_files);
    if (m_settings.enabled(Check::large_file)) {
      std::vector<std::string> paths = options.all_files;
      paths.insert(paths.end(), m_files.begin(), m_files.end());
      m_lfs = load_lfs_tracked(options.root, paths);
    }
    m_progress_step = std::max<std::size_t>(1, m_files.size() / k_progress_steps);
  }

  LintOutcome run(int jobs_requested) {
    const std::size_t total = m_files.size();
    std::size_t jobs = jobs_requested > 0 ? static_cast<std::size_t>(jobs_requested)
                                          : std::max(1U, std::thread::hardware_concurrency());
    jobs = std::clamp<std::size_t>(jobs, 1, std::max<std::size_t>(total, 1));
    std::vector<WorkerOutput> outputs(jobs);
    const auto work = [this, total](WorkerOutput& out) {
      for (;;) {
        const std::size_t index = m_next.fetch_add(1, std::memory_order_relaxed);
        if (index >= total) break;
        check_file(index, out);
        report_progress(total);
      }
    };
    if (jobs == 1) {
      work(outputs.front());
    } else {
      std::vector<std::jthread> workers;
      workers.reserve(jobs);
      for (WorkerOutput& out : outputs) workers.emplace_back(work, std::ref(out));
    }
    return merge(std::move(outputs));
  }

 private:
  void check_file(std::size_t index, WorkerOutput& out) {
    const std::string& path = m_files[index];
    try {
      check_file_unguarded(index, path, out);
    } catch (const std::exception& error) {
      FileFindings sink(path, {}, m_settings.severities);
      sink.add_io_error(k_read_error_rule, "cannot check: " + std::string(error.what()));
      append(sink, out);
    } catch (...) {
      FileFindings sink(path, {}, m_settings.severities);
      sink.add_io_error(k_read_error_rule, "cannot check: unknown error");
      append(sink, out);
    }
  }

  void check_file_unguarded(std::size_t index, const std::string& path, WorkerOutput& out) {
    if (!m_settings.exclude.empty() && util::glob_match_any(m_settings.exclude, path)) {
      ++out.skipped.excluded;
      return;
    }
    const CheckSet enabled = m_settings.enabled_for(path);
    FileFindings sink(path, enabled, m_settings.severities);
    check_case_conflict(m_case_index, sink);  // a path check: applies to every kind of file

    const fs::path full_path = m_root / path;
    struct stat info {};
    if (::lstat(full_path.c_str(), &info) != 0) {
      const int error = errno;
      if (error == ENOENT || error == ENOTDIR) {
        ++out.skipped.missing;
      } else {
        sink.add_io_error(k_read_error_rule, "cannot read: " + std::generic_category().message(error));
      }
      append(sink, out);
      return;
    }
    if (S_ISLNK(info.st_mode)) {
      ++out.skipped.symlinks;
    } else if (!S_ISREG(info.st_mode)) {
      ++out.skipped.special;
    } else {
      check_regular_file(index, path, full_path, info, sink, out);
    }
    append(sink, out);
  }

  void check_regular_file(std::size_t index, const std::string& path, const fs::path& full_path,
                          const struct stat& info, FileFindings& sink, WorkerOutput& out) {
    const auto size = static_cast<std::uint64_t>(info.st_size);
    const bool executable = (info.st_mode & (S_IXUSR | S_IXGRP | S_IXOTH)) != 0;

    if (size > static_cast<std::uint64_t>(m_settings.large_file_max_kb) * 1024) {
      auto head = util::read_file_prefix(full_path, k_sniff_bytes);
      if (!head) {
        sink.add_io_error(k_read_error_rule, "cannot read: " + head.error().message);
        return;
      }
      check_large_file(size, m_settings.large_file_max_kb, *head, m_lfs.matches(path), sink);
      ++out.skipped.large;
      if (!util::looks_binary(*head)) out.checked.emplace_back(index, path);
      return;
    }

    auto content = util::read_file(full_path);
    if (!content) {
      sink.add_io_error(k_read_error_rule, "cannot read: " + content.error().message);
      return;
    }
    if (util::looks_binary(std::string_view(*content).substr(0, k_sniff_bytes))) {
      ++out.skipped.binary;
      return;
    }
    out.checked.emplace_back(index, path);
    check_content(*content, path, executable, sink);
    if (!m_options.fix) return;

    const TextFixes fixes = fixes_for(sink.fired());
    if (!fixes.any()) return;
    const std::string fixed = apply_text_fixes(*content, fixes);
    if (fixed == *content) return;
    const auto mode = static_cast<fs::perms>(info.st_mode & 07777);
    if (auto written = util::write_file_atomic(full_path, fixed, mode); !written) {
      sink.add_io_error(k_write_error_rule, "cannot write the fixed file: " + written.error().message);
      return;
    }
    out.fixed_files.push_back(path);
    // Report what is left, at its position in the new content.
    FileFindings after(path, sink.enabled(), m_settings.severities);
    check_case_conflict(m_case_index, after);
    check_content(fixed, path, executable, after);
    sink.findings() = std::move(after.findings());
  }

  static void check_content(std::string_view content, std::string_view path, bool executable,
                            FileFindings& sink) {
    check_text(content, sink);
    check_utf8(content, sink);
    check_private_keys(content, sink);
    if (executable) check_shebang(content, sink);
    if (is_yaml_path(path)) check_yaml(content, sink);
    if (is_json_path(path)) check_json(content, sink);
  }

  static void append(FileFindings& sink, WorkerOutput& out) {
    auto& findings = sink.findings();
    out.findings.insert(out.findings.end(), std::make_move_iterator(findings.begin()),
                        std::make_move_iterator(findings.end()));
    findings.clear();
  }

  void report_progress(std::size_t total) {
    const std::size_t done = m_done.fetch_add(1, std::memory_order_relaxed) + 1;
    if (!m_options.on_progress || (done != total && done % m_progress_step != 0)) return;
    const std::lock_guard lock(m_progress_mutex);
    if (done <= m_progress_reported) return;  // a later count was already reported
    m_progress_reported = done;
    m_options.on_progress(done, total);
  }

  LintOutcome merge(std::vector<WorkerOutput> outputs) const {
    LintOutcome outcome;
    SkipCounts skipped;
    std::vector<std::pair<std::size_t, std::string>> checked;
    for (WorkerOutput& out : outputs) {
      outcome.findings.insert(outcome.findings.end(), std::make_move_iterator(out.findings.begin()),
                              std::make_move_iterator(out.findings.end()));
      checked.insert(checked.end(), std::make_move_iterator(out.checked.begin()),
                     std::make_move_iterator(out.checked.end()));
      outcome.fixed_files.insert(outcome.fixed_files.end(), out.fixed_files.begin(), out.fixed_files.end());
      skipped.add(out.skipped);
    }
    model::sort_findings(outcome.findings);
    std::sort(checked.begin(), checked.end());
    for (auto& [index, path] : checked)
      outcome.checked.push_back(model::CheckedFile{std::string(k_tool), std::move(path)});
    std::sort(outcome.fixed_files.begin(), outcome.fixed_files.end());
    outcome.notes = notes(skipped);
    return outcome;
  }

  [[nodiscard]] std::vector<std::string> notes(const SkipCounts& skipped) const {
    std::vector<std::string> notes;
    if (skipped.excluded > 0)
      notes.push_back(plural(skipped.excluded, "file", "files") + " excluded by lint.exclude");
    if (skipped.binary > 0) {
      notes.push_back("skipped " + plural(skipped.binary, "binary file", "binary files") +
                      " (content checks do not apply)");
    }
    if (skipped.large > 0) {
      notes.push_back(
          plural(skipped.large, "file", "files") + " over " + std::to_string(m_settings.large_file_max_kb) +
          " KiB not read fully and skipped by the content checks (lint.checks.large-file.max-kb)");
    }
    if (skipped.symlinks > 0) {
      notes.push_back("skipped " + plural(skipped.symlinks, "symbolic link", "symbolic links") +
                      " (not followed)");
    }
    if (skipped.missing > 0) {
      notes.push_back("skipped " + plural(skipped.missing, "selected file that no longer exists",
                                          "selected files that no longer exist"));
    }
    if (skipped.special > 0) {
      notes.push_back(
          "skipped " +
          plural(skipped.special, "path that is not a regular file", "paths that are not regular files") +
          " (e.g. submodules)");
    }
    return notes;
  }

  const LintOptions& m_options;
  std::vector<std::string> m_files;
  LintSettings m_settings;
  fs::path m_root;
  CaseConflictIndex m_case_index;
  LfsTracked m_lfs;

  std::atomic<std::size_t> m_next{0};
  std::atomic<std::size_t> m_done{0};
  std::size_t m_progress_step = 1;
  std::mutex m_progress_mutex;
  std::size_t m_progress_reported = 0;
};

}  // namespace

Result<LintOutcome> run_builtin_checks(const LintOptions& options) {
  std::error_code error;
  if (options.root.empty() || !fs::is_directory(options.root, error)) {
    Error failure = make_error("the repository root \"" + options.root + "\" is not a folder",
                               "run Slipway inside the repository or pass its path");
    return failure;
  }
  if (options.files.empty()) return LintOutcome{};  // nothing selected: skip the repository-wide indexes
  LintRun run(options, unique_in_order(options.files));
  return run.run(options.jobs);
}

}  // namespace slipway::lint
