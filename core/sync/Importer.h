#pragma once
// Import at HQ (docs/bundle-format.md, "Import"): verifies a bundle with readBundle() and stores
// what it carries, with provenance, in one transaction. A bundle from a sender whose card is
// not enrolled is stored in quarantine and never reported as verified. Importing the same
// bundle again changes nothing; a version or attachment already received from the same sender
// is kept as it was (nothing is overwritten), new versions are added.

#include "core/Identity.h"
#include "core/sync/BundleReader.h"

#include <QString>

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
};

/// Verifies and imports the bundle in `files` (one file, or its parts in order) into the HQ
/// vault store `db`/`blobs` whose identity is `own`. Errors as readBundle(); on any error the
/// vault is unchanged (staged blobs removed, the transaction rolled back).
[[nodiscard]] Result<ImportReport> importBundle(std::span<const std::filesystem::path> files,
                                                const VaultIdentity& own, Database& db, BlobStore& blobs,
                                                const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace fv
