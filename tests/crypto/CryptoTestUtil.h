#pragma once
// Small helpers shared by the crypto tests.

#include "crypto/Bytes.h"

#include <stdexcept>
#include <string>

namespace fv::test {

/// Bytes from a hex literal; throws on malformed hex so a typo in a vector fails loudly.
inline Bytes hex(std::string_view text)
{
    Bytes out;
    if (!fromHex(text, out))
        throw std::invalid_argument("bad hex in test vector: " + std::string(text));
    return out;
}

/// `count` copies of `value`.
inline Bytes repeated(std::uint8_t value, std::size_t count)
{
    return Bytes(count, value);
}

/// The bytes first, first+1, ..., last.
inline Bytes sequence(std::uint8_t first, std::uint8_t last)
{
    Bytes out;
    for (unsigned v = first; v <= last; ++v)
        out.push_back(static_cast<std::uint8_t>(v));
    return out;
}

} // namespace fv::test
