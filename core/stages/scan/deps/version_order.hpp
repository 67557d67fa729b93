// Version ordering per ecosystem, as OSV's ECOSYSTEM ranges need it, plus
// SemVer 2.0 for SEMVER ranges:
//   npm, crates.io       SemVer 2.0 (a leading "v" or "=" is tolerated)
//   Go                   SemVer 2.0 on versions without their "v"; pseudo-versions
//                        order as the pre-releases they are; "+incompatible" ignored
//   PyPI                 PEP 440 (epochs, pre/post/dev releases, local versions)
//   RubyGems             Gem::Version (string segments are pre-releases)
//   Packagist            Composer/PHP version_compare after canonicalisation
//   Maven                Maven's ComparableVersion (qualifier order alpha < beta <
//                        milestone < rc < snapshot < release < sp)
//   NuGet                NuGetVersion (four numeric parts, case-insensitive labels)
//   anything else        numeric runs compared as numbers, the rest as text
#pragma once

#include <optional>
#include <string_view>

namespace slipway::scan::deps {

enum class VersionScheme { semver, go, pypi, rubygems, packagist, maven, nuget, generic };

// The scheme of an OSV ecosystem ("npm", "PyPI", "Maven:https://..." ...).
VersionScheme scheme_for_ecosystem(std::string_view ecosystem);

// Negative, zero or positive as a is before, equal to or after b; nullopt
// when either is not a valid version in the scheme.
std::optional<int> compare_versions(VersionScheme scheme, std::string_view a, std::string_view b);

}  // namespace slipway::scan::deps
