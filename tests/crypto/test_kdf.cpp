#include "CryptoTestUtil.h"
#include "crypto/Kdf.h"

#include <catch2/catch.hpp>

using namespace fv;

TEST_CASE("Argon2id known answers, checked against the reference implementation", "[crypto][kdf]")
{
    // Both vectors come from the reference Argon2 CLI (Debian package `argon2`,
    // 0~20171227), run once by hand and not a build dependency:
    //   echo -n "correct horse battery staple" | argon2 fieldvaultsalt16 -id -t 1 -m 13 -p 1 -l 32 -r
    //   echo -n "كلمة سر" | argon2 0123456789abcdef -id -t 2 -m 14 -p 1 -l 64 -r
    // (-m is log2 of the memory in KiB: 13 -> 8 MiB, 14 -> 16 MiB.)
    auto a = argon2id(asBytes("correct horse battery staple"), asBytes("fieldvaultsalt16"),
                      Argon2Params::fastForTests(), 32);
    REQUIRE(a.has_value());
    CHECK(toHex(a->view()) == "f08483e20061ec6c98d8b9980e5569a10de1b841fff70dc85b52a84977cecfe7");

    auto b =
        argon2id(asBytes("كلمة سر"), asBytes("0123456789abcdef"), Argon2Params{2, 16u * 1024 * 1024}, 64);
    REQUIRE(b.has_value());
    CHECK(toHex(b->view()) == "121b0e19902d241d46d1b95e69fd5fc18ca805ec4b25b6a7167fe727275b8311"
                              "3d620aec7e9416f16f9608a8ceb46bc7976c707c63cd45ab08543723b27fed3c");
}

TEST_CASE("Argon2id rejects bad arguments", "[crypto][kdf]")
{
    const auto fast = Argon2Params::fastForTests();
    auto shortSalt = argon2id(asBytes("pw"), asBytes("short"), fast, 32);
    REQUIRE_FALSE(shortSalt.has_value());
    CHECK(shortSalt.error().code == ErrorCode::InvalidArgument);
    CHECK_FALSE(
        argon2id(asBytes("pw"), asBytes("0123456789abcdef"), Argon2Params{0, 8u << 20}, 32).has_value());
    CHECK_FALSE(argon2id(asBytes("pw"), asBytes("0123456789abcdef"), fast, 8).has_value());
    auto empty = argon2id(asBytes(""), asBytes("0123456789abcdef"), fast, 32);
    REQUIRE(empty.has_value());
    auto other = argon2id(asBytes("pw"), asBytes("0123456789abcdef"), fast, 32);
    REQUIRE(other.has_value());
    CHECK_FALSE(empty->equals(*other));
}

TEST_CASE("Argon2Params profiles and validity", "[crypto][kdf]")
{
    CHECK(Argon2Params::moderate() == Argon2Params{3, 256ull << 20});
    CHECK(Argon2Params::sensitive() == Argon2Params{4, 1024ull << 20});
    CHECK(Argon2Params::fastForTests() == Argon2Params{1, 8ull << 20});
    CHECK(Argon2Params::moderate().valid());
    CHECK(Argon2Params::sensitive().valid());
    CHECK(Argon2Params::fastForTests().valid());
    CHECK_FALSE(Argon2Params{}.valid());
    CHECK_FALSE((Argon2Params{0, 256ull << 20}.valid()));
    CHECK_FALSE((Argon2Params{3, (8ull << 20) - 1}.valid()));
    CHECK_FALSE((Argon2Params{3, 1ull << 62}.valid()));
    CHECK_FALSE((Argon2Params{1ull << 40, 256ull << 20}.valid()));
}

TEST_CASE("deriveSubkey separates purposes", "[crypto][kdf]")
{
    const auto master = SecretBuffer::copyOf(fv::test::sequence(0, 31));
    const auto pages = deriveSubkey(master, "fvpages_", 1, 32);
    const auto pages2 = deriveSubkey(master, "fvpages_", 2, 32);
    const auto blobs = deriveSubkey(master, "fvblobs_", 1, 32);
    // BLAKE2b keyed by the master, salt le64(id) || 0^8, personal context || 0^8, empty message;
    // computed independently with Python's hashlib.blake2b(key=, salt=, person=).
    CHECK(toHex(pages.view()) == "489661f4e9d213e8f345d07ee4330f744873cf853cd0823537d1e1bc5da9209a");
    CHECK(pages.equals(deriveSubkey(master, "fvpages_", 1, 32)));
    CHECK_FALSE(pages.equals(pages2));
    CHECK_FALSE(pages.equals(blobs));
    CHECK(deriveSubkey(master, "fvpages_", 1, 64).size() == 64);
    CHECK_THROWS_AS(deriveSubkey(master, "short", 1, 32), std::invalid_argument);
    CHECK_THROWS_AS(deriveSubkey(master, "fvpages_", 1, 8), std::invalid_argument);
    CHECK_THROWS_AS(deriveSubkey(SecretBuffer(16), "fvpages_", 1, 32), std::invalid_argument);
}
