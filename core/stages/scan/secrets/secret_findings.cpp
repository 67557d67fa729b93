// Findings and rule metadata for the secret scan (see secret_findings.hpp).
#include "stages/scan/secrets/secret_findings.hpp"

#include "stages/scan/scan_types.hpp"
#include "util/hash.hpp"
#include "util/strings.hpp"

namespace slipway::scan::secrets {
namespace {

constexpr std::string_view k_help_uri =
    "https://github.com/slipway-ci/slipway/blob/main/docs/scan-secrets.md#rules";
constexpr std::size_t k_short_sha = 12;

std::string_view specificity_text(Specificity specificity) {
  switch (specificity) {
    case Specificity::exact:
      return "The token format is specific to this service, so a match is almost certainly real.";
    case Specificity::contextual:
      return "The value has no distinctive format of its own; it is reported because of the name it is "
             "assigned to and because it is random enough.";
    case Specificity::generic:
      return "This is a generic rule: it reports values that are assigned to secret-sounding names and are "
             "random enough, so it can report a value that is not a secret.";
  }
  return "";
}

}  // namespace

std::string redacted_secret(std::string_view secret) {
  const std::string shown = util::redact(secret);
  constexpr std::string_view k_ellipsis = "\xE2\x80\xA6";
  const std::string_view prefix = std::string_view(shown).substr(0, shown.size() - k_ellipsis.size());
  for (char c : prefix) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte < 0x21 || byte > 0x7e) return std::string(k_ellipsis);
  }
  return shown;
}

std::string introduced_in(const CommitInfo& commit) {
  std::string text = "introduced in " + commit.sha.substr(0, k_short_sha);
  if (!commit.author.empty()) text += " by " + commit.author;
  if (!commit.date.empty()) text += " on " + commit.date;
  return text;
}

model::Finding make_finding(const SecretRule& rule, const LocatedSecret& secret, const std::string& path) {
  model::Finding finding;
  finding.tool = std::string(k_tool);
  finding.rule_id = rule.id;
  finding.security_severity = rule.score;
  finding.severity = to_model_severity(rule.score);
  finding.message = rule.description + ": " + redacted_secret(secret.secret);
  finding.location.path = path;
  finding.location.start_line = secret.line;
  finding.location.start_column = secret.column;
  finding.location.end_line = secret.end_line;
  finding.location.end_column = secret.end_column;
  // Stable across line shifts and working-tree edits, and one-way: the
  // application may replace it with its line-based fingerprint.
  finding.fingerprint =
      util::sha256_hex(rule.id + '\x1f' + path + '\x1f' + util::sha256_hex(secret.secret)).substr(0, 32);
  return finding;
}

model::RuleInfo rule_info(const SecretRule& rule) {
  model::RuleInfo info;
  info.id = rule.id;
  info.tool = std::string(k_tool);
  info.short_description = rule.description;
  info.full_description =
      rule.description + " in a file of the repository or in its history. " +
      std::string(specificity_text(rule.specificity)) +
      " Anyone who can read the repository, a clone or its history can use the credential "
      "until it is revoked.";
  info.help =
      "Revoke or rotate the credential in " + rule.provider +
      " first: deleting it from the file is not enough, because it stays in the git history and in every "
      "clone. Then remove it and load it at run time from the CI's secret store or a vault. If it is not "
      "a real secret, put `slipway-ignore[" +
      rule.id + "]` on the line or the line above, or add the value to `scan.secrets.allow-values`.";
  info.help_uri = std::string(k_help_uri);
  info.default_severity = to_model_severity(rule.score);
  info.security_severity = rule.score;
  return info;
}

}  // namespace slipway::scan::secrets
