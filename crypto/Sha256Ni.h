#pragma once
// Internal: the SHA-256 compression function on the x86 SHA extensions (SHA-NI). Used by
// crypto/Hash.cpp only; not part of the module's interface.

#include <cstddef>
#include <cstdint>

namespace fv::sha256ni {

/// True if this CPU has the SHA extensions and SSE4.1 (checked once, with CPUID).
bool cpuHasShaNi() noexcept;

/// Runs the SHA-256 compression function (FIPS 180-4 §6.2.2) over `blocks` 64-byte blocks at
/// `data`, updating `state` (H0..H7 in the FIPS order). Only call if cpuHasShaNi().
void compress(std::uint32_t state[8], const std::uint8_t* data, std::size_t blocks) noexcept;

} // namespace fv::sha256ni
