#pragma once
// Receipts (docs/bundle-format.md, "Receipts"): HQ acknowledges an imported
// bundle with an age file to the delegate's recipient whose payload is a tar of
// receipt.json and its minisign signature by HQ; the field vault checks it
// against the enrolled HQ card and marks what it lists as delivered, so later
// exports leave it out. A receipt lists only what HQ stored in exactly the form
// the bundle carried, and says which items HQ holds only redacted, so purge can
// keep the identifying fields that never left.

#include "core/Identity.h"
#include "crypto/Result.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QString>
#include <filesystem>

namespace fv {

struct ReceiptIssued
{
    std::filesystem::path file{};
    QString bundleId{};
    int versions = 0;
    int attachments = 0;
};

/// HQ: writes a receipt for the imported bundle `bundleId` into `directory`
/// (random name, atomic), listing each item of the bundle that HQ holds with the
/// same seal or SHA-256, and whether HQ holds it redacted. Errors: NotFound (no such imported bundle, or its
/// sender is no longer enrolled), InvalidInput (the bundle is quarantined:
/// enrol the sender, then import a new bundle), Io.
[[nodiscard]] Result<ReceiptIssued> issueReceipt(Database& db, const VaultIdentity& hq,
                                                 const QString& bundleId,
                                                 const std::filesystem::path& directory,
                                                 const QDateTime& now = QDateTime::currentDateTimeUtc());

struct ReceiptApplied
{
    QString bundleId{};
    int versions = 0;    ///< newly marked delivered, or now delivered in full
    int attachments = 0; ///< newly marked delivered, or now delivered in full
    bool alreadyApplied = false;
};

/// Field: verifies the receipt in `file` (decrypted with `own`, signed by an
/// enrolled HQ card, addressed to this vault, for a bundle this vault exported,
/// seals or hashes matching what it sent) and marks the items delivered (and
/// whether only redacted) in one
/// transaction, then logs custody "received" per testimony. Errors: NotFound
/// (not for this vault, or an unknown bundle), AuthenticationFailed (damaged,
/// or not signed by an enrolled HQ card, or hashes differ), InvalidInput
/// (malformed), Io.
[[nodiscard]] Result<ReceiptApplied> applyReceipt(Database& db, BlobStore& blobs, const VaultIdentity& own,
                                                  const std::filesystem::path& file,
                                                  const QDateTime& now = QDateTime::currentDateTimeUtc());

} // namespace fv
