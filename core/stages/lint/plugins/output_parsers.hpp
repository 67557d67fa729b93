// Parsers of linter reports: tool output text to findings.
//
// Each parser is a pure function of the text (and the descriptor's mapping
// and severity map), so each is unit-tested on captured real outputs and can
// be fuzzed. They return findings in the tool's own terms: `rule_id` is the
// tool's rule as written ("2086", "SC2086", "semi"), `location.path` the path
// as the tool printed it, `tool` empty. The runner then qualifies rule ids
// ("shellcheck/SC2086") and makes paths repository-relative. Malformed input
// is an Error saying where it went wrong, never an exception and never an
// empty list pretending all is well.
#pragma once

#include <string_view>
#include <vector>

#include "model/finding.hpp"
#include "stages/lint/plugins/descriptor.hpp"
#include "util/result.hpp"

namespace slipway::lint {

using ParsedFindings = Result<std::vector<model::Finding>>;

// SARIF 2.1.0: runs[].results[] with ruleId, level (or the rule's default
// level), message.text (with {0} arguments filled), the first location's
// artifactLocation (uri, uriBaseId, or index into artifacts) and region.
ParsedFindings parse_sarif(std::string_view text, const SeverityMap& severities);

// Checkstyle XML: <checkstyle><file name=".."><error line= column= severity=
// message= source=/></file></checkstyle>. A small parser for this flat format
// (no XML library in the dependency set): elements, attributes in ' or ",
// comments, the XML declaration, and the five named entities plus &#NN; and
// &#xNN;.
ParsedFindings parse_checkstyle(std::string_view text, const SeverityMap& severities);

// JSON with a pointer mapping (descriptor.hpp, JsonMapping). Numbers as
// severities are looked up as text ("2" -> error for eslint).
ParsedFindings parse_json(std::string_view text, const JsonMapping& mapping, const SeverityMap& severities);

// Line by line std::regex_search with numbered groups; lines that do not
// match are skipped.
ParsedFindings parse_regex(std::string_view text, const RegexMapping& mapping, const SeverityMap& severities);

// The parser the descriptor asks for.
ParsedFindings parse_output(std::string_view text, const Descriptor& descriptor);

}  // namespace slipway::lint
