#include "StorageTestSupport.h"
#include "storage/Database.h"
#include "storage/FaultInjection.h"
#include "storage/Migrations.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sqlite3.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace fv;
using fv::test::TempDir;

using fv::test::createOptions;
using fv::test::openOptions;
using fv::test::testKey;

TEST_CASE("A store round-trips text and blobs across close and reopen", "[storage][database]")
{
    for (const bool encrypted : {false, true}) {
        DYNAMIC_SECTION((encrypted ? "encrypted" : "plain"))
        {
            TempDir dir;
            const auto path = dir / "store";
            const auto key = testKey();
            const Bytes blob = {0, 1, 2, 255};
            {
                auto db = Database::open(path, key, createOptions(encrypted));
                REQUIRE(db.has_value());
                REQUIRE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, name TEXT, data BLOB, x REAL)"));
                auto ins = db->prepare("INSERT INTO t(name, data, x) VALUES(?, ?, ?)");
                REQUIRE(ins.has_value());
                ins->bind(1, std::string_view("شاهد")).bind(2, ByteView(blob)).bind(3, 2.5);
                REQUIRE(ins->run());
                CHECK(db->lastInsertRowId() == 1);
                CHECK(db->changes() == 1);
                ins->reset();
                ins->bind(1, std::string_view("")).bind(2, ByteView()).bindNull(3);
                REQUIRE(ins->run());
                REQUIRE(db->close());
                REQUIRE(db->close()); // idempotent
            }
            CHECK_FALSE(std::filesystem::exists(dir / "store-wal"));
            CHECK_FALSE(std::filesystem::exists(dir / "store-shm"));
            CHECK_FALSE(std::filesystem::exists(dir / "store-journal"));
            struct stat st
            {
            };
            REQUIRE(::stat(path.c_str(), &st) == 0);
            CHECK((st.st_mode & 0777) == 0600);

            auto db = Database::open(path, key, openOptions(encrypted));
            REQUIRE(db.has_value());
            auto sel = db->prepare("SELECT name, data, x FROM t ORDER BY id");
            REQUIRE(sel.has_value());
            REQUIRE(*sel->step());
            CHECK(sel->columnText(0) == "شاهد");
            CHECK(sel->columnBlob(1) == blob);
            CHECK(sel->columnDouble(2) == 2.5);
            REQUIRE(*sel->step());
            CHECK(sel->columnText(0).empty());
            CHECK_FALSE(sel->isNull(1));
            CHECK(sel->columnBlob(1).empty());
            CHECK(sel->isNull(2));
            CHECK_FALSE(*sel->step());
            CHECK(fv::test::integrityCheck(*db) == "ok");
            CHECK(fv::test::queryColumn(*db, "PRAGMA journal_mode") == std::vector<std::string>{"wal"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA page_size") == std::vector<std::string>{"4096"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA locking_mode") == std::vector<std::string>{"exclusive"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA temp_store") == std::vector<std::string>{"2"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA foreign_keys") == std::vector<std::string>{"1"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA synchronous") == std::vector<std::string>{"2"});
            CHECK(fv::test::queryColumn(*db, "PRAGMA secure_delete") == std::vector<std::string>{"1"});
        }
    }
}

TEST_CASE("Open refuses a missing store, an existing one on create, and a wrong key", "[storage][database]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    auto missing = Database::open(path, key, openOptions());
    REQUIRE_FALSE(missing.has_value());
    CHECK(missing.error().code == ErrorCode::NotFound);
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(x)"));
    }
    auto again = Database::open(path, key, createOptions());
    REQUIRE_FALSE(again.has_value());
    CHECK(again.error().code == ErrorCode::InvalidArgument);

    auto wrong = Database::open(path, testKey(8), openOptions());
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().code == ErrorCode::StoreDamaged);
    CHECK_THAT(wrong.error().message, Catch::Contains("page 1 failed authentication"));

    auto shortKey = Database::open(path, SecretBuffer(16), openOptions());
    REQUIRE_FALSE(shortKey.has_value());
    CHECK(shortKey.error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("A store open in one connection is Busy for a second one", "[storage][database]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    auto db = Database::open(path, key, createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(x)"));
    auto second = Database::open(path, key, openOptions());
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code == ErrorCode::Busy);
    CHECK(second.error().message.starts_with("this vault is open elsewhere"));
}

TEST_CASE("Transactions commit, and roll back unless committed", "[storage][database]")
{
    TempDir dir;
    auto db = Database::open(dir / "store", testKey(), createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(x)"));
    {
        auto tx = Transaction::begin(*db);
        REQUIRE(tx.has_value());
        REQUIRE(db->exec("INSERT INTO t VALUES(1)"));
        REQUIRE(tx->commit());
        CHECK_FALSE(tx->commit().has_value());
    }
    {
        auto tx = Transaction::begin(*db);
        REQUIRE(tx.has_value());
        REQUIRE(db->exec("INSERT INTO t VALUES(2)"));
    }
    CHECK(fv::test::queryColumn(*db, "SELECT group_concat(x) FROM t") == std::vector<std::string>{"1"});
}

TEST_CASE("Errors map to codes a caller can act on", "[storage][database]")
{
    TempDir dir;
    auto db = Database::open(dir / "store", testKey(), createOptions());
    REQUIRE(db.has_value());
    auto bad = db->exec("SELEC nonsense");
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    REQUIRE(db->exec("CREATE TABLE t(x UNIQUE)"));
    REQUIRE(db->exec("INSERT INTO t VALUES(1)"));
    auto dup = db->exec("INSERT INTO t VALUES(1)");
    REQUIRE_FALSE(dup.has_value());
    CHECK(dup.error().code == ErrorCode::InvalidInput);
    auto two = db->prepare("SELECT 1; SELECT 2");
    REQUIRE_FALSE(two.has_value());
    auto stmt = db->prepare("SELECT ?");
    REQUIRE(stmt.has_value());
    stmt->bind(5, std::int64_t{1});
    auto r = stmt->step();
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::InvalidArgument);
    CHECK(sqliteError(nullptr, SQLITE_FULL, "").code == ErrorCode::DiskFull);
    CHECK(sqliteError(nullptr, SQLITE_IOERR_DATA, "").code == ErrorCode::StoreDamaged);
    CHECK(sqliteError(nullptr, SQLITE_CORRUPT, "").code == ErrorCode::StoreDamaged);
    CHECK(sqliteError(nullptr, SQLITE_NOTADB, "").code == ErrorCode::StoreDamaged);
    CHECK(sqliteError(nullptr, SQLITE_LOCKED, "").code == ErrorCode::Busy);
    CHECK(sqliteError(nullptr, SQLITE_IOERR_FSYNC, "").code == ErrorCode::Io);
}

TEST_CASE("Migrations run in order once and refuse a newer store", "[storage][migrations]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    const Migration v1[] = {{1, "CREATE TABLE a(x)"}};
    const Migration v2[] = {{1, "CREATE TABLE a(x)"}, {2, "CREATE TABLE b(y); INSERT INTO b VALUES(42)"}};
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        CHECK(*schemaVersion(*db) == 0);
        REQUIRE(migrate(*db, v1));
        CHECK(*schemaVersion(*db) == 1);
        REQUIRE(migrate(*db, v2));
        REQUIRE(migrate(*db, v2));
        CHECK(*schemaVersion(*db) == 2);
        CHECK(fv::test::queryColumn(*db, "SELECT count(*) FROM b") == std::vector<std::string>{"1"});
    }
    auto db = Database::open(path, key, openOptions());
    REQUIRE(db.has_value());
    auto older = migrate(*db, v1);
    REQUIRE_FALSE(older.has_value());
    CHECK(older.error().code == ErrorCode::Unsupported);
    const Migration gap[] = {{1, "SELECT 1"}, {3, "SELECT 1"}};
    CHECK(migrate(*db, gap).error().code == ErrorCode::InvalidArgument);
    const Migration broken[] = {
        {1, "CREATE TABLE a(x)"}, {2, "CREATE TABLE b(y)"}, {3, "CREATE TABLE nope("}};
    auto failed = migrate(*db, broken);
    REQUIRE_FALSE(failed.has_value());
    CHECK(*schemaVersion(*db) == 2);
}

TEST_CASE("A new store needs the MEMORY journal step: switching straight to WAL would open a journal, "
          "which the VFS refuses",
          "[storage][database][vfs]")
{
    TempDir dir;
    const auto path = dir / "store";
    {
        std::ofstream touch(path);
    }
    const auto key = testKey();
    auto grant = detail::grantPageKey(path, key);
    REQUIRE(grant.has_value());
    sqlite3* raw = nullptr;
    REQUIRE(sqlite3_open_v2(path.c_str(), &raw, SQLITE_OPEN_READWRITE, kVfsName) == SQLITE_OK);
    grant->release();
    int reserve = kPageReservedBytes;
    REQUIRE(sqlite3_file_control(raw, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) == SQLITE_OK);
    REQUIRE(sqlite3_exec(raw, "PRAGMA locking_mode=EXCLUSIVE", nullptr, nullptr, nullptr) == SQLITE_OK);
    const int rc = sqlite3_exec(raw, "PRAGMA journal_mode=WAL", nullptr, nullptr, nullptr);
    CHECK((rc & 0xff) == SQLITE_CANTOPEN);
    sqlite3_close_v2(raw);
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store"});
}

TEST_CASE("Read-only opens read committed data, also after a crash, and refuse writes", "[storage][database]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES('a')"));
    }
    OpenOptions ro;
    ro.readOnly = true;
    {
        auto db = Database::open(path, key, ro);
        if (!db)
            FAIL(db.error().message);
        CHECK(fv::test::queryColumn(*db, "SELECT group_concat(x) FROM t") == std::vector<std::string>{"a"});
        CHECK_FALSE(db->exec("INSERT INTO t VALUES('b')").has_value());
        REQUIRE(db->close());
    }
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto db = Database::open(path, key, openOptions());
        ::_exit(db && db->exec("INSERT INTO t VALUES('c')") ? 0 : 1);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WEXITSTATUS(status) == 0);
    auto db = Database::open(path, key, ro);
    if (!db)
        FAIL(db.error().message);
    CHECK(fv::test::queryColumn(*db, "SELECT group_concat(x) FROM t") == std::vector<std::string>{"a,c"});
    OpenOptions bad = createOptions();
    bad.readOnly = true;
    CHECK(Database::open(dir / "other", key, bad).error().code == ErrorCode::InvalidArgument);
}

TEST_CASE("Another process holding the vault makes open Busy", "[storage][database]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(x)"));
    }
    int ready[2];
    int release[2];
    REQUIRE(::pipe(ready) == 0);
    REQUIRE(::pipe(release) == 0);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto db = Database::open(path, key, openOptions());
        const char ok = db ? 'y' : 'n';
        (void)::write(ready[1], &ok, 1);
        char c = 0;
        (void)::read(release[0], &c, 1);
        ::_exit(0);
    }
    char ok = 0;
    REQUIRE(::read(ready[0], &ok, 1) == 1);
    REQUIRE(ok == 'y');
    auto second = Database::open(path, key, openOptions());
    const char go = 'g';
    REQUIRE(::write(release[1], &go, 1) == 1);
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    for (int fd : {ready[0], ready[1], release[0], release[1]})
        ::close(fd);
    REQUIRE_FALSE(second.has_value());
    CHECK(second.error().code == ErrorCode::Busy);
    CHECK(Database::open(path, key, openOptions()).has_value());
}

TEST_CASE("A store that cannot be created leaves no file behind", "[storage][database]")
{
    TempDir dir;
    auto db = Database::open(dir / "missing-dir" / "store", testKey(), createOptions());
    REQUIRE_FALSE(db.has_value());
    CHECK(db.error().code == ErrorCode::Io);
    FaultPlan plan;
    plan.op = FaultOp::Write;
    plan.failAt = 1;
    armFault(plan);
    auto failed = Database::open(dir / "store", testKey(), createOptions());
    disarmFaults();
    REQUIRE_FALSE(failed.has_value());
    CHECK(failed.error().code == ErrorCode::Io);
    CHECK(fv::test::fileNames(dir.path()).empty());
}
