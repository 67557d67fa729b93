// Computing the next version from tags and commits through libgit2.
//
// The commits reachable from HEAD are read once into a CommitGraph. The base
// is the highest release tag (by semver precedence) on any of them — not the
// nearest one: a maintenance line tagged later can put an older version
// nearer to HEAD. The commits after the base are those of the graph that are
// not ancestors of the base commit, newest first, each message read as a
// conventional commit. Merge commits are left out: their messages ("Merge
// pull request #12 ...") are not conventional, and the commits they bring in
// are in the graph anyway.
//
// Shallow clones: the graph ends where the clone does. If no release tag is
// on the available history and that history was cut short, the tags may
// simply be missing (CI checkouts fetch one commit and no tags by default),
// so the result carries a warning and no version rather than a wrong
// "initial" one.
#include "stages/build/version/next_version.hpp"

#include <git2.h>

#include <algorithm>
#include <memory>
#include <optional>
#include <unordered_map>

#include "model/libgit2_handles.hpp"
#include "stages/build/version/commit_graph.hpp"
#include "stages/build/version/semver.hpp"
#include "util/strings.hpp"

namespace slipway::build::version {

namespace {

constexpr const char* k_shallow_warning =
    "shallow clone: tags may be missing; fetch with fetch-depth: 0 / GIT_DEPTH: 0";
constexpr const char* k_fetch_advice = "; fetch with fetch-depth: 0 / GIT_DEPTH: 0";

using namespace model::libgit2;

Error git_failure(const std::string& what) {
  return make_error(what + ": " + last_message());
}

struct ReleaseTag {
  SemVer version;
  std::string name;  // "v1.2.3"
};

using TagsByCommit = std::unordered_map<git_oid, std::vector<ReleaseTag>, OidHash, OidEqual>;

// Release tags by the commit they point to (annotated tags peeled).
Result<TagsByCommit> release_tags(git_repository* repo, const VersionOptions& options) {
  git_strarray names{};
  if (git_tag_list(&names, repo) != 0) return git_failure("cannot list the tags");
  TagsByCommit tags;
  for (std::size_t i = 0; i < names.count; ++i) {
    const std::string name = names.strings[i];
    if (!util::starts_with(name, options.tag_prefix)) continue;
    std::optional<SemVer> version = parse_semver(std::string_view(name).substr(options.tag_prefix.size()));
    if (!version || (version->is_prerelease() && !options.include_prereleases)) continue;
    git_object* raw = nullptr;
    if (git_revparse_single(&raw, repo, ("refs/tags/" + name).c_str()) != 0) continue;
    ObjectPtr object(raw);
    git_object* peeled_raw = nullptr;
    if (git_object_peel(&peeled_raw, object.get(), GIT_OBJECT_COMMIT) != 0) {
      continue;  // a tag of a tree or blob
    }
    ObjectPtr peeled(peeled_raw);
    tags[*git_object_id(peeled.get())].push_back(ReleaseTag{std::move(*version), name});
  }
  git_strarray_dispose(&names);
  return tags;
}

// The highest release tag on a commit of the graph, with its commit.
std::optional<std::pair<ReleaseTag, git_oid>> highest_reachable(const CommitGraph& graph,
                                                                const TagsByCommit& tags) {
  std::optional<std::pair<ReleaseTag, git_oid>> best;
  for (const auto& [commit, commit_tags] : tags) {
    if (!graph.contains(commit)) continue;
    for (const ReleaseTag& tag : commit_tags) {
      const bool higher =
          !best || best->first.version < tag.version ||
          (std::is_eq(compare(best->first.version, tag.version)) && tag.name < best->first.name);
      if (higher) best = std::make_pair(tag, commit);
    }
  }
  return best;
}

// The commits not `released` (the base and its ancestors), newest first, merges left out.
Result<std::vector<ReleaseCommit>> commits_since(git_repository* repo, const CommitGraph& graph,
                                                 const OidSet& released) {
  std::vector<ReleaseCommit> commits;
  for (const git_oid& oid : graph.newest_first(released)) {
    if (graph.parent_count(oid) > 1) continue;
    git_commit* raw = nullptr;
    if (git_commit_lookup(&raw, repo, &oid) != 0) return git_failure("cannot read commit " + oid_text(oid));
    const CommitPtr commit(raw);
    ReleaseCommit entry;
    entry.sha = oid_text(oid);
    git_buf short_id = GIT_BUF_INIT;
    if (git_object_short_id(&short_id, reinterpret_cast<const git_object*>(commit.get())) == 0) {
      entry.short_sha.assign(short_id.ptr, short_id.size);
    } else {
      entry.short_sha = entry.sha.substr(0, 7);
    }
    git_buf_dispose(&short_id);
    const char* message = git_commit_message(commit.get());
    entry.message = parse_commit_message(message != nullptr ? message : "");
    entry.bump = bump_for(entry.message);
    commits.push_back(std::move(entry));
  }
  return commits;
}

// The next version after `base` for `bump` (already adjusted for pre-1.0).
SemVer apply_bump(const SemVer& base, Bump bump) {
  SemVer next{base.major, base.minor, base.patch, {}, {}};
  if (base.is_prerelease()) {
    // X.Y.Z-rc.1 is on its way to X.Y.Z: releasing that covers any bump up to
    // the level the pre-release already announced.
    const Bump announced = base.patch > 0 ? Bump::patch : (base.minor > 0 ? Bump::minor : Bump::major);
    if (bump <= announced) return next;
  }
  switch (bump) {
    case Bump::major:
      return SemVer{base.major + 1, 0, 0, {}, {}};
    case Bump::minor:
      return SemVer{base.major, base.minor + 1, 0, {}, {}};
    case Bump::patch:
      return SemVer{base.major, base.minor, base.patch + 1, {}, {}};
    case Bump::none:
      break;
  }
  return base;
}

}  // namespace

Result<NextVersion> next_version(const std::string& repo_path, const VersionOptions& options) {
  ensure_initialised();
  const std::optional<SemVer> initial = parse_semver(options.initial);
  if (!initial) {
    return make_error("invalid initial version \"" + options.initial + "\"",
                      "write it as MAJOR.MINOR.PATCH, e.g. 0.1.0 (without the tag prefix)");
  }
  git_repository* raw = nullptr;
  if (git_repository_open_ext(&raw, repo_path.c_str(), 0, nullptr) != 0) {
    Error error = git_failure("cannot open the git repository");
    error.file = repo_path;
    return error;
  }
  const RepoPtr repo(raw);
  if (git_repository_head_unborn(repo.get()) == 1) {
    return make_error("the repository has no commits yet", "commit something first");
  }
  git_oid head;
  if (git_reference_name_to_id(&head, repo.get(), "HEAD") != 0) return git_failure("cannot resolve HEAD");
  const bool shallow = git_repository_is_shallow(repo.get()) == 1;

  Result<CommitGraph> graph = CommitGraph::load(repo.get(), head, shallow);
  if (!graph) return graph.error();
  Result<TagsByCommit> tags = release_tags(repo.get(), options);
  if (!tags) return tags.error();
  const std::optional<std::pair<ReleaseTag, git_oid>> base = highest_reachable(*graph, *tags);

  NextVersion next;
  next.head = oid_text(head);
  const OidSet released = base ? graph->ancestors(base->second) : OidSet{};
  Result<std::vector<ReleaseCommit>> commits = commits_since(repo.get(), *graph, released);
  if (!commits) return commits.error();
  next.commits = std::move(*commits);
  for (const ReleaseCommit& commit : next.commits) next.bump = std::max(next.bump, commit.bump);

  if (!base) {
    if (graph->truncated()) {
      next.known = false;
      next.warning = k_shallow_warning;
      return next;
    }
    next.first_release = true;
    next.release = true;
    next.version = initial->to_string();
    next.tag = options.tag_prefix + next.version;
    return next;
  }
  const ReleaseTag& tag = base->first;
  next.previous = tag.version.to_string();
  next.previous_tag = tag.name;
  // A cut outside the base's ancestry: commits since the base may be missing
  // (e.g. a branch merged after the tag that forked before the clone's depth).
  const std::vector<git_oid>& cut = graph->cut_commits();
  if (std::any_of(cut.begin(), cut.end(), [&](const git_oid& oid) { return released.count(oid) == 0; })) {
    next.warning = "shallow clone: commits since " + tag.name + " may be missing" + k_fetch_advice;
  }
  if (next.bump == Bump::major && tag.version.major == 0 && options.pre_1_0_breaking_minor) {
    next.bump = Bump::minor;
  }
  next.release = next.bump != Bump::none;
  next.version = next.release ? apply_bump(tag.version, next.bump).to_string() : next.previous;
  next.tag = next.release ? options.tag_prefix + next.version : next.previous_tag;
  return next;
}

std::vector<std::pair<std::string, std::string>> version_exports(const NextVersion& next) {
  std::string bump(to_string(next.bump));
  if (!next.known) {
    bump = "unknown";
  } else if (next.first_release) {
    bump = "initial";
  }
  return {
      {"SLIPWAY_VERSION", next.version},
      {"SLIPWAY_VERSION_TAG", next.tag},
      {"SLIPWAY_VERSION_PREVIOUS", next.previous},
      {"SLIPWAY_VERSION_BUMP", bump},
      {"SLIPWAY_VERSION_RELEASE", next.release ? "true" : "false"},
  };
}

}  // namespace slipway::build::version
