#include "StorageTestSupport.h"
#include "crypto/Random.h"
#include "storage/Database.h"
#include "storage/FaultInjection.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <catch2/catch.hpp>
#include <csignal>
#include <poll.h>
#include <set>
#include <sys/wait.h>
#include <unistd.h>

using namespace fv;
using fv::test::createOptions;
using fv::test::openOptions;
using fv::test::TempDir;
using fv::test::testKey;

namespace {

struct FaultGuard
{
    ~FaultGuard() { disarmFaults(); }
};

// The child's loop: commit one row per transaction, then report its id on the pipe.
[[noreturn]] void committerChild(const std::filesystem::path& path, int out, std::uint32_t seed,
                                 std::int64_t firstId)
{
    auto db = Database::open(path, testKey(), openOptions());
    if (!db)
        ::_exit(3);
    std::srand(seed);
    for (std::int64_t id = firstId;; ++id) {
        auto tx = Transaction::begin(*db);
        if (!tx)
            ::_exit(4);
        auto ins = db->prepare("INSERT INTO log(id, body) VALUES(?, ?)");
        if (!ins)
            ::_exit(5);
        // Sizes from a few bytes to several pages, so commits span one to many frames.
        const std::string body(static_cast<std::size_t>(std::rand() % 9000),
                               static_cast<char>('a' + id % 26));
        ins->bind(1, id).bind(2, std::string_view(body));
        if (!ins->run())
            ::_exit(6);
        if (id % 7 == 0 && !db->exec("UPDATE log SET n = n + 1 WHERE id % 5 = 0"))
            ::_exit(7);
        if (!tx->commit())
            ::_exit(8);
        if (::write(out, &id, sizeof id) != sizeof id)
            ::_exit(9);
    }
}

} // namespace

TEST_CASE("Crash: every acknowledged commit survives kill -9 at random moments", "[storage][crash]")
{
    TempDir dir;
    const auto path = dir / "store";
    {
        auto db = Database::open(path, testKey(), createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE log(id INTEGER PRIMARY KEY, body TEXT, n INTEGER DEFAULT 0)"));
        REQUIRE(db->close());
    }
    std::set<std::int64_t> acknowledged;
    std::int64_t nextId = 1;
    for (int round = 0; round < 30; ++round) {
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            committerChild(path, fds[1], static_cast<std::uint32_t>(round), nextId);
        }
        ::close(fds[1]);
        // Let the child commit a random number of transactions, then kill it wherever it is.
        const std::uint32_t target = 1 + randomUniform(25);
        for (std::uint32_t seen = 0; seen < target; ++seen) {
            std::int64_t id = 0;
            if (::read(fds[0], &id, sizeof id) != sizeof id)
                break;
            acknowledged.insert(id);
        }
        ::usleep(randomUniform(3000));
        ::kill(child, SIGKILL);
        // Ids written to the pipe before the kill landed were committed too.
        for (;;) {
            std::int64_t id = 0;
            if (::read(fds[0], &id, sizeof id) != sizeof id)
                break;
            acknowledged.insert(id);
        }
        ::close(fds[0]);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        INFO("round " << round);
        REQUIRE(WIFSIGNALED(status));

        auto db = Database::open(path, testKey(), openOptions());
        REQUIRE(db.has_value());
        std::set<std::int64_t> present;
        for (const auto& s : fv::test::queryColumn(*db, "SELECT id FROM log"))
            present.insert(std::stoll(s));
        std::size_t missing = 0;
        for (auto id : acknowledged)
            missing += present.contains(id) ? 0 : 1;
        CHECK(missing == 0);
        CHECK(fv::test::integrityCheck(*db) == "ok");
        REQUIRE(db->close());
        auto scan = scanStoreFile(path, testKey());
        REQUIRE(scan.has_value());
        CHECK(scan->damagedPages == 0);
        nextId = (present.empty() ? 0 : *present.rbegin()) + 1;
    }
    CHECK(acknowledged.size() >= 30);
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store"});
}

TEST_CASE("Cache spills rewrite WAL frames in place and survive a crash", "[storage][crash]")
{
    TempDir dir;
    const auto path = dir / "store";
    {
        auto db = Database::open(path, testKey(), createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"));
        REQUIRE(db->close());
    }
    const auto before = detail::vfsStats();
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto db = Database::open(path, testKey(), openOptions());
        if (!db || !db->exec("PRAGMA cache_size=8"))
            ::_exit(3);
        // One transaction touching the same pages again and again with a tiny cache: pages
        // already in the WAL are rewritten in place, and SQLite rewrites frame checksums.
        if (!db->exec("BEGIN; WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 400) "
                      "INSERT INTO t(v) SELECT printf('%0900d', i) FROM c; "
                      "UPDATE t SET v = v || 'a'; UPDATE t SET v = v || 'b'; COMMIT"))
            ::_exit(4);
        const auto stats = detail::vfsStats();
        if (stats.walIncompleteFlushes != before.walIncompleteFlushes)
            ::_exit(5);
        ::_exit(stats.walMerges > before.walMerges ? 0 : 6);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WIFEXITED(status));
    CHECK(WEXITSTATUS(status) == 0);
    auto db = Database::open(path, testKey(), openOptions());
    REQUIRE(db.has_value());
    CHECK(fv::test::queryColumn(*db, "SELECT count(*) FROM t WHERE v LIKE '%ab'") ==
          std::vector<std::string>{"400"});
    CHECK(fv::test::integrityCheck(*db) == "ok");
}

TEST_CASE("I/O faults: failing the Nth write, sync or read gives a clean error and keeps the last commit",
          "[storage][faults]")
{
    const FaultOp op = GENERATE(FaultOp::Write, FaultOp::Sync, FaultOp::Read, FaultOp::Truncate);
    const FaultKind kind = GENERATE(FaultKind::Fail, FaultKind::ShortWrite);
    if (kind == FaultKind::ShortWrite && op != FaultOp::Write)
        return;
    FaultGuard guard;
    TempDir dir;
    const auto path = dir / "store";
    {
        auto db = Database::open(path, testKey(), createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT)"));
        REQUIRE(db->exec("INSERT INTO t(v) VALUES('committed')"));
        REQUIRE(db->close());
    }
    int failures = 0;
    for (std::uint64_t n = 1; n < 200; ++n) {
        INFO("fault op " << static_cast<int>(op) << " kind " << static_cast<int>(kind) << " at " << n);
        auto db = Database::open(path, testKey(), openOptions());
        REQUIRE(db.has_value());
        armFault({op, kind, n, false});
        // A transaction of several frames, then a checkpoint (writes to the main file).
        auto tx = Transaction::begin(*db);
        Status result = tx ? Status{} : Status(std::unexpected(tx.error()));
        if (result)
            result = db->exec("INSERT INTO t(v) VALUES(printf('%020000d', 7)); INSERT INTO t(v) VALUES('x')");
        if (result)
            result = tx->commit();
        if (result)
            result = db->exec("PRAGMA wal_checkpoint(TRUNCATE)");
        const bool fired = faultFired();
        disarmFaults();
        if (tx)
            tx = std::unexpected(Error{ErrorCode::Internal, "dropped"}); // rolls back if still open
        (void)db->close();
        if (!fired) {
            REQUIRE(result.has_value());
            break;
        }
        ++failures;
        if (!result) {
            const auto code = result.error().code;
            CHECK((code == ErrorCode::Io || code == ErrorCode::StoreDamaged || code == ErrorCode::DiskFull));
            // A failed read is never reported as damage: the data on disk is intact.
            if (op == FaultOp::Read)
                CHECK(code == ErrorCode::Io);
        }
        auto check = Database::open(path, testKey(), openOptions());
        REQUIRE(check.has_value());
        const auto rows = fv::test::queryColumn(*check, "SELECT v FROM t ORDER BY id");
        REQUIRE_FALSE(rows.empty());
        CHECK(rows.front() == "committed");
        // The failed transaction is all there or not at all (a failed sync may still have
        // reached the disk).
        CHECK(((rows.size() - 1) % 2) == 0);
        CHECK(fv::test::integrityCheck(*check) == "ok");
        REQUIRE(check->exec("DELETE FROM t WHERE id > 1"));
        REQUIRE(check->close());
    }
    CHECK(failures >= (op == FaultOp::Truncate ? 1 : 3));
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store"});
}

TEST_CASE("A full disk is reported as DiskFull and leaves the store intact", "[storage][faults]")
{
    FaultGuard guard;
    TempDir dir;
    const auto path = dir / "store";
    auto db = Database::open(path, testKey(), createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(v TEXT); INSERT INTO t VALUES('before')"));
    armFault({FaultOp::Write, FaultKind::DiskFull, 2, true});
    auto st = db->exec("INSERT INTO t VALUES(printf('%030000d', 1))");
    disarmFaults();
    REQUIRE_FALSE(st.has_value());
    CHECK(st.error().code == ErrorCode::DiskFull);
    CHECK(db->exec("INSERT INTO t VALUES('after')").has_value());
    REQUIRE(db->close());
    auto again = Database::open(path, testKey(), openOptions());
    REQUIRE(again.has_value());
    CHECK(fv::test::queryColumn(*again, "SELECT v FROM t ORDER BY rowid") ==
          std::vector<std::string>{"before", "after"});
    CHECK(fv::test::integrityCheck(*again) == "ok");
}
