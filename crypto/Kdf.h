#pragma once
// Key derivation: Argon2id for passphrases, BLAKE2b-based subkeys for purposes.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <string_view>

namespace fv {

constexpr std::size_t kArgon2SaltBytes = 16;

/// Argon2id cost parameters; stored next to what they protect so they can change later.
struct Argon2Params
{
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimitBytes = 0;

    /// libsodium's MODERATE limits (3 passes, 256 MiB): the default for every vault.
    static Argon2Params moderate() noexcept;
    /// libsodium's SENSITIVE limits (4 passes, 1 GiB).
    static Argon2Params sensitive() noexcept;
    /// Deliberately weak (1 pass, 8 MiB): for tests only, and must be asked for explicitly.
    static Argon2Params fastForTests() noexcept;
    /// True when the limits are within libsodium's accepted range and at least the test profile.
    bool valid() const noexcept;
    bool operator==(const Argon2Params&) const = default;
};

/// Derives `outLen` bytes from a passphrase with Argon2id v1.3. Fails with InvalidArgument on
/// a bad salt size or parameters, and with Internal when memory cannot be allocated.
[[nodiscard]] Result<SecretBuffer> argon2id(ByteView passphrase, ByteView salt, const Argon2Params& params,
                                            std::size_t outLen);

/// Derives an independent subkey of `outLen` (16..64) bytes from a 32-byte master key for one
/// purpose (libsodium crypto_kdf: BLAKE2b keyed by the master, with an 8-character context and
/// a numeric id). Different (context, id) pairs give unrelated keys. Throws std::invalid_argument
/// on a master key that is not 32 bytes, a context that is not 8 characters, or a bad outLen.
SecretBuffer deriveSubkey(const SecretBuffer& masterKey, std::string_view context8, std::uint64_t id,
                          std::size_t outLen);

} // namespace fv
