// Built-in rules: monitoring, productivity and other SaaS APIs. See
// builtin_rules.hpp for the shorthands.
#include <array>

#include "stages/scan/secrets/builtin_rules.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr auto k_exact = Specificity::exact;
constexpr auto k_context = Specificity::contextual;

const std::array k_rules = {
    // --- Monitoring and observability
    RuleSpec{"datadog-api-key", "Datadog API key", "Datadog (Organization settings > API keys)",
             R"((?:datadog|\bdd)[A-Za-z0-9_.-]{0,20}api[A-Za-z0-9_.-]{0,10}key{assign}([a-f0-9]{32})\b)", 1,
             3.0, 8.0, k_context, true},
    RuleSpec{"datadog-app-key", "Datadog application key",
             "Datadog (Organization settings > Application keys)",
             R"((?:datadog|\bdd)[A-Za-z0-9_.-]{0,20}app[A-Za-z0-9_.-]{0,10}key{assign}([a-f0-9]{40})\b)", 1,
             3.0, 8.0, k_context, true},
    RuleSpec{"newrelic-user-api-key", "New Relic user API key", "New Relic (API keys)",
             R"(\b(NRAK-[A-Z0-9]{27})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"newrelic-insert-key", "New Relic insert key", "New Relic (API keys)",
             R"(\b(NRII-[A-Za-z0-9_-]{32}){end})", 1, 3.5, 7.0, k_exact},
    RuleSpec{"newrelic-browser-key", "New Relic browser API key", "New Relic (API keys)",
             R"(\b(NRJS-[a-f0-9]{19})\b)", 1, 3.0, 4.0, k_exact},
    RuleSpec{"sentry-org-token", "Sentry organization auth token", "Sentry (Settings > Auth tokens)",
             R"(\b(sntrys_eyJ[A-Za-z0-9+/=_-]{80,400})(?:[^A-Za-z0-9+/=_-]|$))", 1, 4.0, 8.0, k_exact},
    RuleSpec{"sentry-user-token", "Sentry user auth token", "Sentry (User settings > Auth tokens)",
             R"(\b(sntryu_[a-f0-9]{64})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"grafana-service-account-token", "Grafana service account token",
             "Grafana (Administration > Service accounts)", R"(\b(glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8})\b)", 1,
             3.5, 8.0, k_exact},
    RuleSpec{"grafana-cloud-token", "Grafana Cloud access policy token", "Grafana Cloud (Access policies)",
             R"(\b(glc_[A-Za-z0-9+/]{32,400}={0,2}){b64end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"dynatrace-api-token", "Dynatrace API token", "Dynatrace (Access tokens)",
             R"(\b(dt0c01\.[A-Z0-9]{24}\.[A-Z0-9]{64})\b)", 1, 3.5, 8.0, k_exact},
    // --- Productivity and collaboration
    RuleSpec{"linear-api-key", "Linear API key", "Linear (Settings > API)",
             R"(\b(lin_api_[A-Za-z0-9]{40})\b)", 1, 4.0, 7.5, k_exact},
    RuleSpec{"notion-token", "Notion integration token", "Notion (Settings > Integrations)",
             R"(\b(ntn_[0-9]{11}[A-Za-z0-9]{35})\b)", 1, 4.0, 7.5, k_exact},
    RuleSpec{"notion-legacy-token", "Notion integration token (legacy format)",
             "Notion (Settings > Integrations)", R"(\b(secret_[A-Za-z0-9]{43})\b)", 1, 4.0, 7.5, k_exact},
    RuleSpec{"airtable-pat", "Airtable personal access token",
             "Airtable (Developer hub > Personal access tokens)", R"(\b(pat[A-Za-z0-9]{14}\.[a-f0-9]{64})\b)",
             1, 3.5, 8.0, k_exact},
    // No \b after the hex part: with it this literal-free pattern cost a
    // quarter of the Vectorscan pass (tests/bench/bench-scan.sh).
    RuleSpec{"asana-pat", "Asana personal access token", "Asana (My settings > Apps > Developer apps)",
             R"(\b([0-9]/[0-9]{16}/[0-9]{16}:[a-f0-9]{32}))", 1, 3.0, 8.0, k_exact},
    RuleSpec{"hubspot-private-app-token", "HubSpot private app token", "HubSpot (Settings > Private apps)",
             R"(\b(pat-(?:na|eu)[0-9]-{uuid})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"salesforce-access-token", "Salesforce access token", "Salesforce (revoke the session)",
             R"(\b(00D[A-Za-z0-9]{12,15}![A-Za-z0-9_.]{80,120})(?:[^A-Za-z0-9_.]|$))", 1, 4.0, 8.5, k_exact},
    RuleSpec{"okta-api-token", "Okta API token", "the Okta admin console (Security > API > Tokens)",
             R"(okta{assign}(00[A-Za-z0-9_-]{40}){end})", 1, 4.0, 9.0, k_context, true},
    RuleSpec{"onepassword-service-account-token", "1Password service account token",
             "1Password (Developer > Service accounts)",
             R"(\b(ops_eyJ[A-Za-z0-9+/=_-]{100,1000})(?:[^A-Za-z0-9+/=_-]|$))", 1, 4.0, 9.0, k_exact},
    RuleSpec{"tailscale-key", "Tailscale auth or API key", "the Tailscale admin console (Settings > Keys)",
             R"(\b(tskey-[a-z]{3,10}-[A-Za-z0-9]{10,20}-[A-Za-z0-9]{20,40})\b)", 1, 3.5, 8.5, k_exact},
    RuleSpec{"ngrok-authtoken", "ngrok authtoken", "the ngrok dashboard (Authtokens)",
             R"(ngrok{assign}([0-9A-Za-z]{25,27}_[0-9A-Za-z]{20,22})\b)", 1, 4.0, 7.5, k_context, true},
    RuleSpec{"typeform-token", "Typeform personal access token", "Typeform (Account > Personal tokens)",
             R"(\b(tfp_[A-Za-z0-9_.=-]{59})(?:[^A-Za-z0-9_.=-]|$))", 1, 4.0, 7.0, k_exact},
    RuleSpec{"contentful-token", "Contentful access token", "Contentful (Settings > API keys)",
             R"(contentful[A-Za-z0-9_.-]{0,20}token{assign}([A-Za-z0-9_=-]{43})(?:[^A-Za-z0-9_=-]|$))", 1,
             4.0, 7.0, k_context, true},
    RuleSpec{"frameio-token", "Frame.io API token", "Frame.io (Developer > Tokens)",
             R"(\b(fio-u-[A-Za-z0-9_=-]{64})(?:[^A-Za-z0-9_=-]|$))", 1, 4.0, 7.0, k_exact},
    // --- Maps, search, storage and developer platforms
    RuleSpec{"mapbox-secret-token", "Mapbox secret access token", "Mapbox (Account > Access tokens)",
             R"(\b(sk\.eyJ[A-Za-z0-9_-]{50,200}\.[A-Za-z0-9_-]{20,40}){end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"dropbox-access-token", "Dropbox access token", "the Dropbox App Console",
             R"(\b(sl\.(?:u\.)?[A-Za-z0-9_-]{130,160}){end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"algolia-admin-key", "Algolia admin API key", "the Algolia dashboard (API keys)",
             R"(algolia[A-Za-z0-9_.-]{0,20}(?:admin|api)[A-Za-z0-9_.-]{0,10}key{assign}([a-f0-9]{32})\b)", 1,
             3.0, 8.0, k_context, true},
    RuleSpec{"firebase-cloud-messaging-key", "Firebase Cloud Messaging server key",
             "the Firebase console (Project settings > Cloud Messaging)",
             R"(\b(AAAA[A-Za-z0-9_-]{7}:[A-Za-z0-9_-]{140}){end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"yandex-api-key", "Yandex Cloud API key", "the Yandex Cloud console (Service accounts)",
             R"(\b(AQVN[A-Za-z0-9_-]{35,38}){end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"prefect-api-key", "Prefect API key", "Prefect Cloud (Profile > API keys)",
             R"(\b(pnu_[A-Za-z0-9]{36})\b)", 1, 4.0, 8.0, k_exact},
    RuleSpec{"infracost-api-key", "Infracost API key", "Infracost Cloud (Org settings)",
             R"(\b(ico-[A-Za-z0-9]{32})\b)", 1, 4.0, 6.0, k_exact},
};

}  // namespace

std::span<const RuleSpec> services_rule_specs() {
  return k_rules;
}

}  // namespace slipway::scan::secrets
