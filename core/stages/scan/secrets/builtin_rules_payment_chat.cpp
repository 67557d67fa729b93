// Built-in rules: payment providers, chat and social platforms, and e-mail
// delivery services. See builtin_rules.hpp for the shorthands.
#include <array>

#include "stages/scan/secrets/builtin_rules.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr auto k_exact = Specificity::exact;
constexpr auto k_context = Specificity::contextual;

const std::array k_rules = {
    // --- Payment
    RuleSpec{"stripe-live-secret-key", "Stripe live secret key",
             "the Stripe dashboard (Developers > API keys)", R"(\b(sk_live_[A-Za-z0-9]{24,99})\b)", 1, 3.5,
             9.5, k_exact},
    RuleSpec{"stripe-test-secret-key", "Stripe test-mode secret key",
             "the Stripe dashboard (Developers > API keys)", R"(\b(sk_test_[A-Za-z0-9]{24,99})\b)", 1, 3.5,
             4.0, k_exact},
    RuleSpec{"stripe-restricted-key", "Stripe restricted key", "the Stripe dashboard (Developers > API keys)",
             R"(\b(rk_(?:live|test)_[A-Za-z0-9]{24,99})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"stripe-webhook-secret", "Stripe webhook signing secret",
             "the Stripe dashboard (Developers > Webhooks)", R"(\b(whsec_[A-Za-z0-9]{32,64})\b)", 1, 3.5, 7.0,
             k_exact},
    RuleSpec{"braintree-access-token", "PayPal Braintree access token", "the Braintree control panel",
             R"(\b(access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32})\b)", 1, 3.5, 9.0,
             k_exact},
    RuleSpec{"paypal-client-secret", "PayPal REST client secret", "the PayPal developer dashboard",
             R"(paypal[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9_-]{80}){end})", 1, 4.0, 9.0, k_context,
             true},
    RuleSpec{"square-access-token", "Square access token", "the Square developer dashboard",
             R"(\b((?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}){end})", 1, 3.5, 9.0, k_exact},
    RuleSpec{"square-oauth-secret", "Square OAuth application secret", "the Square developer dashboard",
             R"(\b(sq0csp-[A-Za-z0-9_-]{43}){end})", 1, 3.5, 9.0, k_exact},
    RuleSpec{"razorpay-key-secret", "Razorpay key secret", "the Razorpay dashboard (API keys)",
             R"(razorpay[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9]{24})\b)", 1, 3.5, 9.0, k_context,
             true},
    RuleSpec{"flutterwave-secret-key", "Flutterwave secret key", "the Flutterwave dashboard (API keys)",
             R"(\b(FLWSECK(?:_TEST)?-[a-f0-9]{32}-X)\b)", 1, 3.0, 9.0, k_exact},
    RuleSpec{"shopify-access-token", "Shopify access token", "the Shopify admin (Apps > Develop apps)",
             R"(\b(shp(?:at|ca|pa)_[a-fA-F0-9]{32})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"shopify-shared-secret", "Shopify app shared secret", "the Shopify Partners dashboard",
             R"(\b(shpss_[a-fA-F0-9]{32})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"plaid-access-token", "Plaid access token", "Plaid (/item/remove, or the dashboard)",
             R"(\b(access-(?:sandbox|development|production)-{uuid})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"gocardless-access-token", "GoCardless access token", "the GoCardless dashboard (Developers)",
             R"(gocardless{assign}(live_[A-Za-z0-9_=-]{40}){end})", 1, 4.0, 9.0, k_context, true},
    RuleSpec{"easypost-api-key", "EasyPost API key", "the EasyPost dashboard (API keys)",
             R"(\b(EZ[AT]K[A-Za-z0-9]{54})\b)", 1, 4.0, 8.0, k_exact},
    RuleSpec{"shippo-api-token", "Shippo API token", "the Shippo dashboard (API)",
             R"(\b(shippo_(?:live|test)_[a-f0-9]{40})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"duffel-api-token", "Duffel API token", "the Duffel dashboard (Access tokens)",
             R"(\b(duffel_(?:test|live)_[A-Za-z0-9_=-]{43})(?:[^A-Za-z0-9_=-]|$))", 1, 4.0, 8.0, k_exact},
    // --- Chat and social
    RuleSpec{"slack-bot-token", "Slack bot token", "Slack (app settings > OAuth & Permissions)",
             R"(\b(xoxb-[0-9]{10,13}-[0-9]{10,13}-[A-Za-z0-9]{24,34})\b)", 1, 3.5, 8.5, k_exact},
    RuleSpec{"slack-user-token", "Slack user token", "Slack (app settings > OAuth & Permissions)",
             R"(\b(xoxp-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-f0-9]{32,64})\b)", 1, 3.5, 9.0, k_exact},
    RuleSpec{"slack-app-token", "Slack app-level token", "Slack (app settings > Basic information)",
             R"(\b(xapp-[0-9]-[A-Z0-9]{9,12}-[0-9]{10,13}-[a-f0-9]{64})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"slack-config-token", "Slack configuration or refresh token",
             "Slack (Your apps > configuration tokens)",
             R"(\b(xoxe(?:\.xox[bp])?-[0-9]-[A-Z0-9]{140,170})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"slack-legacy-token", "Slack legacy workspace or refresh token", "Slack (app settings)",
             R"(\b(xox[ar]-[0-9]{1,2}-[A-Za-z0-9-]{40,160})(?:[^A-Za-z0-9-]|$))", 1, 3.5, 8.0, k_exact},
    RuleSpec{"slack-webhook-url", "Slack incoming webhook URL", "Slack (app settings > Incoming webhooks)",
             R"(hooks\.slack\.com/services/(T[A-Z0-9]{8,12}/B[A-Z0-9]{8,12}/[A-Za-z0-9]{23,25})\b)", 1, 3.5,
             7.0, k_exact},
    RuleSpec{
        "slack-workflow-webhook-url", "Slack workflow webhook URL", "Slack (Workflow Builder)",
        R"(hooks\.slack\.com/(?:workflows|triggers)/(T[A-Z0-9]{8,12}/[A-Za-z0-9]{8,12}/[0-9]{15,20}/[A-Za-z0-9]{23,32})\b)",
        1, 3.5, 7.0, k_exact},
    // The first part is the bot's numeric id in base64: the digits' ASCII
    // codes (0x30-0x39) fix the first four characters to these classes. The
    // classes also keep this literal-free pattern from slowing the whole
    // Vectorscan pass (tests/bench/bench-scan.sh: 30 % of it with [MNO] alone).
    RuleSpec{
        "discord-bot-token", "Discord bot token", "the Discord developer portal (Bot > Reset token)",
        R"(\b([MNO][DTjz][AEIMQUYcgk][w-z0-5][A-Za-z0-9_-]{19,21}\.[A-Za-z0-9_-]{6}\.[A-Za-z0-9_-]{27,38}){end})",
        1, 4.0, 8.5, k_exact},
    RuleSpec{"discord-webhook-url", "Discord webhook URL", "Discord (channel settings > Integrations)",
             R"(discord(?:app)?\.com/api/webhooks/([0-9]{17,20}/[A-Za-z0-9_-]{60,70}){end})", 1, 3.5, 7.0,
             k_exact},
    RuleSpec{"telegram-bot-token", "Telegram bot token", "Telegram (@BotFather, /revoke)",
             R"(\b([0-9]{8,10}:AA[A-Za-z0-9_-]{33}){end})", 1, 3.5, 8.0, k_exact},
    RuleSpec{
        "microsoft-teams-webhook-url", "Microsoft Teams incoming webhook URL",
        "Microsoft Teams (channel > Connectors)",
        R"(\.webhook\.office\.com/webhookb2/[a-f0-9-]{36}@[a-f0-9-]{36}/IncomingWebhook/([a-f0-9]{32}/[a-f0-9-]{36}))",
        1, 3.0, 7.0, k_exact},
    RuleSpec{"twilio-api-key", "Twilio API key", "the Twilio console (API keys)", R"(\b(SK[0-9a-f]{32})\b)",
             1, 3.0, 8.0, k_exact},
    RuleSpec{"twilio-auth-token", "Twilio auth token", "the Twilio console (Account > Auth tokens)",
             R"(twilio[A-Za-z0-9_.-]{0,20}(?:auth|token){assign}([a-f0-9]{32})\b)", 1, 3.0, 9.0, k_context,
             true},
    RuleSpec{"mattermost-token", "Mattermost access token", "Mattermost (Profile > Security > Tokens)",
             R"(mattermost[A-Za-z0-9_.-]{0,20}token{assign}([a-z0-9]{26})\b)", 1, 3.5, 7.5, k_context, true},
    RuleSpec{"facebook-access-token", "Facebook (Meta) access token",
             "Meta for Developers (the app's settings)", R"(\b(EAA[A-Za-z0-9]{100,400})\b)", 1, 4.0, 8.0,
             k_exact},
    RuleSpec{"facebook-app-secret", "Facebook (Meta) app secret",
             "Meta for Developers (App settings > Basic)",
             R"((?:facebook|\bfb)[A-Za-z0-9_.-]{0,20}secret{assign}([a-f0-9]{32})\b)", 1, 3.0, 8.5, k_context,
             true},
    RuleSpec{"twitter-bearer-token", "X (Twitter) bearer token", "the X developer portal (Keys and tokens)",
             R"((?:["'\x60\s=:]|Bearer )(A{22}[A-Za-z0-9%]{60,120})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"twitter-api-secret", "X (Twitter) API secret", "the X developer portal (Keys and tokens)",
             R"(twitter[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9]{50})\b)", 1, 4.0, 8.5, k_context, true},
    RuleSpec{"twitch-api-token", "Twitch API token or client secret", "the Twitch developer console",
             R"(twitch[A-Za-z0-9_.-]{0,20}(?:token|secret){assign}([a-z0-9]{30})\b)", 1, 3.5, 7.5, k_context,
             true},
    RuleSpec{"linkedin-client-secret", "LinkedIn client secret", "the LinkedIn developer portal (Auth)",
             R"(linkedin[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9]{16})\b)", 1, 3.0, 8.0, k_context,
             true},
    RuleSpec{"intercom-access-token", "Intercom access token", "the Intercom developer hub",
             R"(intercom{assign}([A-Za-z0-9=_-]{60})(?:[^A-Za-z0-9=_-]|$))", 1, 4.0, 8.0, k_context, true},
    // --- E-mail delivery
    RuleSpec{"sendgrid-api-key", "SendGrid API key", "SendGrid (Settings > API keys)",
             R"(\b(SG\.[A-Za-z0-9_-]{22}\.[A-Za-z0-9_-]{43}){end})", 1, 4.0, 8.5, k_exact},
    RuleSpec{"mailgun-api-key", "Mailgun API key", "Mailgun (API security)", R"(\b(key-[a-f0-9]{32})\b)", 1,
             3.0, 8.5, k_exact},
    RuleSpec{"mailchimp-api-key", "Mailchimp API key", "Mailchimp (Account > Extras > API keys)",
             R"(\b([a-f0-9]{32}-us[0-9]{1,2})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"mandrill-api-key", "Mandrill API key", "Mandrill (Settings > API keys)",
             R"(mandrill{assign}([A-Za-z0-9_-]{22}){end})", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"postmark-server-token", "Postmark server token", "Postmark (server > API tokens)",
             R"(postmark{assign}({uuid})\b)", 1, 3.0, 8.0, k_context, true},
    RuleSpec{"brevo-api-key", "Brevo (Sendinblue) API or SMTP key", "Brevo (SMTP & API)",
             R"(\b(x(?:keysib|smtpsib)-[a-f0-9]{64}-[A-Za-z0-9]{16})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"mailjet-api-key", "Mailjet API key or secret", "Mailjet (Account settings > API keys)",
             R"(mailjet[A-Za-z0-9_.-]{0,20}(?:key|secret){assign}([a-f0-9]{32})\b)", 1, 3.0, 8.0, k_context,
             true},
    RuleSpec{"resend-api-key", "Resend API key", "Resend (API keys)",
             R"(\b(re_[A-Za-z0-9]{8}_[A-Za-z0-9]{24})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"sparkpost-api-key", "SparkPost API key", "SparkPost (Configuration > API keys)",
             R"(sparkpost{assign}([a-f0-9]{40})\b)", 1, 3.0, 8.0, k_context, true},
};

}  // namespace

std::span<const RuleSpec> payment_chat_rule_specs() {
  return k_rules;
}

}  // namespace slipway::scan::secrets
