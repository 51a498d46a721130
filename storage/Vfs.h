#pragma once
// The encrypting SQLite VFS ("fieldvault"), a shim over the default unix VFS.
//
// Every page of the main database and every frame and header of its WAL is encrypted and
// authenticated with XChaCha20-Poly1305 under the page key given to Database::open. Page
// nonce and tag live in 40 reserved bytes at the end of each page. Only main databases and
// WAL files can be opened: rollback journals, temp files and anything else are refused, so no
// plaintext can reach the disk by another path. The on-disk layout is in docs/vault-format.md.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <filesystem>

namespace fv {

constexpr const char* kVfsName = "fieldvault";
constexpr int kPageSize = 4096;
constexpr int kPageReservedBytes = 40;

/// Registers the VFS with SQLite (idempotent, thread-safe). Database::open calls it.
[[nodiscard]] Status registerEncryptingVfs();

/// Result of authenticating a store file page by page without SQLite.
struct StoreScan
{
    std::uint64_t pages = 0;        ///< pages checked
    std::uint64_t damagedPages = 0; ///< pages whose tag failed (page numbers in `firstDamaged`)
    std::uint64_t firstDamaged = 0; ///< 1-based number of the first damaged page, 0 if none
};

/// Authenticates every page of a closed store file (skipping SQLite's lock-byte page and
/// stopping at the page count in the header). StoreDamaged if page 1 itself fails.
[[nodiscard]] Result<StoreScan> scanStoreFile(const std::filesystem::path& path, const SecretBuffer& pageKey);

/// Grows a closed store file to `targetBytes` (a multiple of kPageSize; never shrinks) with
/// random pages. SQLite never reads them: they lie past the page count in the store's header,
/// and a page it allocates there is written before it is read. Random, not sealed under the
/// page key, so that padding written by a session of the other store looks the same to the
/// holder of this store's key. Also fills SQLite's lock-byte page with random bytes once the
/// file is past 1 GiB (SQLite leaves it a hole of zeros). Syncs what it wrote.
[[nodiscard]] Status padStoreFile(const std::filesystem::path& path, std::uint64_t targetBytes);

} // namespace fv
