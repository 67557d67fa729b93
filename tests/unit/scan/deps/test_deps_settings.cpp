// The scan.deps schema and settings: a sound schema, defaults without a
// configuration, the cache folder from $XDG_CACHE_HOME / $HOME, and the
// download URL from a base or a template.
#include <catch2/catch.hpp>

#include "deps_test_support.hpp"
#include "stages/scan/deps/deps_settings.hpp"

namespace slipway::scan::deps {

TEST_CASE("the scan.deps schema is sound and fully under scan.deps", "[deps][settings]") {
  const model::ConfigSchema schema = deps_config_schema();
  CHECK(model::schema_problems(schema).empty());
  for (const model::ConfigKey& key : schema) CHECK(key.path.rfind("scan.deps.", 0) == 0);
}

TEST_CASE("settings: defaults without a configuration, values from one", "[deps][settings]") {
  const DepsSettings defaults = read_deps_settings(nullptr);
  CHECK(defaults.db_dir.empty());
  CHECK(defaults.db_url == "https://osv-vulnerabilities.storage.googleapis.com");
  CHECK_FALSE(defaults.selected_only);
  CHECK_FALSE(defaults.strict);
  CHECK(defaults.download_timeout == std::chrono::seconds(600));

  const model::Config config = test::deps_config("/tmp/osv", {{"scan.deps.scope", "selected"},
                                                              {"scan.deps.strict", "true"},
                                                              {"scan.deps.ignore", "GHSA-1,CVE-2"},
                                                              {"scan.deps.download-timeout", "30"}});
  const DepsSettings settings = read_deps_settings(&config);
  CHECK(settings.db_dir == "/tmp/osv");
  CHECK(settings.selected_only);
  CHECK(settings.strict);
  CHECK(settings.ignore == std::vector<std::string>{"GHSA-1", "CVE-2"});
  CHECK(settings.download_timeout == std::chrono::seconds(30));

  model::Config bad(deps_config_schema());
  CHECK_FALSE(bad.apply_flag("scan.deps.scope", "everything", "--scope").ok());
  CHECK_FALSE(bad.apply_flag("scan.deps.download-timeout", "0", "--timeout").ok());
}

TEST_CASE("the advisory cache folder", "[deps][settings]") {
  DepsSettings settings;
  CHECK(advisory_db_dir(settings, {{"HOME", "/home/u"}}) == "/home/u/.cache/slipway/osv");
  CHECK(advisory_db_dir(settings, {{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "/var/cache/u"}}) ==
        "/var/cache/u/slipway/osv");
  CHECK(advisory_db_dir(settings, {{"HOME", "/home/u"}, {"XDG_CACHE_HOME", "relative"}}) ==
        "/home/u/.cache/slipway/osv");
  settings.db_dir = "~/osv";
  CHECK(advisory_db_dir(settings, {{"HOME", "/home/u"}}) == "/home/u/osv");
  settings.db_dir = "/srv/osv";
  CHECK(advisory_db_dir(settings, {{"HOME", "/home/u"}}) == "/srv/osv");
  CHECK(advisory_archive_path("/srv/osv", "crates.io") == "/srv/osv/crates.io/all.zip");
}

TEST_CASE("the download URL of an ecosystem", "[deps][settings]") {
  DepsSettings settings;
  CHECK(advisory_db_url(settings, "PyPI") ==
        "https://osv-vulnerabilities.storage.googleapis.com/PyPI/all.zip");
  settings.db_url = "https://mirror.example/osv/";
  CHECK(advisory_db_url(settings, "npm") == "https://mirror.example/osv/npm/all.zip");
  settings.db_url = "https://mirror.example/{ecosystem}-latest.zip";
  CHECK(advisory_db_url(settings, "Go") == "https://mirror.example/Go-latest.zip");
}

}  // namespace slipway::scan::deps
