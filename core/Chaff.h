#pragma once
// Chaff: what every lock writes so that the store a session did not open changes on disk the
// way it would had it been used. Without it, an examiner holding one passphrase could check
// the other store for growth or new attachments and so prove that a second passphrase exists
// (docs/threat-model.md, "The examiner's game").
//
// At every lock, whichever store was open:
// - both store files are padded to one common size, storeTarget() of the larger;
// - both blob folders are made to hold the same multiset of file sizes, by adding random files
//   to the folder that has fewer of a size. A new attachment's twin is normally written with
//   it (BlobStore::setTwinDirectory()); this catches what a crash or a full disk left out.
//   Committed files are never deleted (BlobStore::retire());
// - with probability 1/8, a pair of random files of a plausible attachment size (at most
//   8 MiB) is added, one in each folder, so that pairs no store refers to are normal in every
//   vault.

#include "crypto/Result.h"

#include <array>
#include <cstdint>
#include <filesystem>

namespace fv {

/// The size both store files are padded to when the larger is `bytes`: rounded up to a quantum
/// of max(256 KiB, one eighth of the largest power of two not above `bytes`).
std::uint64_t chaffStoreTarget(std::uint64_t bytes) noexcept;

/// Writes the lock-time chaff described above. `stores` and `blobDirs` are the two stores'
/// files and folders; it does the same whichever store was open, and needs no key. The stores
/// must be closed. Errors (Io, DiskFull) leave what was written in place; the next lock
/// completes it.
[[nodiscard]] Status writeLockChaff(const std::array<std::filesystem::path, 2>& stores,
                                    const std::array<std::filesystem::path, 2>& blobDirs);

} // namespace fv
