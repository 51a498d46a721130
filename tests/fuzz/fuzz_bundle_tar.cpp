// fuzz-module: fieldvault_core
// Treats the input as the tar payload of a bundle and runs it through the member checks of the
// bundle reader (readBundleMembers): paths, types, sizes, duplicates and limits. Whatever is
// accepted must only hold members of allowed names and kinds, within the limits, each exactly
// as long as its header said.

#include "core/sync/SyncParsers.h"
#include "crypto/Crypto.h"

#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    fv::BundleReadLimits limits;
    limits.maxMembers = 64;
    limits.maxJsonBytes = 256 * 1024;
    limits.maxAttachmentBytes = 1024 * 1024;
    fv::MemorySource source(fv::ByteView(data, size));
    auto read = fv::readBundleMembers(source, nullptr, limits);
    if (!read)
        return 0;
    if (read->members.size() > limits.maxMembers || !read->attachments.empty())
        std::abort();
    std::size_t entries = 0;
    for (const auto& [name, m] : read->members) {
        const auto kind = fv::bundleMemberKind(name);
        if (!kind || *kind != m.kind)
            std::abort();
        const bool text =
            m.kind != fv::BundleMemberKind::Attachment && m.kind != fv::BundleMemberKind::Padding;
        if (text && (m.size > limits.maxJsonBytes || static_cast<std::uint64_t>(m.bytes.size()) != m.size))
            std::abort();
        if (!text && (!m.bytes.isEmpty() || m.size > limits.maxAttachmentBytes))
            std::abort();
        entries += m.kind == fv::BundleMemberKind::Entry ? 1 : 0;
    }
    if (entries != read->entryOrder.size())
        std::abort();
    return 0;
}
