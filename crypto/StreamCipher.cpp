#include "crypto/StreamCipher.h"

#include "crypto/Random.h"

#include <algorithm>
#include <sodium.h>
#include <stdexcept>

namespace fv {

static_assert(kStreamChunkOverhead == crypto_aead_xchacha20poly1305_ietf_ABYTES);

namespace {

constexpr std::size_t kKeyBytes = crypto_aead_xchacha20poly1305_ietf_KEYBYTES;
constexpr std::size_t kNoncePrefixBytes = 16;
constexpr std::uint64_t kFullChunkCipherBytes = kStreamChunkBytes + kStreamChunkOverhead;

using Header = std::array<std::uint8_t, kStreamHeaderBytes>;
using Nonce = std::array<std::uint8_t, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES>;
using AssociatedData = std::array<std::uint8_t, kStreamHeaderBytes + 8 + 1>;

static_assert(kNoncePrefixBytes + 8 == sizeof(Nonce));

void storeLe64(std::uint8_t* out, std::uint64_t value)
{
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<std::uint8_t>(value >> (8 * i));
}

Nonce chunkNonce(const Header& header, std::uint64_t index)
{
    Nonce nonce{};
    std::copy_n(header.begin(), kNoncePrefixBytes, nonce.begin());
    storeLe64(nonce.data() + kNoncePrefixBytes, index);
    return nonce;
}

AssociatedData chunkAd(const Header& header, std::uint64_t index, bool final)
{
    AssociatedData ad{};
    std::copy(header.begin(), header.end(), ad.begin());
    storeLe64(ad.data() + kStreamHeaderBytes, index);
    ad.back() = final ? 1 : 0;
    return ad;
}

} // namespace

std::uint64_t StreamLayout::chunkCount(std::uint64_t plaintextSize) noexcept
{
    if (plaintextSize == 0)
        return 1;
    return (plaintextSize + kStreamChunkBytes - 1) / kStreamChunkBytes;
}

std::uint64_t StreamLayout::ciphertextSize(std::uint64_t plaintextSize) noexcept
{
    return kStreamHeaderBytes + chunkCount(plaintextSize) * kStreamChunkOverhead + plaintextSize;
}

Result<std::uint64_t> StreamLayout::plaintextSize(std::uint64_t ciphertextSize)
{
    if (ciphertextSize < kStreamHeaderBytes + kStreamChunkOverhead)
        return fail(ErrorCode::InvalidInput, "encrypted stream is too short");
    const std::uint64_t body = ciphertextSize - kStreamHeaderBytes;
    const std::uint64_t fullChunks = body / kFullChunkCipherBytes;
    const std::uint64_t rest = body % kFullChunkCipherBytes;
    if (rest == 0)
        return fullChunks * kStreamChunkBytes; // the last chunk is full
    // A short last chunk needs at least its tag; an empty last chunk only exists in an empty stream.
    if (rest < kStreamChunkOverhead || (rest == kStreamChunkOverhead && fullChunks > 0))
        return fail(ErrorCode::InvalidInput, "encrypted stream has an impossible size");
    return fullChunks * kStreamChunkBytes + (rest - kStreamChunkOverhead);
}

std::uint64_t StreamLayout::chunkOffset(std::uint64_t index) noexcept
{
    return kStreamHeaderBytes + index * kFullChunkCipherBytes;
}

StreamEncryptor::StreamEncryptor(const SecretBuffer& key) : m_key(key.clone())
{
    if (m_key.size() != kKeyBytes)
        throw std::invalid_argument("stream key must be 32 bytes");
    randomFill(m_header);
}

Result<Bytes> StreamEncryptor::encryptChunk(ByteView plaintext, bool final)
{
    if (m_finished)
        return fail(ErrorCode::InvalidArgument, "no chunk may follow the final chunk");
    if (plaintext.size() > kStreamChunkBytes)
        return fail(ErrorCode::InvalidArgument, "chunk is larger than the chunk size");
    if (!final && plaintext.size() != kStreamChunkBytes)
        return fail(ErrorCode::InvalidArgument, "only the final chunk may be short");
    if (final && plaintext.empty() && m_index > 0)
        return fail(ErrorCode::InvalidArgument,
                    "mark the last full chunk final instead of adding an empty one");
    const Nonce nonce = chunkNonce(m_header, m_index);
    const AssociatedData ad = chunkAd(m_header, m_index, final);
    Bytes out(plaintext.size() + kStreamChunkOverhead);
    unsigned long long outLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(out.data(), &outLen, plaintext.data(), plaintext.size(),
                                               ad.data(), ad.size(), nullptr, nonce.data(), m_key.data());
    ++m_index;
    m_finished = final;
    return out;
}

StreamDecryptor::StreamDecryptor(SecretBuffer key, ByteView header) : m_key(std::move(key))
{
    std::copy(header.begin(), header.end(), m_header.begin());
}

Result<StreamDecryptor> StreamDecryptor::create(const SecretBuffer& key, ByteView header)
{
    if (key.size() != kKeyBytes)
        return fail(ErrorCode::InvalidArgument, "stream key must be 32 bytes");
    if (header.size() != kStreamHeaderBytes)
        return fail(ErrorCode::InvalidInput, "encrypted stream header has the wrong size");
    return StreamDecryptor(key.clone(), header);
}

Status StreamDecryptor::decryptChunk(std::uint64_t index, bool final, ByteView ciphertext,
                                     MutableByteView plaintext) const
{
    if (ciphertext.size() < kStreamChunkOverhead ||
        plaintext.size() != ciphertext.size() - kStreamChunkOverhead)
        return fail(ErrorCode::InvalidArgument, "plaintext buffer must be the ciphertext size minus 16");
    const bool sizeOk =
        final ? ciphertext.size() <= kFullChunkCipherBytes : ciphertext.size() == kFullChunkCipherBytes;
    const std::size_t bodyLen = ciphertext.size() - kStreamChunkOverhead;
    int rc = -1;
    if (sizeOk) {
        const Nonce nonce = chunkNonce(m_header, index);
        const AssociatedData ad = chunkAd(m_header, index, final);
        // Verifies the tag before it writes any plaintext.
        rc = crypto_aead_xchacha20poly1305_ietf_decrypt_detached(
            plaintext.data(), nullptr, ciphertext.data(), bodyLen, ciphertext.data() + bodyLen, ad.data(),
            ad.size(), nonce.data(), m_key.data());
    }
    if (rc != 0) {
        if (!plaintext.empty())
            sodium_memzero(plaintext.data(), plaintext.size());
        return fail(ErrorCode::AuthenticationFailed, "encrypted chunk failed authentication");
    }
    return {};
}

} // namespace fv
