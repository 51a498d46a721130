#include "core/sync/Report.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStringList>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

QString csvField(const QString& value)
{
    QString v = value;
    // A leading =, +, - or @ would be run as a formula by spreadsheets.
    if (!v.isEmpty() && (v.front() == u'=' || v.front() == u'+' || v.front() == u'-' || v.front() == u'@'))
        v.prepend(u'\'');
    if (v.contains(u'"') || v.contains(u',') || v.contains(u'\n') || v.contains(u'\r') || v != value) {
        v.replace(u"\""_s, u"\"\""_s);
        return u'"' + v + u'"';
    }
    return v;
}

QString joined(const QJsonArray& a, const QString& key = {})
{
    QStringList parts;
    for (const QJsonValue& v : a)
        parts.append(key.isEmpty() || !v.isObject() ? v.toString() : v.toObject().value(key).toString());
    return parts.join(u"; "_s);
}

} // namespace

const std::vector<std::string>& reportColumns()
{
    static const std::vector<std::string> columns = {"testimony_id",   "version",
                                                     "sender_name",    "sender_fingerprint",
                                                     "bundle_id",      "verified",
                                                     "quarantined",    "received",
                                                     "redacted",       "title",
                                                     "interview_date", "summary",
                                                     "narrative",      "witness_pseudonym",
                                                     "consent_given",  "acts",
                                                     "places",         "tags",
                                                     "hash",           "seal",
                                                     "conflict"};
    return columns;
}

Result<int> writeHqReport(Database& db, const std::filesystem::path& file, ReportFormat format)
{
    auto stmt =
        db.prepare("SELECT r.testimony_id, r.version, b.sender_name, "
                   "r.sender_fingerprint, r.bundle_id, b.verified, "
                   "b.quarantined, r.received, r.redacted, r.entry, r.hash, r.digest, "
                   "(SELECT count(*) > 1 FROM received_versions c WHERE c.sender_fingerprint = "
                   "r.sender_fingerprint AND c.testimony_id = r.testimony_id AND c.version = r.version) "
                   "FROM received_versions r "
                   "JOIN bundles_in b ON b.id = r.bundle_id WHERE r.version = "
                   "(SELECT max(version) FROM received_versions x "
                   "WHERE x.sender_fingerprint = r.sender_fingerprint AND "
                   "x.testimony_id = r.testimony_id) "
                   "ORDER BY r.received, r.testimony_id, r.digest");
    if (!stmt)
        return std::unexpected(stmt.error());
    QSaveFile out(QString::fromStdString(file.string()));
    if (!out.open(QIODevice::WriteOnly))
        return fail(ErrorCode::Io, "cannot create " + file.string() + ": " + out.errorString().toStdString());
    QJsonArray json;
    if (format == ReportFormat::Csv) {
        QStringList header;
        for (const std::string& c : reportColumns())
            header.append(QString::fromStdString(c));
        out.write("\xEF\xBB\xBF");
        out.write(header.join(u',').toUtf8() + "\r\n");
    }
    int count = 0;
    auto st = stmt->forEachRow([&](const Statement& row) {
        const std::string entryText = row.columnText(9);
        const QJsonObject entry =
            QJsonDocument::fromJson(QByteArray(entryText.data(), static_cast<qsizetype>(entryText.size())))
                .object();
        const QJsonObject content = entry.value(u"content"_s).toObject();
        QStringList acts, places;
        for (const QJsonValue& inc : content.value(u"incidents"_s).toArray()) {
            const QJsonObject o = inc.toObject();
            for (const QJsonValue& a : o.value(u"acts"_s).toArray())
                acts.append(a.toString());
            const QJsonValue place = o.value(u"place"_s);
            const QString name =
                place.isObject() ? place.toObject().value(u"name"_s).toString() : place.toString();
            if (!name.isEmpty())
                places.append(name);
        }
        const QJsonObject record{
            {u"testimony_id"_s, QString::fromStdString(row.columnText(0))},
            {u"version"_s, static_cast<int>(row.columnInt(1))},
            // A quarantined sender's name is only what its bundle claims.
            {u"sender_name"_s, (row.columnInt(6) != 0 ? u"(unverified) "_s : QString()) +
                                   QString::fromStdString(row.columnText(2))},
            {u"sender_fingerprint"_s, QString::fromStdString(row.columnText(3))},
            {u"bundle_id"_s, QString::fromStdString(row.columnText(4))},
            {u"verified"_s, row.columnInt(5) != 0},
            {u"quarantined"_s, row.columnInt(6) != 0},
            {u"received"_s, QString::fromStdString(row.columnText(7))},
            {u"redacted"_s, row.columnInt(8) != 0},
            {u"hash"_s, QString::fromStdString(row.columnText(10))},
            {u"seal"_s, QString::fromStdString(row.columnText(11))},
            {u"conflict"_s, row.columnInt(12) != 0},
        };
        if (format == ReportFormat::Json) {
            QJsonObject o = record;
            o.insert(u"content"_s, content);
            json.append(o);
        } else {
            const QStringList fields = {
                record.value(u"testimony_id"_s).toString(),
                QString::number(record.value(u"version"_s).toInt()),
                record.value(u"sender_name"_s).toString(),
                record.value(u"sender_fingerprint"_s).toString(),
                record.value(u"bundle_id"_s).toString(),
                record.value(u"verified"_s).toBool() ? u"yes"_s : u"no"_s,
                record.value(u"quarantined"_s).toBool() ? u"yes"_s : u"no"_s,
                record.value(u"received"_s).toString(),
                record.value(u"redacted"_s).toBool() ? u"yes"_s : u"no"_s,
                content.value(u"title"_s).toString(),
                content.value(u"interview_date"_s).toString(),
                content.value(u"summary"_s).toString(),
                content.value(u"narrative"_s).toString(),
                content.value(u"witness"_s).toObject().value(u"pseudonym"_s).toString(),
                content.value(u"consent"_s).toObject().value(u"given"_s).toBool() ? u"yes"_s : u"no"_s,
                acts.join(u"; "_s),
                places.join(u"; "_s),
                joined(content.value(u"tags"_s).toArray()),
                record.value(u"hash"_s).toString(),
                record.value(u"seal"_s).toString(),
                record.value(u"conflict"_s).toBool() ? u"yes"_s : u"no"_s,
            };
            QStringList quoted;
            for (const QString& f : fields)
                quoted.append(csvField(f));
            out.write(quoted.join(u',').toUtf8() + "\r\n");
        }
        ++count;
    });
    if (!st)
        return std::unexpected(st.error());
    if (format == ReportFormat::Json)
        out.write(QJsonDocument(json).toJson(QJsonDocument::Indented));
    if (!out.commit())
        return fail(ErrorCode::Io, "cannot write " + file.string() + ": " + out.errorString().toStdString());
    return count;
}

} // namespace fv
