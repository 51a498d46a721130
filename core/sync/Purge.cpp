#include "core/sync/Purge.h"

#include "core/TestimonyJson.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <string>
#include <vector>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

// The same triggers as schema migration 1 (core/Schema.cpp).
constexpr std::string_view kDropTriggers = "DROP TRIGGER versions_no_delete; DROP TRIGGER custody_no_delete;";
constexpr std::string_view kCreateTriggers =
    "CREATE TRIGGER versions_no_delete BEFORE DELETE ON versions "
    "BEGIN SELECT RAISE(ABORT, 'versions are immutable'); END; "
    "CREATE TRIGGER custody_no_delete BEFORE DELETE ON custody_events "
    "BEGIN SELECT RAISE(ABORT, 'custody events are append-only'); END;";

Status runWith(Database& db, std::string_view sql, const std::vector<std::string>& args)
{
    auto stmt = db.prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    int i = 1;
    for (const std::string& a : args)
        stmt->bind(i++, std::string_view(a));
    return stmt->run();
}

Result<std::vector<std::vector<std::string>>> rows(Database& db, std::string_view sql,
                                                   const std::vector<std::string>& args, int columns)
{
    auto stmt = db.prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    int i = 1;
    for (const std::string& a : args)
        stmt->bind(i++, std::string_view(a));
    std::vector<std::vector<std::string>> out;
    auto st = stmt->forEachRow([&](const Statement& row) {
        std::vector<std::string> r;
        for (int c = 0; c < columns; ++c)
            r.push_back(row.isNull(c) ? std::string() : row.columnText(c));
        out.push_back(std::move(r));
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

// Whether testimony `id` holds identifying fields HQ got only redacted: a version delivered
// redacted with a witness name, contact, address or interpreter. (Attachment file names are not
// counted: they name a file on the device, not the witness, and the file itself was delivered;
// docs/bundle-format.md, "Purge".)
Result<bool> withholds(Database& db, const std::string& id)
{
    auto versions =
        rows(db,
             "SELECT v.number, v.content FROM versions v JOIN delivered_items d ON d.kind = 'version' "
             "AND d.testimony_id = v.testimony_id AND d.item = CAST(v.number AS TEXT) "
             "WHERE v.testimony_id = ?1 AND d.redacted = 1",
             {id}, 2);
    if (!versions)
        return std::unexpected(versions.error());
    for (const auto& r : *versions) {
        auto t = parseTestimonyJson(QByteArray::fromStdString(r[1]));
        if (!t)
            return fail(ErrorCode::StoreDamaged,
                        "testimony " + id + " version " + r[0] + " no longer parses: " + t.error().message);
        if (!t->witness.realName.isEmpty() || !t->witness.contact.isEmpty() ||
            !t->witness.address.isEmpty() || !t->interpreter.isEmpty())
            return true;
    }
    return false;
}

struct Candidate
{
    std::string id;
    std::string rowid;
    bool forgets = false; ///< its withheld identifying fields go with it
};

// The fully delivered testimonies a purge with `options` removes; fills the report's lists.
Result<std::vector<Candidate>> decide(Database& db, const PurgeOptions& options, PurgeReport& report)
{
    auto candidates = rows(db,
                           "SELECT t.id, t.rowid FROM testimonies t WHERE "
                           "EXISTS (SELECT 1 FROM delivered_items d "
                           "WHERE d.testimony_id = t.id) ORDER BY t.id",
                           {}, 2);
    if (!candidates)
        return std::unexpected(candidates.error());
    std::vector<Candidate> out;
    for (const auto& c : *candidates) {
        const std::string& id = c[0];
        auto missing = rows(db,
                            "SELECT 1 FROM versions v WHERE v.testimony_id = ?1 "
                            "AND NOT EXISTS (SELECT 1 FROM "
                            "delivered_items d WHERE d.kind = 'version' AND "
                            "d.testimony_id = ?1 AND d.item = "
                            "CAST(v.number AS TEXT)) UNION ALL SELECT 1 FROM "
                            "attachments a WHERE a.testimony_id = ?1 "
                            "AND NOT EXISTS (SELECT 1 FROM delivered_items d "
                            "WHERE d.kind = 'attachment' AND "
                            "d.testimony_id = ?1 AND d.item = a.id) LIMIT 1",
                            {id}, 1);
        if (!missing)
            return std::unexpected(missing.error());
        if (!missing->empty()) {
            ++report.kept;
            continue;
        }
        auto withheld = withholds(db, id);
        if (!withheld)
            return std::unexpected(withheld.error());
        if (*withheld && !options.forgetWithheld) {
            report.withheld.append(QString::fromStdString(id));
            continue;
        }
        if (*withheld)
            report.forgotten.append(QString::fromStdString(id));
        out.push_back({id, c[1], *withheld});
    }
    return out;
}

} // namespace

Result<PurgeReport> planPurge(Database& db, const PurgeOptions& options)
{
    PurgeReport report;
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    auto chosen = decide(db, options, report);
    if (!chosen)
        return std::unexpected(chosen.error());
    for (const Candidate& c : *chosen) {
        auto counts = rows(db,
                           "SELECT (SELECT count(*) FROM versions WHERE testimony_id = ?1), "
                           "(SELECT count(*) FROM attachments WHERE testimony_id = ?1)",
                           {c.id}, 2);
        if (!counts)
            return std::unexpected(counts.error());
        report.testimonies.append(QString::fromStdString(c.id));
        report.versions += std::stoi(counts->front()[0]);
        report.attachments += std::stoi(counts->front()[1]);
    }
    return report; // the transaction only read; it rolls back
}

Result<PurgeReport> purgeDelivered(Database& db, BlobStore& blobs, const PurgeOptions& options)
{
    PurgeReport report;
    const bool keepStub = options.keepStub;
    const QDateTime& now = options.now;
    std::vector<std::string> blobNames;
    {
        auto tx = Transaction::begin(db);
        if (!tx)
            return std::unexpected(tx.error());
        auto chosen = decide(db, options, report);
        if (!chosen)
            return std::unexpected(chosen.error());
        if (auto st = db.exec(kDropTriggers); !st)
            return std::unexpected(st.error());
        for (const Candidate& c : *chosen) {
            const std::string& id = c.id;
            const std::string& rowid = c.rowid;
            auto versions = rows(db,
                                 "SELECT number, lower(hex(hash)) FROM versions "
                                 "WHERE testimony_id = ?1 ORDER BY number",
                                 {id}, 2);
            auto attachments = rows(db,
                                    "SELECT id, lower(hex(sha256)), blob_name FROM "
                                    "attachments WHERE testimony_id = ?1",
                                    {id}, 3);
            auto delivered =
                rows(db, "SELECT max(delivered) FROM delivered_items WHERE testimony_id = ?1", {id}, 1);
            if (!versions || !attachments || !delivered)
                return std::unexpected(!versions      ? versions.error()
                                       : !attachments ? attachments.error()
                                                      : delivered.error());
            if (keepStub) {
                QJsonArray v, a;
                for (const auto& r : *versions)
                    v.append(QJsonObject{{u"version"_s, std::stoi(r[0])},
                                         {u"hash"_s, QString::fromStdString(r[1])}});
                for (const auto& r : *attachments)
                    a.append(QJsonObject{{u"id"_s, QString::fromStdString(r[0])},
                                         {u"sha256"_s, QString::fromStdString(r[1])}});
                QJsonObject items{{u"versions"_s, v}, {u"attachments"_s, a}};
                if (c.forgets)
                    items.insert(u"identifying_forgotten"_s, true);
                const QByteArray stub = QJsonDocument(items).toJson(QJsonDocument::Compact);
                if (auto st = runWith(db,
                                      "INSERT OR REPLACE INTO purged_stubs (testimony_id, items, "
                                      "delivered, purged) "
                                      "VALUES (?1, ?2, ?3, ?4)",
                                      {id, stub.toStdString(), delivered->front()[0],
                                       now.toUTC().toString(Qt::ISODateWithMs).toStdString()});
                    !st)
                    return std::unexpected(st.error());
            }
            for (const auto& r : *attachments)
                blobNames.push_back(r[2]);
            for (std::string_view sql : {"DELETE FROM search_fts WHERE rowid = ?1",
                                         "DELETE FROM testimony_tags WHERE testimony = ?1",
                                         "DELETE FROM incident_facts WHERE testimony = ?1"}) {
                if (auto st = runWith(db, sql, {rowid}); !st)
                    return std::unexpected(st.error());
            }
            for (std::string_view sql :
                 {"DELETE FROM attachments WHERE testimony_id = ?1",
                  "DELETE FROM custody_events WHERE testimony_id = ?1",
                  "DELETE FROM versions WHERE testimony_id = ?1", "DELETE FROM testimonies WHERE id = ?1"}) {
                if (auto st = runWith(db, sql, {id}); !st)
                    return std::unexpected(st.error());
            }
            report.testimonies.append(QString::fromStdString(id));
            report.versions += static_cast<int>(versions->size());
            report.attachments += static_cast<int>(attachments->size());
        }
        // FTS5 only marks deleted rows; their words stay in the index segments until a merge.
        // Merging now lets secure_delete zero the old segment pages, so the words are gone too.
        if (!report.testimonies.isEmpty()) {
            if (auto st = db.exec("INSERT INTO search_fts(search_fts) VALUES('optimize')"); !st)
                return std::unexpected(st.error());
        }
        if (auto st = db.exec(kCreateTriggers); !st)
            return std::unexpected(st.error());
        if (auto st = tx->commit(); !st)
            return std::unexpected(st.error());
    }
    // The rows and keys are gone. Each blob is overwritten in place and kept (it becomes chaff:
    // a vault never deletes a committed file, docs/threat-model.md); one a failure leaves
    // intact is unreadable anyway without its key.
    for (const std::string& name : blobNames)
        static_cast<void>(blobs.retire(name));
    return report;
}

} // namespace fv
