// CVSS v3.x base scores computed from the vector string, per the CVSS v3.1
// specification (section 7: the base metric equations and Roundup). OSV
// records carry the vector ("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
// not the number.
#pragma once

#include <optional>
#include <string_view>

namespace slipway::scan::deps {

// The base score (0.0-10.0) of a "CVSS:3.0/..." or "CVSS:3.1/..." vector;
// nullopt when the vector is not v3, misses a base metric, repeats one or
// has an unknown value. Temporal and environmental metrics are accepted and
// ignored (the base score does not use them). 3.0 vectors are scored with
// the 3.1 Roundup, which only removes floating-point artefacts.
std::optional<double> cvss3_base_score(std::string_view vector);

}  // namespace slipway::scan::deps
