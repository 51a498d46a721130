#pragma once
// Attachments as encrypted streams (crypto/StreamCipher.h), one file per attachment with a
// random name, each under its own random key (kept by the caller in the encrypted store).
//
// Crash safety: a blob is written to a temporary name, fsynced, renamed to its final name and
// the directory fsynced before commit() returns. The caller records the name in the store
// only after commit(); after a crash, removeTemporaries() deletes half-written files, and a
// committed blob the store never recorded is left as chaff (it cannot be told from chaff).
//
// Deniability (docs/threat-model.md, "The examiner's game"): a vault never deletes a committed
// file. retire() overwrites a blob in place and keeps it, and writeChaff() adds random files
// of blob sizes, so the other store's folder can mirror this one without knowing its keys.

#include "crypto/Hash.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <string>

namespace fv {

struct BlobInfo
{
    std::string name;       ///< random file name (32 lower-case hex characters)
    std::uint64_t size = 0; ///< plaintext size
    Sha256Digest sha256{};  ///< SHA-256 of the plaintext
};

class BlobWriter
{
public:
    BlobWriter(BlobWriter&&) noexcept;
    BlobWriter& operator=(BlobWriter&&) noexcept;
    ~BlobWriter(); ///< abandons (deletes the temporary file) unless committed
    /// Appends plaintext; memory stays flat (one chunk buffered).
    [[nodiscard]] Status write(ByteView data);
    /// Finishes the stream and makes the blob durable under its final name.
    [[nodiscard]] Result<BlobInfo> commit();

private:
    friend class BlobStore;
    struct Impl;
    explicit BlobWriter(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class BlobReader
{
public:
    BlobReader(BlobReader&&) noexcept;
    BlobReader& operator=(BlobReader&&) noexcept;
    ~BlobReader();
    std::uint64_t size() const noexcept;
    /// Reads up to out.size() plaintext bytes at `offset` (random access; only the chunks
    /// touched are decrypted). Returns the count read (0 at the end). StoreDamaged when a
    /// chunk fails authentication.
    [[nodiscard]] Result<std::size_t> read(std::uint64_t offset, MutableByteView out);

private:
    friend class BlobStore;
    struct Impl;
    explicit BlobReader(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

class BlobStore
{
public:
    /// A store in `directory` (created with mode 0700 if missing).
    [[nodiscard]] static Result<BlobStore> open(const std::filesystem::path& directory);

    /// Starts a new blob under `key` (32 bytes).
    [[nodiscard]] Result<BlobWriter> create(const SecretBuffer& key);
    /// Opens an existing blob. NotFound if missing; StoreDamaged if its size is impossible.
    [[nodiscard]] Result<BlobReader> open(const std::string& name, const SecretBuffer& key) const;
    /// Authenticates every chunk of a blob; returns its plaintext SHA-256.
    [[nodiscard]] Result<Sha256Digest> verify(const std::string& name, const SecretBuffer& key) const;
    /// Overwrites a blob in place with random bytes and syncs it, keeping the file (same name,
    /// size and inode): its content is gone, and the folder's listing does not change.
    [[nodiscard]] Status retire(const std::string& name);
    /// Overwrites (best effort) and deletes a blob, then fsyncs the directory. Only for staged
    /// files that never became part of the store (a bundle HQ refused): deleting a committed
    /// file would show in the folder's listing, so the field side uses retire().
    [[nodiscard]] Status remove(const std::string& name);
    /// Writes a new file of exactly `diskSize` random bytes under a fresh blob name (temporary
    /// name, fsync, rename, directory fsync), indistinguishable from a blob without its key.
    [[nodiscard]] Status writeChaff(std::uint64_t diskSize);
    /// Names of all committed blobs in the directory.
    [[nodiscard]] Result<std::set<std::string>> list() const;
    /// Size on disk of every committed blob file, keyed by name.
    [[nodiscard]] Result<std::map<std::string, std::uint64_t>> diskSizes() const;
    /// Deletes the temporary files an interrupted write left; returns how many.
    [[nodiscard]] Result<std::size_t> removeTemporaries();
    /// Deletes temporary files and every committed blob whose name is not in `known`;
    /// returns how many files were removed. Only for single-store uses (tests, benchmarks): a
    /// vault keeps unreferenced files, since they are the other store's chaff.
    [[nodiscard]] Result<std::size_t> removeOrphans(const std::set<std::string>& known);

    const std::filesystem::path& directory() const noexcept { return m_dir; }
    /// From now on every committed blob gets a twin: a file of random bytes of its size, written
    /// into `twinDirectory` right after it (the other store's folder, core/Chaff.h). A twin that
    /// cannot be written is left to the next lock.
    void setTwinDirectory(std::filesystem::path twinDirectory) { m_twinDir = std::move(twinDirectory); }

private:
    explicit BlobStore(std::filesystem::path dir) : m_dir(std::move(dir)) {}
    // Deletes every file whose name `doomedName` accepts, then syncs the folder; how many.
    Result<std::size_t> removeWhere(const std::function<bool(const std::string&)>& doomedName);
    std::filesystem::path m_dir;
    std::filesystem::path m_twinDir;
};

} // namespace fv
