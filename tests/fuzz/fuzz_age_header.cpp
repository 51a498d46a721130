// fuzz-module: fieldvault_crypto
// Treats the input as an age file (binary or armored): reads the header with a fixed X25519
// identity, and separately with a fixed passphrase (work factor capped low so scrypt stays
// cheap), then decrypts the payload to its end. Any input must end in a clean error or a
// plaintext.

#include "crypto/Age.h"
#include "crypto/Crypto.h"

#include <cstdlib>

namespace {

// The seeds in corpus/age_header were encrypted to this identity (secret bytes 0x01..0x20) or
// with this passphrase at work factor 1 or 2.
constexpr const char* kPassphrase = "fuzz passphrase";
constexpr int kMaxWorkFactor = 4;

fv::AgeIdentity fixedIdentity()
{
    fv::Bytes secret(32);
    for (std::size_t i = 0; i < secret.size(); ++i)
        secret[i] = static_cast<std::uint8_t>(i + 1);
    return fv::AgeIdentity::fromSecret(fv::SecretBuffer::copyOf(secret));
}

void drain(fv::ByteSource& source)
{
    std::uint8_t buffer[4096];
    for (;;) {
        auto n = source.read(buffer);
        if (!n || *n == 0)
            return;
        if (*n > sizeof buffer)
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    static const fv::AgeIdentity identity = fixedIdentity();

    const fv::ByteView input(data, size);
    {
        fv::MemorySource in(input);
        auto dec = fv::AgeDecryptor::open(in, std::span(&identity, 1));
        if (dec)
            drain(**dec);
    }
    {
        fv::MemorySource in(input);
        auto dec = fv::AgeDecryptor::openWithPassphrase(in, fv::asBytes(kPassphrase), kMaxWorkFactor);
        if (dec)
            drain(**dec);
    }
    return 0;
}
