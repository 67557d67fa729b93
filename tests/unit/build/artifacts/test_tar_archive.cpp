// Tests of the deterministic tar.gz (tar_archive.cpp): the same inputs give
// the same bytes even when the files' times and owners change in between,
// and both libarchive and GNU tar read the entries back as written.
#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include "artifacts_test_support.hpp"
#include "util/hash.hpp"

using namespace slipway;
using namespace slipway::build;
using namespace slipway::build::test;

namespace {

struct Entry {
  std::string path;
  std::int64_t size = 0;
  int mode = 0;
  std::int64_t mtime = 0;
  std::int64_t uid = -1;
  std::int64_t gid = -1;
  std::string content;
};

std::vector<Entry> read_entries(const std::string& archive_path) {
  archive* reader = archive_read_new();
  archive_read_support_filter_all(reader);
  archive_read_support_format_all(reader);
  REQUIRE(archive_read_open_filename(reader, archive_path.c_str(), 10240) == ARCHIVE_OK);
  std::vector<Entry> entries;
  archive_entry* header = nullptr;
  while (archive_read_next_header(reader, &header) == ARCHIVE_OK) {
    Entry entry;
    entry.path = archive_entry_pathname(header);
    entry.size = archive_entry_size(header);
    entry.mode = static_cast<int>(archive_entry_perm(header));
    entry.mtime = archive_entry_mtime(header);
    entry.uid = archive_entry_uid(header);
    entry.gid = archive_entry_gid(header);
    std::string content(static_cast<std::size_t>(entry.size), '\0');
    if (entry.size > 0) REQUIRE(archive_read_data(reader, content.data(), content.size()) == entry.size);
    entry.content = content;
    entries.push_back(entry);
  }
  archive_read_free(reader);
  return entries;
}

void fill(const Workspace& workspace) {
  workspace.write("dist/bin/app", "#!/bin/sh\necho app\n");
  fs::permissions(workspace.root() / "dist/bin/app", fs::perms::owner_exec | fs::perms::group_exec,
                  fs::perm_options::add);
  workspace.write("dist/share/readme.txt", "read me\n");
  workspace.write("dist/" + std::string(120, 'n') + "/long-name.txt",
                  "a path longer than ustar's 100 bytes\n");
  workspace.write("docs/guide.md", "# Guide\n");
}

}  // namespace

TEST_CASE("the tar.gz is byte-identical across runs, whatever the files' times and owners",
          "[artifacts][archive]") {
  Workspace workspace;
  fill(workspace);
  ArtifactOptions options;
  options.archive = true;
  options.archive_mtime = 1700000000;
  const ArtifactSet first = collect_ok(workspace, {"dist/", "docs/*.md"}, options);
  REQUIRE(first.artifacts.size() == 1);
  CHECK(first.artifacts[0].name == "artifacts.tar.gz");
  const std::string first_bytes = read_text(first.artifacts[0].path);
  // gzip header: magic, deflate, no flags, MTIME all zero.
  REQUIRE(first_bytes.size() > 10);
  CHECK(first_bytes.substr(0, 4) == std::string("\x1f\x8b\x08\x00", 4));
  CHECK(first_bytes.substr(4, 4) == std::string(4, '\0'));

  // Touch every input, change owners and the umask-given modes of non-executables.
  for (const auto& entry : fs::recursive_directory_iterator(workspace.root() / "dist")) {
    if (!entry.is_regular_file()) continue;
    fs::last_write_time(entry.path(), fs::file_time_type::clock::now() - std::chrono::hours(24 * 400));
    REQUIRE(::chown(entry.path().c_str(), 1234, 5678) == 0);
  }
  fs::permissions(workspace.root() / "docs/guide.md", fs::perms::owner_read | fs::perms::owner_write);
  const ArtifactSet second = collect_ok(workspace, {"dist/", "docs/*.md"}, options);
  CHECK(read_text(second.artifacts[0].path) == first_bytes);
  CHECK(second.artifacts[0].sha256 == first.artifacts[0].sha256);
  CHECK(read_text(second.checksums_path) == first.artifacts[0].sha256 + "  artifacts.tar.gz\n");

  // A changed content changes the bytes.
  workspace.write("docs/guide.md", "# Guide, edited\n");
  const ArtifactSet third = collect_ok(workspace, {"dist/", "docs/*.md"}, options);
  CHECK(third.artifacts[0].sha256 != first.artifacts[0].sha256);
}

TEST_CASE("libarchive and GNU tar list the entries as written", "[artifacts][archive]") {
  Workspace workspace;
  fill(workspace);
  ArtifactOptions options;
  options.archive = true;
  options.archive_name = "release-1.0.tar.gz";
  options.archive_mtime = 1700000000;
  const ArtifactSet set = collect_ok(workspace, {"dist/", "docs/*.md"}, options);
  REQUIRE(set.artifacts.size() == 1);
  const Artifact& archive = set.artifacts[0];
  CHECK(archive.path == set.directory + "/release-1.0.tar.gz");
  const std::string long_path = "dist/" + std::string(120, 'n') + "/long-name.txt";
  CHECK(archive.sources ==
        std::vector<std::string>{"dist/bin/app", long_path, "dist/share/readme.txt", "docs/guide.md"});

  const std::vector<Entry> entries = read_entries(archive.path);
  REQUIRE(entries.size() == 4);
  for (std::size_t i = 0; i < entries.size(); ++i) {
    CHECK(entries[i].path == archive.sources[i]);
    CHECK(entries[i].content == read_text(workspace.root() / archive.sources[i]));
    CHECK(entries[i].mtime == 1700000000);
    CHECK(entries[i].uid == 0);
    CHECK(entries[i].gid == 0);
    CHECK(entries[i].mode == (i == 0 ? 0755 : 0644));
  }

  const util::ProcessResult listing = run_tool({"tar", "-tzf", archive.path});
  CHECK(listing.exit_code == 0);
  CHECK(listing.stdout_text == "dist/bin/app\n" + long_path + "\ndist/share/readme.txt\ndocs/guide.md\n");
}
