// The decoy set of issue #4: text full of long random-looking strings that
// are not credentials — UUIDs, git SHAs, SHA-256 and SRI hashes, base64
// images, the documentation EXAMPLE keys and placeholders, lorem ipsum and
// minified JavaScript — must give no finding at all. Everything is generated
// at run time with a fixed seed.
#include <catch2/catch.hpp>
#include <string>

#include "secrets_test_support.hpp"

using namespace slipway::scan::secrets;
using namespace slipway::scan::secrets::test_support;

namespace {

void require_nothing(const std::string& name, const std::string& text,
                     const std::string& path = "decoy.txt") {
  const auto found = scan_text(text, path);
  for (const LocatedSecret& secret : found) {
    UNSCOPED_INFO(name << ": " << default_matcher().rules()[secret.rule].id << " at line " << secret.line
                       << ": " << secret.secret);
  }
  CHECK(found.empty());
}

std::string repeat_lines(SampleBuilder& builder, const std::vector<std::string>& templates, int times) {
  std::string out;
  for (int i = 0; i < times; ++i) {
    for (const std::string& line : templates) out += builder.expand(line) + "\n";
  }
  return out;
}

const char* const k_lorem =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut labore et "
    "dolore magna aliqua. Ut enim ad minim veniam, quis nostrud exercitation ullamco laboris nisi ut aliquip "
    "ex "
    "ea commodo consequat. Duis aute irure dolor in reprehenderit in voluptate velit esse cillum dolore eu "
    "fugiat nulla pariatur. Excepteur sint occaecat cupidatat non proident, sunt in culpa qui officia "
    "deserunt "
    "mollit anim id est laborum.\n";

std::string minified_js(SampleBuilder& builder) {
  std::string js =
      "!function(e,t){\"object\"==typeof exports&&\"undefined\"!=typeof "
      "module?module.exports=t():\"function\"=="
      "typeof define&&define.amd?define(t):(e=e||self).Lib=t()}(this,function(){\"use strict\";var "
      "e={token:null,"
      "apiKey:\"\",password:\"\",secret:void 0};";
  for (int i = 0; i < 400; ++i) {
    const std::string name = builder.random('l', 1) + builder.random('a', 1);
    js += builder.expand(
        "function " + name +
        "(t,n){var r=t.token||n.token,o=n.password;if(!r)throw new Error(\"missing {l:6}\");"
        "b.password=c.password||\"\",a.token=n.token||e.token,e.secretKey=c.secretKey&&c.secretKey,"
        "return e.apiKey=t.apiKey,e.secret=o,n.headers.Authorization=\"Bearer \"+r,"
        "fetch(\"/api/{l:5}/\"+t.id,{method:\"POST\",body:JSON.stringify({token:r,k:\"{h:8}\"})})}");
  }
  js += "var chunks={";
  for (int i = 0; i < 200; ++i) js += builder.expand(std::to_string(i) + ":\"{h:20}\",");
  js += "};//# sourceMappingURL=main." + builder.random('h', 20) + ".js.map\n";
  return js;
}

}  // namespace

TEST_CASE("UUIDs are not secrets") {
  SampleBuilder builder("uuids");
  require_nothing("uuids",
                  repeat_lines(builder,
                               {"{uuid}", R"("id": "{uuid}",)", "request_id={uuid}", "correlationId: {uuid}",
                                "<Guid>{uuid}</Guid>", "session = '{uuid}'"},
                               100));
}

TEST_CASE("git SHAs are not secrets") {
  SampleBuilder builder("shas");
  require_nothing("git shas", repeat_lines(builder,
                                           {"commit {h:40}", R"("sha": "{h:40}",)",
                                            "    uses: actions/checkout@{h:40}", "revision = \"{h:40}\"",
                                            "Merge: {h:7} {h:7}", "git checkout {h:40}", "ref: {h:40}"},
                                           100));
}

TEST_CASE("hashes and integrity strings are not secrets") {
  SampleBuilder builder("hashes");
  require_nothing(
      "hashes",
      repeat_lines(builder,
                   {"sha256:{h:64}", R"("checksum": "{h:64}",)", "FROM node@sha256:{h:64}",
                    "github.com/acme/lib v1.2.3 h1:{b:43}=", R"(      "integrity": "sha512-{b:86}==",)",
                    "  resolved \"https://registry.yarnpkg.com/lib/-/lib-1.0.0.tgz#{h:40}\"",
                    R"(<script src="app.js" integrity="sha384-{b:64}"></script>)", "{h:64}  release.tar.gz",
                    "md5 = {h:32}"},
                   60));
}

TEST_CASE("base64 images are not secrets") {
  SampleBuilder builder("images");
  std::string html =
      "<img alt=\"logo\" src=\"data:image/png;base64,iVBORw0KGgo" + builder.random('b', 60000) + "==\">\n";
  html += ".icon{background:url(data:image/gif;base64,R0lGODlh" + builder.random('b', 8000) + "=)}\n";
  std::string mime;
  for (int i = 0; i < 400; ++i) mime += builder.random('b', 76) + "\n";
  require_nothing("data URIs", html, "index.html");
  require_nothing("MIME base64", mime, "mail.eml");
}

TEST_CASE("documentation EXAMPLE keys and placeholders are not secrets") {
  const std::string text =
      std::string("aws_access_key_id = AKIAIOSF") + "ODNN7EXAMPLE\n" +
      "aws_secret_access_key = wJalrXUtnFEMI" + "/K7MDENG/bPxRfiCY" + "EXAMPLEKEY\n" +
      "AWS_ACCESS_KEY_ID=AKIAXXXXXXXXXXXXXXXX\n" + "token: ghp_" + "EXAMPLEexampleEXAMPLEexample12345678\n" +
      "STRIPE_KEY=sk_test_" + "EXAMPLE0000000000000000000000\n" + "password: \"your_password_here\"\n" +
      "api_key: \"<YOUR_API_KEY>\"\n" + "token: ${{ secrets.GITHUB_TOKEN }}\n" + "password = \"changeme\"\n" +
      "DATABASE_URL=postgres://user:password@localhost:5432/app\n" +
      "REDIS_URL=redis://:${REDIS_PASSWORD}@redis:6379\n" + "secret_key = \"xxxxxxxxxxxxxxxxxxxxxxxx\"\n" +
      "api_key = \"****************\"\n" + "client_secret: \"{{ vault_client_secret }}\"\n" +
      "PASSWORD=$DB_PASSWORD\n" + "password = os.environ[\"DB_PASSWORD\"]\n" +
      "password = get_password(user)\n" + "token = request.headers.get(\"X-Token\")\n" +
      "self.api_key = config.service.api_key\n" + "private_key = \"/etc/ssl/private/server.key\"\n" +
      "password_field = \"passwordConfirmation\"\n" + "private_key = \"deploy-signing.key\"\n" +
      "test \"$PWD\" = \"$GITHUB_WORKSPACE/sub\"\n" + "SECRET_TOKEN_HEADER = \"X_SLIPWAY_TOKEN_NAME\"\n";
  require_nothing("examples", text, "README.md");
}

TEST_CASE("lorem ipsum is not a secret") {
  std::string text;
  for (int i = 0; i < 200; ++i) text += k_lorem;
  require_nothing("lorem", text);
}

TEST_CASE("minified JavaScript is not a secret") {
  SampleBuilder builder("minified");
  require_nothing("minified js", minified_js(builder), "dist/app.min.js");
}
