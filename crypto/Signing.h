#pragma once
// Ed25519 signatures and X25519 key agreement.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

namespace fv {

using Ed25519PublicKey = std::array<std::uint8_t, 32>;
using Ed25519Signature = std::array<std::uint8_t, 64>;
using X25519PublicKey = std::array<std::uint8_t, 32>;

struct Ed25519KeyPair
{
    Ed25519PublicKey publicKey{};
    SecretBuffer secretKey; ///< 64 bytes: seed || public key (libsodium layout)

    static Ed25519KeyPair generate();
    /// The key pair of a 32-byte seed (deterministic; for test vectors and stored keys).
    /// Throws std::invalid_argument on another seed size.
    static Ed25519KeyPair fromSeed(const SecretBuffer& seed);
};

/// Signs `message` (pure Ed25519). Throws std::invalid_argument unless the key is 64 bytes.
Ed25519Signature ed25519Sign(const SecretBuffer& secretKey, ByteView message);
/// True only if `signature` is a valid Ed25519 signature of `message` by `publicKey`.
[[nodiscard]] bool ed25519Verify(const Ed25519PublicKey& publicKey, ByteView message,
                                 const Ed25519Signature& signature) noexcept;

struct X25519KeyPair
{
    X25519PublicKey publicKey{};
    SecretBuffer secretKey; ///< 32-byte scalar

    static X25519KeyPair generate();
    /// The key pair whose secret scalar is `secret` (32 bytes; std::invalid_argument otherwise).
    static X25519KeyPair fromSecret(const SecretBuffer& secret);
};

/// X25519(scalar, point). AuthenticationFailed when the result is all zero (a low-order point).
[[nodiscard]] Result<SecretBuffer> x25519(const SecretBuffer& scalar, ByteView point);

} // namespace fv
