#include "core/sync/Seal.h"

#include "crypto/Crypto.h"
#include "crypto/Hash.h"

namespace fv {
namespace {

constexpr std::string_view kSecretKey = "seal_secret";

Bytes hashBytes(const QString& hashHex)
{
    Bytes raw;
    if (hashHex.size() != 64 || !fromHex(hashHex.toStdString(), raw) || raw.size() != 32)
        return {};
    return raw;
}

Bytes labelled(std::string_view label, ByteView hash)
{
    Bytes message(label.begin(), label.end());
    message.push_back(0);
    message.insert(message.end(), hash.begin(), hash.end());
    return message;
}

} // namespace

Result<SecretBuffer> sealSecret(Database& db)
{
    auto read = [&]() -> Result<SecretBuffer> {
        auto stmt = db.prepare("SELECT value FROM meta WHERE key = ?1");
        if (!stmt)
            return std::unexpected(stmt.error());
        stmt->bind(1, kSecretKey);
        auto row = stmt->step();
        if (!row)
            return std::unexpected(row.error());
        if (!*row)
            return SecretBuffer{};
        const Bytes value = stmt->columnBlob(0);
        if (value.size() != kSealKeyBytes)
            return fail(ErrorCode::StoreDamaged, "The vault's seal secret is damaged.");
        return SecretBuffer::copyOf(value);
    };
    auto secret = read();
    if (!secret || !secret->empty())
        return secret;
    const SecretBuffer fresh = SecretBuffer::random(kSealKeyBytes);
    auto stmt = db.prepare("INSERT OR IGNORE INTO meta (key, value) VALUES (?1, ?2)");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, kSecretKey).bind(2, fresh.view());
    if (auto st = stmt->run(); !st)
        return std::unexpected(st.error());
    return read();
}

SecretBuffer versionSealKey(const SecretBuffer& secret, const QString& hashHex)
{
    const Bytes hash = hashBytes(hashHex);
    if (hash.empty() || secret.size() != kSealKeyBytes)
        return {};
    SecretBuffer key(kSealKeyBytes);
    Bytes k = blake2b(labelled("fieldvault-seal-key-v1", hash), kSealKeyBytes, secret.view());
    std::copy(k.begin(), k.end(), key.data());
    wipeMemory(k);
    return key;
}

QString versionSeal(ByteView key, const QString& hashHex)
{
    const Bytes hash = hashBytes(hashHex);
    if (hash.empty() || key.size() != kSealKeyBytes)
        return {};
    return QString::fromStdString(toHex(blake2b(labelled("fieldvault-seal-v1", hash), 32, key)));
}

} // namespace fv
