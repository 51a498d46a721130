#include "core/sync/Importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <set>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

std::string s8(const QString& s)
{
    return s.toStdString();
}

// Removes staged blobs unless the import committed.
struct StagedGuard
{
    BlobStore& blobs;
    std::vector<std::string> names;
    ~StagedGuard()
    {
        for (const std::string& n : names)
            static_cast<void>(blobs.remove(n));
    }
};

Result<bool> exists(Database& db, const char* sql, std::initializer_list<std::string> args)
{
    auto stmt = db.prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    int i = 1;
    for (const std::string& a : args)
        stmt->bind(i++, std::string_view(a));
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    return *row;
}

} // namespace

Result<ImportReport> importBundle(std::span<const std::filesystem::path> files, const VaultIdentity& own,
                                  Database& db, BlobStore& blobs, const QDateTime& now)
{
    auto bundle = readBundle(files, own, db, blobs);
    if (!bundle)
        return std::unexpected(bundle.error());
    StagedGuard staged{blobs, {}};
    for (const StagedAttachment& a : bundle->attachments)
        staged.names.push_back(a.blobName);

    ImportReport report;
    report.bundleId = bundle->bundleId;
    report.sender = QString::fromStdString(bundle->sender.fingerprint());
    report.senderName = bundle->sender.displayName;
    report.quarantined = !bundle->senderPinned;
    report.verified = bundle->senderPinned;
    const std::string fp = s8(report.sender);
    const std::string id = s8(bundle->bundleId);
    const std::string at = s8(now.toUTC().toString(Qt::ISODateWithMs));

    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    {
        // Already imported: report it as it was stored (a bundle imported in quarantine stays
        // flagged even when its sender has been enrolled since).
        auto seen = db.prepare("SELECT verified, quarantined FROM bundles_in WHERE id = ?1");
        if (!seen)
            return std::unexpected(seen.error());
        seen->bind(1, std::string_view(id));
        auto row = seen->step();
        if (!row)
            return std::unexpected(row.error());
        if (*row) {
            report.alreadyImported = true;
            report.verified = seen->columnInt(0) != 0;
            report.quarantined = seen->columnInt(1) != 0;
            return report; // the guard removes the staged copies
        }
    }
    {
        auto ins =
            db.prepare("INSERT INTO bundles_in (id, sender_fingerprint, sender_name, verified, quarantined, "
                       "imported, manifest, custody) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!ins)
            return std::unexpected(ins.error());
        const std::string name = s8(report.senderName);
        const QByteArray manifest = QJsonDocument(bundle->manifest).toJson(QJsonDocument::Compact);
        ins->bind(1, id)
            .bind(2, fp)
            .bind(3, name)
            .bind(4, std::int64_t{report.verified ? 1 : 0})
            .bind(5, std::int64_t{report.quarantined ? 1 : 0})
            .bind(6, at)
            .bind(7, std::string_view(manifest.constData(), static_cast<std::size_t>(manifest.size())))
            .bind(8, std::string_view(bundle->custody.constData(),
                                      static_cast<std::size_t>(bundle->custody.size())));
        if (auto st = ins->run(); !st)
            return std::unexpected(st.error());
    }
    std::set<std::string> newTestimonies;
    for (const QByteArray& bytes : bundle->entries) {
        const QJsonObject e = QJsonDocument::fromJson(bytes).object();
        const std::string tid = s8(e.value(u"testimony_id"_s).toString());
        const int version = e.value(u"version"_s).toInt();
        auto known =
            exists(db, "SELECT 1 FROM received_versions WHERE sender_fingerprint = ?1 AND testimony_id = ?2",
                   {fp, tid});
        if (!known)
            return std::unexpected(known.error());
        auto ins =
            db.prepare("INSERT OR IGNORE INTO received_versions (sender_fingerprint, testimony_id, version, "
                       "bundle_id, hash, redacted, entry, received) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
        if (!ins)
            return std::unexpected(ins.error());
        const std::string hash = s8(e.value(u"hash"_s).toString());
        ins->bind(1, fp)
            .bind(2, tid)
            .bind(3, std::int64_t{version})
            .bind(4, id)
            .bind(5, hash)
            .bind(6, std::int64_t{e.value(u"redacted"_s).toBool() ? 1 : 0})
            .bind(7, std::string_view(bytes.constData(), static_cast<std::size_t>(bytes.size())))
            .bind(8, at);
        if (auto st = ins->run(); !st)
            return std::unexpected(st.error());
        if (db.changes() > 0) {
            ++report.versionsAdded;
            if (!*known)
                newTestimonies.insert(tid);
        }
    }
    report.entriesAdded = static_cast<int>(newTestimonies.size());
    std::vector<std::string> keep;
    for (const StagedAttachment& a : bundle->attachments) {
        QJsonObject meta;
        for (const QJsonValue& v : bundle->manifest.value(u"attachments"_s).toArray()) {
            if (v.toObject().value(u"id"_s).toString() == a.id)
                meta = v.toObject();
        }
        auto ins =
            db.prepare("INSERT OR IGNORE INTO received_attachments (sender_fingerprint, id, testimony_id, "
                       "bundle_id, blob_name, blob_key, size, sha256, metadata, received) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (!ins)
            return std::unexpected(ins.error());
        const std::string aid = s8(a.id);
        const std::string tid = s8(meta.value(u"testimony_id"_s).toString());
        const std::string sha = s8(a.sha256);
        const QByteArray metaText = QJsonDocument(meta).toJson(QJsonDocument::Compact);
        ins->bind(1, fp)
            .bind(2, aid)
            .bind(3, tid)
            .bind(4, id)
            .bind(5, a.blobName)
            .bind(6, a.key.view())
            .bind(7, static_cast<std::int64_t>(a.size))
            .bind(8, sha)
            .bind(9, std::string_view(metaText.constData(), static_cast<std::size_t>(metaText.size())))
            .bind(10, at);
        if (auto st = ins->run(); !st)
            return std::unexpected(st.error());
        if (db.changes() > 0) {
            ++report.attachmentsAdded;
            keep.push_back(a.blobName);
        }
    }
    if (auto st = tx->commit(); !st)
        return std::unexpected(st.error());
    std::erase_if(staged.names,
                  [&](const std::string& n) { return std::find(keep.begin(), keep.end(), n) != keep.end(); });
    return report;
}

} // namespace fv
