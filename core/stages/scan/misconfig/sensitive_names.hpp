// Does a variable name say it holds a secret? Shared by the Dockerfile
// ENV/ARG, Kubernetes env, GitLab variables and GitLab script checks, so the
// same names count everywhere.
//
// A name is split into words at '_', '-', '.', and lower-to-upper case
// changes ("dbPassword" -> db, password). It is secret-like when a word is one
// of password, passwd, passphrase, secret, token, credential(s), apikey,
// privatekey, accesskey, secretkey, authkey, or two adjacent words form api
// key, private key, access key, secret key or auth key, or a word is pwd in a
// longer name (PWD alone is the working directory). A name whose last word
// says it holds something else about the secret (file, path, dir, name, url,
// type, id, length, ...) is not: PASSWORD_FILE, TOKEN_URL, SECRET_NAME.
#pragma once

#include <string_view>

namespace slipway::scan::misconfig {

bool is_secret_name(std::string_view name);

// True when the value only refers to another variable ($X, ${X}, $(X),
// ${{ secrets.X }}, %X%) or is empty: such a value is not a written secret.
bool is_reference_only(std::string_view value);

}  // namespace slipway::scan::misconfig
