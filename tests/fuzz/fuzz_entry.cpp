// fuzz-module: fieldvault_core
// Treats the input as an entries/… member of a bundle (parseEntry): byte 0 picks the manifest
// format (odd: 2, even: 1), bytes 1-64 are the digest the manifest lists, the rest is the member.
// Whatever parses must describe entries/t/1.json; an unredacted entry of format 2 must show a
// chain hash, and the digest it was checked against is the one given.

#include "core/sync/SyncParsers.h"
#include "crypto/Crypto.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    if (size < 65)
        return 0;
    const int format = (data[0] & 1) != 0 ? 2 : 1;
    const QString digest = QString::fromLatin1(reinterpret_cast<const char*>(data + 1), 64);
    const QByteArray bytes(reinterpret_cast<const char*>(data + 65), static_cast<qsizetype>(size - 65));
    auto e = fv::parseEntry(bytes, "entries/t/1.json", format, digest);
    if (!e)
        return 0;
    if (e->testimonyId != QStringLiteral("t") || e->version != 1 || e->digest != digest || e->bytes != bytes)
        std::abort();
    if (format == 2 && !e->redacted && e->hash.size() != 64)
        std::abort();
    return 0;
}
