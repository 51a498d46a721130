#pragma once
// The parsers of untrusted sync input, callable on their own (readBundle() and applyReceipt()
// use them; tests/fuzz/ feeds them arbitrary bytes): the tar member checks of a bundle, the
// bundle manifest, and a receipt's archive, signature envelope and JSON. None of them trusts
// what it reads: names, types, sizes, counts and JSON types are all checked, and every error is
// InvalidInput with a message that names the problem (never a crash, never UB, memory bounded
// by the limits given).

#include "core/Identity.h"
#include "core/sync/BundleReader.h"
#include "crypto/ByteStream.h"
#include "crypto/Hash.h"
#include "crypto/Minisign.h"
#include "crypto/Result.h"
#include "storage/BlobStore.h"

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fv {

/// What a bundle's tar member is (docs/bundle-format.md, "Tar archive").
enum class BundleMemberKind
{
    Manifest,   ///< manifest.json
    Entry,      ///< entries/<id>/<n>.json
    Attachment, ///< attachments/<id>
    Custody,    ///< custody.jsonl
    Padding,    ///< padding
    Sums,       ///< SHA256SUMS
    Signature,  ///< SHA256SUMS.minisig
};

/// The kind of the member called `name`, or nullopt when no member may have that name (ids are
/// [0-9a-z]{1,64}, version numbers 1-9 digits without a leading zero).
std::optional<BundleMemberKind> bundleMemberKind(std::string_view name);

/// True for an id as bundles use them: 1 to 64 characters of [0-9a-z].
bool isBundleIdText(std::string_view text) noexcept;

struct BundleMember
{
    BundleMemberKind kind = BundleMemberKind::Padding;
    std::uint64_t size = 0;
    Sha256Digest sha256{};
    QByteArray bytes{}; ///< the content of text members (all but attachments and padding)
};

struct BundleMembers
{
    std::map<std::string, BundleMember> members{};
    std::vector<std::string> entryOrder{}; ///< entries/… names in archive order
    /// One per attachment member when a staging store was given, in archive order. The caller
    /// owns these blobs and must remove them if it refuses the bundle later.
    std::vector<StagedAttachment> attachments{};
    StagedKeys keys{}; ///< the staged attachments' keys
};

/// Reads the tar archive streamed by `tar` (libarchive, POSIX ustar only: no pax or GNU
/// extensions, so no sparse members) and checks every member before keeping it: regular files
/// only (no links, folders, devices), no absolute or ".." paths, names of the allowed forms
/// only, no duplicates, at most limits.maxMembers members, text members at most
/// limits.maxJsonBytes each and limits.maxTextBytes together, attachments at most
/// limits.maxAttachmentBytes, every member as long as its header says, and all members
/// together never longer than the bytes read from `tar`. Each member is hashed
/// once; text members are kept in memory; attachments are streamed into encrypted blobs in
/// `staging` (own random key each), their digest being the one the blob store computes over the
/// plaintext it wrote (BlobInfo::sha256), or, when `staging` is null, only hashed. Reading stops at the tar's
/// end; what follows in `tar` is left unread. Errors: InvalidInput (the archive or a member is
/// not allowed), the source's own errors (e.g. AuthenticationFailed from an age decryptor), Io
/// from `staging`. On error no staged blob remains.
/// With `expected` (the second pass of readBundle, after the first verified everything), every
/// member must be listed there and end with that digest, checked as soon as it ends: the file
/// may have changed since.
[[nodiscard]] Result<BundleMembers>
readBundleMembers(ByteSource& tar, BlobStore* staging, const BundleReadLimits& limits = {},
                  const std::map<std::string, Sha256Digest>* expected = nullptr);

struct ManifestEntry
{
    QString testimonyId{};
    int version = 0;
    std::string path{}; ///< entries/<testimonyId>/<version>.json
    /// What names this copy of the version, 64 lower-case hex: its seal (format 2, Seal.h) or
    /// its chain hash (format 1).
    QString digest{};
};

struct ManifestAttachment
{
    QString id{};
    QString testimonyId{};
    std::string path{}; ///< attachments/<id>
    std::uint64_t size = 0;
    QString sha256{}; ///< 64 lower-case hex
};

struct BundleManifest
{
    int formatVersion = 0; ///< 1 or 2
    QJsonObject json{};    ///< the whole manifest, as stored with the import
    QString bundleId{};
    IdentityCard sender{};    ///< its fingerprint matches its keys
    QStringList recipients{}; ///< card fingerprints, in manifest order
    std::vector<ManifestEntry> entries{};
    std::vector<ManifestAttachment> attachments{};
};

/// Parses manifest.json (docs/bundle-format.md, "Manifest"): a JSON object with format
/// "fieldvault-bundle", format_version 1 or 2, a bundle id of the id form, a sender card whose
/// fingerprint matches its keys and whose display name is valid, recipients (fingerprints),
/// entries whose path is entries/<testimony_id>/<version>.json with a hash (1) or seal (2) in
/// hex, attachments whose path is attachments/<id> with an integral size and a SHA-256 in hex;
/// no path listed twice. Errors: InvalidInput (with what is wrong), Unsupported (format_version
/// above 2).
[[nodiscard]] Result<BundleManifest> parseManifest(const QByteArray& bytes);

/// Parses and checks entry member `name` of a bundle whose manifest has format
/// `formatVersion` and lists it with `digest`: a JSON object whose testimony_id and version
/// match the name and whose content is an object. Format 2 also: the entry's seal is `digest`;
/// an unredacted entry's content (the canonical bytes, sliced verbatim from the member) matches
/// its content_sha256, its seal_key seals its hash to `digest`, and, when it gives prev_hash,
/// its hash is the chain hash of that content. Errors: InvalidInput, naming the member.
[[nodiscard]] Result<BundleEntry> parseEntry(const QByteArray& bytes, const std::string& name,
                                             int formatVersion, const QString& digest);

/// The two members of a receipt's tar archive: receipt.json and its parsed signature.
struct ReceiptEnvelope
{
    std::string json{};
    MinisignSignature signature{};
};

/// The largest receipt payload accepted (receipt.json and its signature together).
inline constexpr std::size_t kReceiptMaxBytes = 64 * 1024 * 1024;

/// Reads a receipt's decrypted payload: a tar archive of exactly the regular files
/// receipt.json and receipt.json.minisig (once each, nothing else, each complete, together at
/// most kReceiptMaxBytes), and parses the minisign signature file. The signature is not
/// verified here. Errors: InvalidInput.
[[nodiscard]] Result<ReceiptEnvelope> readReceiptArchive(ByteView tar);

struct ReceiptVersion
{
    QString testimonyId{};
    int version = 0;
    QString hash{};       ///< format 1: the chain hash; empty in format 2
    QString seal{};       ///< format 2: the seal of the copy HQ holds (or its hash, for a copy of format 1)
    bool redacted = true; ///< format 2: HQ holds only a redacted copy; always true in format 1
};

struct ReceiptAttachment
{
    QString id{};
    QString testimonyId{};
    QString sha256{};
    bool redacted = true; ///< HQ holds it without its file name (always true in format 1)
};

struct ReceiptContent
{
    int formatVersion = 0; ///< 1 or 2
    QString bundleId{};
    std::string hq{}; ///< HQ's card fingerprint
    std::string to{}; ///< the delegate's card fingerprint
    std::vector<ReceiptVersion> versions{};
    std::vector<ReceiptAttachment> attachments{};
};

/// Parses receipt.json (docs/bundle-format.md, "Receipts"): format "fieldvault-receipt",
/// format_version 1 or 2, bundle_id, hq and to, versions [{testimony_id, version, hash (1) or
/// seal and redacted (2)}] and attachments [{id, testimony_id, sha256, redacted (2)}] with ids of
/// the id form, versions from 1, digests in hex and flags boolean. Errors: InvalidInput,
/// Unsupported (format_version above 2).
[[nodiscard]] Result<ReceiptContent> parseReceiptJson(std::string_view json);

} // namespace fv
