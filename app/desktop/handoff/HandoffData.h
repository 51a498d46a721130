#pragma once
// Read-only views of the sync tables the hand-off screens show (schema migration 2,
// docs/bundle-format.md): what HQ acknowledged and what a purge would remove (field vault),
// and the imported bundles and received versions with their provenance (HQ vault). Core has
// no listing functions for these, so they are queried here; nothing is written.
#include "crypto/Result.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>

namespace fv::desktop {

/// One testimony HQ acknowledged something of (field vault).
struct DeliveredTestimony
{
    QString testimonyId{};
    QString title{}; ///< empty when the testimony was purged
    int versions = 0;
    int attachments = 0;
    QString bundles{}; ///< the bundle ids acknowledged, comma-separated
    QDateTime delivered{};
    bool purged = false;    ///< only its custody stub is left
    bool purgeable = false; ///< every version and attachment delivered: purge removes it
};

/// Every testimony with delivered items, still held or purged (a stub), newest delivery first.
[[nodiscard]] Result<QList<DeliveredTestimony>> deliveredTestimonies(Database& db);

/// One bundle an HQ vault imported.
struct ImportedBundle
{
    QString bundleId{};
    QString senderName{};
    QString senderFingerprint{};
    bool verified = false;
    bool quarantined = false;
    QDateTime imported{};
    int versions = 0; ///< versions first received through this bundle
};

/// Every imported bundle, most recent first.
[[nodiscard]] Result<QList<ImportedBundle>> importedBundles(Database& db);

/// One received version with its provenance (HQ vault).
struct ReceivedVersion
{
    QString testimonyId{};
    int version = 0;
    QString title{};
    QString senderName{};
    QString senderFingerprint{};
    QString bundleId{};
    bool verified = false;
    bool quarantined = false;
    bool redacted = false;
    QDateTime received{};
};

/// Every received version, newest first (`testimonyId` empty), or those of one testimony.
[[nodiscard]] Result<QList<ReceivedVersion>> receivedVersions(Database& db, const QString& testimonyId = {});

} // namespace fv::desktop
