#pragma once
// Reading and verifying a bundle at HQ (docs/bundle-format.md, "Verification"): decrypts with
// the HQ vault's age identity, reads the tar with libarchive, and checks, before anything is
// trusted: member hygiene (regular files with expected names only, no absolute or ".." paths,
// links, devices or duplicates, size and count limits), the final age chunk, SHA256SUMS
// against every member, the minisign signature by the key the manifest names, the trusted
// comment's binding of bundle id, sender and recipients (this vault among them), and the
// manifest against the members. Whether the sender is pinned (enrolled) decides quarantine.
//
// Attachments are streamed into encrypted staging blobs (never plaintext on disk); on any
// error they are removed. Storing the verified content in the HQ vault is the importer's job
// (Importer.h). The member checks and the manifest parser are in SyncParsers.h (fuzzed).

#include "core/Identity.h"
#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <filesystem>
#include <span>
#include <vector>

namespace fv {

struct BundleReadLimits
{
    std::size_t maxMembers = 200000;
    std::uint64_t maxJsonBytes = 16 * 1024 * 1024; ///< manifest, an entry, custody, sums
    std::uint64_t maxTextBytes = 64 * 1024 * 1024; ///< all text members together (held in memory)
    std::uint64_t maxAttachmentBytes = std::uint64_t{1} << 40;
};

/// The keys of staged attachments, in guarded memory taken 1024 keys at a time: one guarded
/// allocation per key (several memory mappings each) made a bundle of 30,000 tiny attachments
/// exhaust the process's mappings and abort.
class StagedKeys
{
public:
    static constexpr std::size_t kKeyBytes = 32;
    /// Stores a copy of `key` (32 bytes); returns its index.
    std::size_t add(ByteView key);
    /// The key at `index` (valid while this object lives).
    ByteView at(std::size_t index) const;

private:
    static constexpr std::size_t kPerChunk = 1024;
    std::vector<SecretBuffer> m_chunks;
    std::size_t m_count = 0;
};

/// An attachment staged as an encrypted blob in the given BlobStore.
struct StagedAttachment
{
    QString id{};
    std::string blobName{};
    std::size_t keyIndex = 0; ///< its key in the StagedKeys of the same read
    std::uint64_t size = 0;
    QString sha256{}; ///< lower-case hex, checked against SHA256SUMS and the manifest
};

/// One entries/… member, checked (docs/bundle-format.md, "Entry").
struct BundleEntry
{
    QString testimonyId{};
    int version = 0;
    QString digest{}; ///< as in ManifestEntry
    QString hash{};   ///< the chain hash when the entry shows it (unredacted), else empty
    bool redacted = true;
    QByteArray bytes{}; ///< the member, verbatim
};

struct VerifiedBundle
{
    QString bundleId{};
    QJsonObject manifest{};
    IdentityCard sender{};              ///< as the manifest names it; its key made the signature
    bool senderPinned = false;          ///< an enrolled card with exactly these keys exists
    std::vector<BundleEntry> entries{}; ///< each entries/… member, checked, in member order
    QByteArray custody{};
    std::vector<StagedAttachment> attachments{};
    StagedKeys keys{};
};

/// Reads and verifies the bundle in `files` (one file, or its parts in order) with `own`, the
/// HQ vault's identity, enrolled cards from `db`, and stages attachments in `staging`.
/// Errors (nothing staged remains): NotFound (a file or part missing, naming its number; or the
/// bundle is not encrypted to this vault), AuthenticationFailed (damaged, truncated or extended
/// file, bad signature, a checksum mismatch, recipient binding broken), InvalidInput (a member
/// that is not allowed, a link, a bad path, a duplicate, a limit exceeded, malformed JSON or
/// SHA256SUMS, manifest and members disagree), Io.
[[nodiscard]] Result<VerifiedBundle> readBundle(std::span<const std::filesystem::path> files,
                                                const VaultIdentity& own, Database& db, BlobStore& staging,
                                                const BundleReadLimits& limits = {});

} // namespace fv
