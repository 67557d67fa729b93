// Tests of split_worktree on made-up indexes and folder listings: the lists
// are disjoint, cover every index entry and every entry on disk, are about
// equally heavy, and break up only real folders.
#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "model/worktree_split.hpp"

using slipway::model::FolderLister;
using slipway::model::split_worktree;

namespace {

using Lists = std::vector<std::vector<std::string>>;

// A working tree given as folder -> names; anything not in the map is not a folder.
FolderLister lister(std::map<std::string, std::vector<std::string>> folders) {
  return
      [folders = std::move(folders)](const std::string& folder) -> std::optional<std::vector<std::string>> {
        auto found = folders.find(folder);
        if (found == folders.end()) return std::nullopt;
        return found->second;
      };
}

std::vector<std::string_view> views(const std::vector<std::string>& paths) {
  return {paths.begin(), paths.end()};
}

// The list entries that stand for `path` (the path itself or a folder above it).
std::vector<std::string> covering(const Lists& lists, const std::string& path) {
  std::vector<std::string> found;
  for (const auto& list : lists) {
    for (const auto& entry : list) {
      if (path == entry || path.compare(0, entry.size() + 1, entry + "/") == 0) found.push_back(entry);
    }
  }
  return found;
}

std::size_t weight_of(const std::vector<std::string>& list, const std::vector<std::string>& index) {
  std::size_t weight = 0;
  for (const auto& path : index) {
    for (const auto& entry : list) {
      if (path == entry || path.compare(0, entry.size() + 1, entry + "/") == 0) ++weight;
    }
  }
  return weight;
}

std::vector<std::string> numbered(const std::string& folder, int count) {
  std::vector<std::string> paths;
  for (int i = 0; i < count; ++i) paths.push_back(folder + "/f" + std::to_string(100 + i) + ".txt");
  return paths;
}

}  // namespace

TEST_CASE("split_worktree covers every index entry and every root entry exactly once", "[worktree]") {
  std::vector<std::string> index = {"README.md", "a/x.txt", "a/y.txt", "b/deep/z.txt", "c.txt", "d/w.txt"};
  // On disk: "b" is gone, "new.txt" and "untracked/" are not in the index.
  auto list = lister({{"", {".git", "README.md", "a", "c.txt", "d", "new.txt", "untracked"}},
                      {"a", {"x.txt", "y.txt"}},
                      {"d", {"w.txt"}},
                      {"untracked", {"u.txt"}}});
  for (std::size_t parts : {2, 3, 4}) {
    Lists lists = split_worktree(views(index), list, parts);
    INFO("parts " << parts);
    CHECK(lists.size() == parts);
    for (const auto& path : index) CHECK(covering(lists, path).size() == 1);
    for (const auto& name : {"new.txt", "untracked", "untracked/u.txt"})
      CHECK(covering(lists, name).size() == 1);
    CHECK(covering(lists, ".git").empty());
    CHECK(covering(lists, ".git/index").empty());
    for (const auto& one : lists) {
      CHECK_FALSE(one.empty());
      CHECK(std::is_sorted(one.begin(), one.end()));
    }
  }
}

TEST_CASE("split_worktree balances by index entries, not by names", "[worktree]") {
  std::vector<std::string> index;
  for (const auto& folder : {"a", "b", "c", "d"}) {
    auto more = numbered(folder, folder == std::string("a") ? 30 : 10);
    index.insert(index.end(), more.begin(), more.end());
  }
  auto list = lister({{"", {"a", "b", "c", "d"}}});
  Lists lists = split_worktree(views(index), list, 2);
  // "a" (30 entries) is half of the 60 on its own.
  REQUIRE(lists.size() == 2);
  CHECK(lists[0] == std::vector<std::string>{"a"});
  CHECK(lists[1] == std::vector<std::string>{"b", "c", "d"});
}

TEST_CASE("split_worktree breaks up a folder that holds most of the tree", "[worktree]") {
  std::vector<std::string> index = numbered("src/one", 40);
  auto two = numbered("src/two", 40);
  index.insert(index.end(), two.begin(), two.end());
  index.push_back("src/main.cpp");
  index.push_back("README.md");
  auto list = lister({{"", {"README.md", "src"}},
                      {"src", {"main.cpp", "one", "two", "notes.txt"}},
                      {"src/one", {}},
                      {"src/two", {}}});
  Lists lists = split_worktree(views(index), list, 2);
  REQUIRE(lists.size() == 2);
  for (const auto& path : index) CHECK(covering(lists, path).size() == 1);
  CHECK(covering(lists, "src/notes.txt").size() == 1);  // untracked, found by listing src/
  CHECK(covering(lists, "src").empty());                // replaced by its children
  std::size_t first = weight_of(lists[0], index);
  std::size_t second = weight_of(lists[1], index);
  CHECK(first + second == index.size());
  CHECK(first >= 40);
  CHECK(second >= 40);
}

TEST_CASE("split_worktree leaves whole what is not a folder on disk", "[worktree]") {
  // The index has a folder "src", the working tree a file there (a type change):
  // its children would not cover the file, so "src" stays one piece.
  std::vector<std::string> index = numbered("src", 50);
  index.push_back("z.txt");
  auto list = lister({{"", {"src", "z.txt"}}});
  Lists lists = split_worktree(views(index), list, 2);
  REQUIRE(lists.size() == 2);
  CHECK(lists[0] == std::vector<std::string>{"src"});
  CHECK(lists[1] == std::vector<std::string>{"z.txt"});

  // A gitlink (a submodule) has no entries below it in the index: never broken up.
  std::vector<std::string> with_submodule = {"vendor/lib"};
  auto submodule_list = lister({{"", {"vendor"}}, {"vendor", {"lib"}}, {"vendor/lib", {"a", "b"}}});
  Lists sub = split_worktree(views(with_submodule), submodule_list, 2);
  REQUIRE(sub.size() == 1);
  CHECK(sub[0] == std::vector<std::string>{"vendor/lib"});
}

TEST_CASE("split_worktree gives no lists when the root cannot be listed, one list for one part",
          "[worktree]") {
  std::vector<std::string> index = {"a/x.txt", "b/y.txt"};
  CHECK(split_worktree(views(index), lister({}), 2).empty());
  Lists one = split_worktree(views(index), lister({{"", {"a", "b"}}}), 1);
  REQUIRE(one.size() == 1);
  CHECK(one[0] == std::vector<std::string>{"a", "b"});
  CHECK(split_worktree({}, lister({{"", {}}}), 2).empty());
  // Fewer pieces than parts: one list per piece.
  CHECK(split_worktree(views(index), lister({{"", {"a", "b"}}}), 4).size() == 2);
}
