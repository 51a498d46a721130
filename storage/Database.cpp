#include "storage/Database.h"

#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sqlite3.h>
#include <unistd.h>

namespace fv {
namespace {

std::string damageMessage()
{
    const detail::DamageReport d = detail::takeDamageReport();
    switch (d.where) {
    case detail::DamageReport::Where::Page:
        return "the store is damaged: page " + std::to_string(d.index) + " failed authentication";
    case detail::DamageReport::Where::WalHeader:
        return "the store is damaged: its write-ahead log header failed authentication";
    case detail::DamageReport::Where::WalFrame:
        return "the store is damaged: write-ahead log frame " + std::to_string(d.index) +
               " failed authentication";
    case detail::DamageReport::Where::None:
        break;
    }
    return "the store is damaged";
}

// Creates an empty file readable only by its owner; fails if it exists.
Status createEmptyFile(const std::filesystem::path& path)
{
    const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        if (errno == EEXIST)
            return fail(ErrorCode::InvalidArgument, "a store already exists at " + path.string());
        return fail(errno == ENOSPC ? ErrorCode::DiskFull : ErrorCode::Io,
                    "cannot create the store " + path.string() + ": " + std::strerror(errno));
    }
    ::close(fd);
    return {};
}

Result<std::string> queryText(sqlite3* db, const char* sql)
{
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(db, sql, -1, &stmt, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(sqliteError(db, rc, sql));
    std::string value;
    rc = sqlite3_step(stmt);
    if (rc == SQLITE_ROW) {
        const auto* text = sqlite3_column_text(stmt, 0);
        if (text != nullptr)
            value = reinterpret_cast<const char*>(text);
        rc = sqlite3_step(stmt);
    }
    if (rc != SQLITE_DONE && rc != SQLITE_ROW) {
        Error e = sqliteError(db, rc, sql);
        sqlite3_finalize(stmt);
        return std::unexpected(std::move(e));
    }
    sqlite3_finalize(stmt);
    return value;
}

Status execRaw(sqlite3* db, const char* sql)
{
    const int rc = sqlite3_exec(db, sql, nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(sqliteError(db, rc, sql));
    return {};
}

} // namespace

Error sqliteError(sqlite3* db, int rc, std::string_view what)
{
    const int primary = rc & 0xff;
    std::string detail = db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
    auto withContext = [&](std::string message) {
        if (!what.empty())
            message += " (" + std::string(what) + ": " + detail + ")";
        return message;
    };
    if (rc == SQLITE_IOERR_DATA || primary == SQLITE_CORRUPT || primary == SQLITE_NOTADB)
        return {ErrorCode::StoreDamaged, withContext(damageMessage())};
    detail::takeDamageReport();
    switch (primary) {
    case SQLITE_FULL:
        return {ErrorCode::DiskFull, withContext("there is no space left on the disk that holds the vault")};
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        return {ErrorCode::Busy, withContext("this vault is open elsewhere")};
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        return {ErrorCode::Io, withContext("the vault's store could not be read or written")};
    case SQLITE_CONSTRAINT:
        return {ErrorCode::InvalidInput, withContext("the change breaks a rule of the store")};
    case SQLITE_NOMEM:
        return {ErrorCode::Internal, withContext("out of memory")};
    case SQLITE_ERROR:
    case SQLITE_MISUSE:
    case SQLITE_RANGE:
    case SQLITE_TOOBIG:
    case SQLITE_MISMATCH:
        return {ErrorCode::InvalidArgument, withContext("the store rejected a request")};
    default:
        return {ErrorCode::Internal, withContext("unexpected store error")};
    }
}

// ---- Database ----

Database::Database(sqlite3* db, std::filesystem::path path) noexcept : m_db(db), m_path(std::move(path)) {}

Database::Database(Database&& other) noexcept : m_db(other.m_db), m_path(std::move(other.m_path))
{
    other.m_db = nullptr;
}

Database& Database::operator=(Database&& other) noexcept
{
    if (this != &other) {
        (void)close();
        m_db = other.m_db;
        m_path = std::move(other.m_path);
        other.m_db = nullptr;
    }
    return *this;
}

Database::~Database()
{
    (void)close();
}

Result<Database> Database::open(const std::filesystem::path& path, const SecretBuffer& pageKey,
                                const OpenOptions& options)
{
    if (options.create && options.readOnly)
        return fail(ErrorCode::InvalidArgument, "a store cannot be created read-only");
    if (options.encrypted) {
        if (pageKey.size() != 32)
            return fail(ErrorCode::InvalidArgument, "the page key must be 32 bytes");
        if (auto st = registerEncryptingVfs(); !st)
            return std::unexpected(st.error());
    }
    std::error_code ec;
    if (!options.create && !std::filesystem::is_regular_file(path, ec))
        return fail(ErrorCode::NotFound, "there is no store at " + path.string());
    detail::PageKeyGrant grant;
    if (options.encrypted) {
        auto g = detail::grantPageKey(path, pageKey);
        if (!g)
            return std::unexpected(g.error());
        grant = std::move(*g);
    }
    if (options.create) {
        if (auto st = createEmptyFile(path); !st)
            return std::unexpected(st.error());
    }
    // Read-only is enforced with PRAGMA query_only: SQLite cannot run a WAL database with
    // exclusive locking from a read-only file handle, and a WAL left by a crash must be
    // recovered before anything can be read.
    const int flags =
        SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_EXRESCODE;
    sqlite3* raw = nullptr;
    const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, options.encrypted ? kVfsName : nullptr);
    grant.release();
    Database db(raw, path);
    // A store this call created is removed again if it cannot be set up.
    struct RemoveOnFailure
    {
        const std::filesystem::path* path;
        Database* db;
        ~RemoveOnFailure()
        {
            if (path == nullptr)
                return;
            if (db->m_db != nullptr)
                sqlite3_close_v2(db->m_db);
            db->m_db = nullptr;
            std::error_code ignored;
            std::filesystem::remove(path->string() + "-wal", ignored);
            std::filesystem::remove(*path, ignored);
        }
    } cleanup{options.create ? &path : nullptr, &db};
    if (rc != SQLITE_OK) {
        Error e = sqliteError(raw, rc, "open");
        db.m_db = nullptr;
        sqlite3_close_v2(raw);
        return std::unexpected(std::move(e));
    }
    sqlite3_extended_result_codes(raw, 1);

    const bool isNew = options.create;
    if (isNew) {
        // Before anything is written: every page then carries 40 reserved bytes.
        int reserve = kPageReservedBytes;
        if (sqlite3_file_control(raw, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK)
            return fail(ErrorCode::Internal, "cannot reserve page space for the store's encryption");
    }
    // locking_mode must precede the first read: with EXCLUSIVE, the WAL index lives in heap
    // memory and no -shm file is created. A 32 MiB page cache spares re-reading (and
    // re-authenticating) hot pages on every query; see docs/performance.md.
    for (const char* sql : {"PRAGMA locking_mode=EXCLUSIVE", "PRAGMA temp_store=MEMORY", "PRAGMA mmap_size=0",
                            "PRAGMA secure_delete=ON", "PRAGMA foreign_keys=ON", "PRAGMA cell_size_check=ON",
                            "PRAGMA synchronous=FULL", "PRAGMA cache_size=-32768"}) {
        if (auto st = execRaw(raw, sql); !st)
            return std::unexpected(st.error());
    }
    if (isNew) {
        // Switching a new store to WAL writes page 1; a MEMORY journal keeps that from
        // opening a rollback journal file (which the encrypting VFS refuses anyway).
        auto mode = queryText(raw, "PRAGMA journal_mode=MEMORY");
        if (!mode)
            return std::unexpected(mode.error());
    }
    {
        auto mode = queryText(raw, "PRAGMA journal_mode=WAL");
        if (!mode)
            return std::unexpected(mode.error());
        if (*mode != "wal")
            return fail(ErrorCode::Internal, "the store could not switch to write-ahead logging");
    }
    if (options.readOnly) {
        if (auto st = execRaw(raw, "PRAGMA query_only=ON"); !st)
            return std::unexpected(st.error());
    }
    auto pageSize = queryText(raw, "PRAGMA page_size");
    if (!pageSize)
        return std::unexpected(pageSize.error());
    if (*pageSize != "4096")
        return fail(ErrorCode::StoreDamaged, "the store is damaged: unexpected page size " + *pageSize);
    int reserve = -1;
    if (sqlite3_file_control(raw, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) != SQLITE_OK ||
        reserve != kPageReservedBytes)
        return fail(ErrorCode::StoreDamaged, "the store is damaged: unexpected page layout");
    if (auto count = queryText(raw, "SELECT count(*) FROM sqlite_schema"); !count)
        return std::unexpected(count.error());
    cleanup.path = nullptr;
    return db;
}

Status Database::exec(std::string_view sql)
{
    if (m_db == nullptr)
        return fail(ErrorCode::InvalidArgument, "the store is closed");
    const std::string text(sql);
    const int rc = sqlite3_exec(m_db, text.c_str(), nullptr, nullptr, nullptr);
    if (rc != SQLITE_OK)
        return std::unexpected(sqliteError(m_db, rc, "exec"));
    return {};
}

Result<Statement> Database::prepare(std::string_view sql)
{
    if (m_db == nullptr)
        return fail(ErrorCode::InvalidArgument, "the store is closed");
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    const int rc = sqlite3_prepare_v3(m_db, sql.data(), static_cast<int>(sql.size()),
                                      SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
    if (rc != SQLITE_OK)
        return std::unexpected(sqliteError(m_db, rc, "prepare"));
    if (stmt == nullptr)
        return fail(ErrorCode::InvalidArgument, "no SQL statement given");
    Statement statement(stmt, m_db);
    for (const char* p = tail; p != nullptr && p < sql.data() + sql.size(); ++p) {
        if (*p != ' ' && *p != '\n' && *p != '\t' && *p != '\r' && *p != ';')
            return fail(ErrorCode::InvalidArgument, "prepare() takes one statement");
    }
    return statement;
}

Status Database::close()
{
    if (m_db == nullptr)
        return {};
    sqlite3* db = m_db;
    m_db = nullptr;
    Status result;
    if (sqlite3_db_readonly(db, "main") == 0) {
        sqlite3_stmt* stmt = nullptr;
        int rc = sqlite3_prepare_v2(db, "PRAGMA wal_checkpoint(TRUNCATE)", -1, &stmt, nullptr);
        if (rc == SQLITE_OK) {
            rc = sqlite3_step(stmt);
            if (rc == SQLITE_ROW && sqlite3_column_int(stmt, 0) != 0)
                result = fail(ErrorCode::Busy, "the store's log could not be checkpointed");
            else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
                result = std::unexpected(sqliteError(db, rc, "checkpoint"));
        } else {
            result = std::unexpected(sqliteError(db, rc, "checkpoint"));
        }
        sqlite3_finalize(stmt);
    }
    // Statements still alive keep the connection as a zombie until they are finalised; SQLite
    // then finishes the close (and removes the checkpointed WAL).
    sqlite3_close_v2(db);
    return result;
}

std::int64_t Database::lastInsertRowId() const noexcept
{
    return m_db != nullptr ? sqlite3_last_insert_rowid(m_db) : 0;
}

int Database::changes() const noexcept
{
    return m_db != nullptr ? sqlite3_changes(m_db) : 0;
}

// ---- Transaction ----

Result<Transaction> Transaction::begin(Database& db)
{
    if (auto st = db.exec("BEGIN IMMEDIATE"); !st)
        return std::unexpected(st.error());
    return Transaction(db);
}

Transaction::Transaction(Transaction&& other) noexcept : m_db(other.m_db)
{
    other.m_db = nullptr;
}

Transaction::~Transaction()
{
    if (m_db != nullptr && m_db->handle() != nullptr && sqlite3_get_autocommit(m_db->handle()) == 0)
        sqlite3_exec(m_db->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
}

Status Transaction::commit()
{
    if (m_db == nullptr)
        return fail(ErrorCode::InvalidArgument, "the transaction has already ended");
    auto st = m_db->exec("COMMIT");
    if (st)
        m_db = nullptr;
    return st;
}

// ---- Statement ----

Statement::Statement(Statement&& other) noexcept
    : m_stmt(other.m_stmt), m_db(other.m_db), m_bindRc(other.m_bindRc)
{
    other.m_stmt = nullptr;
    other.m_db = nullptr;
}

Statement& Statement::operator=(Statement&& other) noexcept
{
    if (this != &other) {
        sqlite3_finalize(m_stmt);
        m_stmt = other.m_stmt;
        m_db = other.m_db;
        m_bindRc = other.m_bindRc;
        other.m_stmt = nullptr;
        other.m_db = nullptr;
    }
    return *this;
}

Statement::~Statement()
{
    sqlite3_finalize(m_stmt);
}

Statement& Statement::bind(int index, std::int64_t value)
{
    noteBind(sqlite3_bind_int64(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, double value)
{
    noteBind(sqlite3_bind_double(m_stmt, index, value));
    return *this;
}

Statement& Statement::bind(int index, std::string_view text)
{
    noteBind(sqlite3_bind_text64(m_stmt, index, text.empty() ? "" : text.data(), text.size(),
                                 SQLITE_TRANSIENT, SQLITE_UTF8));
    return *this;
}

Statement& Statement::bind(int index, ByteView blob)
{
    if (blob.empty())
        noteBind(sqlite3_bind_zeroblob(m_stmt, index, 0));
    else
        noteBind(sqlite3_bind_blob64(m_stmt, index, blob.data(), blob.size(), SQLITE_TRANSIENT));
    return *this;
}

Statement& Statement::bindNull(int index)
{
    noteBind(sqlite3_bind_null(m_stmt, index));
    return *this;
}

void Statement::noteBind(int rc) noexcept
{
    if (rc != SQLITE_OK && m_bindRc == SQLITE_OK)
        m_bindRc = rc;
}

Result<bool> Statement::step()
{
    if (m_stmt == nullptr)
        return fail(ErrorCode::InvalidArgument, "the statement is not prepared");
    if (m_bindRc != SQLITE_OK)
        return std::unexpected(sqliteError(m_db, m_bindRc, "bind"));
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW)
        return true;
    if (rc == SQLITE_DONE)
        return false;
    Error e = sqliteError(m_db, rc, "step");
    sqlite3_reset(m_stmt);
    return std::unexpected(std::move(e));
}

Status Statement::run()
{
    if (auto st = forEachRow([](const Statement&) {}); !st)
        return st;
    sqlite3_reset(m_stmt);
    return {};
}

void Statement::reset() noexcept
{
    if (m_stmt == nullptr)
        return;
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_bindRc = SQLITE_OK;
}

bool Statement::isNull(int column) const noexcept
{
    return sqlite3_column_type(m_stmt, column) == SQLITE_NULL;
}

std::int64_t Statement::columnInt(int column) const noexcept
{
    return sqlite3_column_int64(m_stmt, column);
}

double Statement::columnDouble(int column) const noexcept
{
    return sqlite3_column_double(m_stmt, column);
}

std::string Statement::columnText(int column) const
{
    const auto* text = sqlite3_column_text(m_stmt, column);
    const int n = sqlite3_column_bytes(m_stmt, column);
    if (text == nullptr)
        return {};
    return std::string(reinterpret_cast<const char*>(text), static_cast<std::size_t>(n));
}

Bytes Statement::columnBlob(int column) const
{
    const auto* data = static_cast<const std::uint8_t*>(sqlite3_column_blob(m_stmt, column));
    const int n = sqlite3_column_bytes(m_stmt, column);
    if (data == nullptr || n <= 0)
        return {};
    return Bytes(data, data + n);
}

} // namespace fv
