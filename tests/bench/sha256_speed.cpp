// SHA-256 throughput, libsodium's portable code against crypto/Sha256Ni.cpp, in CPU time (the
// process CPU clock, so that a loaded machine does not skew the rate). Not part of the build:
//
//   g++ -std=c++23 -O2 -I. crypto/Sha256Ni.cpp tests/bench/sha256_speed.cpp -lsodium -o /tmp/sha256_speed
//   /tmp/sha256_speed            # 3 passes over 64 MiB
#include "crypto/Sha256Ni.h"

#include <cstdio>
#include <ctime>
#include <sodium.h>
#include <vector>

namespace {

double cpuSeconds()
{
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

} // namespace

int main()
{
    if (sodium_init() < 0 || !fv::sha256ni::cpuHasShaNi()) {
        std::puts("libsodium failed to initialise or this CPU has no SHA-NI");
        return 1;
    }
    constexpr std::size_t kMiB = 64;
    std::vector<unsigned char> buf(kMiB << 20);
    for (std::size_t i = 0; i < buf.size(); ++i)
        buf[i] = static_cast<unsigned char>(i * 131 + 7);
    for (int pass = 0; pass < 3; ++pass) {
        unsigned char digest[32];
        std::uint32_t state[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                  0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
        const double t0 = cpuSeconds();
        crypto_hash_sha256(digest, buf.data(), buf.size());
        const double t1 = cpuSeconds();
        fv::sha256ni::compress(state, buf.data(), buf.size() / 64);
        const double t2 = cpuSeconds();
        std::printf("libsodium %.0f MiB/s, SHA-NI %.0f MiB/s (CPU time, %zu MiB)\n", kMiB / (t1 - t0),
                    kMiB / (t2 - t1), kMiB);
    }
    return 0;
}
