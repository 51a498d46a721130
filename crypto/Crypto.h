#pragma once
// Library set-up and small constant-time helpers.

#include "crypto/Bytes.h"

namespace fv {

/// Initialises libsodium once; safe to call from several threads. False if the library
/// cannot start (no entropy source), in which case nothing else in crypto/ may be used.
[[nodiscard]] bool initCrypto() noexcept;

/// Constant-time comparison; false when the sizes differ.
[[nodiscard]] bool constantTimeEqual(ByteView a, ByteView b) noexcept;

/// Zeroes memory in a way the compiler cannot optimise away.
void wipeMemory(MutableByteView data) noexcept;

/// Turns off core dumps and ptrace attach for this process (setrlimit + PR_SET_DUMPABLE).
/// Every program calls it at start-up, before any secret is in memory.
void disableCoreDumps() noexcept;

} // namespace fv
