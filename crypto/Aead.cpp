#include "crypto/Aead.h"

#include "crypto/Random.h"

#include <cassert>
#include <cstring>
#include <sodium.h>

namespace fv {

static_assert(kAeadKeyBytes == crypto_aead_xchacha20poly1305_ietf_KEYBYTES);
static_assert(kAeadNonceBytes == crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
static_assert(kAeadTagBytes == crypto_aead_xchacha20poly1305_ietf_ABYTES);

void aeadEncryptDetached(const SecretBuffer& key, ByteView nonce, ByteView ad, ByteView plaintext,
                         MutableByteView ciphertext, MutableByteView tag)
{
    assert(key.size() == kAeadKeyBytes && nonce.size() == kAeadNonceBytes);
    assert(ciphertext.size() == plaintext.size() && tag.size() == kAeadTagBytes);
    unsigned long long tagLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(ciphertext.data(), tag.data(), &tagLen,
                                                        plaintext.data(), plaintext.size(), ad.data(),
                                                        ad.size(), nullptr, nonce.data(), key.data());
}

bool aeadDecryptDetached(const SecretBuffer& key, ByteView nonce, ByteView ad, ByteView ciphertext,
                         ByteView tag, MutableByteView plaintext)
{
    if (key.size() != kAeadKeyBytes || nonce.size() != kAeadNonceBytes || tag.size() != kAeadTagBytes ||
        plaintext.size() != ciphertext.size())
        return false;
    // libsodium verifies the tag before it decrypts anything.
    const int rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
        plaintext.data(), nullptr, ciphertext.data(), ciphertext.size(), tag.data(), ad.data(), ad.size(),
        nonce.data(), key.data());
    if (rc != 0) {
        if (!plaintext.empty())
            sodium_memzero(plaintext.data(), plaintext.size());
        return false;
    }
    return true;
}

Bytes aeadSeal(const SecretBuffer& key, ByteView ad, ByteView plaintext)
{
    Bytes out(kAeadNonceBytes + plaintext.size() + kAeadTagBytes);
    MutableByteView all(out);
    randomFill(all.first(kAeadNonceBytes));
    aeadEncryptDetached(key, all.first(kAeadNonceBytes), ad, plaintext,
                        all.subspan(kAeadNonceBytes, plaintext.size()), all.last(kAeadTagBytes));
    return out;
}

Bytes aeadSealSecret(const SecretBuffer& key, ByteView ad, const SecretBuffer& secret)
{
    return aeadSeal(key, ad, secret.view());
}

Result<Bytes> aeadOpen(const SecretBuffer& key, ByteView ad, ByteView sealed)
{
    if (sealed.size() < kAeadNonceBytes + kAeadTagBytes)
        return fail(ErrorCode::AuthenticationFailed, "encrypted data is too short");
    const std::size_t n = sealed.size() - kAeadNonceBytes - kAeadTagBytes;
    Bytes out(n);
    if (!aeadDecryptDetached(key, sealed.first(kAeadNonceBytes), ad, sealed.subspan(kAeadNonceBytes, n),
                             sealed.last(kAeadTagBytes), out))
        return fail(ErrorCode::AuthenticationFailed, "encrypted data failed authentication");
    return out;
}

Result<SecretBuffer> aeadOpenSecret(const SecretBuffer& key, ByteView ad, ByteView sealed)
{
    if (sealed.size() < kAeadNonceBytes + kAeadTagBytes)
        return fail(ErrorCode::AuthenticationFailed, "encrypted data is too short");
    const std::size_t n = sealed.size() - kAeadNonceBytes - kAeadTagBytes;
    SecretBuffer out(n);
    if (!aeadDecryptDetached(key, sealed.first(kAeadNonceBytes), ad, sealed.subspan(kAeadNonceBytes, n),
                             sealed.last(kAeadTagBytes), out.span()))
        return fail(ErrorCode::AuthenticationFailed, "encrypted data failed authentication");
    return out;
}

} // namespace fv
