#include "crypto/Hash.h"

#include "crypto/Sha256Ni.h"

#include <algorithm>
#include <atomic>
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

namespace {

std::atomic<bool> g_forcePortableSha256{false};

bool useShaNi() noexcept
{
    return !g_forcePortableSha256.load(std::memory_order_relaxed) && sha256ni::cpuHasShaNi();
}

// FIPS 180-4 §5.3.3.
constexpr std::uint32_t kSha256Init[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                          0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};

// SHA-256 over the SHA-NI compression function: the buffering and padding of FIPS 180-4 §5.1.1.
struct NiSha256
{
    std::uint32_t h[8];
    std::uint8_t buf[64];
    std::size_t bufLen = 0;
    std::uint64_t totalBytes = 0;

    NiSha256() { std::copy_n(kSha256Init, 8, h); }

    void update(const std::uint8_t* p, std::size_t n)
    {
        totalBytes += n;
        if (bufLen > 0) {
            const std::size_t take = std::min(n, sizeof buf - bufLen);
            std::copy_n(p, take, buf + bufLen);
            bufLen += take;
            p += take;
            n -= take;
            if (bufLen < sizeof buf)
                return;
            sha256ni::compress(h, buf, 1);
            bufLen = 0;
        }
        if (n >= 64) {
            sha256ni::compress(h, p, n / 64);
            p += n / 64 * 64;
            n %= 64;
        }
        std::copy_n(p, n, buf);
        bufLen = n;
    }

    void finish(Sha256Digest& out)
    {
        const std::uint64_t bitLen = totalBytes * 8;
        buf[bufLen++] = 0x80;
        if (bufLen > 56) {
            std::fill(buf + bufLen, buf + 64, std::uint8_t{0});
            sha256ni::compress(h, buf, 1);
            bufLen = 0;
        }
        std::fill(buf + bufLen, buf + 56, std::uint8_t{0});
        for (int i = 0; i < 8; ++i)
            buf[56 + i] = static_cast<std::uint8_t>(bitLen >> (56 - 8 * i));
        sha256ni::compress(h, buf, 1);
        for (int i = 0; i < 8; ++i)
            for (int j = 0; j < 4; ++j)
                out[static_cast<std::size_t>(4 * i + j)] = static_cast<std::uint8_t>(h[i] >> (24 - 8 * j));
    }
};

} // namespace

namespace detail {

void setSha256ForcePortable(bool force) noexcept
{
    g_forcePortableSha256.store(force, std::memory_order_relaxed);
}

bool sha256UsesShaNi() noexcept
{
    return useShaNi();
}

} // namespace detail

Sha256Digest sha256(ByteView data)
{
    Sha256Digest digest{};
    if (useShaNi()) {
        NiSha256 st;
        st.update(data.data(), data.size());
        st.finish(digest);
        sodium_memzero(&st, sizeof st);
    } else {
        crypto_hash_sha256(digest.data(), data.data(), data.size());
    }
    return digest;
}

struct Sha256::State
{
    bool ni = useShaNi(); // fixed for the life of the object
    NiSha256 niState;
    crypto_hash_sha256_state st;
};

Sha256::Sha256() : m_state(std::make_unique<State>())
{
    crypto_hash_sha256_init(&m_state->st);
}

Sha256::~Sha256()
{
    if (m_state)
        sodium_memzero(m_state.get(), sizeof *m_state);
}

Sha256::Sha256(Sha256&&) noexcept = default;
Sha256& Sha256::operator=(Sha256&&) noexcept = default;

void Sha256::update(ByteView data)
{
    if (m_state->ni)
        m_state->niState.update(data.data(), data.size());
    else
        crypto_hash_sha256_update(&m_state->st, data.data(), data.size());
}

Sha256Digest Sha256::finish()
{
    Sha256Digest digest{};
    if (m_state->ni)
        m_state->niState.finish(digest);
    else
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
