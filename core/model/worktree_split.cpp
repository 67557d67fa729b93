// Splitting the working tree into path lists (see worktree_split.hpp).
#include "model/worktree_split.hpp"

#include <algorithm>
#include <map>

namespace slipway::model {

namespace {

struct Piece {
  std::size_t weight = 0;        // index entries at or below the path (at least 1)
  bool folder_in_index = false;  // the index has entries below it
};

using Pieces = std::map<std::string, Piece, std::less<>>;

// Deep enough for any real layout; a bound so that a pathological tree
// cannot keep the loop going.
constexpr int k_max_expansions = 32;

// Adds the children of `folder` ("" for the root): the next component of the
// index entries below it, then the names the working tree holds there.
void add_children(Pieces& pieces, const std::vector<std::string_view>& index_paths, const std::string& folder,
                  const std::vector<std::string>& listed) {
  const std::string prefix = folder.empty() ? std::string{} : folder + "/";
  // The index is sorted, so entries of one child come together: the map is
  // looked up only when the child changes.
  std::string_view current;
  Piece* piece = nullptr;
  for (std::string_view path : index_paths) {
    if (path.size() <= prefix.size() || path.compare(0, prefix.size(), prefix) != 0) continue;
    const std::size_t slash = path.find('/', prefix.size());
    const std::string_view child = path.substr(0, slash);
    if (piece == nullptr || child != current) {
      auto found = pieces.find(child);
      if (found == pieces.end()) found = pieces.emplace(std::string(child), Piece{}).first;
      piece = &found->second;
      current = child;
    }
    ++piece->weight;
    if (slash != std::string_view::npos) piece->folder_in_index = true;
  }
  for (const std::string& name : listed) {
    if (name.empty() || name == "." || name == ".." || name == ".git") continue;
    Piece& entry = pieces[prefix + name];
    entry.weight = std::max<std::size_t>(entry.weight, 1);
  }
}

std::size_t total_weight(const Pieces& pieces) {
  std::size_t total = 0;
  for (const auto& [path, piece] : pieces) total += piece.weight;
  return total;
}

}  // namespace

std::vector<std::vector<std::string>> split_worktree(const std::vector<std::string_view>& index_paths,
                                                     const FolderLister& list_folder, std::size_t parts) {
  parts = std::max<std::size_t>(parts, 1);
  std::optional<std::vector<std::string>> root = list_folder("");
  if (!root) return {};
  Pieces pieces;
  add_children(pieces, index_paths, "", *root);

  // Break up a piece heavier than one list's share, while it is a folder both
  // in the index and on disk.
  for (int round = 0; round < k_max_expansions && parts > 1; ++round) {
    const std::size_t total = total_weight(pieces);
    auto heaviest = std::max_element(pieces.begin(), pieces.end(), [](const auto& a, const auto& b) {
      return a.second.weight < b.second.weight;
    });
    if (heaviest == pieces.end() || heaviest->second.weight * parts <= total) break;
    if (!heaviest->second.folder_in_index) break;
    const std::string folder = heaviest->first;
    std::optional<std::vector<std::string>> listed = list_folder(folder);
    if (!listed) break;
    pieces.erase(heaviest);
    add_children(pieces, index_paths, folder, *listed);
  }

  // Consecutive pieces, a new list once the ones so far hold their share.
  const std::size_t total = total_weight(pieces);
  std::vector<std::vector<std::string>> lists(1);
  std::size_t done = 0;
  for (const auto& [path, piece] : pieces) {
    if (!lists.back().empty() && lists.size() < parts && done * parts >= total * lists.size()) {
      lists.emplace_back();
    }
    lists.back().push_back(path);
    done += piece.weight;
  }
  if (lists.back().empty()) lists.pop_back();
  return lists;
}

}  // namespace slipway::model
