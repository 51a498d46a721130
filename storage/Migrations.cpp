#include "storage/Migrations.h"

#include <string>

namespace fv {

Result<int> schemaVersion(Database& db)
{
    auto stmt = db.prepare("PRAGMA user_version");
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::Internal, "PRAGMA user_version returned no row");
    return static_cast<int>(stmt->columnInt(0));
}

Status migrate(Database& db, std::span<const Migration> migrations)
{
    int previous = 0;
    for (const Migration& m : migrations) {
        if (m.version != previous + 1)
            return fail(ErrorCode::InvalidArgument, "migrations must be numbered 1, 2, 3, … without gaps");
        previous = m.version;
    }
    auto current = schemaVersion(db);
    if (!current)
        return std::unexpected(current.error());
    if (*current > previous)
        return fail(ErrorCode::Unsupported,
                    "this vault was written by a newer version of Fieldvault (schema " +
                        std::to_string(*current) + ", this build knows up to " + std::to_string(previous) +
                        ")");
    for (const Migration& m : migrations) {
        if (m.version <= *current)
            continue;
        auto tx = Transaction::begin(db);
        if (!tx)
            return std::unexpected(tx.error());
        if (auto st = db.exec(m.sql); !st) {
            Error e = st.error();
            e.message = "schema migration " + std::to_string(m.version) + " failed: " + e.message;
            return std::unexpected(std::move(e));
        }
        if (auto st = db.exec("PRAGMA user_version = " + std::to_string(m.version)); !st)
            return std::unexpected(st.error());
        if (auto st = tx->commit(); !st)
            return std::unexpected(st.error());
    }
    return {};
}

} // namespace fv
