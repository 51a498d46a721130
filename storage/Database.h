#pragma once
// RAII access to an SQLite store, encrypted page by page by the Fieldvault VFS (Vfs.h).
// A Database is used from one thread at a time; it owns its connection.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

struct sqlite3;
struct sqlite3_stmt;

namespace fv {

class Statement;

struct OpenOptions
{
    bool create = false;   ///< create the file if missing (it must then not exist)
    bool encrypted = true; ///< false only for tests and benchmarks: the plain unix VFS, same pragmas
    bool readOnly = false; ///< refuse every change (PRAGMA query_only); the files are still opened
                           ///< read-write so a WAL left by a crash can be recovered
};

class Database
{
public:
    /// Opens (or creates) the store at `path` with the 32-byte page key. Applies the vault's
    /// fixed settings: page size 4096, 40 reserved bytes, WAL with exclusive locking (no -shm),
    /// synchronous FULL, temp_store MEMORY, mmap off, secure_delete, foreign keys on.
    /// Errors: WrongPassphrase is never returned here; a page that fails authentication gives
    /// StoreDamaged; a store locked by another process gives Busy.
    [[nodiscard]] static Result<Database> open(const std::filesystem::path& path, const SecretBuffer& pageKey,
                                               const OpenOptions& options = {});

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    /// Runs one or more statements that return no rows.
    [[nodiscard]] Status exec(std::string_view sql);
    /// Compiles one statement.
    [[nodiscard]] Result<Statement> prepare(std::string_view sql);
    /// Checkpoints the WAL into the store and closes; the handle becomes unusable. Idempotent.
    [[nodiscard]] Status close();

    std::int64_t lastInsertRowId() const noexcept;
    int changes() const noexcept;
    sqlite3* handle() const noexcept { return m_db; }
    const std::filesystem::path& path() const noexcept { return m_path; }

private:
    Database(sqlite3* db, std::filesystem::path path) noexcept;
    sqlite3* m_db = nullptr;
    std::filesystem::path m_path;
};

/// A transaction that rolls back unless committed. BEGIN IMMEDIATE on construction.
class Transaction
{
public:
    [[nodiscard]] static Result<Transaction> begin(Database& db);
    Transaction(Transaction&& other) noexcept;
    Transaction& operator=(Transaction&&) = delete;
    Transaction(const Transaction&) = delete;
    ~Transaction();
    /// Commits durably (the WAL is synced before this returns).
    [[nodiscard]] Status commit();

private:
    explicit Transaction(Database& db) noexcept : m_db(&db) {}
    Database* m_db = nullptr;
};

class Statement
{
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQLite. A failed bind (bad index) is reported by step().
    Statement& bind(int index, std::int64_t value);
    Statement& bind(int index, double value);
    Statement& bind(int index, std::string_view text);
    Statement& bind(int index, ByteView blob);
    Statement& bindNull(int index);

    /// Steps once: true when a row is available, false when done.
    [[nodiscard]] Result<bool> step();
    /// Steps to completion, calling onRow(const Statement&) on each row in order; stops at and
    /// returns the first error, from SQLite or from onRow. onRow returns Status, or void when it
    /// cannot fail. A template rather than std::function: no allocation, and no `return {}` in
    /// callbacks that only read columns.
    template <typename OnRow>
    [[nodiscard]] Status forEachRow(OnRow&& onRow);
    /// Steps to completion for statements that return no rows.
    [[nodiscard]] Status run();
    /// Resets for re-execution and clears the bindings.
    void reset() noexcept;

    bool isNull(int column) const noexcept;
    std::int64_t columnInt(int column) const noexcept;
    double columnDouble(int column) const noexcept;
    std::string columnText(int column) const;
    Bytes columnBlob(int column) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* stmt, sqlite3* db) noexcept : m_stmt(stmt), m_db(db) {}
    void noteBind(int rc) noexcept;
    sqlite3_stmt* m_stmt = nullptr;
    sqlite3* m_db = nullptr;
    int m_bindRc = 0; ///< first failed bind, reported by the next step()
};

template <typename OnRow>
Status Statement::forEachRow(OnRow&& onRow)
{
    for (;;) {
        auto row = step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return {};
        if constexpr (std::is_void_v<std::invoke_result_t<OnRow&, const Statement&>>) {
            onRow(std::as_const(*this));
        } else {
            if (Status st = onRow(std::as_const(*this)); !st)
                return st;
        }
    }
}

/// Maps an SQLite result code (and the connection's message) to an Error a person can act on:
/// SQLITE_IOERR_DATA and SQLITE_CORRUPT become StoreDamaged, SQLITE_FULL DiskFull,
/// SQLITE_BUSY/LOCKED Busy, other I/O errors Io.
Error sqliteError(sqlite3* db, int rc, std::string_view what);

} // namespace fv
