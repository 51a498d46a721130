#pragma once
// Purge (docs/bundle-format.md, "Purge"): removes from a field vault what HQ
// has acknowledged. A testimony is purged only when every one of its versions
// and attachments is delivered, so no hash chain is ever cut in the middle; its
// rows (versions, custody, attachments, search and filter rows) and attachment
// blobs are deleted, keeping a minimal stub (ids, hashes, when delivered)
// unless asked to keep nothing.

#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QStringList>

namespace fv {

struct PurgeReport
{
    QStringList testimonies{}; ///< ids purged
    int versions = 0;
    int attachments = 0;
    int kept = 0; ///< testimonies left because something of theirs is not delivered yet
};

/// Purges every fully delivered testimony in one transaction (the immutability
/// triggers are dropped and re-created inside it), then removes the attachment
/// blobs. `keepStub` keeps a row per testimony in `purged_stubs`. Errors: Io,
/// StoreDamaged; on error nothing is purged.
[[nodiscard]] Result<PurgeReport> purgeDelivered(Database& db, BlobStore& blobs, bool keepStub = true,
                                                 const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace fv
