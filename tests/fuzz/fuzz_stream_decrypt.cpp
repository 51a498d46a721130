// fuzz-module: fieldvault_crypto
// Treats the input as an encrypted attachment stream under a fixed key: sizes it, then
// authenticates and decrypts every chunk. Any input must end in a clean error or a plaintext.

#include "crypto/Crypto.h"
#include "crypto/StreamCipher.h"

#include <cstdlib>

namespace {

// The seeds in corpus/stream_decrypt were encrypted under this key (bytes 0x00..0x1f).
fv::SecretBuffer fixedKey()
{
    fv::Bytes key(32);
    for (std::size_t i = 0; i < key.size(); ++i)
        key[i] = static_cast<std::uint8_t>(i);
    return fv::SecretBuffer::copyOf(key);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size)
{
    static const bool ready = fv::initCrypto();
    if (!ready)
        std::abort();
    static const fv::SecretBuffer key = fixedKey();

    const fv::ByteView file(data, size);
    auto plainSize = fv::StreamLayout::plaintextSize(size);
    if (!plainSize)
        return 0;
    if (fv::StreamLayout::ciphertextSize(*plainSize) != size)
        std::abort();
    auto dec = fv::StreamDecryptor::create(key, file.first(fv::kStreamHeaderBytes));
    if (!dec)
        std::abort(); // the size check guarantees a whole header
    const std::uint64_t count = fv::StreamLayout::chunkCount(*plainSize);
    fv::Bytes plain(fv::kStreamChunkBytes);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::uint64_t offset = fv::StreamLayout::chunkOffset(i);
        const bool final = i + 1 == count;
        const std::size_t len = final ? size - offset : fv::kStreamChunkBytes + fv::kStreamChunkOverhead;
        if (offset + len > size || len < fv::kStreamChunkOverhead)
            std::abort();
        const fv::MutableByteView out = fv::MutableByteView(plain).first(len - fv::kStreamChunkOverhead);
        if (!dec->decryptChunk(i, final, file.subspan(offset, len), out))
            return 0;
    }
    return 0;
}
