// fuzz-module: fieldvault_crypto
// Treats the input as each of the minisign text formats: a public key, a signature (verified
// against a fixed key and message), and a secret key. Whatever parses must re-serialise to
// text that parses to the same value. Encrypted secret keys are skipped: their scrypt limits
// come from the file and would make each run slow by design.

#include "crypto/Crypto.h"
#include "crypto/Minisign.h"

#include <cstdlib>
#include <string_view>

namespace {

// corpus/minisign holds this key's public key, an unencrypted secret key file and a signature
// of kMessage.
constexpr std::string_view kMessage = "fuzz message\n";

fv::MinisignPublicKey fixedKey()
{
    auto key = fv::MinisignPublicKey::parse("RWTQtM9XvOyL6X2B625R7tKDdKiiHRYp9XIBWneVpbjowmFX1bcUMHxQ");
    if (!key)
        std::abort();
    return *key;
}

bool encryptedSecretKey(std::string_view text)
{
    const std::size_t nl = text.find('\n');
    if (nl == std::string_view::npos)
        return false;
    std::string_view line = text.substr(nl + 1);
    line = line.substr(0, line.find_first_of("\r\n"));
    fv::Bytes raw;
    return fv::fromBase64(line, raw) && raw.size() >= 4 && raw[2] == 'S' && raw[3] == 'c';
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    static const fv::MinisignPublicKey key = fixedKey();
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    if (auto pub = fv::MinisignPublicKey::parse(text)) {
        auto again = fv::MinisignPublicKey::parse(pub->toFileText());
        if (!again || !(*again == *pub))
            std::abort();
    }
    if (auto sig = fv::MinisignSignature::parse(text)) {
        auto again = fv::MinisignSignature::parse(sig->toFileText());
        if (!again || again->signature != sig->signature || again->trustedComment != sig->trustedComment ||
            again->globalSignature != sig->globalSignature || again->keyId != sig->keyId)
            std::abort();
        (void)fv::minisignVerify(key, *sig, fv::asBytes(kMessage), true);
    }
    if (!encryptedSecretKey(text)) {
        if (auto sec = fv::MinisignSecretKey::parse(text)) {
            auto file = sec->toFileText({});
            if (!file)
                std::abort();
            auto again = fv::MinisignSecretKey::parse(
                std::string_view(reinterpret_cast<const char*>(file->data()), file->size()));
            if (!again || !again->secretKey().equals(sec->secretKey()))
                std::abort();
        }
    }
    return 0;
}
