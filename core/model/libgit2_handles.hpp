// What every user of libgit2 in Slipway needs: owning handles that free
// themselves, one-time library initialisation, the last error's message and
// an object id as hex. Used by model/git_repo.cpp and by the stages that read
// history themselves (scan secrets --history, build version --next).
#pragma once

#include <git2.h>

#include <memory>
#include <string>

namespace slipway::model::libgit2 {

template <auto FreeFn>
struct Free {
  template <typename T>
  void operator()(T* handle) const {
    FreeFn(handle);
  }
};

// An owning pointer to a libgit2 object, freed with FreeFn.
template <typename T, auto FreeFn>
using Handle = std::unique_ptr<T, Free<FreeFn>>;

using RepoPtr = Handle<git_repository, git_repository_free>;
using ObjectPtr = Handle<git_object, git_object_free>;
using CommitPtr = Handle<git_commit, git_commit_free>;
using TreePtr = Handle<git_tree, git_tree_free>;
using ReferencePtr = Handle<git_reference, git_reference_free>;
using OdbPtr = Handle<git_odb, git_odb_free>;
using IndexPtr = Handle<git_index, git_index_free>;
using DiffPtr = Handle<git_diff, git_diff_free>;

// Initialises libgit2 once for the process (it is reference-counted; the
// process ends with it initialised).
inline void ensure_initialised() {
  static const int k_init = git_libgit2_init();
  (void)k_init;
}

// libgit2's message for the last failure on this thread.
inline std::string last_message() {
  const git_error* error = git_error_last();
  return error != nullptr && error->message != nullptr ? error->message : "unknown libgit2 error";
}

inline std::string oid_text(const git_oid& oid) {
  char text[GIT_OID_HEXSZ + 1] = {};
  git_oid_tostr(text, sizeof text, &oid);
  return text;
}

}  // namespace slipway::model::libgit2
