#pragma once
// Hashes and MACs: BLAKE2b, SHA-256, HMAC-SHA-256, HKDF-SHA-256 (RFC 5869).

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <memory>

namespace fv {

using Sha256Digest = std::array<std::uint8_t, 32>;

/// SHA-256 of `data`. Uses the x86 SHA extensions when the CPU has them (checked once at run
/// time), else libsodium's portable code; both give the same digest.
Sha256Digest sha256(ByteView data);

/// Incremental SHA-256 for streams; picks the implementation like sha256() when constructed.
/// update() any number of times (empty pieces allowed), then finish() once.
class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(Sha256&&) noexcept;
    Sha256& operator=(Sha256&&) noexcept;
    void update(ByteView data);
    /// The digest; the object must not be updated afterwards.
    Sha256Digest finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
};

/// BLAKE2b with an output of 16..64 bytes, optionally keyed (key 0 or 16..64 bytes). Other
/// sizes are a bug and throw std::invalid_argument (here and in Blake2b's constructor).
Bytes blake2b(ByteView data, std::size_t outLen, ByteView key = {});

/// Incremental BLAKE2b.
class Blake2b
{
public:
    explicit Blake2b(std::size_t outLen, ByteView key = {});
    ~Blake2b();
    Blake2b(Blake2b&&) noexcept;
    Blake2b& operator=(Blake2b&&) noexcept;
    void update(ByteView data);
    Bytes finish();

private:
    struct State;
    std::unique_ptr<State> m_state;
    std::size_t m_outLen;
};

namespace detail {
/// Test hook: while `force` is set, newly started SHA-256 computations use libsodium's
/// portable code even on a CPU with SHA-NI. Not for production use.
void setSha256ForcePortable(bool force) noexcept;
/// Whether a SHA-256 started now would use SHA-NI (the CPU has it and it is not forced off).
bool sha256UsesShaNi() noexcept;
} // namespace detail

/// HMAC-SHA-256 (RFC 2104) of `data` under `key` (any length).
Sha256Digest hmacSha256(ByteView key, ByteView data);

/// HKDF-SHA-256 (RFC 5869) extract-and-expand; `outLen` at most 255*32. The result is secret.
[[nodiscard]] Result<SecretBuffer> hkdfSha256(ByteView ikm, ByteView salt, ByteView info, std::size_t outLen);

} // namespace fv
