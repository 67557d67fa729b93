// The provenance statement: an in-toto Statement v1 whose predicate is SLSA
// provenance v1, built from a ProvenanceInput. Kept apart from the envelope
// so tests and `verify` can look at the statement itself.
#pragma once

#include <chrono>
#include <string>
#include <string_view>

#include "stages/build/artifacts/build_artifacts.hpp"

namespace slipway::build::artifacts {

inline constexpr std::string_view k_statement_type = "https://in-toto.io/Statement/v1";
inline constexpr std::string_view k_slsa_predicate_type = "https://slsa.dev/provenance/v1";
inline constexpr std::string_view k_build_type =
    "https://github.com/slipway-ci/slipway/blob/main/docs/build-artifacts.md#build-type-v1";

// The statement as compact JSON. Errors: no commit, no subject.
Result<std::string> provenance_statement(const ProvenanceInput& input);

// RFC 3339 in UTC with seconds ("2024-05-01T12:00:00Z").
std::string format_timestamp(std::chrono::system_clock::time_point time);

// "https://user:token@host/x" -> "https://host/x"; anything else unchanged.
std::string strip_url_credentials(std::string_view url);

}  // namespace slipway::build::artifacts
