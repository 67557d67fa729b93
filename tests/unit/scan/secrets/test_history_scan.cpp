// --history on real temporary repositories made with the git command line
// (through util::run_process, with the user's and the system's git
// configuration switched off): secrets added and later removed are found with
// the commit that introduced them (sha, author, date, path, line), on every
// branch and tag, each blob scanned once; a secret still in the working tree
// is reported once; a base commit limits the walk; a shallow clone says so.
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "../../util/temp_folder.hpp"
#include "secrets_test_support.hpp"
#include "stages/scan/secrets/builtin_rules.hpp"
#include "stages/scan/secrets/history_scanner.hpp"
#include "stages/scan/secrets/secret_scan.hpp"
#include "util/process_runner.hpp"
#include "util/strings.hpp"

using namespace slipway;
using namespace slipway::scan::secrets;

namespace fs = std::filesystem;

namespace {

std::string run_git(const fs::path& dir, const std::vector<std::string>& args,
                    const std::map<std::string, std::string>& extra_env = {}) {
  util::ProcessSpec spec;
  spec.argv = {"git", "-C", dir.string()};
  spec.argv.insert(spec.argv.end(), args.begin(), args.end());
  spec.env = {{"GIT_CONFIG_NOSYSTEM", "1"},
              {"GIT_CONFIG_GLOBAL", "/dev/null"},
              {"GIT_COMMITTER_NAME", "CI"},
              {"GIT_COMMITTER_EMAIL", "ci@example.com"}};
  for (const auto& [name, value] : extra_env) spec.env[name] = value;
  spec.timeout = std::chrono::milliseconds(60000);
  auto result = util::run_process(spec);
  REQUIRE(result.ok());
  INFO(util::join(spec.argv, " ") << "\n" << result->stdout_text << result->stderr_text);
  REQUIRE(result->exit_code == 0);
  std::string out = result->stdout_text;
  while (!out.empty() && out.back() == '\n') out.pop_back();
  return out;
}

class Repo {
 public:
  explicit Repo(fs::path dir) : m_dir(std::move(dir)) {
    fs::create_directories(m_dir);
    git({"init", "-q", "-b", "main"});
    git({"config", "commit.gpgsign", "false"});
  }
  std::string git(const std::vector<std::string>& args) const { return run_git(m_dir, args); }

  void write(const std::string& path, const std::string& content) const {
    fs::create_directories((m_dir / path).parent_path());
    std::ofstream(m_dir / path, std::ios::binary) << content;
  }
  void remove(const std::string& path) const { fs::remove(m_dir / path); }

  // Commits everything as `author` on `date` (YYYY-MM-DD); returns the sha.
  std::string commit(const std::string& message, const std::string& author, const std::string& date) const {
    run_git(m_dir, {"add", "-A"});
    run_git(m_dir, {"commit", "-q", "--allow-empty", "-m", message},
            {{"GIT_AUTHOR_NAME", author},
             {"GIT_AUTHOR_EMAIL", util::to_lower(author) + "@example.com"},
             {"GIT_AUTHOR_DATE", date + "T12:00:00+0000"},
             {"GIT_COMMITTER_DATE", date + "T12:00:00+0000"}});
    return git({"rev-parse", "HEAD"});
  }
  [[nodiscard]] const fs::path& dir() const { return m_dir; }

 private:
  fs::path m_dir;
};

struct Planted {
  std::string s1, s2, s3, s4;  // secrets of four kinds
  std::string c1, c4, c6, c7, c3;
};

// main:    c1 add a.txt(S1) -> c2 edit a.txt (S1 moves) -> c3 drop S1 -> c7 add d.txt(S4, kept)
// feature: from c3, c4 add b.txt(S2) -> c5 delete b.txt
// tag v-lost: from c3, c6 add c.txt(S3) (no branch)
Planted plant(const Repo& repo) {
  test_support::SampleBuilder builder("history");
  Planted p;
  p.s1 = builder.expand("ghp_{a:36}");
  p.s2 = builder.expand("xoxb-{d:12}-{d:12}-{a:24}");
  p.s3 = builder.expand("sk_live_{a:32}");
  p.s4 = builder.expand("glpat-{w:20}");
  repo.write("a.txt", "hello\ntoken = " + p.s1 + "\n");
  p.c1 = repo.commit("add a", "Alice", "2024-01-02");
  repo.write("a.txt", "header\nhello\ntoken = " + p.s1 + "\n");
  repo.commit("edit a", "Bob", "2024-01-03");
  repo.write("a.txt", "header\nhello\n");
  p.c3 = repo.commit("drop token", "Bob", "2024-01-04");
  repo.git({"checkout", "-q", "-b", "feature"});
  repo.write("b.txt", "x\ny\nslack: " + p.s2 + "\n");
  p.c4 = repo.commit("add b", "Carol", "2024-02-01");
  repo.remove("b.txt");
  repo.commit("remove b", "Carol", "2024-02-02");
  repo.git({"checkout", "-q", "--detach", p.c3});
  repo.write("c.txt", "stripe " + p.s3 + "\n");
  p.c6 = repo.commit("add c", "Dave", "2024-03-01");
  repo.git({"tag", "v-lost"});
  repo.git({"checkout", "-q", "main"});
  repo.write("d.txt", "gitlab: " + p.s4 + "\n");
  p.c7 = repo.commit("add d", "Erin", "2024-04-01");
  return p;
}

scan::ScanOptions options_for(const Repo& repo, bool history) {
  scan::ScanOptions options;
  options.root = repo.dir().string();
  options.files = {"a.txt", "d.txt"};
  options.history = history;
  options.jobs = 2;
  return options;
}

const model::Finding* finding_at(const scan::ScanOutcome& outcome, const std::string& path) {
  for (const model::Finding& finding : outcome.findings) {
    if (finding.location.path == path) return &finding;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("history findings name the commit that introduced them, on every ref") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  const Planted p = plant(repo);

  auto outcome = scan::scan_secrets(options_for(repo, true));
  REQUIRE(outcome.ok());
  for (const auto& finding : outcome->findings)
    UNSCOPED_INFO(finding.location.path << ": " << finding.message);
  REQUIRE(outcome->findings.size() == 4);

  const model::Finding* a = finding_at(*outcome, "a.txt");
  REQUIRE(a != nullptr);
  CHECK(a->rule_id == "secret/github-pat");
  CHECK(a->location.start_line == 2);  // the line in the introducing blob, not in the edited one
  CHECK_THAT(a->message, Catch::Contains("introduced in " + p.c1.substr(0, 12) + " by Alice on 2024-01-02"));
  CHECK_THAT(a->message, Catch::Contains("in history"));

  const model::Finding* b = finding_at(*outcome, "b.txt");
  REQUIRE(b != nullptr);
  CHECK(b->rule_id == "secret/slack-bot-token");
  CHECK(b->location.start_line == 3);
  CHECK_THAT(b->message, Catch::Contains(p.c4.substr(0, 12) + " by Carol on 2024-02-01"));

  const model::Finding* c = finding_at(*outcome, "c.txt");
  REQUIRE(c != nullptr);
  CHECK(c->rule_id == "secret/stripe-live-secret-key");
  CHECK_THAT(c->message, Catch::Contains(p.c6.substr(0, 12) + " by Dave"));

  // Still in the working tree: one finding, the working-tree one, naming its commit.
  const model::Finding* d = finding_at(*outcome, "d.txt");
  REQUIRE(d != nullptr);
  CHECK(d->rule_id == "secret/gitlab-pat");
  CHECK_THAT(d->message, Catch::Contains("(introduced in " + p.c7.substr(0, 12) + " by Erin on 2024-04-01)"));
  CHECK_THAT(d->message, !Catch::Contains("in history"));

  bool summary = false;
  for (const std::string& note : outcome->notes)
    summary = summary || util::starts_with(note, "history: 7 commits");
  CHECK(summary);
  for (const model::Finding& finding : outcome->findings) {
    for (const std::string* secret : {&p.s1, &p.s2, &p.s3, &p.s4}) {
      CHECK(finding.message.find(*secret) == std::string::npos);
    }
  }
}

TEST_CASE("without --history only the working tree is scanned") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  plant(repo);
  auto outcome = scan::scan_secrets(options_for(repo, false));
  REQUIRE(outcome.ok());
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].location.path == "d.txt");
  CHECK(outcome->findings[0].message.find("introduced") == std::string::npos);
}

TEST_CASE("a base commit limits the history to base..HEAD") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  const Planted p = plant(repo);
  auto options = options_for(repo, true);
  options.files.clear();
  options.history_base = p.c3;
  auto outcome = scan::scan_secrets(options);
  REQUIRE(outcome.ok());
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].location.path == "d.txt");
  CHECK_THAT(outcome->findings[0].message, Catch::Contains(p.c7.substr(0, 12)));

  // A base before the secret was added and removed still finds it.
  options.history_base = repo.git({"rev-list", "--max-parents=0", "HEAD"});
  auto from_root = scan::scan_secrets(options);
  REQUIRE(from_root.ok());
  // S1 was in the base commit itself; c2 only moved it within a.txt.
  CHECK(finding_at(*from_root, "a.txt") == nullptr);
  CHECK(finding_at(*from_root, "d.txt") != nullptr);
}

TEST_CASE("every reachable blob is scanned exactly once; binary and large blobs are counted") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  plant(repo);
  repo.write("logo.bin", std::string("\x89PNG\0\0\0\0", 8) + "binary");
  repo.write("big.txt", std::string(20000, 'z'));
  repo.commit("assets", "Frank", "2024-05-01");

  // What git itself counts as reachable blobs.
  const std::string objects = repo.git({"rev-list", "--objects", "--all"});
  std::set<std::string> blobs;
  for (const std::string& line : util::split_lines(objects)) {
    const std::string sha = line.substr(0, 40);
    if (repo.git({"cat-file", "-t", sha}) == "blob") blobs.insert(sha);
  }

  SecretSettings settings;
  settings.rules = builtin_rules();
  settings.max_file_size = 10000;
  auto matcher = SecretMatcher::create(settings);
  REQUIRE(matcher.ok());
  auto history = scan_history(*matcher, repo.dir().string(), "", 3);
  REQUIRE(history.ok());
  CHECK(history->commits.size() == 8);
  CHECK(history->blobs_binary == 1);
  CHECK(history->blobs_too_large == 1);
  CHECK(history->blobs_scanned + history->blobs_binary + history->blobs_too_large == blobs.size());
  CHECK(history->secrets.size() == 4);
  CHECK_FALSE(history->shallow);
  // Oldest first: the walk order is the order of introduction.
  CHECK(history->commits.front().author == "Alice");
}

TEST_CASE("a shallow clone is scanned as far as it goes and says so") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  const Planted p = plant(repo);
  run_git(folder.path(),
          {"clone", "-q", "--depth", "1", "--no-local", "file://" + repo.dir().string(), "shallow"});
  scan::ScanOptions options;
  options.root = (folder / "shallow").string();
  options.files = {"d.txt"};
  options.history = true;
  auto outcome = scan::scan_secrets(options);
  REQUIRE(outcome.ok());
  bool warned = false;
  for (const std::string& note : outcome->notes) warned = warned || note.find("shallow") != std::string::npos;
  CHECK(warned);
  REQUIRE(outcome->findings.size() == 1);
  CHECK(outcome->findings[0].location.path == "d.txt");
}

TEST_CASE("a partial clone without blobs is scanned as far as it goes and says so") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  plant(repo);
  repo.git({"config", "uploadpack.allowFilter", "true"});
  run_git(folder.path(), {"clone", "-q", "--no-checkout", "--filter=blob:none", "--no-local",
                          "file://" + repo.dir().string(), "partial"});
  scan::ScanOptions options;
  options.root = (folder / "partial").string();
  options.history = true;
  auto outcome = scan::scan_secrets(options);
  REQUIRE(outcome.ok());
  bool noted = false;
  for (const std::string& note : outcome->notes)
    noted = noted || note.find("not in this clone") != std::string::npos;
  CHECK(noted);
}

TEST_CASE("a folder that is not a repository is an error for --history") {
  slipway::test::TempFolder folder;
  folder.write("plain/x.txt", "nothing\n");
  scan::ScanOptions options;
  options.root = (folder / "plain").string();
  options.files = {"x.txt"};
  options.history = true;
  auto outcome = scan::scan_secrets(options);
  REQUIRE_FALSE(outcome.ok());
  CHECK_THAT(outcome.error().message, Catch::Contains("history"));
}

// The walk hands blobs to the scanning threads while it goes on
// (blob_queue.hpp): whatever the number of threads and however they race
// the walk, each secret comes out once, with the commit that introduced it,
// in walk order.
TEST_CASE("the history scan gives the same result, in the same order, with 1, 2 and 5 threads") {
  slipway::test::TempFolder folder;
  Repo repo(folder / "repo");
  test_support::SampleBuilder builder("threads");
  std::map<std::string, std::string> introduced;  // secret -> commit
  for (int i = 0; i < 40; ++i) {
    const std::string secret = builder.expand("ghp_{a:36}");
    const std::string path = "dir" + std::to_string(i % 7) + "/file" + std::to_string(i) + ".txt";
    repo.write(path, "line\ntoken = " + secret + "\n");
    if (i % 3 == 0) repo.write("shared.txt", "edit " + std::to_string(i) + "\n");
    introduced[secret] = repo.commit("add " + path, "Alice", "2024-01-02");
    if (i % 5 == 4) {
      repo.remove(path);
      repo.commit("remove " + path, "Bob", "2024-01-03");
    }
  }
  SecretSettings settings;
  settings.rules = builtin_rules();
  auto matcher = SecretMatcher::create(settings);
  REQUIRE(matcher.ok());

  using Row = std::tuple<std::string, std::string, std::string, int>;  // secret, path, commit, line
  auto rows_with = [&](int jobs) {
    auto history = scan_history(*matcher, repo.dir().string(), "", jobs);
    REQUIRE(history.ok());
    std::vector<Row> rows;
    for (const HistorySecret& found : history->secrets) {
      rows.emplace_back(found.secret.secret, found.path, history->commits[found.commit].sha,
                        found.secret.line);
    }
    return rows;
  };
  const std::vector<Row> one = rows_with(1);
  REQUIRE(one.size() == introduced.size());
  for (const auto& [secret, path, commit, line] : one) {
    INFO(path);
    CHECK(commit == introduced.at(secret));
    CHECK(line == 2);
  }
  CHECK(rows_with(2) == one);
  CHECK(rows_with(5) == one);
}
