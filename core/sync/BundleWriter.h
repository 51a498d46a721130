#pragma once
// Bundle export (docs/bundle-format.md): what HQ has not yet acknowledged (or a chosen set of
// testimonies) as one age file, encrypted to enrolled HQ cards, whose payload is a tar archive
// written by libarchive: manifest.json, entries/<id>/<n>.json, attachments/<id>, custody.jsonl,
// padding, SHA256SUMS and SHA256SUMS.minisig.
//
// The tar stream goes straight into the age encryptor and from there into the output file(s):
// no plaintext touches the disk, and memory stays flat (attachments are streamed 64 KiB at a
// time; only the manifest and checksum lines are held). The output is written under temporary
// names, fsynced and renamed only when complete, so an error, a cancel, a crash or a full disk
// never leaves a file that looks like a complete bundle.

#include "core/Identity.h"
#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QString>
#include <QStringList>
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <vector>

namespace fv {

/// The smallest padded tar size; bundles below it are padded up to it.
inline constexpr std::uint64_t kBundleMinBucket = 64 * 1024;
/// The smallest part size accepted (parts are optional).
inline constexpr std::uint64_t kBundleMinPartSize = 1024;
/// Parts are numbered .001 to .999.
inline constexpr int kBundleMaxParts = 999;

/// The padded tar size for an unpadded size of `bytes`: at least kBundleMinBucket, otherwise
/// Padmé rounding (at most about 12% overhead, leaking O(log log n) bits of the size).
std::uint64_t bundleBucketSize(std::uint64_t bytes) noexcept;

struct ExportProgress
{
    std::uint64_t bytesDone = 0;  ///< tar bytes written so far
    std::uint64_t bytesTotal = 0; ///< estimate of the tar size (exact once done)
};

struct ExportOptions
{
    /// The existing directory the bundle (or its parts) is written to.
    std::filesystem::path destination{};
    /// Fingerprints of enrolled HQ cards to encrypt to; empty means every enrolled HQ card.
    QStringList recipients{};
    /// The testimonies to export (all their versions and attachments, delivered or not);
    /// nullopt means everything HQ has not acknowledged yet.
    std::optional<QStringList> testimonyIds{};
    /// Include identifying witness fields and attachment file names (only for versions whose
    /// consent is given; see the spec's consent rule).
    bool includeIdentifying = false;
    /// Split the age file into parts of this many bytes (NAME.001, …); 0 writes one file.
    std::uint64_t partSize = 0;
    /// Called as the tar stream grows (from the calling thread).
    std::function<void(const ExportProgress&)> progress{};
    /// Set (from any thread) to stop; the export then fails with Cancelled and leaves nothing.
    const std::atomic<bool>* cancel = nullptr;
    /// The clock for the creation time (tests); the system clock, UTC, when unset.
    std::function<QDateTime()> clock{};
    /// Fixed bundle id and output name (tests of determinism); random when empty.
    QString bundleId{};
    QString fileName{};
    /// Test hook called before each write to an output file with the bytes written so far;
    /// an error it returns fails the export as a failed write would.
    std::function<Status(std::uint64_t)> outputFault{};
};

struct ExportResult
{
    QString bundleId{};
    std::vector<std::filesystem::path> files{}; ///< the bundle, or its parts in order
    std::uint64_t size = 0;                     ///< bytes of the age file (all parts)
    std::uint64_t tarSize = 0;                  ///< bytes of the padded tar payload
    int testimonies = 0;
    int versions = 0;
    int attachments = 0;
    QStringList recipients{}; ///< fingerprints
};

/// Writes a bundle from the store `db`/`blobs` signed by `sender` (a field vault's identity)
/// and records it: the bundle and its items in the sync tables, and a custody event
/// "exported" {"bundle": B, "recipients": [R…]} for each testimony it carries. Errors:
/// InvalidArgument (no destination, no enrolled HQ card, a recipient not enrolled as HQ, a
/// part size below kBundleMinPartSize or needing more than 999 parts), NotFound (an unknown
/// testimony id, or nothing to export), Cancelled, Io, DiskFull, StoreDamaged (an attachment
/// failed authentication or its hash changed). On any error no output file remains.
[[nodiscard]] Result<ExportResult> exportBundle(Database& db, BlobStore& blobs, const VaultIdentity& sender,
                                                const ExportOptions& options);

} // namespace fv
