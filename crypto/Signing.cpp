#include "crypto/Signing.h"

#include <sodium.h>
#include <stdexcept>

namespace fv {

static_assert(sizeof(Ed25519PublicKey) == crypto_sign_ed25519_PUBLICKEYBYTES);
static_assert(sizeof(Ed25519Signature) == crypto_sign_ed25519_BYTES);
static_assert(sizeof(X25519PublicKey) == crypto_scalarmult_curve25519_BYTES);

Ed25519KeyPair Ed25519KeyPair::generate()
{
    Ed25519KeyPair pair;
    pair.secretKey = SecretBuffer(crypto_sign_ed25519_SECRETKEYBYTES);
    crypto_sign_ed25519_keypair(pair.publicKey.data(), pair.secretKey.data());
    return pair;
}

Ed25519KeyPair Ed25519KeyPair::fromSeed(const SecretBuffer& seed)
{
    if (seed.size() != crypto_sign_ed25519_SEEDBYTES)
        throw std::invalid_argument("Ed25519 seed must be 32 bytes");
    Ed25519KeyPair pair;
    pair.secretKey = SecretBuffer(crypto_sign_ed25519_SECRETKEYBYTES);
    crypto_sign_ed25519_seed_keypair(pair.publicKey.data(), pair.secretKey.data(), seed.data());
    return pair;
}

Ed25519Signature ed25519Sign(const SecretBuffer& secretKey, ByteView message)
{
    if (secretKey.size() != crypto_sign_ed25519_SECRETKEYBYTES)
        throw std::invalid_argument("Ed25519 secret key must be 64 bytes");
    Ed25519Signature signature{};
    crypto_sign_ed25519_detached(signature.data(), nullptr, message.data(), message.size(), secretKey.data());
    return signature;
}

bool ed25519Verify(const Ed25519PublicKey& publicKey, ByteView message,
                   const Ed25519Signature& signature) noexcept
{
    return crypto_sign_ed25519_verify_detached(signature.data(), message.data(), message.size(),
                                               publicKey.data()) == 0;
}

X25519KeyPair X25519KeyPair::generate()
{
    return fromSecret(SecretBuffer::random(crypto_scalarmult_curve25519_SCALARBYTES));
}

X25519KeyPair X25519KeyPair::fromSecret(const SecretBuffer& secret)
{
    if (secret.size() != crypto_scalarmult_curve25519_SCALARBYTES)
        throw std::invalid_argument("X25519 secret must be 32 bytes");
    X25519KeyPair pair;
    pair.secretKey = secret.clone();
    if (crypto_scalarmult_curve25519_base(pair.publicKey.data(), pair.secretKey.data()) != 0)
        throw std::invalid_argument("X25519 secret gives no public key");
    return pair;
}

Result<SecretBuffer> x25519(const SecretBuffer& scalar, ByteView point)
{
    if (scalar.size() != crypto_scalarmult_curve25519_SCALARBYTES ||
        point.size() != crypto_scalarmult_curve25519_BYTES)
        return fail(ErrorCode::InvalidArgument, "X25519 takes a 32-byte scalar and a 32-byte point");
    SecretBuffer shared(crypto_scalarmult_curve25519_BYTES);
    if (crypto_scalarmult_curve25519(shared.data(), scalar.data(), point.data()) != 0 ||
        sodium_is_zero(shared.data(), shared.size()))
        return fail(ErrorCode::AuthenticationFailed, "X25519 with a low-order point");
    return shared;
}

} // namespace fv
