#pragma once
// Internal to storage/: how Database::open hands the page key to the VFS, and how the VFS
// tells Database which page failed authentication. Not for use outside storage/ and its tests.

#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <cstdint>
#include <filesystem>
#include <string>

namespace fv::detail {

/// While alive, the VFS's xOpen of the main database named by the grant finds a copy of the
/// key. Database::open holds one only around sqlite3_open_v2.
class PageKeyGrant
{
public:
    PageKeyGrant() noexcept = default;
    PageKeyGrant(PageKeyGrant&& other) noexcept;
    PageKeyGrant& operator=(PageKeyGrant&& other) noexcept;
    PageKeyGrant(const PageKeyGrant&) = delete;
    PageKeyGrant& operator=(const PageKeyGrant&) = delete;
    ~PageKeyGrant();
    /// Removes the key from the registry (idempotent).
    void release() noexcept;

private:
    friend Result<PageKeyGrant> grantPageKey(const std::filesystem::path&, const SecretBuffer&);
    explicit PageKeyGrant(std::string name) noexcept : m_name(std::move(name)) {}
    std::string m_name;
};

/// Registers a guarded copy of `key` (32 bytes) for the main database at `path`, under the
/// name SQLite will pass to xOpen. Busy if another open of the same file is in progress.
[[nodiscard]] Result<PageKeyGrant> grantPageKey(const std::filesystem::path& path, const SecretBuffer& key);

struct DamageReport
{
    enum class Where
    {
        None,
        Page,      ///< a page of the main database (1-based page number in `index`)
        WalHeader, ///< the WAL header
        WalFrame,  ///< a WAL frame (1-based frame number in `index`)
    };
    Where where = Where::None;
    std::uint64_t index = 0;
};

/// The last authentication failure the VFS saw on this thread; clears it.
DamageReport takeDamageReport() noexcept;

/// Process-wide counters of the WAL unit assembly, for tests.
struct VfsStats
{
    std::uint64_t walMerges = 0;            ///< partial writes merged into a unit already on disk
    std::uint64_t walIncompleteFlushes = 0; ///< units that had to be flushed while incomplete (a bug)
};
VfsStats vfsStats() noexcept;

/// The page codec of docs/vault-format.md with a given nonce, for known-answer tests (the VFS
/// draws a fresh random nonce for every write). `plain` and `disk` are 4096 bytes; the
/// plaintext's last 40 bytes are not encrypted.
void sealPageWithNonce(const SecretBuffer& key, std::uint32_t pageNo, ByteView plain, ByteView nonce,
                       MutableByteView disk);
/// Authenticates and decrypts one page as the VFS does; false (and zeros) on failure.
[[nodiscard]] bool openPage(const SecretBuffer& key, std::uint32_t pageNo, ByteView disk,
                            MutableByteView plain);
/// The WAL unit codec with a given nonce: unit 0 is the 32-byte header (disk 72 bytes), unit
/// k >= 1 is frame k (plain: 24-byte frame header + page; disk 4120 bytes).
void sealWalUnitWithNonce(const SecretBuffer& key, std::uint64_t unit, ByteView plain, ByteView nonce,
                          MutableByteView disk);

} // namespace fv::detail
