#include "StorageTestSupport.h"
#include "crypto/Random.h"
#include "storage/Database.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sqlite3.h>
#include <sys/wait.h>
#include <unistd.h>

using namespace fv;
using fv::test::createOptions;
using fv::test::openOptions;
using fv::test::TempDir;
using fv::test::testKey;

namespace {

const std::string kLatinCanary = "CANARY-Zx81";
const std::string kArabicCanary = "شاهد-سري-٤٢";

// Writes canaries as UTF-8 text, UTF-16LE blobs, inside overflow pages and small rows, plus
// enough other rows that the WAL holds many frames.
void writeCanaries(Database& db)
{
    REQUIRE(db.exec("CREATE TABLE IF NOT EXISTS notes(id INTEGER PRIMARY KEY, body TEXT, raw BLOB)"));
    REQUIRE(db.exec("CREATE INDEX IF NOT EXISTS notes_body ON notes(body)"));
    auto ins = db.prepare("INSERT INTO notes(body, raw) VALUES(?, ?)");
    REQUIRE(ins.has_value());
    for (int i = 0; i < 30; ++i) {
        std::string body = (i % 2 == 0 ? kLatinCanary : kArabicCanary) + " #" + std::to_string(i);
        if (i % 5 == 0)
            body += std::string(6000, 'x') + kArabicCanary; // spills onto overflow pages
        const Bytes raw = fv::test::utf16Bytes(body, false);
        ins->bind(1, std::string_view(body)).bind(2, ByteView(raw));
        REQUIRE(ins->run());
        ins->reset();
    }
}

std::vector<std::string> leaks(const std::filesystem::path& dir)
{
    return fv::test::scanForLeaks(dir, {kLatinCanary, kArabicCanary});
}

std::vector<std::string> noLeaks()
{
    return {};
}

} // namespace

TEST_CASE("No canary, magic or journal reaches the disk: open, after a crash, after close",
          "[storage][vfs][leak]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();

    SECTION("while open, with the data only in the WAL")
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        writeCanaries(*db);
        REQUIRE(std::filesystem::exists(dir / "store-wal"));
        CHECK(std::filesystem::file_size(dir / "store-wal") > 100000);
        CHECK(leaks(dir.path()) == noLeaks());
        CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store", "store-wal"});
        // Force pages into the main file too, then update so the WAL restarts over old frames.
        REQUIRE(db->exec("PRAGMA wal_checkpoint(PASSIVE)"));
        REQUIRE(db->exec("UPDATE notes SET body = body || '" + kLatinCanary + "'"));
        CHECK(leaks(dir.path()) == noLeaks());
        REQUIRE(db->exec("VACUUM"));
        CHECK(leaks(dir.path()) == noLeaks());
        CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store", "store-wal"});
        REQUIRE(db->close());
        CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store"});
        CHECK(leaks(dir.path()) == noLeaks());
    }

    SECTION("after a crash (the writer exits without closing), and after recovery")
    {
        {
            auto db = Database::open(path, key, createOptions());
            REQUIRE(db.has_value());
            REQUIRE(db->close());
        }
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            auto db = Database::open(path, key, openOptions());
            if (!db.has_value())
                ::_exit(3);
            for (int i = 0; i < 30; ++i) {
                std::string body = (i % 2 == 0 ? kLatinCanary : kArabicCanary) + std::string(i * 300, 'y');
                if (!db->exec("CREATE TABLE IF NOT EXISTS notes(body TEXT)") ||
                    !db->exec("INSERT INTO notes VALUES('" + body + "')"))
                    ::_exit(4);
            }
            ::_exit(0); // no close: the WAL stays behind, as after a crash
        }
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        REQUIRE(WEXITSTATUS(status) == 0);
        CHECK(std::filesystem::exists(dir / "store-wal"));
        CHECK(leaks(dir.path()) == noLeaks());

        auto db = Database::open(path, key, openOptions());
        REQUIRE(db.has_value());
        CHECK(fv::test::queryColumn(*db, "SELECT count(*) FROM notes") == std::vector<std::string>{"30"});
        CHECK(fv::test::integrityCheck(*db) == "ok");
        REQUIRE(db->close());
        CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store"});
        CHECK(leaks(dir.path()) == noLeaks());
    }

    SECTION("the same workload on a plain store does leak (the scan can fail)")
    {
        auto db = Database::open(path, key, createOptions(false));
        REQUIRE(db.has_value());
        writeCanaries(*db);
        const auto found = leaks(dir.path());
        CHECK_FALSE(found.empty());
        REQUIRE(db->close());
    }
    CHECK(detail::vfsStats().walIncompleteFlushes == 0);
}

TEST_CASE("The VFS refuses every file it cannot encrypt", "[storage][vfs]")
{
    TempDir dir;
    const auto path = dir / "store";
    auto db = Database::open(path, testKey(), createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(x)"));

    SECTION("a rollback journal")
    {
        // Either leaving WAL mode or the first write after it fails; no journal file appears.
        const bool switched = db->exec("PRAGMA journal_mode=DELETE").has_value();
        const bool wrote = db->exec("INSERT INTO t VALUES(1)").has_value();
        CHECK_FALSE((switched && wrote));
        CHECK_FALSE(std::filesystem::exists(dir / "store-journal"));
    }
    SECTION("temporary files for a large sort")
    {
        REQUIRE(db->exec("PRAGMA temp_store=FILE; PRAGMA cache_size=10"));
        REQUIRE(db->exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 3000) "
                         "INSERT INTO t SELECT printf('%0500d', i) FROM c"));
        auto st = db->exec("CREATE TABLE s AS SELECT x FROM t ORDER BY random()");
        CHECK_FALSE(st.has_value());
    }
    SECTION("an attached database and VACUUM INTO")
    {
        auto attach = db->exec("ATTACH '" + (dir / "other").string() + "' AS other");
        CHECK_FALSE(attach.has_value());
        auto into = db->exec("VACUUM INTO '" + (dir / "copy").string() + "'");
        CHECK_FALSE(into.has_value());
        CHECK_FALSE(std::filesystem::exists(dir / "copy"));
    }
    SECTION("journal modes other than the WAL")
    {
        CHECK_FALSE(db->exec("PRAGMA journal_mode=OFF").has_value());
        CHECK_FALSE(db->exec("PRAGMA journal_mode=TRUNCATE").has_value());
        CHECK(fv::test::queryColumn(*db, "PRAGMA journal_mode") == std::vector<std::string>{"wal"});
    }
    SECTION("a page 1 whose header no longer says 4096 bytes with 40 reserved")
    {
        REQUIRE(db->exec("INSERT INTO t VALUES('kept')"));
        int reserve = 48; // SQLite only ever grows the reserve this way
        REQUIRE(sqlite3_file_control(db->handle(), "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve) ==
                SQLITE_OK);
        // VACUUM rebuilds the file with the new reserve; the VFS refuses to write that page 1.
        CHECK_FALSE(db->exec("VACUUM").has_value());
        CHECK(fv::test::queryColumn(*db, "SELECT group_concat(x) FROM t") ==
              std::vector<std::string>{"kept"});
        CHECK(fv::test::integrityCheck(*db) == "ok");
    }
    SECTION("a page size change and memory mapping")
    {
        CHECK_FALSE(db->exec("PRAGMA page_size=8192").has_value());
        CHECK(db->exec("PRAGMA page_size=4096").has_value());
        CHECK_FALSE(db->exec("PRAGMA mmap_size=1000000").has_value());
    }
    SECTION("a direct open without a key")
    {
        sqlite3* raw = nullptr;
        const int rc = sqlite3_open_v2((dir / "nokey").c_str(), &raw,
                                       SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, kVfsName);
        if (rc == SQLITE_OK)
            CHECK(sqlite3_exec(raw, "CREATE TABLE t(x)", nullptr, nullptr, nullptr) != SQLITE_OK);
        sqlite3_close_v2(raw);
        CHECK_FALSE(std::filesystem::exists(dir / "nokey"));
    }
    char* vfsName = nullptr;
    REQUIRE(sqlite3_file_control(db->handle(), "main", SQLITE_FCNTL_VFSNAME, &vfsName) == SQLITE_OK);
    CHECK(std::string(vfsName) == "fieldvault/unix");
    sqlite3_free(vfsName);
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store", "store-wal"});
}

TEST_CASE("Statement journals over 64 KiB and VACUUM stay in memory", "[storage][vfs]")
{
    TempDir dir;
    auto db = Database::open(dir / "store", testKey(), createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(id INTEGER PRIMARY KEY, v TEXT UNIQUE)"));
    REQUIRE(db->exec("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i+1 FROM c WHERE i < 2000) "
                     "INSERT INTO t(v) SELECT printf('%0300d', i) FROM c"));
    REQUIRE(db->exec("BEGIN; UPDATE t SET v = v || 'a'"));
    // Violates UNIQUE half-way: the statement journal (>64 KiB) rolls the statement back.
    CHECK_FALSE(
        db->exec("UPDATE t SET v = CASE WHEN id = 1500 THEN printf('%0300d', 1999) || 'a' ELSE v || 'b' END")
            .has_value());
    REQUIRE(db->exec("SAVEPOINT s; DELETE FROM t WHERE id % 2 = 0; ROLLBACK TO s; RELEASE s; COMMIT"));
    REQUIRE(db->exec("VACUUM"));
    CHECK(fv::test::queryColumn(*db, "SELECT count(*) FROM t WHERE v LIKE '%a'") ==
          std::vector<std::string>{"2000"});
    CHECK(fv::test::integrityCheck(*db) == "ok");
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"store", "store-wal"});
}

TEST_CASE("Page layout on disk: page 1 encrypted whole, nonce and tag in the reserved bytes",
          "[storage][vfs]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    {
        auto db = Database::open(path, key, createOptions());
        REQUIRE(db.has_value());
        REQUIRE(db->exec("CREATE TABLE t(x); INSERT INTO t VALUES(zeroblob(20000))"));
        REQUIRE(db->close());
    }
    const Bytes disk = fv::test::readFile(path);
    REQUIRE(disk.size() % kPageSize == 0);
    REQUIRE(disk.size() >= 6 * kPageSize);
    // An all-zero page would encrypt to zeros in a weaker scheme; here every page looks random.
    for (std::size_t p = 0; p < disk.size() / kPageSize; ++p) {
        const auto page = ByteView(disk).subspan(p * kPageSize, kPageSize);
        const auto zeros = std::count(page.begin(), page.end(), std::uint8_t{0});
        CHECK(zeros < 64);
    }
    auto scan = scanStoreFile(path, key);
    REQUIRE(scan.has_value());
    CHECK(scan->pages == disk.size() / kPageSize);
    CHECK(scan->damagedPages == 0);
    auto wrongKey = scanStoreFile(path, testKey(9));
    REQUIRE_FALSE(wrongKey.has_value());
    CHECK(wrongKey.error().code == ErrorCode::StoreDamaged);
}

namespace {

// Opens the store and reads everything; returns the first error, or none when all reads
// succeeded (then `dump` holds the content).
std::optional<Error> readEverything(const std::filesystem::path& path, const SecretBuffer& key,
                                    std::string* dump)
{
    auto db = Database::open(path, key, openOptions());
    if (!db)
        return db.error();
    auto stmt = db->prepare("PRAGMA integrity_check");
    if (!stmt)
        return stmt.error();
    std::string check;
    for (;;) {
        auto row = stmt->step();
        if (!row)
            return row.error();
        if (!*row)
            break;
        check += stmt->columnText(0);
    }
    auto all = db->prepare("SELECT group_concat(hex(x), ',') FROM (SELECT x FROM t ORDER BY rowid)");
    if (!all)
        return all.error();
    auto row = all->step();
    if (!row)
        return row.error();
    *dump = check + "|" + all->columnText(0);
    return std::nullopt;
}

void makeTamperStore(const std::filesystem::path& path, const SecretBuffer& key)
{
    auto db = Database::open(path, key, createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(x); CREATE INDEX tx ON t(x)"));
    for (int i = 0; i < 40; ++i)
        REQUIRE(db->exec("INSERT INTO t VALUES(randomblob(" + std::to_string(100 + i * 150) + "))"));
    REQUIRE(db->close());
}

} // namespace

TEST_CASE("A tampered store is refused as damaged, never read as other data", "[storage][vfs][tamper]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    makeTamperStore(path, key);
    const Bytes original = fv::test::readFile(path);
    const std::size_t pages = original.size() / kPageSize;
    REQUIRE(pages >= 8);
    std::string expected;
    REQUIRE_FALSE(readEverything(path, key, &expected).has_value());
    REQUIRE(expected.starts_with("ok|"));

    auto expectDamaged = [&](const Bytes& tampered, const std::string& what) {
        INFO(what);
        fv::test::writeFile(path, tampered);
        std::string dump;
        const auto err = readEverything(path, key, &dump);
        REQUIRE(err.has_value());
        CHECK(err->code == ErrorCode::StoreDamaged);
        auto scan = scanStoreFile(path, key);
        CHECK((!scan.has_value() || scan->damagedPages > 0 || scan->pages != pages));
        fv::test::writeFile(path, original);
    };

    for (std::size_t page : {std::size_t{0}, std::size_t{1}, pages / 2, pages - 1}) {
        for (std::size_t at : {std::size_t{0}, std::size_t{100}, std::size_t{4060}, std::size_t{4095}}) {
            Bytes t = original;
            t[page * kPageSize + at] ^= 0x04;
            expectDamaged(t, "bit flip in page " + std::to_string(page + 1) + " at " + std::to_string(at));
        }
        Bytes zeroed = original;
        std::fill_n(zeroed.begin() + static_cast<std::ptrdiff_t>(page * kPageSize), kPageSize, 0);
        expectDamaged(zeroed, "zeroed page " + std::to_string(page + 1));
    }
    {
        Bytes swapped = original;
        std::swap_ranges(swapped.begin() + kPageSize, swapped.begin() + 2 * kPageSize,
                         swapped.begin() + static_cast<std::ptrdiff_t>((pages - 1) * kPageSize));
        expectDamaged(swapped, "pages 2 and last swapped");
    }
    {
        Bytes shorter(original.begin(), original.end() - kPageSize);
        expectDamaged(shorter, "last page cut off");
        Bytes torn(original.begin(), original.end() - 1000);
        expectDamaged(torn, "last page torn");
        Bytes onlyFirst(original.begin(), original.begin() + kPageSize);
        expectDamaged(onlyFirst, "only page 1 left");
    }
    {
        TempDir other;
        const auto otherKey = testKey(99);
        makeTamperStore(other / "store", otherKey);
        expectDamaged(fv::test::readFile(other / "store"), "another vault's store");
    }
    std::string after;
    REQUIRE_FALSE(readEverything(path, key, &after).has_value());
    CHECK(after == expected);
}

TEST_CASE("A tampered WAL is refused as damaged", "[storage][vfs][tamper]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    makeTamperStore(path, key);
    // Leave committed frames in the WAL by exiting without a checkpoint.
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto db = Database::open(path, key, openOptions());
        if (!db || !db->exec("INSERT INTO t VALUES(x'0102'); INSERT INTO t VALUES(x'0304')"))
            ::_exit(3);
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WEXITSTATUS(status) == 0);
    const auto walPath = dir / "store-wal";
    const Bytes store = fv::test::readFile(path);
    const Bytes wal = fv::test::readFile(walPath);
    REQUIRE(wal.size() > 72 + 4120);
    REQUIRE((wal.size() - 72) % 4120 == 0);

    std::string expected;
    {
        const auto err = readEverything(path, key, &expected);
        REQUIRE_FALSE(err.has_value());
        CHECK_THAT(expected, Catch::EndsWith("0102,0304"));
    }
    auto restore = [&]() {
        fv::test::writeFile(path, store);
        fv::test::writeFile(walPath, wal);
    };
    // A changed header, or a changed frame that authentic frames of the same log follow, is
    // damage: ending the log there would silently roll back the commits after it.
    for (std::size_t at : {std::size_t{5}, std::size_t{40}, std::size_t{72 + 10}, std::size_t{72 + 4000}}) {
        restore();
        Bytes t = wal;
        t[at] ^= 0x80;
        fv::test::writeFile(walPath, t);
        std::string dump;
        const auto err = readEverything(path, key, &dump);
        INFO("WAL byte " << at << ": " << dump);
        REQUIRE(err.has_value());
        CHECK(err->code == ErrorCode::StoreDamaged);
    }
    // Flipping the last frame (the commit frame) must never yield wrong data: either damage is
    // reported, or the log ends before the changed frame (losing the uncommitted tail, as after
    // a torn write: nothing authentic follows it).
    for (std::size_t at : {wal.size() - 3}) {
        restore();
        Bytes t = wal;
        t[at] ^= 0x80;
        fv::test::writeFile(walPath, t);
        std::string dump;
        const auto err = readEverything(path, key, &dump);
        INFO("WAL byte " << at);
        if (err.has_value()) {
            CHECK(err->code == ErrorCode::StoreDamaged);
        } else {
            CHECK(dump.starts_with("ok|"));
            CHECK_THAT(dump, !Catch::EndsWith("0102,0304"));
            CHECK(expected.starts_with(dump.substr(0, dump.size() - 10)));
        }
    }
}

TEST_CASE("A torn frame at the end of the WAL ends the log; committed frames before it survive",
          "[storage][vfs][crash]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    makeTamperStore(path, key);
    const pid_t child = ::fork();
    REQUIRE(child >= 0);
    if (child == 0) {
        auto db = Database::open(path, key, openOptions());
        if (!db || !db->exec("INSERT INTO t VALUES(x'0102'); INSERT INTO t VALUES(x'0304')"))
            ::_exit(3);
        ::_exit(0);
    }
    int status = 0;
    REQUIRE(::waitpid(child, &status, 0) == child);
    REQUIRE(WEXITSTATUS(status) == 0);
    const auto walPath = dir / "store-wal";
    const Bytes store = fv::test::readFile(path);
    const Bytes wal = fv::test::readFile(walPath);
    // A whole frame's worth of garbage (a frame whose write was torn by a power cut), and
    // separately a half-written one.
    for (const std::size_t extra : {std::size_t{4120}, std::size_t{2000}}) {
        INFO("extra bytes " << extra);
        Bytes torn = wal;
        const Bytes garbage = randomBytes(extra);
        torn.insert(torn.end(), garbage.begin(), garbage.end());
        fv::test::writeFile(path, store);
        fv::test::writeFile(walPath, torn);
        std::string dump;
        const auto err = readEverything(path, key, &dump);
        REQUIRE_FALSE(err.has_value());
        CHECK(dump.starts_with("ok|"));
        CHECK_THAT(dump, Catch::EndsWith("0102,0304"));
    }
}

TEST_CASE("scanStoreFile names the first damaged page and counts missing ones", "[storage][vfs][tamper]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    makeTamperStore(path, key);
    const Bytes original = fv::test::readFile(path);
    const std::uint64_t pages = original.size() / kPageSize;

    Bytes t = original;
    t[2 * kPageSize + 7] ^= 1;
    t[5 * kPageSize + 9] ^= 1;
    fv::test::writeFile(path, t);
    auto scan = scanStoreFile(path, key);
    REQUIRE(scan.has_value());
    CHECK(scan->pages == pages);
    CHECK(scan->damagedPages == 2);
    CHECK(scan->firstDamaged == 3);

    fv::test::writeFile(path, Bytes(original.begin(), original.end() - 2 * kPageSize));
    scan = scanStoreFile(path, key);
    REQUIRE(scan.has_value());
    CHECK(scan->pages == pages);
    CHECK(scan->damagedPages == 2);
    CHECK(scan->firstDamaged == pages - 1);

    CHECK(scanStoreFile(dir / "absent", key).error().code == ErrorCode::NotFound);
}

TEST_CASE("Store padding: random pages up to the size asked, and no hole at SQLite's lock-byte page",
          "[storage][vfs][duress]")
{
    TempDir dir;
    const auto path = dir / "store";
    const auto key = testKey();
    makeTamperStore(path, key);
    const auto before = std::filesystem::file_size(path);
    const Bytes original = fv::test::readFile(path);
    REQUIRE(padStoreFile(path, before + 5 * 4096));
    CHECK(std::filesystem::file_size(path) == before + 5 * 4096);
    const Bytes padded = fv::test::readFile(path);
    CHECK(std::equal(original.begin(), original.end(), padded.begin())); // never touches the store
    CHECK(std::count(padded.begin() + static_cast<std::ptrdiff_t>(before), padded.end(), std::uint8_t{0}) <
          5 * 64);
    // The store still opens and reads; written to, it takes pages in the padding (SQLite never
    // reads them before writing them) and past it, and reads back whole.
    std::string dump;
    CHECK_FALSE(readEverything(path, key, &dump).has_value());
    CHECK(dump.starts_with("ok|"));
    {
        auto db = Database::open(path, key, openOptions());
        REQUIRE(db);
        for (int i = 0; i < 30; ++i)
            REQUIRE(db->exec("INSERT INTO t VALUES(randomblob(3000))"));
        REQUIRE(db->close());
    }
    CHECK(std::filesystem::file_size(path) > before + 5 * 4096);
    CHECK_FALSE(readEverything(path, key, &dump).has_value());
    CHECK(dump.starts_with("ok|"));
    auto scan = scanStoreFile(path, key);
    REQUIRE(scan);
    CHECK(scan->damagedPages == 0);
    REQUIRE_FALSE(padStoreFile(path, before + 100)); // not a page multiple
    const auto grown = std::filesystem::file_size(path);
    REQUIRE(padStoreFile(path, before)); // never shrinks
    CHECK(std::filesystem::file_size(path) == grown);

    // A sparse file past 1 GiB, as a big store would be: the lock-byte page, which SQLite never
    // writes, is filled with random bytes instead of staying a hole of zeros.
    const auto big = dir / "big";
    {
        std::ofstream out(big, std::ios::binary);
        out.seekp(0x40000000LL + 3 * 4096 - 1);
        out.put(0);
    }
    REQUIRE(padStoreFile(big, 0x40000000ULL + 4 * 4096));
    std::ifstream in(big, std::ios::binary);
    in.seekg(0x40000000LL);
    Bytes lockPage(4096);
    in.read(reinterpret_cast<char*>(lockPage.data()), 4096);
    CHECK(std::count(lockPage.begin(), lockPage.end(), std::uint8_t{0}) < 64);
}
