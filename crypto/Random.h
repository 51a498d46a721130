#pragma once
// Cryptographically secure randomness (libsodium's randombytes).

#include "crypto/Bytes.h"

namespace fv {

/// Fills `out` with random bytes.
void randomFill(MutableByteView out) noexcept;
/// `size` random bytes.
Bytes randomBytes(std::size_t size);
/// A uniformly random integer in [0, upperBound); upperBound must be > 0.
std::uint32_t randomUniform(std::uint32_t upperBound) noexcept;

} // namespace fv
