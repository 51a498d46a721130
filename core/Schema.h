#pragma once
// The vault's SQL schema: one ordered list of migrations for every table core/ owns, and the
// few queries the Vault needs about the domain tables (to keep blobs and rows consistent).

#include "storage/Migrations.h"

#include <set>
#include <span>
#include <string>

namespace fv {

/// Every migration of the vault store, oldest first. Migration 1 creates `meta`
/// (key TEXT PRIMARY KEY, value BLOB) used by Vault for its role and identity.
std::span<const Migration> vaultMigrations();

/// The blob names that attachment rows reference (for orphan removal and verify).
[[nodiscard]] Result<std::set<std::string>> referencedBlobNames(Database& db);

} // namespace fv
