// fuzz-module: fieldvault_storage
// Feeds arbitrary store files and WALs to the encrypting VFS and SQLite under a fixed page key.
// The first input byte picks how the rest is used:
//   0: raw bytes of the store file (exercises the page decoder on ciphertext);
//   1: plaintext pages, sealed with the fixed key before they are written (exercises the VFS
//      and SQLite on authenticated but arbitrary page content, page 1 included);
//   2: a valid small store, plus the rest as plaintext WAL units sealed with the fixed key
//      (exercises WAL recovery through the unit mapping);
//   3: a valid small store, plus the rest as raw WAL bytes.
// Every input must end in a clean error or a successful read; never a crash.

#include "crypto/Crypto.h"
#include "storage/Database.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <unistd.h>

namespace {

// Bytes 0x00..0x1f; the seeds in corpus/page_decode were written under this key.
fv::SecretBuffer fixedKey()
{
    fv::SecretBuffer key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<std::uint8_t>(i);
    return key;
}

std::filesystem::path workDir()
{
    char pattern[] = "/tmp/fv-fuzz-page-XXXXXX";
    if (::mkdtemp(pattern) == nullptr)
        std::abort();
    return pattern;
}

void writeFile(const std::filesystem::path& path, fv::ByteView data)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

fv::Bytes sealPages(const fv::SecretBuffer& key, fv::ByteView plain)
{
    fv::Bytes out;
    const fv::Bytes nonce(24, 0x5a);
    for (std::size_t off = 0, pageNo = 1; off < plain.size(); off += fv::kPageSize, ++pageNo) {
        fv::Bytes page(fv::kPageSize, 0);
        std::copy_n(plain.begin() + static_cast<std::ptrdiff_t>(off),
                    std::min<std::size_t>(fv::kPageSize, plain.size() - off), page.begin());
        fv::Bytes disk(fv::kPageSize);
        fv::detail::sealPageWithNonce(key, static_cast<std::uint32_t>(pageNo), page, nonce, disk);
        out.insert(out.end(), disk.begin(), disk.end());
    }
    return out;
}

fv::Bytes sealWal(const fv::SecretBuffer& key, fv::ByteView plain)
{
    fv::Bytes out;
    const fv::Bytes nonce(24, 0xa5);
    std::size_t off = 0;
    for (std::uint64_t unit = 0; off < plain.size(); ++unit) {
        const std::size_t n = unit == 0 ? 32 : 4080;
        fv::Bytes piece(unit == 0 ? 32 : 4120, 0);
        std::copy_n(plain.begin() + static_cast<std::ptrdiff_t>(off), std::min(n, plain.size() - off),
                    piece.begin());
        off += n;
        fv::Bytes disk(n + 40);
        fv::detail::sealWalUnitWithNonce(key, unit, piece, nonce, disk);
        out.insert(out.end(), disk.begin(), disk.end());
    }
    return out;
}

// A small valid store, made once.
const fv::Bytes& baseStore(const fv::SecretBuffer& key, const std::filesystem::path& dir)
{
    static fv::Bytes store;
    if (!store.empty())
        return store;
    const auto path = dir / "base";
    std::filesystem::remove(path);
    fv::OpenOptions options;
    options.create = true;
    auto db = fv::Database::open(path, key, options);
    if (!db ||
        !db->exec("CREATE TABLE t(a INTEGER PRIMARY KEY, b TEXT); CREATE INDEX tb ON t(b);"
                  "INSERT INTO t(b) VALUES('one'), ('two'), (printf('%05000d', 3))") ||
        !db->close())
        std::abort();
    std::ifstream in(path, std::ios::binary);
    store.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    std::filesystem::remove(path);
    return store;
}

void exercise(const std::filesystem::path& path, const fv::SecretBuffer& key)
{
    fv::OpenOptions options;
    auto db = fv::Database::open(path, key, options);
    if (!db)
        return;
    for (const char* sql : {"PRAGMA integrity_check", "SELECT * FROM sqlite_schema",
                            "SELECT * FROM t ORDER BY b", "INSERT INTO t(b) VALUES('x')"}) {
        auto stmt = db->prepare(sql);
        if (!stmt)
            continue;
        for (int rows = 0; rows < 1000; ++rows) {
            auto r = stmt->step();
            if (!r || !*r)
                break;
            (void)stmt->columnText(0);
        }
    }
    (void)db->close();
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    static const fv::SecretBuffer key = fixedKey();
    static const std::filesystem::path dir = workDir();
    if (size == 0 || size > 64 * fv::kPageSize)
        return 0;
    const fv::ByteView rest(data + 1, size - 1);
    const auto store = dir / "store";
    const auto wal = dir / "store-wal";
    std::error_code ec;
    std::filesystem::remove(wal, ec);

    switch (data[0] % 4) {
    case 0:
        writeFile(store, rest);
        break;
    case 1:
        writeFile(store, sealPages(key, rest));
        break;
    case 2:
        writeFile(store, baseStore(key, dir));
        writeFile(wal, sealWal(key, rest));
        break;
    default:
        writeFile(store, baseStore(key, dir));
        writeFile(wal, rest);
        break;
    }
    exercise(store, key);
    (void)fv::scanStoreFile(store, key);
    std::filesystem::remove(wal, ec);
    return 0;
}
