#pragma once
// Helpers shared by the storage tests: a private temporary directory, file access, store dumps.

#include "storage/Database.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace fv::test {

/// A fresh directory under $TMPDIR (mkdtemp), removed with everything in it on destruction.
class TempDir
{
public:
    TempDir()
    {
        std::string pattern = (std::filesystem::temp_directory_path() / "fv-storage-XXXXXX").string();
        std::vector<char> buf(pattern.begin(), pattern.end());
        buf.push_back('\0');
        REQUIRE(::mkdtemp(buf.data()) != nullptr);
        m_path = buf.data();
    }
    ~TempDir()
    {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return m_path; }
    std::filesystem::path operator/(const std::string& name) const { return m_path / name; }

private:
    std::filesystem::path m_path;
};

inline Bytes readFile(const std::filesystem::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

inline void writeFile(const std::filesystem::path& path, ByteView data)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
    REQUIRE(out.good());
}

inline std::vector<std::string> queryColumn(Database& db, const std::string& sql)
{
    std::vector<std::string> values;
    auto stmt = db.prepare(sql);
    REQUIRE(stmt.has_value());
    for (;;) {
        auto row = stmt->step();
        REQUIRE(row.has_value());
        if (!*row)
            break;
        values.push_back(stmt->columnText(0));
    }
    return values;
}

/// Every row of every table (tables by name, rows ordered by all columns), each value as SQL's
/// quote() renders it. Two stores with the same content give the same dump.
inline std::string dumpStore(Database& db)
{
    std::string out;
    const auto tables = queryColumn(db, "SELECT name FROM sqlite_schema WHERE type='table' AND name NOT LIKE "
                                        "'sqlite_%' ORDER BY name");
    for (const auto& table : tables) {
        const auto columns =
            queryColumn(db, "SELECT name FROM pragma_table_info('" + table + "') ORDER BY cid");
        std::string select;
        std::string order;
        for (const auto& c : columns) {
            select += (select.empty() ? "" : " || '|' || ") + std::string("quote(\"") + c + "\")";
            order += (order.empty() ? "" : ", ") + std::string("\"") + c + "\"";
        }
        out += "== " + table + "\n";
        for (const auto& row :
             queryColumn(db, "SELECT " + select + " FROM \"" + table + "\" ORDER BY " + order))
            out += row + "\n";
    }
    return out;
}

inline std::string integrityCheck(Database& db)
{
    const auto rows = queryColumn(db, "PRAGMA integrity_check");
    std::string out;
    for (const auto& r : rows)
        out += r;
    return out;
}

} // namespace fv::test
