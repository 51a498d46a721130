// fuzz-module: fieldvault_core
// Treats the input as a bundle's manifest.json (parseManifest). Whatever parses must name a
// well-formed bundle id and a sender whose fingerprint matches its keys, and list every entry
// and attachment under a member name the tar checks accept, each path once.

#include "core/Card.h"
#include "core/sync/SyncParsers.h"
#include "crypto/Crypto.h"

#include <cstdlib>
#include <set>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    auto m = fv::parseManifest(QByteArray(reinterpret_cast<const char*>(data), static_cast<qsizetype>(size)));
    if (!m)
        return 0;
    if (!fv::isBundleIdText(m->bundleId.toStdString()) || !fv::checkDisplayName(m->sender.displayName))
        std::abort();
    if (m->json.value(QStringLiteral("sender")).toObject().value(QStringLiteral("fingerprint")).toString() !=
        QString::fromStdString(m->sender.fingerprint()))
        std::abort();
    std::set<std::string> paths;
    for (const auto& e : m->entries) {
        if (fv::bundleMemberKind(e.path) != fv::BundleMemberKind::Entry || e.version < 1 ||
            !paths.insert(e.path).second)
            std::abort();
    }
    for (const auto& a : m->attachments) {
        if (fv::bundleMemberKind(a.path) != fv::BundleMemberKind::Attachment || !paths.insert(a.path).second)
            std::abort();
    }
    return 0;
}
