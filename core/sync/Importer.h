#pragma once
// Import at HQ (docs/bundle-format.md, "Import"): verifies a bundle with readBundle() and stores
// what it carries, with provenance, in one transaction. A bundle from a sender whose card is
// not enrolled is stored in quarantine and never reported as verified. Importing the same
// bundle again changes nothing. Nothing received is ever overwritten or dropped: a copy of a
// version or attachment HQ already holds is recognised by its seal, hash or SHA-256; a redacted
// copy is completed when the full one arrives; a different copy of the same version is kept
// beside the first and counted as a conflict for an analyst to resolve.

#include "core/Identity.h"
#include "core/sync/BundleReader.h"

#include <QString>
#include <QStringList>

namespace fv {

struct ImportReport
{
    QString bundleId{};
    QString sender{}; ///< the sender's card fingerprint
    QString senderName{};
    bool verified = false;    ///< every check passed and the sender is pinned
    bool quarantined = false; ///< the sender is not enrolled
    bool alreadyImported = false;
    int entriesAdded = 0; ///< testimonies this vault had not received before from the sender
    int versionsAdded = 0;
    int attachmentsAdded = 0;
    int versionsUpgraded = 0;    ///< redacted copies completed with their identifying fields
    int attachmentsUpgraded = 0; ///< attachments whose withheld file name arrived
    /// Copies that differ from a copy HQ already holds of the same version or attachment
    /// (kept beside it); and the testimonies concerned.
    int conflicts = 0;
    QStringList conflictingTestimonies{};
};

/// Verifies and imports the bundle in `files` (one file, or its parts in order) into the HQ
/// vault store `db`/`blobs` whose identity is `own`. Errors as readBundle(); on any error the
/// vault is unchanged (staged blobs removed, the transaction rolled back).
[[nodiscard]] Result<ImportReport> importBundle(std::span<const std::filesystem::path> files,
                                                const VaultIdentity& own, Database& db, BlobStore& blobs,
                                                const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace fv
