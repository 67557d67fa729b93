// The built-in secret rules as data. Each family lives in its own table file
// (builtin_rules_cloud.cpp, _code.cpp, _payment_chat.cpp, _services.cpp,
// _keys.cpp); builtin_rules.cpp joins them and expands the pattern shorthands
// the tables use to stay readable:
//
//   {assign}  the rest of a variable name, an optional closing quote, an
//             assignment (= : := =>) and an optional opening quote, as in
//             `HEROKU_API_KEY="`, `"heroku_api_key": "` or `heroku-key: `
//   {end}     the end of a token of [A-Za-z0-9_-]: any other byte, or the end
//   {b64end}  the end of a base64 token: a byte outside [A-Za-z0-9+/=], or the end
//   {qend}    the end of an unquoted or quoted value: quote, white space, , ; or the end
//   {uuid}    a lower-case UUID
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "stages/scan/secrets/secret_rule.hpp"

namespace slipway::scan::secrets {

std::span<const RuleSpec> cloud_rule_specs();         // cloud providers, infrastructure, AI APIs
std::span<const RuleSpec> code_rule_specs();          // source hosts, CI systems, package registries
std::span<const RuleSpec> payment_chat_rule_specs();  // payment, chat, e-mail
std::span<const RuleSpec> services_rule_specs();      // monitoring and other SaaS
std::span<const RuleSpec> keys_rule_specs();          // private keys, JWTs, databases, URLs, generic

// Every built-in rule, in table order, with shorthands expanded.
const std::vector<SecretRule>& builtin_rules();

// Expands the shorthands listed above; other text is left alone.
std::string expand_shorthands(std::string_view pattern);

}  // namespace slipway::scan::secrets
