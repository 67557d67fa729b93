// Built-in rules: cloud providers, infrastructure services and AI APIs.
// Token formats come from each vendor's documentation of its key prefixes;
// shapeless keys (hex strings, UUIDs) are only trusted next to the vendor's
// name (Specificity::contextual). See builtin_rules.hpp for the shorthands.
#include <array>

#include "stages/scan/secrets/builtin_rules.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr auto k_exact = Specificity::exact;
constexpr auto k_context = Specificity::contextual;

const std::array k_rules = {
    // --- Amazon Web Services
    RuleSpec{"aws-access-key-id", "AWS access key ID", "AWS IAM (access keys of the user or role)",
             R"(\b((?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"aws-secret-access-key", "AWS secret access key", "AWS IAM (access keys of the user or role)",
             R"(aws[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9/+]{40}){b64end})", 1, 4.0, 9.5, k_context,
             true},
    RuleSpec{"aws-session-token", "AWS session token", "AWS STS (revoke the role's active sessions)",
             R"(aws[A-Za-z0-9_.-]{0,20}session{assign}([A-Za-z0-9/+=]{100,1200}){b64end})", 1, 4.0, 8.0,
             k_context, true},
    RuleSpec{"aws-mws-auth-token", "Amazon MWS auth token", "Amazon Seller Central",
             R"(\b(amzn\.mws\.{uuid})\b)", 1, 3.0, 8.0, k_exact},
    // --- Google Cloud
    RuleSpec{"gcp-api-key", "Google API key", "the Google Cloud console (APIs & Services > Credentials)",
             R"(\b(AIza[0-9A-Za-z_-]{35}){end})", 1, 3.0, 7.0, k_exact},
    RuleSpec{"gcp-service-account-key", "Google Cloud service account private key",
             "the Google Cloud console (IAM > Service accounts > Keys)",
             R"("private_key"\s{0,4}:\s{0,4}"(-{5}BEGIN PRIVATE KEY-{5}\\n[A-Za-z0-9+/]{40,64}))", 1, 3.0,
             9.5, k_exact},
    RuleSpec{"google-oauth-client-secret", "Google OAuth client secret",
             "the Google Cloud console (APIs & Services > Credentials)",
             R"(\b(GOCSPX-[A-Za-z0-9_-]{28}){end})", 1, 3.0, 8.0, k_exact},
    RuleSpec{"google-oauth-access-token", "Google OAuth access token", "Google (revoke the grant)",
             R"(\b(ya29\.[0-9A-Za-z_-]{30,300}){end})", 1, 3.5, 7.0, k_exact},
    RuleSpec{"google-oauth-refresh-token", "Google OAuth refresh token", "Google (revoke the grant)",
             R"(\b(1//0[0-9A-Za-z_-]{40,120}){end})", 1, 3.5, 8.0, k_exact},
    // --- Microsoft Azure
    RuleSpec{"azure-storage-account-key", "Azure storage account key",
             "the Azure portal (storage account > Access keys > Rotate key)",
             R"(AccountName=[a-z0-9]{3,24};AccountKey=([A-Za-z0-9+/]{86}==))", 1, 4.0, 9.0, k_exact},
    RuleSpec{"azure-cosmosdb-key", "Azure Cosmos DB account key",
             "the Azure portal (Cosmos DB account > Keys > Regenerate)",
             R"(\.documents\.azure\.com:443/?;AccountKey=([A-Za-z0-9+/]{86}==))", 1, 4.0, 9.0, k_exact},
    RuleSpec{
        "azure-service-bus-key", "Azure Service Bus / Event Hubs shared access key",
        "the Azure portal (namespace > Shared access policies > Regenerate)",
        R"(\.servicebus\.windows\.net/?;SharedAccessKeyName=[^;"'\s]{1,100};SharedAccessKey=([A-Za-z0-9+/]{43}=))",
        1, 4.0, 8.5, k_exact},
    RuleSpec{
        "azure-iot-hub-key", "Azure IoT Hub shared access key",
        "the Azure portal (IoT hub > Shared access policies > Regenerate)",
        R"(\.azure-devices\.net;(?:DeviceId=[^;"'\s]{1,128};|SharedAccessKeyName=[^;"'\s]{1,100};)SharedAccessKey=([A-Za-z0-9+/]{43}=))",
        1, 4.0, 8.5, k_exact},
    RuleSpec{"azure-ad-client-secret", "Microsoft Entra ID (Azure AD) client secret",
             "the Azure portal (App registrations > Certificates & secrets)",
             R"(\b([A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34})(?:[^A-Za-z0-9_~.-]|$))", 1, 3.0, 9.0,
             k_exact},
    RuleSpec{
        "azure-sas-token", "Azure shared access signature", "Azure (rotate the key that signed it)",
        R"(\bsv=20[0-9]{2}-[0-9]{2}-[0-9]{2}&[A-Za-z0-9%&=:._-]{0,300}sig=([A-Za-z0-9%+/]{40,100})(?:[^A-Za-z0-9%+/]|$))",
        1, 3.5, 8.0, k_exact},
    RuleSpec{"azure-devops-pat", "Azure DevOps personal access token",
             "Azure DevOps (User settings > Personal access tokens)",
             R"(\b([A-Za-z0-9]{76}AZDO[A-Za-z0-9]{4})\b)", 1, 4.0, 9.0, k_exact},
    RuleSpec{"azure-devops-legacy-pat", "Azure DevOps personal access token (52 characters)",
             "Azure DevOps (User settings > Personal access tokens)",
             R"((?:azure|devops|\bado){assign}([a-z2-7]{52})\b)", 1, 3.5, 9.0, k_context, true},
    // --- Other clouds and hosting
    RuleSpec{"digitalocean-pat", "DigitalOcean personal access token", "DigitalOcean (API > Tokens)",
             R"(\b(dop_v1_[a-f0-9]{64})\b)", 1, 3.0, 9.0, k_exact},
    RuleSpec{"digitalocean-oauth-token", "DigitalOcean OAuth token", "DigitalOcean (API > Tokens)",
             R"(\b(do[or]_v1_[a-f0-9]{64})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"alibaba-access-key-id", "Alibaba Cloud access key ID", "the Alibaba Cloud RAM console",
             R"(\b(LTAI[A-Za-z0-9]{12,20})\b)", 1, 3.0, 7.0, k_exact},
    RuleSpec{"alibaba-secret-key", "Alibaba Cloud access key secret", "the Alibaba Cloud RAM console",
             R"((?:alibaba|aliyun)[A-Za-z0-9_.-]{0,20}secret{assign}([A-Za-z0-9]{30})\b)", 1, 4.0, 9.0,
             k_context, true},
    RuleSpec{"tencent-cloud-secret-id", "Tencent Cloud SecretId", "the Tencent Cloud CAM console",
             R"(\b(AKID[A-Za-z0-9]{32})\b)", 1, 3.5, 7.0, k_exact},
    RuleSpec{"ibm-cloud-api-key", "IBM Cloud API key", "IBM Cloud (Manage > Access (IAM) > API keys)",
             R"(\bibm{assign}([A-Za-z0-9_-]{44}){end})", 1, 4.0, 8.5, k_context, true},
    RuleSpec{"heroku-api-key", "Heroku API key", "Heroku (Account settings > API key > Regenerate)",
             R"(heroku{assign}({uuid})\b)", 1, 3.0, 8.0, k_context, true},
    RuleSpec{"heroku-api-key-v2", "Heroku API key", "Heroku (Account settings > Authorizations)",
             R"(\b(HRKU-AA[0-9A-Za-z_-]{58}){end})", 1, 4.0, 8.0, k_exact},
    RuleSpec{"cloudflare-api-token", "Cloudflare API token", "Cloudflare (My Profile > API Tokens)",
             R"(cloudflare[A-Za-z0-9_.-]{0,20}token{assign}([A-Za-z0-9_-]{40}){end})", 1, 3.5, 8.5, k_context,
             true},
    RuleSpec{"cloudflare-global-api-key", "Cloudflare global API key", "Cloudflare (My Profile > API Tokens)",
             R"(cloudflare[A-Za-z0-9_.-]{0,20}key{assign}([a-f0-9]{37})\b)", 1, 3.0, 9.0, k_context, true},
    RuleSpec{"cloudflare-origin-ca-key", "Cloudflare Origin CA key", "Cloudflare (My Profile > API Tokens)",
             R"(\b(v1\.0-[a-f0-9]{24}-[a-f0-9]{146})\b)", 1, 3.0, 8.0, k_exact},
    RuleSpec{"fastly-api-token", "Fastly API token", "Fastly (Account > API tokens)",
             R"(fastly{assign}([A-Za-z0-9_-]{32}){end})", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"linode-token", "Linode (Akamai) API token", "Linode Cloud Manager (API Tokens)",
             R"(linode{assign}([a-f0-9]{64})\b)", 1, 3.0, 8.5, k_context, true},
    RuleSpec{"scaleway-secret-key", "Scaleway secret key", "the Scaleway console (IAM > API keys)",
             R"((?:scaleway|\bscw)[A-Za-z0-9_.-]{0,20}secret{assign}({uuid})\b)", 1, 3.0, 8.5, k_context,
             true},
    RuleSpec{"hashicorp-vault-token", "HashiCorp Vault token", "Vault (`vault token revoke`)",
             R"(\b(hv[sb]\.[A-Za-z0-9_-]{90,300}){end})", 1, 4.0, 9.0, k_exact},
    RuleSpec{"hashicorp-vault-legacy-token", "HashiCorp Vault token (legacy format)",
             "Vault (`vault token revoke`)",
             R"(vault[A-Za-z0-9_.-]{0,20}token{assign}(s\.[A-Za-z0-9]{24})\b)", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"terraform-cloud-token", "Terraform Cloud / Enterprise API token",
             "Terraform Cloud (User settings > Tokens)",
             R"(\b([A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_=-]{60,70}){end})", 1, 4.0, 9.0, k_exact},
    RuleSpec{"pulumi-access-token", "Pulumi access token", "Pulumi Cloud (Settings > Access tokens)",
             R"(\b(pul-[a-f0-9]{40})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"doppler-token", "Doppler token", "Doppler (Access > Tokens)",
             R"(\b(dp\.(?:pt|st|sa|ct|scim|audit)\.[A-Za-z0-9]{40,44})\b)", 1, 4.0, 8.5, k_exact},
    RuleSpec{"netlify-token", "Netlify personal access token", "Netlify (User settings > Applications)",
             R"(\b(nfp_[A-Za-z0-9]{36})\b)", 1, 3.5, 8.0, k_exact},
    RuleSpec{"vercel-token", "Vercel access token", "Vercel (Account settings > Tokens)",
             R"(vercel{assign}([A-Za-z0-9]{24})\b)", 1, 3.5, 8.0, k_context, true},
    RuleSpec{"fly-io-token", "Fly.io access token", "Fly.io (`fly tokens revoke`)",
             R"(\b(fo1_[A-Za-z0-9_-]{43}){end})", 1, 4.0, 8.5, k_exact},
    RuleSpec{"supabase-access-token", "Supabase access token", "Supabase (Account > Access tokens)",
             R"(\b(sbp_[a-f0-9]{40})\b)", 1, 3.0, 8.5, k_exact},
    RuleSpec{"supabase-secret-key", "Supabase secret API key", "Supabase (Project settings > API keys)",
             R"(\b(sb_secret_[A-Za-z0-9_-]{31,40}){end})", 1, 3.5, 9.0, k_exact},
    RuleSpec{"planetscale-password", "PlanetScale database password", "PlanetScale (branch > Passwords)",
             R"(\b(pscale_pw_[A-Za-z0-9_.-]{32,64})(?:[^A-Za-z0-9_.-]|$))", 1, 4.0, 9.0, k_exact},
    RuleSpec{"planetscale-token", "PlanetScale service or OAuth token",
             "PlanetScale (Settings > Service tokens)",
             R"(\b(pscale_(?:tkn|oauth)_[A-Za-z0-9_.-]{32,64})(?:[^A-Za-z0-9_.-]|$))", 1, 4.0, 8.5, k_exact},
    RuleSpec{"databricks-token", "Databricks personal access token",
             "Databricks (User settings > Access tokens)", R"(\b(dapi[a-f0-9]{32}(?:-[0-9])?)\b)", 1, 3.0,
             8.5, k_exact},
    // --- AI APIs
    RuleSpec{"openai-api-key", "OpenAI API key", "the OpenAI platform (API keys)",
             R"(\b(sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{16,160}T3BlbkFJ[A-Za-z0-9_-]{16,160}){end})", 1,
             4.0, 8.5, k_exact},
    RuleSpec{"anthropic-api-key", "Anthropic API key", "the Anthropic console (API keys)",
             R"(\b(sk-ant-(?:api03|admin01)-[A-Za-z0-9_-]{93}AA){end})", 1, 4.0, 8.5, k_exact},
    RuleSpec{"huggingface-token", "Hugging Face access token", "Hugging Face (Settings > Access tokens)",
             R"(\b(hf_[A-Za-z]{34})\b)", 1, 3.5, 7.5, k_exact},
    RuleSpec{"groq-api-key", "Groq API key", "the Groq console (API keys)", R"(\b(gsk_[A-Za-z0-9]{52})\b)", 1,
             4.0, 7.5, k_exact},
    RuleSpec{"replicate-api-token", "Replicate API token", "Replicate (Account > API tokens)",
             R"(\b(r8_[A-Za-z0-9]{37})\b)", 1, 4.0, 7.5, k_exact},
    RuleSpec{"perplexity-api-key", "Perplexity API key", "Perplexity (Settings > API)",
             R"(\b(pplx-[A-Za-z0-9]{48})\b)", 1, 4.0, 7.5, k_exact},
    RuleSpec{"xai-api-key", "xAI API key", "the xAI console (API keys)", R"(\b(xai-[A-Za-z0-9]{80})\b)", 1,
             4.0, 7.5, k_exact},
    RuleSpec{"cohere-api-key", "Cohere API key", "the Cohere dashboard (API keys)",
             R"(cohere{assign}([A-Za-z0-9]{40})\b)", 1, 4.0, 7.5, k_context, true},
    RuleSpec{"mistral-api-key", "Mistral AI API key", "the Mistral console (API keys)",
             R"(mistral{assign}([A-Za-z0-9]{32})\b)", 1, 4.0, 7.5, k_context, true},
};

}  // namespace

std::span<const RuleSpec> cloud_rule_specs() {
  return k_rules;
}

}  // namespace slipway::scan::secrets
