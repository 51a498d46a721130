#include "crypto/Random.h"

#include <sodium.h>

namespace fv {

void randomFill(MutableByteView out) noexcept
{
    if (!out.empty())
        randombytes_buf(out.data(), out.size());
}

Bytes randomBytes(std::size_t size)
{
    Bytes out(size);
    randomFill(out);
    return out;
}

std::uint32_t randomUniform(std::uint32_t upperBound) noexcept
{
    return randombytes_uniform(upperBound);
}

} // namespace fv
