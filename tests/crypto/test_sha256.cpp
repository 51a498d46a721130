// SHA-256 on both paths (SHA-NI when the CPU has it, libsodium's portable code otherwise):
// FIPS 180-4 / NIST example vectors and a differential test against libsodium.
#include "crypto/Hash.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <random>
#include <sodium.h>
#include <string>
#include <vector>

using namespace fv;

namespace {

// Forces the portable path for the life of the object when `portable` is set.
class PathGuard
{
public:
    explicit PathGuard(bool portable) { detail::setSha256ForcePortable(portable); }
    ~PathGuard() { detail::setSha256ForcePortable(false); }
    PathGuard(const PathGuard&) = delete;
    PathGuard& operator=(const PathGuard&) = delete;
};

Sha256Digest sodiumSha256(ByteView data)
{
    Sha256Digest d{};
    crypto_hash_sha256(d.data(), data.data(), data.size());
    return d;
}

} // namespace

TEST_CASE("SHA-256 NIST vectors on the SHA-NI and the portable path", "[crypto][hash][sha256]")
{
    const bool portable = GENERATE(false, true);
    PathGuard guard(portable);
    CAPTURE(portable, detail::sha256UsesShaNi());
    if (portable)
        CHECK_FALSE(detail::sha256UsesShaNi());

    CHECK(toHex(sha256(asBytes(""))) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    CHECK(toHex(sha256(asBytes("abc"))) ==
          "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    CHECK(toHex(sha256(asBytes("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))) ==
          "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
    CHECK(toHex(sha256(asBytes(
              "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrl"
              "mnopqrsmnopqrstnopqrstu"))) ==
          "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
    const std::string million(1000000, 'a');
    CHECK(toHex(sha256(asBytes(million))) ==
          "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

    Sha256 h;
    const std::string thousand(1000, 'a');
    for (int i = 0; i < 1000; ++i)
        h.update(asBytes(thousand));
    CHECK(toHex(h.finish()) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
}

TEST_CASE("SHA-256 matches libsodium over random lengths and split points", "[crypto][hash][sha256]")
{
    const bool portable = GENERATE(false, true);
    PathGuard guard(portable);
    CAPTURE(portable, detail::sha256UsesShaNi());

    std::mt19937_64 rng(portable ? 20261126 : 1126);
    std::uniform_int_distribution<int> byteDist(0, 255);
    Bytes data(10000);
    for (auto& b : data)
        b = static_cast<std::uint8_t>(byteDist(rng));

    // Every length around the block and padding boundaries, then random ones up to 10,000.
    std::vector<std::size_t> lengths;
    for (std::size_t n = 0; n <= 200; ++n)
        lengths.push_back(n);
    std::uniform_int_distribution<std::size_t> lenDist(0, 10000);
    for (int i = 0; i < 300; ++i)
        lengths.push_back(lenDist(rng));
    lengths.push_back(10000);

    for (const std::size_t len : lengths) {
        CAPTURE(len);
        const ByteView msg(data.data(), len);
        const Sha256Digest expected = sodiumSha256(msg);
        REQUIRE(sha256(msg) == expected);

        // The incremental API, cut at 0..3 random split points (empty pieces included).
        std::uniform_int_distribution<std::size_t> cutDist(0, len);
        std::vector<std::size_t> cuts{0, len};
        const int nCuts = static_cast<int>(rng() % 4);
        for (int c = 0; c < nCuts; ++c)
            cuts.push_back(cutDist(rng));
        std::sort(cuts.begin(), cuts.end());
        Sha256 h;
        for (std::size_t c = 1; c < cuts.size(); ++c)
            h.update(ByteView(data.data() + cuts[c - 1], cuts[c] - cuts[c - 1]));
        CAPTURE(cuts);
        REQUIRE(h.finish() == expected);
    }

    SECTION("byte-at-a-time and a moved-from hasher")
    {
        Sha256 h;
        for (std::size_t i = 0; i < 1000; ++i)
            h.update(ByteView(data.data() + i, 1));
        Sha256 moved(std::move(h));
        CHECK(moved.finish() == sodiumSha256(ByteView(data.data(), 1000)));
    }
}

TEST_CASE("SHA-256 uses SHA-NI when the CPU has it", "[crypto][hash][sha256]")
{
    // Informational on CPUs without it; on this project's machines (sha_ni) the fast path must be taken.
#if defined(__x86_64__) || defined(__i386__)
    __builtin_cpu_init();
    if (__builtin_cpu_supports("sha") && __builtin_cpu_supports("sse4.1"))
        CHECK(detail::sha256UsesShaNi());
    else
        CHECK_FALSE(detail::sha256UsesShaNi());
#else
    CHECK_FALSE(detail::sha256UsesShaNi());
#endif
}
