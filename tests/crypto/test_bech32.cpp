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

namespace {

// An independent BIP 173 checksum, to build strings whose checksum is right but whose payload
// is not.
std::string withChecksum(const std::string& hrp, const std::vector<int>& values)
{
    const std::uint32_t gen[5] = {0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3};
    std::vector<int> all;
    for (char c : hrp)
        all.push_back(static_cast<unsigned char>(c) >> 5);
    all.push_back(0);
    for (char c : hrp)
        all.push_back(static_cast<unsigned char>(c) & 31);
    all.insert(all.end(), values.begin(), values.end());
    all.insert(all.end(), 6, 0);
    std::uint32_t chk = 1;
    for (int v : all) {
        const std::uint32_t top = chk >> 25;
        chk = ((chk & 0x1ffffff) << 5) ^ static_cast<std::uint32_t>(v);
        for (int i = 0; i < 5; ++i)
            if ((top >> i) & 1)
                chk ^= gen[i];
    }
    chk ^= 1;
    const std::string charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    std::string out = hrp + "1";
    for (int v : values)
        out += charset[static_cast<std::size_t>(v)];
    for (int i = 0; i < 6; ++i)
        out += charset[(chk >> (5 * (5 - i))) & 31];
    return out;
}

} // namespace

TEST_CASE("Bech32 rejects non-zero padding bits and a dangling group", "[crypto][bech32]")
{
    // 11111 11100: the byte 0xff and two zero padding bits.
    const std::string good = withChecksum("a", {31, 28});
    auto d = bech32Decode(good);
    REQUIRE(d.has_value());
    CHECK(d->data == Bytes{0xff});
    CHECK(bech32Encode("a", Bytes{0xff}) == good);
    // 11111 11101: the same byte with a padding bit set.
    CHECK_FALSE(bech32Decode(withChecksum("a", {31, 29})).has_value());
    // A single group cannot hold a byte: five bits of padding.
    CHECK_FALSE(bech32Decode(withChecksum("a", {0})).has_value());
}
