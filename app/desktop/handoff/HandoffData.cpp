#include "handoff/HandoffData.h"

#include <QJsonDocument>
#include <QJsonObject>

namespace fv::desktop {
namespace {

QString text(const Statement& row, int column)
{
    return QString::fromStdString(row.columnText(column));
}

QDateTime when(const Statement& row, int column)
{
    QDateTime t = QDateTime::fromString(text(row, column), Qt::ISODateWithMs);
    if (!t.isValid())
        t = QDateTime::fromString(text(row, column), Qt::ISODate);
    return t;
}

QString entryTitle(const std::string& entry)
{
    const QJsonObject object = QJsonDocument::fromJson(QByteArray::fromStdString(entry)).object();
    const QJsonValue content = object.value(QStringLiteral("content"));
    if (content.isObject())
        return content.toObject().value(QStringLiteral("title")).toString();
    // Unredacted content may travel as the canonical bytes in a string.
    return QJsonDocument::fromJson(content.toString().toUtf8())
        .object()
        .value(QStringLiteral("title"))
        .toString();
}

} // namespace

Result<QList<DeliveredTestimony>> deliveredTestimonies(Database& db)
{
    auto stmt = db.prepare(
        "SELECT d.testimony_id, t.title, "
        "sum(d.kind = 'version'), sum(d.kind = 'attachment'), group_concat(DISTINCT d.bundle_id), "
        "max(d.delivered), t.id IS NULL, "
        "t.id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM versions v WHERE v.testimony_id = d.testimony_id "
        "  AND NOT EXISTS (SELECT 1 FROM delivered_items x WHERE x.kind = 'version' "
        "  AND x.testimony_id = v.testimony_id AND x.item = CAST(v.number AS TEXT))) "
        "AND NOT EXISTS (SELECT 1 FROM attachments a WHERE a.testimony_id = d.testimony_id "
        "  AND NOT EXISTS (SELECT 1 FROM delivered_items x WHERE x.kind = 'attachment' "
        "  AND x.testimony_id = a.testimony_id AND x.item = a.id)) "
        "FROM delivered_items d LEFT JOIN testimonies t ON t.id = d.testimony_id "
        "GROUP BY d.testimony_id ORDER BY max(d.delivered) DESC, d.testimony_id");
    if (!stmt)
        return std::unexpected(stmt.error());
    QList<DeliveredTestimony> out;
    auto st = stmt->forEachRow([&](const Statement& row) {
        out.append(DeliveredTestimony{text(row, 0), text(row, 1), int(row.columnInt(2)),
                                      int(row.columnInt(3)), text(row, 4), when(row, 5),
                                      row.columnInt(6) != 0, row.columnInt(7) != 0});
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

Result<QList<ImportedBundle>> importedBundles(Database& db)
{
    auto stmt = db.prepare("SELECT b.id, b.sender_name, b.sender_fingerprint, b.verified, b.quarantined, "
                           "b.imported, (SELECT count(*) FROM received_versions r WHERE r.bundle_id = b.id) "
                           "FROM bundles_in b ORDER BY b.imported DESC, b.id");
    if (!stmt)
        return std::unexpected(stmt.error());
    QList<ImportedBundle> out;
    auto st = stmt->forEachRow([&](const Statement& row) {
        out.append(ImportedBundle{text(row, 0), text(row, 1), text(row, 2), row.columnInt(3) != 0,
                                  row.columnInt(4) != 0, when(row, 5), int(row.columnInt(6))});
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

Result<QList<ReceivedVersion>> receivedVersions(Database& db, const QString& testimonyId)
{
    auto stmt = db.prepare("SELECT r.testimony_id, r.version, r.entry, b.sender_name, r.sender_fingerprint, "
                           "r.bundle_id, b.verified, b.quarantined, r.redacted, r.received "
                           "FROM received_versions r JOIN bundles_in b ON b.id = r.bundle_id "
                           "WHERE ?1 = '' OR r.testimony_id = ?1 "
                           "ORDER BY r.received DESC, r.testimony_id, r.version DESC");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(testimonyId.toStdString()));
    QList<ReceivedVersion> out;
    auto st = stmt->forEachRow([&](const Statement& row) {
        out.append(ReceivedVersion{text(row, 0), int(row.columnInt(1)), entryTitle(row.columnText(2)),
                                   text(row, 3), text(row, 4), text(row, 5), row.columnInt(6) != 0,
                                   row.columnInt(7) != 0, row.columnInt(8) != 0, when(row, 9)});
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

} // namespace fv::desktop
