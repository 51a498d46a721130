#include "CryptoTestUtil.h"
#include "crypto/Bech32.h"

#include <catch2/catch.hpp>

using namespace fv;

TEST_CASE("Bech32 decodes BIP 173 valid strings", "[crypto][bech32]")
{
    for (const char* s : {"A12UEL5L", "a12uel5l", "?1ezyfcl"}) {
        auto d = bech32Decode(s);
        REQUIRE(d.has_value());
        CHECK(d->data.empty());
    }
    auto d = bech32Decode("abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
    REQUIRE(d.has_value());
    CHECK(d->hrp == "abcdef");
    // The data part is the 32 symbols 0..31 in order, i.e. these 20 bytes.
    CHECK(toHex(d->data) == "00443214c74254b635cf84653a56d7c675be77df");
    CHECK(bech32Encode("abcdef", d->data) == "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw");
    CHECK(bech32Encode("a", {}, true) == "A12UEL5L");
}

TEST_CASE("Bech32 rejects BIP 173 invalid strings and mixed case", "[crypto][bech32]")
{
    for (const char* s : {
             "pzry9x0s0muk",  // no separator
             "1pzry9x0s0muk", // empty hrp
             "x1b4n0q5v",     // invalid data character
             "li1dgmt3",      // checksum too short
             "A1G7SGD8",      // checksum computed over the upper-case hrp
             "10a06t8",       // empty hrp
             "1qzzfhee",      // empty hrp
             "a12UEL5L",      // mixed case
             "a12uel5m",      // wrong checksum
         })
        CHECK_FALSE(bech32Decode(s).has_value());
    CHECK_FALSE(bech32Decode(std::string("a\x7f") + "1qqqqqq").has_value());
    CHECK_FALSE(bech32Decode(std::string(5000, 'q')).has_value());
}

TEST_CASE("Bech32 round-trips 32-byte keys in both cases", "[crypto][bech32]")
{
    const Bytes key = fv::test::sequence(0, 31);
    const std::string lower = bech32Encode("age", key);
    CHECK(lower.size() == 62);
    auto d = bech32Decode(lower);
    REQUIRE(d.has_value());
    CHECK(d->data == key);
    const std::string upper = bech32Encode("AGE-SECRET-KEY-", key, true);
    CHECK(upper.starts_with("AGE-SECRET-KEY-1"));
    auto u = bech32Decode(upper);
    REQUIRE(u.has_value());
    CHECK(u->hrp == "AGE-SECRET-KEY-");
    CHECK(u->data == key);
    std::string flipped = lower;
    flipped[10] = flipped[10] == 'q' ? 'p' : 'q';
    CHECK_FALSE(bech32Decode(flipped).has_value());
}
