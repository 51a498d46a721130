// fuzz-module: fieldvault_core
// Receipt parsing: the input is tried both as a receipt's decrypted tar payload
// (readReceiptArchive: exactly receipt.json and receipt.json.minisig, the signature envelope
// parsed) and as receipt.json itself (parseReceiptJson). Whatever parses must have a
// well-formed bundle id, versions from 1, and the signature's text form must parse back to the
// same signature.

#include "core/sync/SyncParsers.h"
#include "crypto/Crypto.h"

#include <cstdlib>
#include <string_view>

namespace {

void checkContent(const fv::ReceiptContent& r)
{
    if (!fv::isBundleIdText(r.bundleId.toStdString()))
        std::abort();
    for (const auto& v : r.versions) {
        if (v.version < 1 || (v.hash.size() != 64 && v.seal.size() != 64) ||
            !fv::isBundleIdText(v.testimonyId.toStdString()))
            std::abort();
    }
    for (const auto& a : r.attachments) {
        if (a.sha256.size() != 64 || !fv::isBundleIdText(a.id.toStdString()))
            std::abort();
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    if (auto r = fv::parseReceiptJson(std::string_view(reinterpret_cast<const char*>(data), size)))
        checkContent(*r);
    auto envelope = fv::readReceiptArchive(fv::ByteView(data, size));
    if (!envelope)
        return 0;
    if (envelope->json.empty())
        std::abort();
    auto again = fv::MinisignSignature::parse(envelope->signature.toFileText());
    if (!again || again->trustedComment != envelope->signature.trustedComment ||
        again->keyId != envelope->signature.keyId || again->signature != envelope->signature.signature)
        std::abort();
    if (auto r = fv::parseReceiptJson(envelope->json))
        checkContent(*r);
    return 0;
}
