// Reading the members of a zip archive with libarchive: used for the OSV
// all.zip archives (one JSON record per member) and for checking a freshly
// downloaded archive before it replaces the cached one.
#pragma once

#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>

#include "util/result.hpp"

namespace slipway::scan::deps {

// Calls `visit(member_name, content)` for every regular member whose name
// ends in `suffix` (all members when empty) and is at most `max_member_size`
// bytes; larger members are skipped and counted in `skipped`. Reads every
// member's data to the end, so a truncated or corrupt archive is an Error.
// Returns the number of members visited. An empty `visit` only checks the
// archive (nothing is kept in memory).
Result<std::size_t> read_zip_members(const std::filesystem::path& archive, std::string_view suffix,
                                     std::size_t max_member_size,
                                     const std::function<void(const std::string&, std::string&&)>& visit,
                                     std::size_t* skipped = nullptr);

}  // namespace slipway::scan::deps
