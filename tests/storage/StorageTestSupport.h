#pragma once
// Helpers shared by the storage tests: a private temporary directory, file access, store dumps.

#include "storage/Database.h"

#include <algorithm>
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

inline SecretBuffer testKey(std::uint8_t seed = 7)
{
    SecretBuffer key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<std::uint8_t>(seed + i * 13);
    return key;
}

inline OpenOptions createOptions(bool encrypted = true)
{
    OpenOptions o;
    o.create = true;
    o.encrypted = encrypted;
    return o;
}

inline OpenOptions openOptions(bool encrypted = true)
{
    OpenOptions o;
    o.encrypted = encrypted;
    return o;
}

/// UTF-16 code units of UTF-8 text (valid input assumed).
inline std::u16string utf16(std::string_view utf8)
{
    std::u16string out;
    for (std::size_t i = 0; i < utf8.size();) {
        const auto c = static_cast<unsigned char>(utf8[i]);
        char32_t cp = 0;
        int extra = 0;
        if (c < 0x80) {
            cp = c;
        } else if ((c & 0xE0) == 0xC0) {
            cp = c & 0x1F;
            extra = 1;
        } else if ((c & 0xF0) == 0xE0) {
            cp = c & 0x0F;
            extra = 2;
        } else {
            cp = c & 0x07;
            extra = 3;
        }
        for (int k = 1; k <= extra; ++k)
            cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + static_cast<std::size_t>(k)]) & 0x3F);
        i += static_cast<std::size_t>(extra) + 1;
        if (cp >= 0x10000) {
            cp -= 0x10000;
            out.push_back(static_cast<char16_t>(0xD800 + (cp >> 10)));
            out.push_back(static_cast<char16_t>(0xDC00 + (cp & 0x3FF)));
        } else {
            out.push_back(static_cast<char16_t>(cp));
        }
    }
    return out;
}

inline Bytes utf16Bytes(std::string_view utf8, bool bigEndian)
{
    Bytes out;
    for (char16_t u : utf16(utf8)) {
        const auto hi = static_cast<std::uint8_t>(u >> 8);
        const auto lo = static_cast<std::uint8_t>(u & 0xFF);
        out.push_back(bigEndian ? hi : lo);
        out.push_back(bigEndian ? lo : hi);
    }
    return out;
}

inline bool contains(ByteView haystack, ByteView needle)
{
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

/// Every forbidden byte pattern found in the regular files of `dir`, as "file: what".
inline std::vector<std::string> scanForLeaks(const std::filesystem::path& dir,
                                             const std::vector<std::string>& canaries)
{
    std::vector<std::pair<std::string, Bytes>> patterns;
    for (const auto& c : canaries) {
        patterns.emplace_back(c + " (UTF-8)", Bytes(c.begin(), c.end()));
        patterns.emplace_back(c + " (UTF-16LE)", utf16Bytes(c, false));
        patterns.emplace_back(c + " (UTF-16BE)", utf16Bytes(c, true));
    }
    const std::string sqliteMagic = "SQLite format 3";
    patterns.emplace_back("SQLite header", Bytes(sqliteMagic.begin(), sqliteMagic.end()));
    patterns.emplace_back("WAL magic 377f0682", Bytes{0x37, 0x7f, 0x06, 0x82});
    patterns.emplace_back("WAL magic 377f0683", Bytes{0x37, 0x7f, 0x06, 0x83});
    patterns.emplace_back("WAL magic 377f0682 LE", Bytes{0x82, 0x06, 0x7f, 0x37});
    patterns.emplace_back("WAL magic 377f0683 LE", Bytes{0x83, 0x06, 0x7f, 0x37});
    patterns.emplace_back("journal magic", Bytes{0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7});
    std::vector<std::string> found;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        const Bytes content = readFile(entry.path());
        for (const auto& [what, bytes] : patterns)
            if (contains(content, bytes))
                found.push_back(entry.path().filename().string() + ": " + what);
    }
    return found;
}

/// Names of the files in `dir`.
inline std::vector<std::string> fileNames(const std::filesystem::path& dir)
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(dir))
        names.push_back(entry.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
}

} // namespace fv::test
