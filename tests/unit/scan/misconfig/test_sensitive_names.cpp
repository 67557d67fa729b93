// Tests of secret-like names and reference-only values (stages/scan/misconfig/sensitive_names.cpp).
#include <catch2/catch.hpp>

#include "stages/scan/misconfig/sensitive_names.hpp"

using namespace slipway::scan::misconfig;

TEST_CASE("is_secret_name recognises secret-like names", "[scan][misconfig][names]") {
  for (const char* name :
       {"PASSWORD", "DB_PASSWORD", "dbPassword", "NPM_TOKEN", "api-key", "API_KEY", "apiKey",
        "AWS_SECRET_ACCESS_KEY", "PRIVATE_KEY", "GOOGLE_CREDENTIALS", "SECRET_KEY_BASE", "MYSQL_ROOT_PASSWD",
        "DB_PWD", "GPG_PASSPHRASE", "client.secret"}) {
    INFO(name);
    CHECK(is_secret_name(name));
  }
}

TEST_CASE("is_secret_name leaves ordinary and metadata names alone", "[scan][misconfig][names]") {
  for (const char* name :
       {"PWD", "PATH", "TOKENIZER_MODEL", "SORT_KEY", "CACHE_KEY", "PASSWORD_FILE", "TOKEN_URL",
        "SECRET_NAME", "AWS_ACCESS_KEY_ID", "GITHUB_TOKEN_PATH", "KEYBOARD", "", "___"}) {
    INFO(name);
    CHECK_FALSE(is_secret_name(name));
  }
}

TEST_CASE("is_reference_only accepts variable references only", "[scan][misconfig][names]") {
  for (const char* value :
       {"", "  ", "$TOKEN", "${TOKEN}", "${TOKEN:-x}", "$(TOKEN)", "${{ secrets.TOKEN }}", "%TOKEN%"}) {
    INFO(value);
    CHECK(is_reference_only(value));
  }
  for (const char* value : {"hunter2", "prefix-$TOKEN", "$TOKEN$OTHER", "glpat-xxxxxxxx"}) {
    INFO(value);
    CHECK_FALSE(is_reference_only(value));
  }
  CHECK_FALSE(is_reference_only("$" + std::string(100000, 'A')));
}
