#include <catch2/catch.hpp>

#include "crypto/Aead.h"
#include "crypto/Random.h"

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
