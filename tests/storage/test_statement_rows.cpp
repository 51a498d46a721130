// Statement::forEachRow: order, zero rows, and the first error (SQLite's or the callback's) ending
// the iteration.
#include "StorageTestSupport.h"
#include "storage/Database.h"

#include <catch2/catch.hpp>
#include <sqlite3.h>
#include <vector>

using namespace fv;
using fv::test::TempDir;

using fv::test::createOptions;
using fv::test::testKey;

namespace {

Database numbersStore(const TempDir& dir)
{
    auto db = Database::open(dir / "store", testKey(), createOptions());
    REQUIRE(db.has_value());
    REQUIRE(db->exec("CREATE TABLE t(x INTEGER PRIMARY KEY); INSERT INTO t VALUES (3), (1), (5), (2), (4)"));
    return std::move(*db);
}

// refuse_three(x): x, except that 3 raises an SQL error.
void refuseThree(sqlite3_context* ctx, int, sqlite3_value** argv)
{
    if (sqlite3_value_int64(argv[0]) == 3)
        sqlite3_result_error(ctx, "three refused", -1);
    else
        sqlite3_result_int64(ctx, sqlite3_value_int64(argv[0]));
}

} // namespace

TEST_CASE("forEachRow visits every row in order", "[storage][database][rows]")
{
    TempDir dir;
    Database db = numbersStore(dir);
    auto stmt = db.prepare("SELECT x, 'n' || x FROM t ORDER BY x");
    REQUIRE(stmt.has_value());
    std::vector<std::int64_t> numbers;
    std::vector<std::string> names;
    auto st = stmt->forEachRow([&](const Statement& row) {
        numbers.push_back(row.columnInt(0));
        names.push_back(row.columnText(1));
    });
    REQUIRE(st.has_value());
    CHECK(numbers == std::vector<std::int64_t>{1, 2, 3, 4, 5});
    CHECK(names == std::vector<std::string>{"n1", "n2", "n3", "n4", "n5"});
}

TEST_CASE("forEachRow over zero rows never calls back", "[storage][database][rows]")
{
    TempDir dir;
    Database db = numbersStore(dir);
    auto stmt = db.prepare("SELECT x FROM t WHERE x > 10");
    REQUIRE(stmt.has_value());
    int calls = 0;
    REQUIRE(stmt->forEachRow([&](const Statement&) -> Status {
        ++calls;
        return {};
    }));
    CHECK(calls == 0);
}

TEST_CASE("forEachRow stops at the callback's error and returns it", "[storage][database][rows]")
{
    TempDir dir;
    Database db = numbersStore(dir);
    auto stmt = db.prepare("SELECT x FROM t ORDER BY x");
    REQUIRE(stmt.has_value());
    std::vector<std::int64_t> seen;
    auto st = stmt->forEachRow([&](const Statement& row) -> Status {
        seen.push_back(row.columnInt(0));
        if (row.columnInt(0) == 2)
            return fail(ErrorCode::StoreDamaged, "row 2 is bad");
        return {};
    });
    REQUIRE_FALSE(st.has_value());
    CHECK(st.error().code == ErrorCode::StoreDamaged);
    CHECK(st.error().message == "row 2 is bad");
    CHECK(seen == std::vector<std::int64_t>{1, 2});

    // The statement is still usable after a reset.
    stmt->reset();
    int rows = 0;
    REQUIRE(stmt->forEachRow([&](const Statement&) { ++rows; }));
    CHECK(rows == 5);
}

TEST_CASE("forEachRow returns an SQL error raised part way through", "[storage][database][rows]")
{
    TempDir dir;
    Database db = numbersStore(dir);
    REQUIRE(sqlite3_create_function(db.handle(), "refuse_three", 1, SQLITE_UTF8, nullptr, refuseThree,
                                    nullptr, nullptr) == SQLITE_OK);
    auto stmt = db.prepare("SELECT refuse_three(x) FROM t ORDER BY x");
    REQUIRE(stmt.has_value());
    std::vector<std::int64_t> seen;
    auto st = stmt->forEachRow([&](const Statement& row) { seen.push_back(row.columnInt(0)); });
    REQUIRE_FALSE(st.has_value());
    CHECK(st.error().code == ErrorCode::InvalidArgument);
    CHECK_THAT(st.error().message, Catch::Contains("three refused"));
    CHECK(seen == std::vector<std::int64_t>{1, 2});
}

TEST_CASE("forEachRow reports a failed bind before any row", "[storage][database][rows]")
{
    TempDir dir;
    Database db = numbersStore(dir);
    auto stmt = db.prepare("SELECT x FROM t WHERE x > ?1");
    REQUIRE(stmt.has_value());
    stmt->bind(2, std::int64_t{0});
    int calls = 0;
    auto st = stmt->forEachRow([&](const Statement&) { ++calls; });
    REQUIRE_FALSE(st.has_value());
    CHECK(st.error().code == ErrorCode::InvalidArgument);
    CHECK(calls == 0);
}
