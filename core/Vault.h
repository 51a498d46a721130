#pragma once
// A vault: one directory holding a key-slot file and two encrypted stores, each with its own
// blob directory. A passphrase (or the recovery key) opens one store; an optional duress
// passphrase opens the other, a decoy. Both stores always exist, so the directory does not say
// whether a duress passphrase was ever set, nor which store is the real one. Design, names and
// limits: docs/vault-format.md ("Vault directory", "Key slots") and docs/threat-model.md.
//
// A Vault object is either unlocked (keys in guarded memory, store open, directory locked
// against other processes) or locked (nothing secret left; every accessor fails cleanly).
// One thread at a time.

#include "crypto/Kdf.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace fv {

class BlobStore;
class Database;

/// What the vault is for: a delegate's machine in the field, or headquarters.
enum class VaultRole
{
    Field,
    Hq,
};

struct VaultCreateOptions
{
    /// Cost of the passphrase KDF; stored in the key-slot file. Tests pass fastForTests().
    Argon2Params kdf = Argon2Params::moderate();
    VaultRole role = VaultRole::Field;
    /// UTF-8 duress passphrase; empty means none. Must differ from the passphrase.
    SecretBuffer duressPassphrase;
};

/// What verify() found. ok() is the one-line answer.
struct VaultVerifyReport
{
    std::uint64_t pagesChecked = 0;        ///< store pages authenticated (file scan, no SQLite)
    std::uint64_t damagedPages = 0;        ///< pages whose authentication tag failed
    std::uint64_t firstDamagedPage = 0;    ///< 1-based, 0 when none
    std::string integrityCheck;            ///< "ok", or what PRAGMA integrity_check (or the open) said
    std::uint64_t blobsReferenced = 0;     ///< attachments the store knows
    std::uint64_t blobsChecked = 0;        ///< blobs authenticated chunk by chunk
    std::uint64_t blobsDamaged = 0;        ///< blobs that failed authentication
    std::uint64_t blobsMissing = 0;        ///< referenced but absent
    std::uint64_t blobsNotChecked = 0;     ///< present but no key was supplied to check them
    std::uint64_t orphans = 0;             ///< files no attachment refers to: chaff and retired
                                           ///< attachments (expected, see core/Chaff.h)
    std::vector<std::string> damagedBlobs; ///< names, for the log
    std::vector<std::string> missingBlobs;

    bool ok() const noexcept
    {
        return damagedPages == 0 && integrityCheck == "ok" && blobsDamaged == 0 && blobsMissing == 0;
    }
};

/// Supplies the key of one blob. Returning NotFound means "no key known": the blob is counted as
/// not checked. Without one, verify() reads `attachments.blob_key` (core/Schema.cpp).
using BlobKeyLookup = std::function<Result<SecretBuffer>(Database& db, const std::string& blobName)>;

struct CreatedVault;

class Vault
{
public:
    /// $XDG_DATA_HOME/fieldvault/vault, or ~/.local/share/fieldvault/vault when XDG_DATA_HOME is
    /// unset or not absolute. Nothing is created.
    static std::filesystem::path defaultLocation();

    /// True when `directory` holds a vault's key-slot file (damaged or not: unlock() then says
    /// which). Reads nothing and takes no lock.
    static bool exists(const std::filesystem::path& directory);

    /// Creates a vault in `directory` (which must not exist, or be empty) with UTF-8 `passphrase`.
    /// Writes the key-slot file last, so an interrupted creation leaves no vault (and a second
    /// create() in the same place cleans up after it). Returns the unlocked vault and the
    /// recovery key text to show the person once; it is stored nowhere. Errors: InvalidArgument
    /// (empty passphrase, duress equal to passphrase, bad parameters, a non-empty folder), Io,
    /// DiskFull.
    [[nodiscard]] static Result<CreatedVault> create(const std::filesystem::path& directory,
                                                     const SecretBuffer& passphrase,
                                                     const VaultCreateOptions& options = {});

    /// Opens the vault in `directory` with a passphrase (one Argon2id computation). Errors:
    /// NotFound (no vault there), Busy (open in another process; checked before the slow KDF),
    /// WrongPassphrase, StoreDamaged, Unsupported (made by a newer version), Io.
    [[nodiscard]] static Result<Vault> unlock(const std::filesystem::path& directory,
                                              const SecretBuffer& passphrase);

    /// Opens the vault with the recovery key as a person typed it (case, spaces and dashes do
    /// not matter). Errors as unlock(), plus InvalidInput for a mistyped key (checksum).
    [[nodiscard]] static Result<Vault> unlockWithRecoveryKey(const std::filesystem::path& directory,
                                                             const SecretBuffer& recoveryKeyText);

    /// Crypto-shreds the vault in `directory` (overwrites the key-slot file with random bytes and
    /// syncs it, so no secret can open the stores any more), then deletes the whole directory.
    /// Works even while the vault is open elsewhere, so a panic erase cannot be blocked. Refuses
    /// (InvalidArgument, nothing touched) a directory that does not look like a vault.
    [[nodiscard]] static Status erase(const std::filesystem::path& directory);

    Vault(Vault&& other) noexcept;
    Vault& operator=(Vault&& other) noexcept;
    Vault(const Vault&) = delete;
    Vault& operator=(const Vault&) = delete;
    /// Locks (see lock()).
    ~Vault();

    /// Re-wraps this store's passphrase slot under `newPassphrase` (one Argon2id computation)
    /// and replaces the key-slot file atomically. Other slots, the recovery key included, keep
    /// working. After unlockWithRecoveryKey() this sets a new passphrase for the forgotten one.
    /// Errors: InvalidArgument (empty, or already used by another slot), Io, DiskFull; the old
    /// passphrase still works after any error.
    [[nodiscard]] Status changePassphrase(const SecretBuffer& newPassphrase);

    /// Checkpoints and closes the store, writes the lock-time chaff for the other store and
    /// re-masks the key-slot file (core/Chaff.h), wipes every key, releases the directory.
    /// Always leaves the vault locked; an error only reports that the final checkpoint failed
    /// (what was committed is still safe in the log and is recovered at the next unlock).
    /// Idempotent.
    Status lock() noexcept;

    /// True after lock() (or a failed verify() reopen, or a move): no key is held.
    bool isLocked() const noexcept { return m_state == nullptr; }

    /// The vault's directory (also after lock()).
    const std::filesystem::path& location() const noexcept { return m_directory; }

    /// The open store, for the domain layer. Error (WrongPassphrase is never used) when locked.
    [[nodiscard]] Result<Database*> database();
    /// The blob directory of the open store. Error when locked.
    [[nodiscard]] Result<BlobStore*> blobs();
    /// The role chosen at creation. Error when locked.
    [[nodiscard]] Result<VaultRole> role() const;

    /// Checks everything: closes the store to authenticate every page of the file, reopens it,
    /// runs PRAGMA integrity_check, then authenticates each referenced blob with its key (from
    /// `blobKey`, or the attachments table) and counts missing blobs and orphans. The store is
    /// reopened in place, so database() and blobs() still point to the same objects afterwards.
    /// If the store cannot be reopened the report says why and the vault is left locked.
    [[nodiscard]] Result<VaultVerifyReport> verify(const BlobKeyLookup& blobKey = {});

private:
    struct State;
    Vault(std::filesystem::path directory, std::unique_ptr<State> state) noexcept;
    static Result<Vault> openWithSecret(const std::filesystem::path& directory, const SecretBuffer& secret,
                                        bool recovery);

    std::filesystem::path m_directory;
    std::unique_ptr<State> m_state;
};

/// What create() returns: the unlocked vault, and the recovery key (ASCII, grouped) to show once.
struct CreatedVault
{
    Vault vault;
    SecretBuffer recoveryKey;
};

} // namespace fv
