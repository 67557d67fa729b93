// Built-in rules: private keys, JSON Web Tokens, database connection strings,
// URLs with an embedded password, framework secrets, and the two generic
// assignment rules (`password = "…"`, `api_key = "…"`) that only fire when the
// value is random enough (Shannon entropy) and does not look like code.
//
// Key markers are written as `-{5}BEGIN` so that this file does not itself
// contain a key header. See builtin_rules.hpp for the shorthands.
#include <array>

#include "stages/scan/secrets/builtin_rules.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr auto k_exact = Specificity::exact;
constexpr auto k_context = Specificity::contextual;
constexpr auto k_generic = Specificity::generic;

// Values of the generic rules that are code, not secrets: dotted member
// chains (`config.db.password`), CONSTANT_NAMES, camelCase, PascalCase and snake_case
// identifiers, plain numbers, file paths and names, and values that name a password,
// secret, token or credential rather than being one (`c.password||`,
// `secretRef: route-credentials`).
constexpr std::string_view k_code_like =
    R"(^(?:[A-Za-z_$][A-Za-z0-9_$]*\.)+[A-Za-z_$][A-Za-z0-9_$]*$|^[A-Z]+(?:_[A-Z0-9]+)*$|^[a-z]{2,}(?:[A-Z][a-z]{2,})+[0-9]{0,3}$|^(?:[A-Z][a-z]{2,}){2,}[0-9]{0,3}$|^[a-z]+(?:_[a-z]+)+$|^[0-9]+$|^(?:\.{0,2}/|~/)[A-Za-z0-9_./-]*$|[Pp]ass(?:word|wd)|[Ss]ecret|[Tt]oken|[Cc]redential|\.(?:key|pem|crt|cer|p12|pfx|jks|keystore|pub|asc|gpg|json|ya?ml|txt|env|cfg|conf|ini|properties)$)";

// Connection URIs: user, then the password (the secret), then '@'.
#define SLIPWAY_URI_PASSWORD R"(://[^:/?#@\s"']{0,64}:([^@/?#\s"'$]{3,128})@)"

const std::array k_rules = {
    // --- Private keys
    RuleSpec{
        "private-key", "Private key (PEM)", "wherever the key is trusted (replace the key pair)",
        R"(-{5}BEGIN (?:(?:RSA|DSA|EC|ENCRYPTED|DH) )?PRIVATE KEY-{5}\s{0,4}(?:[A-Za-z-]{1,30}:[^\r\n]{1,200}\r?\n\s{0,4}){0,4}([A-Za-z0-9+/]{40,64}))",
        1, 3.0, 9.5, k_exact},
    RuleSpec{"openssh-private-key", "OpenSSH private key", "every authorized_keys file that trusts it",
             R"(-{5}BEGIN OPENSSH PRIVATE KEY-{5}\s{0,4}([A-Za-z0-9+/]{40,70}))", 1, 3.0, 9.5, k_exact},
    RuleSpec{
        "pgp-private-key", "PGP private key block", "your key servers (publish a revocation certificate)",
        R"(-{5}BEGIN PGP PRIVATE KEY BLOCK-{5}\s{0,4}(?:[A-Za-z]{1,30}:[^\r\n]{0,200}\r?\n\s{0,4}){0,4}([A-Za-z0-9+/]{40,70}))",
        1, 3.0, 9.0, k_exact},
    RuleSpec{"putty-private-key", "PuTTY private key", "every server that trusts it",
             R"(Private-Lines: [0-9]{1,3}\r?\n([A-Za-z0-9+/]{40,64}))", 1, 3.0, 9.5, k_exact},
    RuleSpec{"age-secret-key", "age secret key", "whoever encrypts to its recipient (re-encrypt the files)",
             R"(\b(AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58})\b)", 1, 3.5, 9.0, k_exact},
    RuleSpec{"wireguard-private-key", "WireGuard private key",
             "the peers that trust it (generate a new key pair)",
             R"(PrivateKey\s{0,4}=\s{0,4}([A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=))", 1, 3.5, 8.5, k_exact},
    // --- Tokens
    RuleSpec{"jwt", "JSON Web Token",
             "the service that issued it (rotate its signing key if it does not expire)",
             R"(\b(eyJ[A-Za-z0-9_-]{10,1200}\.eyJ[A-Za-z0-9_-]{10,2300}\.[A-Za-z0-9_-]{10,500}){end})", 1,
             3.0, 6.5, k_context},
    // --- Databases
    RuleSpec{"postgres-uri-password", "Password in a PostgreSQL connection URI",
             "the database (change the role's password)",
             R"(\bpostgres(?:ql)?(?:\+[a-z0-9]{1,20})?)" SLIPWAY_URI_PASSWORD, 1, 3.0, 8.5, k_context},
    RuleSpec{"mysql-uri-password", "Password in a MySQL connection URI",
             "the database (change the user's password)",
             R"(\b(?:mysql|mysqlx|mariadb)(?:\+[a-z0-9]{1,20})?)" SLIPWAY_URI_PASSWORD, 1, 3.0, 8.5,
             k_context},
    RuleSpec{"mongodb-uri-password", "Password in a MongoDB connection URI",
             "the database (change the user's password)", R"(\bmongodb(?:\+srv)?)" SLIPWAY_URI_PASSWORD, 1,
             3.0, 8.5, k_context},
    RuleSpec{"redis-uri-password", "Password in a Redis connection URI",
             "the Redis server (change requirepass / the ACL user)", R"(\brediss?)" SLIPWAY_URI_PASSWORD, 1,
             3.0, 8.0, k_context},
    RuleSpec{"amqp-uri-password", "Password in an AMQP (RabbitMQ) connection URI",
             "the broker (change the user's password)", R"(\bamqps?)" SLIPWAY_URI_PASSWORD, 1, 3.0, 8.0,
             k_context},
    RuleSpec{
        "ado-net-connection-password", "Password in an ADO.NET / ODBC connection string",
        "the database (change the login's password)",
        R"((?:Server|Data Source)\s{0,2}=[^;"'\r\n]{1,200};[^"'\r\n]{0,300}(?:Password|Pwd)\s{0,2}=\s{0,2}([^;"'\s]{3,128})(?:[;"'\s]|$))",
        1, 3.0, 8.5, k_context, true},
    RuleSpec{"jdbc-password", "Password in a JDBC URL", "the database (change the user's password)",
             R"(jdbc:[a-z0-9]{2,20}:[^\s"']{0,200}[;?&]password=([^;&\s"']{3,128})(?:[;&\s"']|$))", 1, 3.0,
             8.5, k_context, true},
    RuleSpec{"cloudinary-url", "Cloudinary API secret in a CLOUDINARY_URL",
             "the Cloudinary console (API keys)", R"(cloudinary://[0-9]{10,20}:([A-Za-z0-9_-]{27})@)", 1, 3.5,
             8.0, k_exact},
    // --- Framework secrets
    RuleSpec{"django-secret-key", "Django SECRET_KEY",
             "your settings (generate a new key; sessions are reset)",
             R"(SECRET_KEY\s{0,4}=\s{0,4}["']([^"'\s]{40,100})["'])", 1, 4.0, 7.0, k_context},
    RuleSpec{"laravel-app-key", "Laravel APP_KEY", "your .env (`php artisan key:generate`)",
             R"(APP_KEY\s{0,4}=\s{0,4}["']?base64:([A-Za-z0-9+/]{43}=))", 1, 4.0, 7.5, k_exact},
    // --- Generic
    RuleSpec{"url-with-password", "Password embedded in a URL", "the service the URL points to",
             R"(\b[a-z][a-z0-9+.-]{1,20})" SLIPWAY_URI_PASSWORD R"([A-Za-z0-9])", 1, 3.0, 7.0, k_generic},
    RuleSpec{
        "generic-password",
        "Password assigned in code or configuration",
        "the system the password opens",
        R"((?:password|passwd|passphrase|\bpwd)[A-Za-z0-9_.-]{0,20}["']?\s{0,4}(?::=|=>|=|:)\s{0,4}["'\x60]?([^"'\x60\s,;()\[\]{}<>|&]{8,100}){qend})",
        1,
        3.0,
        6.0,
        k_generic,
        true,
        {},
        k_code_like},
    RuleSpec{
        "generic-api-key",
        "API key, token or secret assigned in code or configuration",
        "the service that issued it",
        R"((?:api[_.-]?key|apikey|secret|token|auth[_.-]?key|access[_.-]?key|client[_.-]?secret|private[_.-]?key)[A-Za-z0-9_.-]{0,20}["']?\s{0,4}(?::=|=>|=|:)\s{0,4}["'\x60]?([A-Za-z0-9_./+=~-]{16,200}){qend})",
        1,
        3.5,
        5.0,
        k_generic,
        true,
        {},
        k_code_like},
};

#undef SLIPWAY_URI_PASSWORD

}  // namespace

std::span<const RuleSpec> keys_rule_specs() {
  return k_rules;
}

}  // namespace slipway::scan::secrets
