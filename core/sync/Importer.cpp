#include "core/sync/Importer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <algorithm>
#include <optional>
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
    std::set<std::string> newTestimonies, conflicting;
    for (const BundleEntry& e : bundle->entries) {
        const std::string tid = s8(e.testimonyId);
        const std::string digest = s8(e.digest);
        const std::string hash = s8(e.hash);
        auto known =
            exists(db, "SELECT 1 FROM received_versions WHERE sender_fingerprint = ?1 AND testimony_id = ?2",
                   {fp, tid});
        if (!known)
            return std::unexpected(known.error());
        // The copies of this version HQ already holds. The same copy is recognised by its digest,
        // or, for a copy received in format 1, by the chain hash both show.
        auto held =
            db.prepare("SELECT digest, redacted, hash FROM received_versions WHERE sender_fingerprint "
                       "= ?1 AND testimony_id = ?2 AND version = ?3");
        if (!held)
            return std::unexpected(held.error());
        held->bind(1, fp).bind(2, tid).bind(3, std::int64_t{e.version});
        std::optional<std::pair<std::string, bool>> same;
        bool others = false;
        if (auto st = held->forEachRow([&](const Statement& row) {
                const std::string d = row.columnText(0);
                if (d == digest || (!hash.empty() && row.columnText(2) == hash))
                    same.emplace(d, row.columnInt(1) != 0);
                else
                    others = true;
            });
            !st)
            return std::unexpected(st.error());
        const std::string_view entryText(e.bytes.constData(), static_cast<std::size_t>(e.bytes.size()));
        if (same) {
            // Held already. A redacted copy is upgraded when the full one arrives.
            if (!same->second || e.redacted)
                continue;
            auto up =
                db.prepare("UPDATE received_versions SET digest = ?5, hash = ?6, redacted = 0, entry = ?7 "
                           "WHERE sender_fingerprint = ?1 AND testimony_id = ?2 AND version = ?3 AND "
                           "digest = ?4");
            if (!up)
                return std::unexpected(up.error());
            up->bind(1, fp)
                .bind(2, tid)
                .bind(3, std::int64_t{e.version})
                .bind(4, same->first)
                .bind(5, digest)
                .bind(6, hash)
                .bind(7, entryText);
            if (auto st = up->run(); !st)
                return std::unexpected(st.error());
            ++report.versionsUpgraded;
            continue;
        }
        auto ins =
            db.prepare("INSERT INTO received_versions (sender_fingerprint, testimony_id, version, digest, "
                       "bundle_id, hash, redacted, entry, received) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                       "?9)");
        if (!ins)
            return std::unexpected(ins.error());
        ins->bind(1, fp)
            .bind(2, tid)
            .bind(3, std::int64_t{e.version})
            .bind(4, digest)
            .bind(5, id)
            .bind(6, hash)
            .bind(7, std::int64_t{e.redacted ? 1 : 0})
            .bind(8, entryText)
            .bind(9, at);
        if (auto st = ins->run(); !st)
            return std::unexpected(st.error());
        ++report.versionsAdded;
        if (!*known)
            newTestimonies.insert(tid);
        if (others) {
            ++report.conflicts;
            conflicting.insert(tid);
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
        const std::string aid = s8(a.id);
        const std::string tid = s8(meta.value(u"testimony_id"_s).toString());
        const std::string sha = s8(a.sha256);
        const QByteArray metaText = QJsonDocument(meta).toJson(QJsonDocument::Compact);
        const std::string_view metaView(metaText.constData(), static_cast<std::size_t>(metaText.size()));
        auto held =
            db.prepare("SELECT sha256, metadata FROM received_attachments WHERE sender_fingerprint = ?1 "
                       "AND id = ?2");
        if (!held)
            return std::unexpected(held.error());
        held->bind(1, fp).bind(2, aid);
        std::optional<bool> sameNamed; // held with this SHA-256: whether with its file name
        bool others = false;
        if (auto st = held->forEachRow([&](const Statement& row) {
                if (row.columnText(0) == sha) {
                    const std::string m = row.columnText(1);
                    sameNamed =
                        QJsonDocument::fromJson(QByteArray(m.data(), static_cast<qsizetype>(m.size())))
                            .object()
                            .contains(u"file_name"_s);
                } else {
                    others = true;
                }
            });
            !st)
            return std::unexpected(st.error());
        if (sameNamed) {
            // The bytes are held already (this staged copy goes); a file name withheld before is
            // added when it arrives.
            if (*sameNamed || !meta.contains(u"file_name"_s))
                continue;
            auto up =
                db.prepare("UPDATE received_attachments SET metadata = ?4 WHERE sender_fingerprint = ?1 "
                           "AND id = ?2 AND sha256 = ?3");
            if (!up)
                return std::unexpected(up.error());
            up->bind(1, fp).bind(2, aid).bind(3, sha).bind(4, metaView);
            if (auto st = up->run(); !st)
                return std::unexpected(st.error());
            ++report.attachmentsUpgraded;
            continue;
        }
        auto ins = db.prepare("INSERT INTO received_attachments (sender_fingerprint, id, testimony_id, "
                              "bundle_id, blob_name, blob_key, size, sha256, metadata, received) "
                              "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        if (!ins)
            return std::unexpected(ins.error());
        ins->bind(1, fp)
            .bind(2, aid)
            .bind(3, tid)
            .bind(4, id)
            .bind(5, a.blobName)
            .bind(6, bundle->keys.at(a.keyIndex))
            .bind(7, static_cast<std::int64_t>(a.size))
            .bind(8, sha)
            .bind(9, metaView)
            .bind(10, at);
        if (auto st = ins->run(); !st)
            return std::unexpected(st.error());
        ++report.attachmentsAdded;
        keep.push_back(a.blobName);
        if (others) {
            ++report.conflicts;
            conflicting.insert(tid);
        }
    }
    for (const std::string& t : conflicting)
        report.conflictingTestimonies.append(QString::fromStdString(t));
    if (auto st = tx->commit(); !st)
        return std::unexpected(st.error());
    std::erase_if(staged.names,
                  [&](const std::string& n) { return std::find(keep.begin(), keep.end(), n) != keep.end(); });
    return report;
}

} // namespace fv
