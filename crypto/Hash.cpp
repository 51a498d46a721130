#include "crypto/Hash.h"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace fv {

static_assert(sizeof(Sha256Digest) == crypto_hash_sha256_BYTES);
static_assert(sizeof(Sha256Digest) == crypto_auth_hmacsha256_BYTES);

namespace {

constexpr std::size_t kHkdfMaxOutput = 255 * crypto_auth_hmacsha256_BYTES;

void checkBlake2bArgs(std::size_t outLen, ByteView key)
{
    if (outLen < crypto_generichash_BYTES_MIN || outLen > crypto_generichash_BYTES_MAX)
        throw std::invalid_argument("BLAKE2b output length must be 16..64 bytes");
    if (!key.empty() &&
        (key.size() < crypto_generichash_KEYBYTES_MIN || key.size() > crypto_generichash_KEYBYTES_MAX))
        throw std::invalid_argument("BLAKE2b key must be empty or 16..64 bytes");
}

} // namespace

Sha256Digest sha256(ByteView data)
{
    Sha256Digest digest{};
    crypto_hash_sha256(digest.data(), data.data(), data.size());
    return digest;
}

struct Sha256::State
{
    crypto_hash_sha256_state st;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    crypto_hash_sha256_init(&m_state->st);
}

Sha256::~Sha256()
{
    if (m_state)
        sodium_memzero(&m_state->st, sizeof m_state->st);
}

Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(ByteView data)
{
    crypto_hash_sha256_update(&m_state->st, data.data(), data.size());
}

Sha256Digest Sha256::finish()
{
    Sha256Digest digest{};
    crypto_hash_sha256_final(&m_state->st, digest.data());
    return digest;
}

Bytes blake2b(ByteView data, std::size_t outLen, ByteView key)
{
    checkBlake2bArgs(outLen, key);
    Bytes out(outLen);
    crypto_generichash(out.data(), out.size(), data.data(), data.size(), key.empty() ? nullptr : key.data(),
                       key.size());
    return out;
}

struct Blake2b::State
{
    crypto_generichash_state st;
};

Blake2b::Blake2b(std::size_t outLen, ByteView key) : m_state(std::make_unique<State>()), m_outLen(outLen)
{
    checkBlake2bArgs(outLen, key);
    crypto_generichash_init(&m_state->st, key.empty() ? nullptr : key.data(), key.size(), outLen);
}

Blake2b::~Blake2b()
{
    if (m_state)
        sodium_memzero(&m_state->st, sizeof m_state->st);
}

Blake2b::Blake2b(Blake2b&&) noexcept = default;
Blake2b& Blake2b::operator=(Blake2b&&) noexcept = default;

void Blake2b::update(ByteView data)
{
    crypto_generichash_update(&m_state->st, data.data(), data.size());
}

Bytes Blake2b::finish()
{
    Bytes out(m_outLen);
    crypto_generichash_final(&m_state->st, out.data(), out.size());
    return out;
}

Sha256Digest hmacSha256(ByteView key, ByteView data)
{
    crypto_auth_hmacsha256_state st;
    crypto_auth_hmacsha256_init(&st, key.data(), key.size()); // hashes keys longer than a block
    crypto_auth_hmacsha256_update(&st, data.data(), data.size());
    Sha256Digest mac{};
    crypto_auth_hmacsha256_final(&st, mac.data());
    sodium_memzero(&st, sizeof st);
    return mac;
}

Result<SecretBuffer> hkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t outLen)
{
    if (outLen == 0 || outLen > kHkdfMaxOutput)
        return fail(ErrorCode::InvalidArgument, "HKDF output length must be 1..8160 bytes");
    constexpr std::size_t hashLen = crypto_auth_hmacsha256_BYTES;
    crypto_auth_hmacsha256_state st;

    // Extract: PRK = HMAC(salt, IKM); an absent salt is HashLen zero bytes (RFC 5869 §2.2).
    const std::uint8_t zeroSalt[hashLen] = {};
    const ByteView effectiveSalt = salt.empty() ? ByteView(zeroSalt, hashLen) : salt;
    SecretBuffer prk(hashLen);
    crypto_auth_hmacsha256_init(&st, effectiveSalt.data(), effectiveSalt.size());
    crypto_auth_hmacsha256_update(&st, ikm.data(), ikm.size());
    crypto_auth_hmacsha256_final(&st, prk.data());

    // Expand: T(i) = HMAC(PRK, T(i-1) || info || i), OKM = first outLen bytes of T(1) || T(2) || ...
    SecretBuffer okm(outLen);
    SecretBuffer block(hashLen);
    std::size_t done = 0;
    for (std::uint8_t counter = 1; done < outLen; ++counter) {
        crypto_auth_hmacsha256_init(&st, prk.data(), prk.size());
        if (counter > 1)
            crypto_auth_hmacsha256_update(&st, block.data(), block.size());
        crypto_auth_hmacsha256_update(&st, info.data(), info.size());
        crypto_auth_hmacsha256_update(&st, &counter, 1);
        crypto_auth_hmacsha256_final(&st, block.data());
        const std::size_t take = std::min(hashLen, outLen - done);
        std::copy_n(block.data(), take, okm.data() + done);
        done += take;
    }
    sodium_memzero(&st, sizeof st);
    return okm;
}

} // namespace fv
