#pragma once
// Ordered schema migrations with the version stored in the store (PRAGMA user_version).

#include "storage/Database.h"

#include <span>

namespace fv {

struct Migration
{
    int version;          ///< 1, 2, 3, … strictly increasing
    std::string_view sql; ///< statements that take the schema from version-1 to version
};

/// Applies, each in its own transaction, every migration newer than the stored version.
/// Unsupported if the store is newer than the newest migration known to this build.
[[nodiscard]] Status migrate(Database& db, std::span<const Migration> migrations);
/// The stored schema version (0 for a new store).
[[nodiscard]] Result<int> schemaVersion(Database& db);

} // namespace fv
