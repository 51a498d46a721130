#pragma once
// Purge (docs/bundle-format.md, "Purge"): removes from a field vault what HQ
// has acknowledged. A testimony is purged only when every one of its versions
// and attachments is delivered, so no hash chain is ever cut in the middle; its
// rows (versions, custody, attachments, search and filter rows) and attachment
// blobs are deleted, keeping a minimal stub (ids, hashes, when delivered)
// unless asked to keep nothing. Identifying fields HQ received only redacted
// are never destroyed without being asked by name (PurgeOptions::forgetWithheld).

#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QStringList>

namespace fv {

struct PurgeOptions
{
    /// Keep a row per purged testimony in `purged_stubs` (ids, hashes, when delivered).
    bool keepStub = true;
    /// Purge also testimonies whose identifying fields (witness name, contact, address,
    /// interpreter) HQ never received, because every delivery was redacted; they
    /// are then gone everywhere. Off: such testimonies are kept and listed in `withheld`.
    bool forgetWithheld = false;
    QDateTime now = QDateTime::currentDateTimeUtc();
};

struct PurgeReport
{
    QStringList testimonies{}; ///< ids purged
    int versions = 0;
    int attachments = 0;
    int kept = 0; ///< testimonies left because something of theirs is not delivered yet
    /// Fully delivered testimonies kept because HQ holds only redacted copies of identifying
    /// fields they contain (not purged unless forgetWithheld).
    QStringList withheld{};
    /// Of `testimonies`, those whose withheld identifying fields were destroyed (forgetWithheld).
    QStringList forgotten{};
};

/// The testimonies a purge with `options` would remove, and those it would keep for their
/// withheld identifying fields (`testimonies`, `withheld`, `forgotten` of the report; counts
/// of versions and attachments too). Changes nothing. Errors: Io, StoreDamaged.
[[nodiscard]] Result<PurgeReport> planPurge(Database& db, const PurgeOptions& options = {});

/// Purges every fully delivered testimony (see PurgeOptions for identifying fields) in one
/// transaction (the immutability triggers are dropped and re-created inside it), then
/// overwrites the attachment blobs. Errors: Io, StoreDamaged; on error nothing is purged.
[[nodiscard]] Result<PurgeReport> purgeDelivered(Database& db, BlobStore& blobs,
                                                 const PurgeOptions& options = {});

} // namespace fv
