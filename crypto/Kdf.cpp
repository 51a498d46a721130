#include "crypto/Kdf.h"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace fv {

namespace {

constexpr std::uint64_t kTestOpsLimit = 1;
constexpr std::uint64_t kTestMemLimit = 8ull * 1024 * 1024;

} // namespace

static_assert(kArgon2SaltBytes == crypto_pwhash_argon2id_SALTBYTES);

Argon2Params Argon2Params::moderate() noexcept
{
    return {crypto_pwhash_argon2id_OPSLIMIT_MODERATE, crypto_pwhash_argon2id_MEMLIMIT_MODERATE};
}

Argon2Params Argon2Params::sensitive() noexcept
{
    return {crypto_pwhash_argon2id_OPSLIMIT_SENSITIVE, crypto_pwhash_argon2id_MEMLIMIT_SENSITIVE};
}

Argon2Params Argon2Params::fastForTests() noexcept
{
    return {kTestOpsLimit, kTestMemLimit};
}

bool Argon2Params::valid() const noexcept
{
    const std::uint64_t minOps = std::max<std::uint64_t>(crypto_pwhash_argon2id_OPSLIMIT_MIN, kTestOpsLimit);
    const std::uint64_t minMem = std::max<std::uint64_t>(crypto_pwhash_argon2id_MEMLIMIT_MIN, kTestMemLimit);
    return opsLimit >= minOps && opsLimit <= crypto_pwhash_argon2id_OPSLIMIT_MAX && memLimitBytes >= minMem &&
           memLimitBytes <= crypto_pwhash_argon2id_MEMLIMIT_MAX;
}

Result<SecretBuffer> argon2id(ByteView passphrase, ByteView salt, const Argon2Params& params,
                              std::size_t outLen)
{
    if (salt.size() != kArgon2SaltBytes)
        return fail(ErrorCode::InvalidArgument, "Argon2id salt must be 16 bytes");
    if (!params.valid())
        return fail(ErrorCode::InvalidArgument, "Argon2id parameters are out of range");
    if (outLen < crypto_pwhash_argon2id_BYTES_MIN || outLen > crypto_pwhash_argon2id_BYTES_MAX)
        return fail(ErrorCode::InvalidArgument, "Argon2id output length is out of range");
    if (passphrase.size() > crypto_pwhash_argon2id_PASSWD_MAX)
        return fail(ErrorCode::InvalidArgument, "passphrase is too long");
    SecretBuffer out(outLen);
    // An empty span may carry a null pointer; libsodium wants a valid one even for length 0.
    static const char kEmpty = 0;
    const char* pass = passphrase.empty() ? &kEmpty : reinterpret_cast<const char*>(passphrase.data());
    if (crypto_pwhash(out.data(), out.size(), pass, passphrase.size(), salt.data(), params.opsLimit,
                      static_cast<std::size_t>(params.memLimitBytes), crypto_pwhash_ALG_ARGON2ID13) != 0)
        return fail(ErrorCode::Internal, "Argon2id could not allocate its memory");
    return out;
}

SecretBuffer deriveSubkey(const SecretBuffer& masterKey, std::string_view context8, std::uint64_t id,
                          std::size_t outLen)
{
    if (masterKey.size() != crypto_kdf_KEYBYTES || context8.size() != crypto_kdf_CONTEXTBYTES ||
        outLen < crypto_kdf_BYTES_MIN || outLen > crypto_kdf_BYTES_MAX)
        throw std::invalid_argument("deriveSubkey: bad key size, context length or output length");
    char context[crypto_kdf_CONTEXTBYTES];
    std::copy(context8.begin(), context8.end(), context);
    SecretBuffer out(outLen);
    if (crypto_kdf_derive_from_key(out.data(), out.size(), id, context, masterKey.data()) != 0)
        throw std::invalid_argument("deriveSubkey: rejected by libsodium");
    return out;
}

} // namespace fv
