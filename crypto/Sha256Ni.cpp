#include "crypto/Sha256Ni.h"

#if defined(__x86_64__) || defined(__i386__)
#include <cpuid.h>
#include <immintrin.h>
#define FV_HAVE_SHA_NI 1
#else
#define FV_HAVE_SHA_NI 0
#endif

namespace fv::sha256ni {

#if FV_HAVE_SHA_NI

namespace {

// FIPS 180-4 §4.2.2: the first 32 bits of the fractional parts of the cube roots of the first
// 64 primes.
alignas(16) constexpr std::uint32_t kRound[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

} // namespace

bool cpuHasShaNi() noexcept
{
    // CPUID directly: clang 16's __builtin_cpu_supports() does not know "sha".
    static const bool has = [] {
        unsigned a = 0, b = 0, c = 0, d = 0;
        if (!__get_cpuid(1, &a, &b, &c, &d) || !(c & bit_SSE4_1))
            return false;
        if (!__get_cpuid_count(7, 0, &a, &b, &c, &d))
            return false;
        return (b & bit_SHA) != 0;
    }();
    return has;
}

// Register layout of SHA256RNDS2: one register holds A, B, E, F (A in the top 32-bit lane, F
// in the lowest), the other C, D, G, H; the low 64 bits of the third operand are W[t] + K[t]
// for the two rounds (W[t] in lane 0). Its result is the new A, B, E, F; the old A, B, E, F
// become the new C, D, G, H.
__attribute__((target("sha,sse4.1"))) void compress(std::uint32_t state[8], const std::uint8_t* data,
                                                    std::size_t blocks) noexcept
{
    // Big-endian words (FIPS 180-4 §3.1) to little-endian lanes.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    // state[0..3] = A B C D (A in lane 0), state[4..7] = E F G H.
    __m128i abcd = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state));
    __m128i efgh = _mm_loadu_si128(reinterpret_cast<const __m128i*>(state + 4));
    abcd = _mm_shuffle_epi32(abcd, 0xB1);             // lanes B A D C
    efgh = _mm_shuffle_epi32(efgh, 0x1B);             // lanes H G F E
    __m128i abef = _mm_alignr_epi8(abcd, efgh, 8);    // lanes F E B A
    __m128i cdgh = _mm_blend_epi16(efgh, abcd, 0xF0); // lanes H G D C

    for (; blocks > 0; --blocks, data += 64) {
        const __m128i abefSaved = abef;
        const __m128i cdghSaved = cdgh;
        __m128i w[4]; // the last 16 schedule words W[t-16..t-1], four per register

#pragma GCC unroll 16
        for (int g = 0; g < 16; ++g) {
            __m128i& cur = w[g & 3];
            if (g < 4) {
                cur = _mm_shuffle_epi8(_mm_loadu_si128(reinterpret_cast<const __m128i*>(data + 16 * g)),
                                       byteSwap);
            } else {
                // W[t] = σ1(W[t-2]) + W[t-7] + σ0(W[t-15]) + W[t-16] (FIPS 180-4 §6.2.2 step 1),
                // for t = 4g .. 4g+3. cur holds W[t-16..t-13] until overwritten.
                const __m128i& next = w[(g + 1) & 3];                   // W[t-12..t-9]
                const __m128i& prev2 = w[(g + 2) & 3];                  // W[t-8..t-5]
                const __m128i& prev1 = w[(g + 3) & 3];                  // W[t-4..t-1]
                __m128i t = _mm_sha256msg1_epu32(cur, next);            // W[t-16] + σ0(W[t-15])
                t = _mm_add_epi32(t, _mm_alignr_epi8(prev1, prev2, 4)); // + W[t-7]
                cur = _mm_sha256msg2_epu32(t, prev1);                   // + σ1(W[t-2])
            }
            __m128i wk = _mm_add_epi32(cur, _mm_load_si128(reinterpret_cast<const __m128i*>(kRound + 4 * g)));
            cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk); // rounds 4g, 4g+1: cdgh is now A B E F
            wk = _mm_shuffle_epi32(wk, 0x0E);
            abef = _mm_sha256rnds2_epu32(abef, cdgh, wk); // rounds 4g+2, 4g+3
        }
        // After an even number of two-round steps per block the roles are back in place.
        abef = _mm_add_epi32(abef, abefSaved);
        cdgh = _mm_add_epi32(cdgh, cdghSaved);
    }

    const __m128i lanesABEF = _mm_shuffle_epi32(abef, 0x1B); // lanes A B E F
    const __m128i lanesGHCD = _mm_shuffle_epi32(cdgh, 0xB1); // lanes G H C D
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state),
                     _mm_blend_epi16(lanesABEF, lanesGHCD, 0xF0)); // A B C D
    _mm_storeu_si128(reinterpret_cast<__m128i*>(state + 4),
                     _mm_alignr_epi8(lanesGHCD, lanesABEF, 8)); // E F G H
}

#else

bool cpuHasShaNi() noexcept
{
    return false;
}

void compress(std::uint32_t*, const std::uint8_t*, std::size_t) noexcept {}

#endif

} // namespace fv::sha256ni
