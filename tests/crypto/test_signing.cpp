#include "CryptoTestUtil.h"
#include "crypto/Signing.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace fv;
using fv::test::hex;

namespace {

template <std::size_t N>
std::array<std::uint8_t, N> toArray(const Bytes& b)
{
    REQUIRE(b.size() == N);
    std::array<std::uint8_t, N> out{};
    std::copy(b.begin(), b.end(), out.begin());
    return out;
}

} // namespace

TEST_CASE("Ed25519 known answers (RFC 8032 section 7.1 tests 1 and 2)", "[crypto][signing]")
{
    struct Vector
    {
        const char* seed;
        const char* publicKey;
        const char* message;
        const char* signature;
    };
    const Vector vectors[] = {
        {"9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
         "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
         "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
         "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
        {"4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
         "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
         "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
         "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    };
    for (const auto& v : vectors) {
        const auto pair = Ed25519KeyPair::fromSeed(SecretBuffer::copyOf(hex(v.seed)));
        CHECK(toHex(pair.publicKey) == v.publicKey);
        const Bytes message = hex(v.message);
        const Ed25519Signature sig = ed25519Sign(pair.secretKey, message);
        CHECK(toHex(sig) == v.signature);
        CHECK(ed25519Verify(pair.publicKey, message, sig));

        Ed25519Signature flipped = sig;
        flipped[10] ^= 0x01;
        CHECK_FALSE(ed25519Verify(pair.publicKey, message, flipped));
        flipped = sig;
        flipped[63] ^= 0x80;
        CHECK_FALSE(ed25519Verify(pair.publicKey, message, flipped));

        Bytes otherMessage = message;
        if (otherMessage.empty())
            otherMessage.push_back(0);
        else
            otherMessage[0] ^= 0x01;
        CHECK_FALSE(ed25519Verify(pair.publicKey, otherMessage, sig));
    }
    const auto one = Ed25519KeyPair::fromSeed(SecretBuffer::copyOf(hex(vectors[0].seed)));
    const auto two = Ed25519KeyPair::fromSeed(SecretBuffer::copyOf(hex(vectors[1].seed)));
    CHECK_FALSE(ed25519Verify(two.publicKey, {}, ed25519Sign(one.secretKey, {})));
}

TEST_CASE("Ed25519 generated keys sign and verify", "[crypto][signing]")
{
    const auto pair = Ed25519KeyPair::generate();
    REQUIRE(pair.secretKey.size() == 64);
    const auto sig = ed25519Sign(pair.secretKey, asBytes("testimony"));
    CHECK(ed25519Verify(pair.publicKey, asBytes("testimony"), sig));
    CHECK_FALSE(ed25519Verify(pair.publicKey, asBytes("Testimony"), sig));
    CHECK_THROWS_AS(Ed25519KeyPair::fromSeed(SecretBuffer(31)), std::invalid_argument);
    CHECK_THROWS_AS(ed25519Sign(SecretBuffer(32), asBytes("x")), std::invalid_argument);
}

TEST_CASE("X25519 known answers (RFC 7748 sections 5.2 and 6.1)", "[crypto][signing]")
{
    SECTION("section 5.2, first vector")
    {
        auto out = x25519(
            SecretBuffer::copyOf(hex("a546e36bf0527c9d3b16154b82465edd62144c0ac1fc5a18506a2244ba449ac4")),
            hex("e6db6867583030db3594c1a424b15f7c726624ec26b3353b10a903a6d0ab1c4c"));
        REQUIRE(out.has_value());
        CHECK(toHex(out->view()) == "c3da55379de9c6908e94ea4df28d084f32eccf03491c71f754b4075577a28552");
    }
    SECTION("section 6.1, Alice and Bob")
    {
        const auto alice = X25519KeyPair::fromSecret(
            SecretBuffer::copyOf(hex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a")));
        const auto bob = X25519KeyPair::fromSecret(
            SecretBuffer::copyOf(hex("5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb")));
        CHECK(toHex(alice.publicKey) == "8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        CHECK(toHex(bob.publicKey) == "de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        auto k1 = x25519(alice.secretKey, bob.publicKey);
        auto k2 = x25519(bob.secretKey, alice.publicKey);
        REQUIRE(k1.has_value());
        REQUIRE(k2.has_value());
        CHECK(toHex(k1->view()) == "4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        CHECK(k1->equals(*k2));
    }
}

TEST_CASE("X25519 refuses low-order points and bad sizes", "[crypto][signing]")
{
    const auto pair = X25519KeyPair::generate();
    const Bytes zeroPoint(32, 0);
    auto r = x25519(pair.secretKey, zeroPoint);
    REQUIRE_FALSE(r.has_value());
    CHECK(r.error().code == ErrorCode::AuthenticationFailed);
    Bytes onePoint(32, 0);
    onePoint[0] = 1;
    CHECK_FALSE(x25519(pair.secretKey, onePoint).has_value());
    auto bad = x25519(pair.secretKey, Bytes(31, 9));
    REQUIRE_FALSE(bad.has_value());
    CHECK(bad.error().code == ErrorCode::InvalidArgument);
    CHECK_THROWS_AS(X25519KeyPair::fromSecret(SecretBuffer(16)), std::invalid_argument);
}
