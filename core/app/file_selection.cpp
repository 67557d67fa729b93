// Changed-file selection and its honest fallback (see file_selection.hpp).
#include "app/file_selection.hpp"

#include <algorithm>
#include <filesystem>
#include <iterator>
#include <thread>

#include "util/files.hpp"
#include "util/glob.hpp"
#include "util/strings.hpp"

namespace slipway::app {

namespace fs = std::filesystem;

namespace {

struct BaseChoice {
  std::string revision;  // what to merge-base against
  std::string source;    // where it came from, for messages
};

std::optional<BaseChoice> choose_base(const AppContext& context) {
  const auto& base = context.config.get_string("base");
  if (!base.empty()) return BaseChoice{base, context.config.get("base").origin};
  const auto& ci = context.ci;
  if (!ci.base_commit.empty()) return BaseChoice{ci.base_commit, ci.base_source};
  if (!ci.base_ref.empty()) return BaseChoice{ci.base_ref, ci.base_source};
  if (ci.platform == model::CiPlatform::local && context.repo) {
    auto upstream = context.repo->upstream_of_head();
    if (!upstream.empty()) return BaseChoice{upstream, "upstream of the current branch"};
  }
  return std::nullopt;
}

bool wants_changed_only(const AppContext& context, bool have_base) {
  const auto& mode = context.config.get_string("changed-only");
  if (mode == "true") return true;
  if (mode == "false") return false;
  // auto: pull/merge requests, an explicit base, or a local branch with an upstream.
  if (context.ci.is_change_request()) return true;
  if (!context.config.get_string("base").empty()) return true;
  return context.ci.platform == model::CiPlatform::local && have_base;
}

std::string fetch_hint(model::CiPlatform platform) {
  switch (platform) {
    case model::CiPlatform::github:
      return "set `fetch-depth: 0` on actions/checkout";
    case model::CiPlatform::gitlab:
      return "set `GIT_DEPTH: 0` in the job's variables";
    case model::CiPlatform::jenkins:
      return "disable shallow clone in the checkout step";
    case model::CiPlatform::local:
      break;
  }
  return "fetch the full history (`git fetch --unshallow`) or pass --base";
}

// Slipway's own output (reports, logs, artifacts) is never an input.
bool is_slipway_output(const std::string& path, const std::string& output_dir) {
  if (util::starts_with(path, ".slipway/") && !util::starts_with(path, ".slipway/plugins/")) return true;
  return !output_dir.empty() && util::starts_with(path, output_dir + "/");
}

// The regular files (not symbolic links) among paths[begin, end) that are
// neither excluded nor Slipway's output, in order.
std::vector<std::string> existing_in(const std::string& root, const std::vector<std::string>& paths,
                                     std::size_t begin, std::size_t end,
                                     const std::vector<std::string>& excludes,
                                     const std::string& output_dir) {
  std::vector<std::string> out;
  out.reserve(end - begin);
  const std::string prefix = root + "/";
  std::string full;
  for (std::size_t i = begin; i < end; ++i) {
    const std::string& path = paths[i];
    if (is_slipway_output(path, output_dir)) continue;
    if (!excludes.empty() && util::glob_match_any(excludes, path)) continue;
    full.assign(prefix).append(path);
    std::error_code ec;
    auto status = fs::symlink_status(full, ec);
    if (!ec && fs::is_regular_file(status)) out.push_back(path);
  }
  return out;
}

// existing_in over all `paths`; a large tree is checked on two threads (one
// lstat per file is most of the selection's time on 80,000 files).
std::vector<std::string> existing_files(const std::string& root, const std::vector<std::string>& paths,
                                        const std::vector<std::string>& excludes,
                                        const std::string& output_dir) {
  constexpr std::size_t k_split_above = 8192;
  if (paths.size() <= k_split_above || std::thread::hardware_concurrency() < 2) {
    return existing_in(root, paths, 0, paths.size(), excludes, output_dir);
  }
  const std::size_t middle = paths.size() / 2;
  std::vector<std::string> second;
  std::vector<std::string> out;
  {
    const std::jthread helper(
        [&] { second = existing_in(root, paths, middle, paths.size(), excludes, output_dir); });
    out = existing_in(root, paths, 0, middle, excludes, output_dir);
  }
  out.insert(out.end(), std::make_move_iterator(second.begin()), std::make_move_iterator(second.end()));
  return out;
}

}  // namespace

Result<FileSelection> select_files(const AppContext& context) {
  FileSelection selection;
  const auto& excludes = context.config.get_list("exclude");
  // The output folder, repository-relative, when it lies inside the repository.
  std::string output_dir;
  if (auto relative = util::relative_inside(context.root, context.config.get_string("output-dir"));
      relative) {
    output_dir = *relative;
  }
  if (!context.repo) {
    return make_error("not inside a git repository: " + context.root, "run slipway inside a git checkout");
  }
  // The merge base is wanted for changed-only selection and for --new-only.
  auto base = choose_base(context);
  std::string why;
  if (!base) {
    why = "no base commit is known (not a pull/merge request, no upstream, no --base)";
  } else {
    auto head = context.repo->head_commit();
    auto resolved = context.repo->resolve(base->revision);
    std::string head_sha = head ? *head : std::string("HEAD");
    if (!resolved) {
      why = "the base " + base->revision + " (" + base->source + ") is not in this clone" +
            (context.repo->is_shallow() ? " (shallow clone)" : "");
    } else if (auto merge_base = context.repo->merge_base(head_sha, *resolved); !merge_base) {
      why = "no merge base with " + base->revision + " (" + base->source + ")" +
            (context.repo->is_shallow() ? ": the clone is shallow and the history is too short" : "");
    } else {
      selection.base_commit = *merge_base;
    }
  }

  if (wants_changed_only(context, base.has_value())) {
    if (!selection.base_commit.empty()) {
      // One pass over the working tree: the diff already lists the untracked
      // files, so every file is the index plus what the diff found.
      auto changed = context.repo->changed_files(selection.base_commit);
      if (!changed) return changed.error();
      auto tracked = context.repo->tracked_files();
      if (!tracked) return tracked.error();
      // Every file: the index plus the changed paths it does not hold (the
      // untracked ones, usually few), without copying the index's paths.
      std::vector<std::string> all = std::move(*tracked);
      const auto tracked_end = static_cast<std::ptrdiff_t>(all.size());
      for (const std::string& path : *changed) {
        if (!std::binary_search(all.begin(), all.begin() + tracked_end, path)) all.push_back(path);
      }
      std::inplace_merge(all.begin(), all.begin() + tracked_end, all.end());
      selection.all_files = std::move(all);
      selection.changed_only = true;
      selection.files = existing_files(context.root, *changed, excludes, output_dir);
      selection.description = "files changed since " + selection.base_commit.substr(0, 12) +
                              " (merge base with " + base->revision.substr(0, 40) + ", " + base->source + ")";
      return selection;
    }
    selection.warnings.push_back("warning: cannot lint only changed files: " + why +
                                 "; checking all files instead. To fix: " + fetch_hint(context.ci.platform) +
                                 ".");
  } else if (context.config.get_bool("new-only") && selection.base_commit.empty()) {
    selection.warnings.push_back("warning: --new-only has no base to compare with: " + why +
                                 "; every line counts as new. To fix: " + fetch_hint(context.ci.platform) +
                                 ".");
  }
  auto all = context.repo->tracked_and_untracked_files();
  if (!all) return all.error();
  selection.all_files = std::move(*all);
  selection.files = existing_files(context.root, selection.all_files, excludes, output_dir);
  selection.description = "all files";
  return selection;
}

Result<std::optional<model::AddedLines>> added_lines_since_base(const AppContext& context,
                                                                const FileSelection& selection) {
  if (selection.base_commit.empty() || !context.repo) return std::optional<model::AddedLines>{};
  auto added = context.repo->added_lines(selection.base_commit);
  if (!added) return added.error();
  return std::optional<model::AddedLines>{std::move(*added)};
}

}  // namespace slipway::app
