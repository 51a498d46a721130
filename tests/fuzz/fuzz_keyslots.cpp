// fuzz-module: fieldvault_core
// Untrusted key-slot files (core/KeySlots.h): parse arbitrary bytes and try to open every slot
// with a fixed passphrase and a fixed recovery key; inputs of any other size go to the
// recovery-key text parser. Nothing may crash, leak, read out of bounds or release a key from
// a slot that does not authenticate. Seeds: tests/fuzz/corpus/keyslots/ (the test vector of
// docs/vault-format.md, whose header selects the fast test parameters).

#include "core/KeySlots.h"
#include "crypto/Crypto.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    const fv::ByteView input(data, size);
    if (size != fv::kKeySlotFileBytes && size != fv::kKeySlotLegacyFileBytes) {
        auto key = fv::parseRecoveryKey(input);
        if (key && key->size() != fv::kRecoveryKeyBytes)
            std::abort();
        return 0;
    }
    auto file = fv::KeySlotFile::parse(input);
    if (!file)
        return 0;
    // Only the fast profile is affordable per input; other sane parameters parse but are not run.
    if (file->params() == fv::Argon2Params::fastForTests()) {
        auto root = file->deriveFromPassphrase(fv::asBytes("correct horse battery staple"));
        if (root) {
            auto opened = file->open(*root);
            if (opened && opened->content.masterKey.size() != fv::kMasterKeyBytes)
                std::abort();
        }
    }
    static const fv::SecretBuffer recoveryKey = [] {
        fv::SecretBuffer key(fv::kRecoveryKeyBytes);
        for (std::size_t i = 0; i < key.size(); ++i)
            key.data()[i] = static_cast<std::uint8_t>(0x10 + i);
        return key;
    }();
    auto root = file->deriveFromRecoveryKey(recoveryKey);
    if (root) {
        auto opened = file->open(*root);
        if (opened && opened->content.kind != fv::SlotKind::Recovery)
            std::abort();
    }
    return 0;
}
