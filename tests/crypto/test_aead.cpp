#include "CryptoTestUtil.h"
#include "crypto/Aead.h"
#include "crypto/Random.h"

#include <catch2/catch.hpp>

using namespace fv;

TEST_CASE("AEAD seal and open round-trip, and refuse any change", "[crypto][aead]")
{
    const auto key = SecretBuffer::random(kAeadKeyBytes);
    const Bytes ad = {1, 2, 3};
    const Bytes message = randomBytes(1000);
    Bytes sealed = aeadSeal(key, ad, message);
    REQUIRE(sealed.size() == message.size() + kAeadNonceBytes + kAeadTagBytes);

    auto opened = aeadOpen(key, ad, sealed);
    REQUIRE(opened.has_value());
    CHECK(*opened == message);

    for (std::size_t i : {std::size_t{0}, std::size_t{30}, sealed.size() - 1}) {
        Bytes tampered = sealed;
        tampered[i] ^= 0x01;
        auto r = aeadOpen(key, ad, tampered);
        REQUIRE_FALSE(r.has_value());
        CHECK(r.error().code == ErrorCode::AuthenticationFailed);
    }
    const Bytes otherAd = {1, 2, 4};
    CHECK_FALSE(aeadOpen(key, otherAd, sealed).has_value());
    const auto otherKey = SecretBuffer::random(kAeadKeyBytes);
    CHECK_FALSE(aeadOpen(otherKey, ad, sealed).has_value());
}

TEST_CASE("XChaCha20-Poly1305 known answer (draft-irtf-cfrg-xchacha-03 section A.3.1)", "[crypto][aead]")
{
    const auto key = SecretBuffer::copyOf(
        fv::test::hex("808182838485868788898a8b8c8d8e8f909192939495969798999a9b9c9d9e9f"));
    const Bytes nonce = fv::test::hex("404142434445464748494a4b4c4d4e4f5051525354555657");
    const Bytes ad = fv::test::hex("50515253c0c1c2c3c4c5c6c7");
    const std::string_view plaintext =
        "Ladies and Gentlemen of the class of '99: If I could offer you only one tip for "
        "the future, sunscreen would be it.";
    const std::string expectedCiphertext = "bd6d179d3e83d43b9576579493c0e939572a1700252bfaccbed2902c21396cbb7"
                                           "31c7f1b0b4aa6440bf3a82f4eda7e39ae64c6708c54c216"
                                           "cb96b72e1213b4522f8c9ba40db5d945b11b69b982c1bb9e3f3fac2bc369488f7"
                                           "6b2383565d3fff921f9664c97637da9768812f615c68b13"
                                           "b52e";
    const std::string expectedTag = "c0875924c1c7987947deafd8780acf49";

    Bytes ciphertext(plaintext.size());
    Bytes tag(kAeadTagBytes);
    aeadEncryptDetached(key, nonce, ad, asBytes(plaintext), ciphertext, tag);
    CHECK(toHex(ciphertext) == expectedCiphertext);
    CHECK(toHex(tag) == expectedTag);

    Bytes decrypted(ciphertext.size());
    REQUIRE(aeadDecryptDetached(key, nonce, ad, ciphertext, tag, decrypted));
    CHECK(decrypted == Bytes(asBytes(plaintext).begin(), asBytes(plaintext).end()));

    tag[0] ^= 0x01;
    CHECK_FALSE(aeadDecryptDetached(key, nonce, ad, ciphertext, tag, decrypted));
    CHECK(decrypted == Bytes(decrypted.size(), 0));
}
