#include "crypto/Bytes.h"
#include "crypto/Hash.h"
#include "storage/Vfs.h"
#include "storage/VfsDetail.h"

#include <catch2/catch.hpp>
#include <sodium.h>

// Known-answer vectors for the page and WAL codecs of docs/vault-format.md ("Store file and
// WAL"), checked two ways: against the VFS's own codec and against a direct libsodium call
// built from the documented layout.

using namespace fv;

namespace {

SecretBuffer vectorKey()
{
    SecretBuffer key(32);
    for (std::size_t i = 0; i < 32; ++i)
        key.data()[i] = static_cast<std::uint8_t>(i); // 00 01 .. 1f
    return key;
}

Bytes vectorNonce()
{
    Bytes nonce(24);
    for (std::size_t i = 0; i < 24; ++i)
        nonce[i] = static_cast<std::uint8_t>(0x40 + i); // 40 41 .. 57
    return nonce;
}

Bytes patternBytes(std::size_t n)
{
    Bytes b(n);
    for (std::size_t i = 0; i < n; ++i)
        b[i] = static_cast<std::uint8_t>((i * 7) & 0xFF);
    return b;
}

// ciphertext || nonce || tag of `plain` under the documented construction.
Bytes reference(const SecretBuffer& key, ByteView nonce, ByteView ad, ByteView plain)
{
    Bytes out(plain.size() + 40);
    unsigned long long tagLen = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt_detached(out.data(), out.data() + plain.size() + 24, &tagLen,
                                                        plain.data(), plain.size(), ad.data(), ad.size(),
                                                        nullptr, nonce.data(), key.data());
    std::copy(nonce.begin(), nonce.end(), out.begin() + static_cast<std::ptrdiff_t>(plain.size()));
    return out;
}

std::string hexOf(ByteView b)
{
    return toHex(b);
}

} // namespace

TEST_CASE("Page codec known-answer vector", "[storage][vfs][kat]")
{
    const auto key = vectorKey();
    const Bytes nonce = vectorNonce();
    Bytes plain = patternBytes(kPageSize);
    std::fill(plain.end() - kPageReservedBytes, plain.end(), 0);
    Bytes disk(kPageSize);
    detail::sealPageWithNonce(key, 3, plain, nonce, disk);

    const Bytes ad = {'f', 'v', 'd', 'b', 3, 0, 0, 0};
    CHECK(disk == reference(key, nonce, ad, ByteView(plain).first(4056)));
    CHECK(hexOf(ByteView(disk).first(16)) == "d43e0b65ccc35327b7cbc1f3fbc707fb");
    CHECK(hexOf(ByteView(disk).last(16)) == "470c6e0866ee597eb8ec6528419aade7");
    CHECK(hexOf(sha256(disk)) == "a6b581a51e043372a7a6d87adaf23a22a7c7d8fd4128a9d366638a44600a97f0");

    Bytes back(kPageSize);
    REQUIRE(detail::openPage(key, 3, disk, back));
    CHECK(back == plain);
    CHECK_FALSE(detail::openPage(key, 4, disk, back)); // the page number is bound
    CHECK(std::all_of(back.begin(), back.end(), [](std::uint8_t v) { return v == 0; }));
}

TEST_CASE("WAL codec known-answer vectors", "[storage][vfs][kat]")
{
    const auto key = vectorKey();
    const Bytes nonce = vectorNonce();

    const Bytes header = patternBytes(32);
    Bytes headerDisk(72);
    detail::sealWalUnitWithNonce(key, 0, header, nonce, headerDisk);
    const Bytes headerAd = {'f', 'v', 'w', 'h'};
    CHECK(headerDisk == reference(key, nonce, headerAd, header));
    CHECK(hexOf(headerDisk) == "d43e0b65ccc35327b7cbc1f3fbc707fbe2cdd3419fcac93bc29e4bf8cdcff149"
                               "404142434445464748494a4b4c4d4e4f5051525354555657"
                               "f8a91212c34964d506f731dd352816c4");

    Bytes frame = patternBytes(24 + kPageSize);
    std::fill(frame.end() - kPageReservedBytes, frame.end(), 0);
    Bytes frameDisk(24 + kPageSize);
    detail::sealWalUnitWithNonce(key, 2, frame, nonce, frameDisk);
    const Bytes frameAd = {'f', 'v', 'w', 'l', 2, 0, 0, 0, 0, 0, 0, 0};
    CHECK(frameDisk == reference(key, nonce, frameAd, ByteView(frame).first(24 + 4056)));
    CHECK(hexOf(sha256(frameDisk)) == "676ae3ed330043551b597006723997621dde93c57336ff6f1325ca989f7e86a4");
}
