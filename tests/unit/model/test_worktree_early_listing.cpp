// Tests of the early listing (model/worktree_early_listing.cpp) on real
// folders: what it records for each name, what it leaves out (the root's
// .git, the inside of symbolic links), and that stopping it hands over only
// complete listings.
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "git_test_repo.hpp"
#include "model/worktree_early_listing.hpp"

namespace fs = std::filesystem;
using slipway::model::EarlyListing;
using slipway::model::FolderListings;
using slipway::model::ListedEntry;
using slipway::test::TempDir;

namespace {

void write_file(const fs::path& file, const std::string& content) {
  fs::create_directories(file.parent_path());
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << content;
}

std::vector<std::string> names(const std::vector<ListedEntry>& entries) {
  std::vector<std::string> out;
  for (const ListedEntry& entry : entries) out.push_back(entry.name);
  std::sort(out.begin(), out.end());
  return out;
}

const ListedEntry& named(const std::vector<ListedEntry>& entries, const std::string& name) {
  auto found =
      std::find_if(entries.begin(), entries.end(), [&](const ListedEntry& e) { return e.name == name; });
  REQUIRE(found != entries.end());
  return *found;
}

// Opens `root` for the duration of a test.
class RootFolder {
 public:
  explicit RootFolder(const fs::path& root) : m_fd(open(root.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    REQUIRE(m_fd >= 0);
  }
  RootFolder(const RootFolder&) = delete;
  RootFolder& operator=(const RootFolder&) = delete;
  ~RootFolder() { close(m_fd); }
  [[nodiscard]] int fd() const { return m_fd; }

 private:
  int m_fd;
};

}  // namespace

TEST_CASE("early listing: every folder, each name with its type and stat data", "[worktree][early]") {
  TempDir temp;
  const fs::path root = temp.path();
  write_file(root / "a.txt", "twelve bytes");
  write_file(root / "src/deep/b.c", "x");
  write_file(root / "run.sh", "#!/bin/sh\n");
  fs::permissions(root / "run.sh", fs::perms::owner_exec, fs::perm_options::add);
  write_file(root / ".git/HEAD", "ref: refs/heads/main\n");
  write_file(root / "src/.git", "gitdir: elsewhere\n");  // only the root's .git is left out
  write_file(root / "outside/secret.txt", "not to be listed through the link\n");
  fs::create_symlink(root / "outside", root / "src/link");

  RootFolder folder(root);
  EarlyListing listing(folder.fd());
  listing.wait();
  const FolderListings listed = listing.take();

  REQUIRE(listed.count("") == 1);
  CHECK(names(listed.at("")) == std::vector<std::string>{"a.txt", "outside", "run.sh", "src"});
  CHECK(names(listed.at("src")) == std::vector<std::string>{".git", "deep", "link"});
  CHECK(names(listed.at("src/deep")) == std::vector<std::string>{"b.c"});
  CHECK(listed.count(".git") == 0);
  CHECK(listed.count("src/link") == 0);  // a symbolic link is a name, not a folder
  CHECK(listed.count("outside") == 1);

  const ListedEntry& text = named(listed.at(""), "a.txt");
  CHECK(text.type == DT_REG);
  CHECK(text.stat_ok);
  CHECK(text.status.stat.size == 12);
  CHECK(S_ISREG(text.status.mode));
  CHECK((named(listed.at(""), "run.sh").status.mode & S_IXUSR) != 0);
  const ListedEntry& link = named(listed.at("src"), "link");
  CHECK(link.type == DT_LNK);
  CHECK(S_ISLNK(link.status.mode));
  const ListedEntry& sub = named(listed.at(""), "src");
  CHECK(sub.type == DT_DIR);
  CHECK_FALSE(sub.stat_ok);  // folders are not stat'ed
}

TEST_CASE("early listing: stopped at once, it hands over only complete folders", "[worktree][early]") {
  TempDir temp;
  const fs::path root = temp.path();
  for (int folder = 0; folder < 40; ++folder) {
    for (int file = 0; file < 50; ++file) {
      write_file(root / ("f" + std::to_string(folder)) / ("n" + std::to_string(file)), "x");
    }
  }
  RootFolder folder(root);
  EarlyListing listing(folder.fd());
  const FolderListings listed = listing.take();  // may be anything from nothing to everything
  for (const auto& [path, entries] : listed) {
    INFO(path);
    CHECK(entries.size() == (path.empty() ? 40u : 50u));
  }
}
