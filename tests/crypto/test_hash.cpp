#include "CryptoTestUtil.h"
#include "crypto/Hash.h"

#include <catch2/catch.hpp>

using namespace fv;
using fv::test::hex;
using fv::test::repeated;
using fv::test::sequence;

namespace {

std::string hexOf(const Sha256Digest& d)
{
    return toHex(d);
}

} // namespace

TEST_CASE("SHA-256 known answers (FIPS 180-2 examples)", "[crypto][hash]")
{
    CHECK(hexOf(sha256(asBytes("abc"))) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(hexOf(sha256(asBytes(""))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    const char* msg448 = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    CHECK(hexOf(sha256(asBytes(msg448))) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");

    SECTION("incremental in odd pieces gives the same digest")
    {
        Sha256 h;
        const std::string_view m(msg448);
        h.update(asBytes(m.substr(0, 1)));
        h.update(asBytes(m.substr(1, 0)));
        h.update(asBytes(m.substr(1, 40)));
        h.update(asBytes(m.substr(41)));
        CHECK(hexOf(h.finish()) == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    }
    SECTION("a million 'a' (FIPS 180-2 example 3), incrementally")
    {
        Sha256 h;
        const std::string block(1000, 'a');
        for (int i = 0; i < 1000; ++i)
            h.update(asBytes(block));
        Sha256 moved(std::move(h));
        CHECK(hexOf(moved.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    }
}

TEST_CASE("BLAKE2b-512 of \"abc\" (RFC 7693 appendix A) and incremental/keyed use", "[crypto][hash]")
{
    const std::string expected = "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
                                 "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923";
    CHECK(toHex(blake2b(asBytes("abc"), 64)) == expected);

    Blake2b h(64);
    h.update(asBytes("a"));
    h.update(asBytes("bc"));
    CHECK(toHex(h.finish()) == expected);

    const Bytes key(32, 0x42);
    const Bytes keyed = blake2b(asBytes("abc"), 32, key);
    CHECK(keyed.size() == 32);
    CHECK(keyed != blake2b(asBytes("abc"), 32));
    Blake2b hk(32, key);
    hk.update(asBytes("abc"));
    CHECK(hk.finish() == keyed);

    CHECK_THROWS_AS(blake2b(asBytes("abc"), 8), std::invalid_argument);
    CHECK_THROWS_AS(blake2b(asBytes("abc"), 32, Bytes(8, 1)), std::invalid_argument);
}

TEST_CASE("HMAC-SHA-256 known answers (RFC 4231 cases 1, 2, 6)", "[crypto][hash]")
{
    CHECK(toHex(hmacSha256(repeated(0x0b, 20), asBytes("Hi There"))) ==
          "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
    CHECK(toHex(hmacSha256(asBytes("Jefe"), asBytes("what do ya want for nothing?"))) ==
          "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    CHECK(toHex(hmacSha256(repeated(0xaa, 131),
                           asBytes("Test Using Larger Than Block-Size Key - Hash Key First"))) ==
          "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
}

TEST_CASE("HKDF-SHA-256 known answers (RFC 5869 cases 1-3)", "[crypto][hash]")
{
    struct Vector
    {
        Bytes ikm, salt, info;
        std::size_t length;
        std::string okm;
    };
    const Vector vectors[] = {
        {repeated(0x0b, 22), sequence(0x00, 0x0c), sequence(0xf0, 0xf9), 42,
         "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"},
        {sequence(0x00, 0x4f), sequence(0x60, 0xaf), sequence(0xb0, 0xff), 82,
         "b11e398dc80327a1c8e7f78c596a49344f012eda2d4efad8a050cc4c19afa97c59045a99cac7827271cb41c65e590e09"
         "da3275600c2f09b8367793a9aca3db71cc30c58179ec3e87c14c01d5c1f3434f1d87"},
        {repeated(0x0b, 22),
         {},
         {},
         42,
         "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8"},
    };
    for (const auto& v : vectors) {
        auto okm = hkdfSha256(v.ikm, v.salt, v.info, v.length);
        REQUIRE(okm.has_value());
        CHECK(toHex(okm->view()) == v.okm);
    }
    // A prefix of a longer output equals the shorter output.
    auto longer = hkdfSha256(repeated(0x0b, 22), {}, {}, 255 * 32);
    REQUIRE(longer.has_value());
    CHECK(toHex(longer->view().first(42)) == vectors[2].okm);

    CHECK_FALSE(hkdfSha256(repeated(1, 32), {}, {}, 255 * 32 + 1).has_value());
    auto zero = hkdfSha256(repeated(1, 32), {}, {}, 0);
    REQUIRE_FALSE(zero.has_value());
    CHECK(zero.error().code == ErrorCode::InvalidArgument);
}
