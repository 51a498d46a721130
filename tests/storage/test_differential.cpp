#include "StorageTestSupport.h"
#include "storage/Database.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <catch2/catch.hpp>
#include <random>
#include <variant>

using namespace fv;
using fv::test::createOptions;
using fv::test::openOptions;
using fv::test::TempDir;
using fv::test::testKey;

namespace {

// One step of a random workload, applied identically to several stores.
class Workload
{
public:
    explicit Workload(std::uint32_t seed) : m_rng(seed) {}

    std::string text(std::size_t maxLen)
    {
        static const char* const words[] = {"witness", "شاهد", "قرية", "report", "incident", "٤٢", "x", "\n"};
        std::string s;
        const std::size_t len = pick(maxLen);
        while (s.size() < len)
            s += words[pick(8)];
        return s;
    }

    Bytes blob(std::size_t maxLen)
    {
        Bytes b(pick(maxLen));
        for (auto& v : b)
            v = static_cast<std::uint8_t>(m_rng());
        return b;
    }

    std::size_t pick(std::size_t bound) { return bound == 0 ? 0 : m_rng() % bound; }
    std::mt19937& rng() { return m_rng; }

private:
    std::mt19937 m_rng;
};

struct Op
{
    std::string sql;
    std::vector<std::variant<std::int64_t, std::string, Bytes>> params;
};

std::vector<Op> makeOps(std::uint32_t seed, int count)
{
    Workload w(seed);
    std::vector<Op> ops;
    ops.push_back(
        {"CREATE TABLE doc(id INTEGER PRIMARY KEY, title TEXT, body TEXT, data BLOB, n INTEGER)", {}});
    ops.push_back({"CREATE INDEX doc_title ON doc(title)", {}});
    ops.push_back({"CREATE TABLE tag(doc INTEGER REFERENCES doc(id) ON DELETE CASCADE, name TEXT, "
                   "PRIMARY KEY(doc, name)) WITHOUT ROWID",
                   {}});
    std::int64_t nextId = 1;
    for (int i = 0; i < count; ++i) {
        const std::size_t kind = w.pick(100);
        const auto randomId = [&] {
            return static_cast<std::int64_t>(1 + w.pick(static_cast<std::size_t>(nextId)));
        };
        if (kind < 40) {
            // Bodies up to 12 KB and blobs up to 20 KB: many rows spill onto overflow pages.
            ops.push_back({"INSERT INTO doc(id, title, body, data, n) VALUES(?, ?, ?, ?, ?)",
                           {nextId, w.text(40), w.text(12000), w.blob(20000),
                            static_cast<std::int64_t>(w.pick(1000))}});
            ops.push_back({"INSERT OR IGNORE INTO tag VALUES(?, ?)", {nextId, w.text(12)}});
            ++nextId;
        } else if (kind < 55) {
            ops.push_back({"UPDATE doc SET body = ?, n = n + 1 WHERE id = ?", {w.text(9000), randomId()}});
        } else if (kind < 62) {
            ops.push_back({"DELETE FROM doc WHERE id = ?", {randomId()}});
        } else if (kind < 70) {
            ops.push_back({"UPDATE doc SET data = ? WHERE n % 7 = ?",
                           {w.blob(6000), static_cast<std::int64_t>(w.pick(7))}});
        } else if (kind < 78) {
            // A savepoint whose statement journal grows past 64 KiB, partly rolled back.
            ops.push_back({"SAVEPOINT sp", {}});
            ops.push_back({"UPDATE doc SET body = body || ?", {w.text(200)}});
            ops.push_back({"INSERT INTO doc(title, body, n) VALUES(?, ?, 0)", {w.text(20), w.text(70000)}});
            ops.push_back({w.pick(2) == 0 ? "ROLLBACK TO sp" : "SELECT 1", {}});
            ops.push_back({"RELEASE sp", {}});
        } else if (kind < 84) {
            // A transaction that is rolled back.
            ops.push_back({"BEGIN", {}});
            ops.push_back({"DELETE FROM doc WHERE n % 2 = 0", {}});
            ops.push_back({"INSERT INTO doc(title, body) VALUES(?, ?)", {w.text(30), w.text(30000)}});
            ops.push_back({"ROLLBACK", {}});
        } else if (kind < 90) {
            ops.push_back({"BEGIN IMMEDIATE", {}});
            ops.push_back({"UPDATE doc SET title = upper(title) WHERE id % 3 = ?",
                           {static_cast<std::int64_t>(w.pick(3))}});
            ops.push_back({"DELETE FROM tag WHERE name < ?", {w.text(6)}});
            ops.push_back({"COMMIT", {}});
        } else if (kind < 93) {
            ops.push_back({"VACUUM", {}});
        } else if (kind < 96) {
            ops.push_back({"PRAGMA wal_checkpoint(PASSIVE)", {}});
        } else {
            ops.push_back({"REINDEX", {}});
        }
    }
    return ops;
}

Status apply(Database& db, const Op& op)
{
    auto stmt = db.prepare(op.sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    int index = 1;
    for (const auto& p : op.params) {
        if (const auto* i = std::get_if<std::int64_t>(&p))
            stmt->bind(index, *i);
        else if (const auto* s = std::get_if<std::string>(&p))
            stmt->bind(index, std::string_view(*s));
        else
            stmt->bind(index, ByteView(std::get<Bytes>(p)));
        ++index;
    }
    return stmt->run();
}

} // namespace

TEST_CASE("Differential: the same random workload gives the same store, plain and encrypted",
          "[storage][vfs][differential]")
{
    const std::uint32_t seed = GENERATE(1u, 2u, 3u);
    INFO("seed " << seed);
    TempDir dir;
    const auto key = testKey();
    const auto ops = makeOps(seed, 120);
    const auto before = detail::vfsStats();

    auto plain = Database::open(dir / "plain", key, createOptions(false));
    auto enc = Database::open(dir / "enc", key, createOptions(true));
    REQUIRE(plain.has_value());
    REQUIRE(enc.has_value());
    for (std::size_t i = 0; i < ops.size(); ++i) {
        const auto a = apply(*plain, ops[i]);
        const auto b = apply(*enc, ops[i]);
        INFO("op " << i << ": " << ops[i].sql);
        REQUIRE(a.has_value() == b.has_value());
        if (!a)
            CHECK(a.error().code == b.error().code);
        if (i % 40 == 39)
            REQUIRE(fv::test::dumpStore(*plain) == fv::test::dumpStore(*enc));
    }
    const std::string expected = fv::test::dumpStore(*plain);
    CHECK(expected.size() > 100000);
    CHECK(fv::test::dumpStore(*enc) == expected);
    CHECK(fv::test::integrityCheck(*enc) == "ok");
    REQUIRE(plain->close());
    REQUIRE(enc->close());

    auto reopened = Database::open(dir / "enc", key, openOptions(true));
    REQUIRE(reopened.has_value());
    CHECK(fv::test::dumpStore(*reopened) == expected);
    CHECK(fv::test::integrityCheck(*reopened) == "ok");
    REQUIRE(reopened->close());
    auto scan = scanStoreFile(dir / "enc", key);
    REQUIRE(scan.has_value());
    CHECK(scan->damagedPages == 0);
    CHECK(scan->pages == std::filesystem::file_size(dir / "enc") / kPageSize);
    CHECK(detail::vfsStats().walIncompleteFlushes == before.walIncompleteFlushes);
    CHECK(fv::test::fileNames(dir.path()) == std::vector<std::string>{"enc", "plain"});
}
