#include "core/Schema.h"

namespace fv {
namespace {

constexpr Migration kMigrations[] = {
    {1, R"sql(
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) STRICT;
CREATE TABLE attachments (
    id TEXT PRIMARY KEY,
    blob_name TEXT NOT NULL UNIQUE
) STRICT;
)sql"},
};

} // namespace

std::span<const Migration> vaultMigrations()
{
    return kMigrations;
}

Result<std::set<std::string>> referencedBlobNames(Database& db)
{
    auto stmt = db.prepare("SELECT blob_name FROM attachments");
    if (!stmt)
        return std::unexpected(stmt.error());
    std::set<std::string> names;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            break;
        names.insert(stmt->columnText(0));
    }
    return names;
}

} // namespace fv
