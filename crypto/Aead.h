#pragma once
// XChaCha20-Poly1305 (IETF) authenticated encryption with associated data.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

namespace fv {

constexpr std::size_t kAeadKeyBytes = 32;
constexpr std::size_t kAeadNonceBytes = 24;
constexpr std::size_t kAeadTagBytes = 16;

/// Encrypts `plaintext` into `ciphertext` (same size; may not alias plaintext unless equal)
/// and writes the 16-byte tag. The caller supplies a unique 24-byte nonce.
void aeadEncryptDetached(const SecretBuffer& key, ByteView nonce, ByteView ad, ByteView plaintext,
                         MutableByteView ciphertext, MutableByteView tag);

/// Verifies the tag and then decrypts into `plaintext` (same size as ciphertext). Returns false
/// and leaves `plaintext` zeroed when authentication fails; no plaintext is released then.
[[nodiscard]] bool aeadDecryptDetached(const SecretBuffer& key, ByteView nonce, ByteView ad,
                                       ByteView ciphertext, ByteView tag, MutableByteView plaintext);

/// Encrypts with a fresh random nonce; returns nonce || ciphertext || tag.
Bytes aeadSeal(const SecretBuffer& key, ByteView ad, ByteView plaintext);
/// Opens what aeadSeal produced; AuthenticationFailed on any change.
[[nodiscard]] Result<Bytes> aeadOpen(const SecretBuffer& key, ByteView ad, ByteView sealed);
/// Like aeadOpen, for secret payloads (wrapped keys): the plaintext lands in guarded memory.
[[nodiscard]] Result<SecretBuffer> aeadOpenSecret(const SecretBuffer& key, ByteView ad, ByteView sealed);
/// Like aeadSeal, for a secret payload.
Bytes aeadSealSecret(const SecretBuffer& key, ByteView ad, const SecretBuffer& secret);

} // namespace fv
