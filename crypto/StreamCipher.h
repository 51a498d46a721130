#pragma once
// Chunked authenticated encryption for attachments, with random access.
//
// Layout: header (24 random bytes) || chunk 0 || chunk 1 || … ; every chunk but the last holds
// exactly kStreamChunkBytes of plaintext, the last holds 0..kStreamChunkBytes and is marked
// final. Chunk i is XChaCha20-Poly1305 with nonce = header[0..16) || le64(i) and associated
// data = header || le64(i) || final-flag byte, so chunks cannot be reordered, dropped,
// duplicated, or the stream truncated or extended without detection. An empty plaintext is a
// single empty final chunk; any other plaintext ends in a non-empty final chunk (a multiple of
// the chunk size ends in a full final chunk), so sizes map one-to-one. There is no magic and no version on
// disk: the format version is kept with the key (in the encrypted store).

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

namespace fv {

constexpr std::size_t kStreamHeaderBytes = 24;
constexpr std::size_t kStreamChunkBytes = 64 * 1024;
constexpr std::size_t kStreamChunkOverhead = 16;
constexpr std::uint32_t kStreamFormatVersion = 1;

/// Geometry of an encrypted stream, derived from sizes alone.
struct StreamLayout
{
    /// Size on disk of a stream holding `plaintextSize` bytes.
    static std::uint64_t ciphertextSize(std::uint64_t plaintextSize) noexcept;
    /// Plaintext size of a stream whose ciphertext is `ciphertextSize` bytes; error when no
    /// plaintext size maps to it (a truncated or padded file).
    static Result<std::uint64_t> plaintextSize(std::uint64_t ciphertextSize);
    /// Number of chunks (at least 1).
    static std::uint64_t chunkCount(std::uint64_t plaintextSize) noexcept;
    /// Offset of chunk `index` in the ciphertext.
    static std::uint64_t chunkOffset(std::uint64_t index) noexcept;
};

class StreamEncryptor
{
public:
    /// Starts a stream under `key` (32 bytes) with a fresh random header; throws
    /// std::invalid_argument on another key size.
    explicit StreamEncryptor(const SecretBuffer& key);
    ByteView header() const noexcept { return {m_header.data(), m_header.size()}; }
    /// Encrypts the next chunk (exactly kStreamChunkBytes unless `final`); returns its
    /// ciphertext (plaintext size + 16). No chunk may follow a final one, and an empty final
    /// chunk is accepted only as the first chunk; InvalidArgument otherwise.
    [[nodiscard]] Result<Bytes> encryptChunk(ByteView plaintext, bool final);
    std::uint64_t nextIndex() const noexcept { return m_index; }

private:
    SecretBuffer m_key;
    std::array<std::uint8_t, kStreamHeaderBytes> m_header{};
    std::uint64_t m_index = 0;
    bool m_finished = false;
};

class StreamDecryptor
{
public:
    /// Prepares to decrypt a stream with the given header; InvalidInput on a bad header size.
    [[nodiscard]] static Result<StreamDecryptor> create(const SecretBuffer& key, ByteView header);
    /// Authenticates and decrypts chunk `index` into `plaintext` (ciphertext size - 16 bytes).
    /// `final` says whether the caller expects this to be the last chunk (from the file size).
    /// AuthenticationFailed, with `plaintext` zeroed, on any mismatch.
    [[nodiscard]] Status decryptChunk(std::uint64_t index, bool final, ByteView ciphertext,
                                      MutableByteView plaintext) const;

private:
    StreamDecryptor(SecretBuffer key, ByteView header);
    SecretBuffer m_key;
    std::array<std::uint8_t, kStreamHeaderBytes> m_header{};
};

} // namespace fv
