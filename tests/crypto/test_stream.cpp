#include "crypto/Random.h"
#include "crypto/StreamCipher.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <sodium.h>

using namespace fv;

namespace {

constexpr std::size_t kFullCipherChunk = kStreamChunkBytes + kStreamChunkOverhead;

Bytes encryptAll(const SecretBuffer& key, ByteView plaintext)
{
    StreamEncryptor enc(key);
    Bytes file(enc.header().begin(), enc.header().end());
    std::size_t pos = 0;
    do {
        const std::size_t take = std::min(kStreamChunkBytes, plaintext.size() - pos);
        const bool final = pos + take == plaintext.size();
        auto chunk = enc.encryptChunk(plaintext.subspan(pos, take), final);
        REQUIRE(chunk.has_value());
        file.insert(file.end(), chunk->begin(), chunk->end());
        pos += take;
    } while (pos < plaintext.size());
    return file;
}

Result<Bytes> decryptAll(const SecretBuffer& key, ByteView file)
{
    auto size = StreamLayout::plaintextSize(file.size());
    if (!size)
        return std::unexpected(size.error());
    auto dec = StreamDecryptor::create(key, file.first(kStreamHeaderBytes));
    if (!dec)
        return std::unexpected(dec.error());
    Bytes out(*size);
    const std::uint64_t count = StreamLayout::chunkCount(*size);
    for (std::uint64_t i = 0; i < count; ++i) {
        const std::size_t offset = StreamLayout::chunkOffset(i);
        const bool final = i + 1 == count;
        const std::size_t len = final ? file.size() - offset : kFullCipherChunk;
        auto st = dec->decryptChunk(
            i, final, file.subspan(offset, len),
            MutableByteView(out).subspan(i * kStreamChunkBytes, len - kStreamChunkOverhead));
        if (!st)
            return std::unexpected(st.error());
    }
    return out;
}

void requireRefused(const SecretBuffer& key, ByteView file)
{
    auto r = decryptAll(key, file);
    REQUIRE_FALSE(r.has_value());
    CHECK((r.error().code == ErrorCode::AuthenticationFailed || r.error().code == ErrorCode::InvalidInput));
}

} // namespace

TEST_CASE("stream layout maps sizes one-to-one and rejects impossible sizes", "[crypto][stream]")
{
    CHECK(StreamLayout::chunkCount(0) == 1);
    CHECK(StreamLayout::chunkCount(1) == 1);
    CHECK(StreamLayout::chunkCount(kStreamChunkBytes) == 1);
    CHECK(StreamLayout::chunkCount(kStreamChunkBytes + 1) == 2);
    CHECK(StreamLayout::ciphertextSize(0) == 40);
    CHECK(StreamLayout::ciphertextSize(kStreamChunkBytes) == 24 + kFullCipherChunk);
    CHECK(StreamLayout::chunkOffset(0) == 24);
    CHECK(StreamLayout::chunkOffset(2) == 24 + 2 * kFullCipherChunk);

    for (std::uint64_t p : {0ull, 1ull, 15ull, 16ull, 65535ull, 65536ull, 65537ull, 3ull * 65536,
                            3ull * 65536 + 17, (1ull << 40) + 3}) {
        auto back = StreamLayout::plaintextSize(StreamLayout::ciphertextSize(p));
        REQUIRE(back.has_value());
        CHECK(*back == p);
    }
    const std::uint64_t impossible[] = {
        0,
        1,
        23,
        24,
        39,                                           // shorter than header + tag
        24 + kFullCipherChunk + 1,                    // a last chunk shorter than its tag
        24 + kFullCipherChunk + 15,                   //
        24 + kFullCipherChunk + kStreamChunkOverhead, // an empty chunk after a full one
        24 + 3 * kFullCipherChunk + kStreamChunkOverhead,
    };
    for (std::uint64_t c : impossible) {
        auto r = StreamLayout::plaintextSize(c);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ErrorCode::InvalidInput);
    }
}

TEST_CASE("stream round-trips at chunk boundaries", "[crypto][stream]")
{
    const auto key = SecretBuffer::random(32);
    const std::size_t size = GENERATE(0u, 1u, 65535u, 65536u, 65537u, 3u * 65536u);
    const Bytes plaintext = randomBytes(size);
    const Bytes file = encryptAll(key, plaintext);
    CHECK(file.size() == StreamLayout::ciphertextSize(size));
    auto back = decryptAll(key, file);
    REQUIRE(back.has_value());
    CHECK(*back == plaintext);
    // Two encryptions of the same plaintext differ (fresh header).
    CHECK(encryptAll(key, plaintext) != file);
}

TEST_CASE("stream decrypts a middle chunk on its own", "[crypto][stream]")
{
    const auto key = SecretBuffer::random(32);
    const Bytes plaintext = randomBytes(3 * kStreamChunkBytes + 100);
    const Bytes file = encryptAll(key, plaintext);
    auto dec = StreamDecryptor::create(key, ByteView(file).first(kStreamHeaderBytes));
    REQUIRE(dec.has_value());
    Bytes chunk(kStreamChunkBytes);
    REQUIRE(dec->decryptChunk(2, false,
                              ByteView(file).subspan(StreamLayout::chunkOffset(2), kFullCipherChunk), chunk));
    CHECK(std::equal(chunk.begin(), chunk.end(), plaintext.begin() + 2 * kStreamChunkBytes));
    // The same bytes claimed as another index fail and leave the buffer zeroed.
    auto wrong = dec->decryptChunk(
        1, false, ByteView(file).subspan(StreamLayout::chunkOffset(2), kFullCipherChunk), chunk);
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().code == ErrorCode::AuthenticationFailed);
    CHECK(std::all_of(chunk.begin(), chunk.end(), [](std::uint8_t b) { return b == 0; }));
}

TEST_CASE("stream refuses every kind of tampering", "[crypto][stream]")
{
    const auto key = SecretBuffer::random(32);
    const Bytes plaintext = randomBytes(3 * kStreamChunkBytes + 1000); // 4 chunks
    const Bytes file = encryptAll(key, plaintext);
    REQUIRE(decryptAll(key, file).has_value());

    SECTION("a flipped bit anywhere")
    {
        for (std::size_t pos :
             {std::size_t{0}, std::size_t{23}, std::size_t{24}, StreamLayout::chunkOffset(1) + 5,
              StreamLayout::chunkOffset(2) - 1, file.size() - 1}) {
            Bytes bad = file;
            bad[pos] ^= 0x04;
            requireRefused(key, bad);
        }
    }
    SECTION("swapped chunks")
    {
        Bytes bad = file;
        std::swap_ranges(bad.begin() + StreamLayout::chunkOffset(0),
                         bad.begin() + StreamLayout::chunkOffset(1),
                         bad.begin() + StreamLayout::chunkOffset(1));
        requireRefused(key, bad);
    }
    SECTION("dropped last chunk (truncation at a chunk boundary)")
    {
        const Bytes bad(file.begin(), file.begin() + StreamLayout::chunkOffset(3));
        REQUIRE(StreamLayout::plaintextSize(bad.size()).has_value());
        requireRefused(key, bad);
    }
    SECTION("an extra chunk after the final one")
    {
        const Bytes exact = encryptAll(key, ByteView(plaintext).first(2 * kStreamChunkBytes));
        Bytes bad = exact;
        bad.insert(bad.end(), exact.begin() + StreamLayout::chunkOffset(1), exact.end());
        REQUIRE(StreamLayout::plaintextSize(bad.size()).has_value());
        requireRefused(key, bad);
    }
    SECTION("a lie about the final flag")
    {
        auto dec = StreamDecryptor::create(key, ByteView(file).first(kStreamHeaderBytes));
        REQUIRE(dec.has_value());
        Bytes out(kStreamChunkBytes);
        const ByteView first = ByteView(file).subspan(StreamLayout::chunkOffset(0), kFullCipherChunk);
        CHECK(dec->decryptChunk(0, false, first, out).has_value());
        CHECK_FALSE(dec->decryptChunk(0, true, first, out).has_value());
        const ByteView last = ByteView(file).subspan(StreamLayout::chunkOffset(3));
        Bytes lastOut(last.size() - kStreamChunkOverhead);
        CHECK(dec->decryptChunk(3, true, last, lastOut).has_value());
        CHECK_FALSE(dec->decryptChunk(3, false, last, lastOut).has_value());
    }
    SECTION("wrong key")
    {
        requireRefused(SecretBuffer::random(32), file);
    }
    SECTION("another stream's header")
    {
        const Bytes other = encryptAll(key, plaintext);
        Bytes bad = file;
        std::copy_n(other.begin(), kStreamHeaderBytes, bad.begin());
        requireRefused(key, bad);
    }
    SECTION("bad header or key size")
    {
        CHECK(StreamDecryptor::create(key, ByteView(file).first(23)).error().code == ErrorCode::InvalidInput);
        CHECK(StreamDecryptor::create(SecretBuffer(16), ByteView(file).first(24)).error().code ==
              ErrorCode::InvalidArgument);
    }
}

TEST_CASE("stream encryptor refuses misuse", "[crypto][stream]")
{
    const auto key = SecretBuffer::random(32);
    const Bytes full(kStreamChunkBytes, 7);
    StreamEncryptor enc(key);
    CHECK(enc.encryptChunk(ByteView(full).first(100), false).error().code == ErrorCode::InvalidArgument);
    const Bytes tooBig(kStreamChunkBytes + 1, 7);
    CHECK_FALSE(enc.encryptChunk(tooBig, true).has_value());
    REQUIRE(enc.encryptChunk(full, false).has_value());
    CHECK(enc.nextIndex() == 1);
    CHECK_FALSE(enc.encryptChunk({}, true).has_value()); // must mark the last full chunk final instead
    REQUIRE(enc.encryptChunk(ByteView(full).first(5), true).has_value());
    CHECK_FALSE(enc.encryptChunk(ByteView(full).first(5), true).has_value());
    CHECK_FALSE(enc.encryptChunk(full, false).has_value());
    CHECK(enc.nextIndex() == 2);
    CHECK_THROWS_AS(StreamEncryptor(SecretBuffer(31)), std::invalid_argument);
}

TEST_CASE("stream chunks are exactly the documented construction (checked against libsodium directly)",
          "[crypto][stream]")
{
    const auto key = SecretBuffer::random(32);
    const Bytes plaintext = randomBytes(kStreamChunkBytes + 10);
    const Bytes file = encryptAll(key, plaintext);
    const ByteView header = ByteView(file).first(kStreamHeaderBytes);
    for (std::uint64_t index : {0u, 1u}) {
        const bool final = index == 1;
        std::uint8_t nonce[24];
        std::copy_n(header.begin(), 16, nonce);
        std::uint8_t ad[33];
        std::copy(header.begin(), header.end(), ad);
        for (int i = 0; i < 8; ++i) {
            nonce[16 + i] = static_cast<std::uint8_t>(index >> (8 * i));
            ad[24 + i] = static_cast<std::uint8_t>(index >> (8 * i));
        }
        ad[32] = final ? 1 : 0;
        const std::size_t offset = StreamLayout::chunkOffset(index);
        const std::size_t len = final ? file.size() - offset : kFullCipherChunk;
        Bytes out(len - 16);
        unsigned long long outLen = 0;
        REQUIRE(crypto_aead_xchacha20poly1305_ietf_decrypt(out.data(), &outLen, nullptr, file.data() + offset,
                                                           len, ad, sizeof ad, nonce, key.data()) == 0);
        CHECK(std::equal(out.begin(), out.end(),
                         plaintext.begin() + static_cast<std::ptrdiff_t>(index * kStreamChunkBytes)));
    }
}
