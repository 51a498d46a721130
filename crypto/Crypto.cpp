#include "crypto/Crypto.h"

#include <sodium.h>
#include <sys/prctl.h>
#include <sys/resource.h>

namespace fv {

bool initCrypto() noexcept
{
    return sodium_init() >= 0;
}

bool constantTimeEqual(ByteView a, ByteView b) noexcept
{
    if (a.size() != b.size())
        return false;
    if (a.empty())
        return true;
    return sodium_memcmp(a.data(), b.data(), a.size()) == 0;
}

void wipeMemory(MutableByteView data) noexcept
{
    if (!data.empty())
        sodium_memzero(data.data(), data.size());
}

void disableCoreDumps() noexcept
{
    struct rlimit limit
    {
    };
    limit.rlim_cur = 0;
    limit.rlim_max = 0;
    setrlimit(RLIMIT_CORE, &limit);
    prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
}

} // namespace fv
