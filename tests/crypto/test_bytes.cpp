#include "CryptoTestUtil.h"
#include "crypto/Bytes.h"
#include "crypto/Crypto.h"
#include "crypto/Random.h"
#include "crypto/SecretBuffer.h"

#include <catch2/catch.hpp>

using namespace fv;

TEST_CASE("hex encodes lower case and parses strictly", "[crypto][bytes]")
{
    const Bytes data = {0x00, 0x01, 0xab, 0xff};
    CHECK(toHex(data) == "0001abff");
    CHECK(toHex(Bytes{}).empty());

    Bytes out;
    REQUIRE(fromHex("0001ABff", out));
    CHECK(out == data);
    REQUIRE(fromHex("", out));
    CHECK(out.empty());
    CHECK_FALSE(fromHex("abc", out));
    CHECK_FALSE(fromHex("zz", out));
    CHECK_FALSE(fromHex("ab:cd", out));
    CHECK_FALSE(fromHex(" abc", out));
    CHECK_FALSE(fromHex("0g", out));
    CHECK(out.empty());
}

TEST_CASE("base64 matches RFC 4648 section 10 and rejects anything non-canonical", "[crypto][bytes]")
{
    const std::pair<const char*, const char*> vectors[] = {
        {"", ""},
        {"f", "Zg=="},
        {"fo", "Zm8="},
        {"foo", "Zm9v"},
        {"foob", "Zm9vYg=="},
        {"fooba", "Zm9vYmE="},
        {"foobar", "Zm9vYmFy"},
    };
    for (const auto& [plain, encoded] : vectors) {
        CHECK(toBase64(asBytes(plain)) == encoded);
        Bytes out;
        REQUIRE(fromBase64(encoded, out));
        CHECK(out == Bytes(asBytes(plain).begin(), asBytes(plain).end()));
    }
    const Bytes binary = {0xfb, 0xff, 0xbf};
    CHECK(toBase64(binary) == "+/+/");

    Bytes out;
    CHECK_FALSE(fromBase64("Zg", out));     // missing padding
    CHECK_FALSE(fromBase64("Zg=", out));    // short padding
    CHECK_FALSE(fromBase64("Zh==", out));   // non-zero trailing bits
    CHECK_FALSE(fromBase64("Zm9v\n", out)); // whitespace
    CHECK_FALSE(fromBase64("Zm-v", out));   // URL-safe alphabet
    CHECK_FALSE(fromBase64("Zg==Zg==", out));
    CHECK_FALSE(fromBase64("====", out));
}

TEST_CASE("SecretBuffer is zeroed, moves, clones and compares", "[crypto][secret]")
{
    SecretBuffer a(32);
    REQUIRE(a.size() == 32);
    CHECK(Bytes(a.view().begin(), a.view().end()) == Bytes(32, 0));

    auto random = SecretBuffer::random(32);
    const Bytes copy(random.view().begin(), random.view().end());
    CHECK(copy != Bytes(32, 0));

    SecretBuffer moved(std::move(random));
    CHECK(random.size() == 0); // NOLINT(bugprone-use-after-move): the moved-from state is the contract
    CHECK(random.data() == nullptr);
    CHECK(moved.size() == 32);
    CHECK(Bytes(moved.view().begin(), moved.view().end()) == copy);

    SecretBuffer assigned;
    assigned = std::move(moved);
    CHECK(moved.size() == 0); // NOLINT(bugprone-use-after-move)
    CHECK(assigned.size() == 32);

    const auto cloned = assigned.clone();
    CHECK(cloned.equals(assigned));
    CHECK(cloned.data() != assigned.data());
    CHECK_FALSE(cloned.equals(a));
    CHECK_FALSE(cloned.equals(SecretBuffer::copyOf(ByteView(copy).first(31))));

    assigned.wipe();
    CHECK(assigned.empty());
    CHECK(assigned.data() == nullptr);
    CHECK(SecretBuffer(0).empty());
}

TEST_CASE("constantTimeEqual compares sizes and content", "[crypto]")
{
    const Bytes a = {1, 2, 3};
    const Bytes b = {1, 2, 3};
    const Bytes c = {1, 2, 4};
    CHECK(constantTimeEqual(a, b));
    CHECK_FALSE(constantTimeEqual(a, c));
    CHECK_FALSE(constantTimeEqual(a, ByteView(b).first(2)));
    CHECK(constantTimeEqual(Bytes{}, Bytes{}));
}
