#include "core/TestimonyJson.h"

#include "core/Esf.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>
#include <QRegularExpression>
#include <QSet>
#include <cmath>
#include <initializer_list>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

std::string sizeText(qsizetype bytes)
{
    if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0)
        return std::to_string(bytes / (1024 * 1024)) + " MiB";
    if (bytes >= 1024 && bytes % 1024 == 0)
        return std::to_string(bytes / 1024) + " KiB";
    return std::to_string(bytes) + " bytes";
}

std::string quoted(const QString& s)
{
    // Shows untrusted text in a message: bounded, and control characters escaped.
    QString shown = s.size() > 40 ? s.left(40) + u"…"_s : s;
    std::string out = "\"";
    for (const char ch : shown.toStdString()) {
        if (static_cast<unsigned char>(ch) < 0x20 || ch == '"' || ch == '\\') {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned char>(ch));
            out += buf;
        } else {
            out += ch;
        }
    }
    return out + "\"";
}

std::string typeName(const QJsonValue& v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return "null";
    case QJsonValue::Bool:
        return "a boolean";
    case QJsonValue::Double:
        return "a number";
    case QJsonValue::String:
        return "a string";
    case QJsonValue::Array:
        return "an array";
    case QJsonValue::Object:
        return "an object";
    case QJsonValue::Undefined:
        break;
    }
    return "nothing";
}

/// Reads one object at a time, keeping the path of the field being read for messages. Every
/// reader returns false after recording the first error; callers stop at the first false.
class Reader
{
public:
    std::optional<Error> error;

    bool fail(const QString& path, const std::string& problem)
    {
        if (!error)
            error = Error{ErrorCode::InvalidInput,
                          (path.isEmpty() ? std::string("input") : path.toStdString()) + ": " + problem};
        return false;
    }

    static QString join(const QString& path, QStringView key)
    {
        return path.isEmpty() ? key.toString() : path + u'.' + key.toString();
    }
    static QString index(const QString& path, qsizetype i) { return path + u'[' + QString::number(i) + u']'; }

    bool checkKeys(const QJsonObject& o, const QString& path, std::initializer_list<QStringView> allowed)
    {
        for (auto it = o.begin(); it != o.end(); ++it) {
            bool known = false;
            for (QStringView k : allowed)
                known = known || it.key() == k;
            if (!known)
                return fail(join(path, it.key()), "unknown field");
        }
        return true;
    }

    bool text(const QString& path, const QString& s, qsizetype maxBytes)
    {
        qsizetype bytes = 0;
        for (qsizetype i = 0; i < s.size(); ++i) {
            const char16_t c = s[i].unicode();
            if (QChar::isHighSurrogate(c) && i + 1 < s.size() && QChar::isLowSurrogate(s[i + 1].unicode())) {
                bytes += 4;
                ++i;
                continue;
            }
            if (QChar::isSurrogate(c))
                return fail(path, "invalid Unicode escape (unpaired surrogate)");
            if (c == 0)
                return fail(path, "contains a NUL character");
            if ((c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c == 0x7f)
                return fail(path, "contains a control character");
            bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        }
        if (bytes > maxBytes)
            return fail(path, "too long (max " + sizeText(maxBytes) + ")");
        return true;
    }

    // An optional string field; absent or null leaves `out` untouched.
    bool string(const QJsonObject& o, const QString& path, QStringView key, qsizetype maxBytes, QString& out,
                bool required = false)
    {
        const QString p = join(path, key);
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull()) {
            if (required)
                return fail(p, "required");
            return true;
        }
        if (!v.isString())
            return fail(p, "expected a string, found " + typeName(v));
        QString s = v.toString();
        if (!text(p, s, maxBytes))
            return false;
        if (required && s.trimmed().isEmpty())
            return fail(p, "must not be empty");
        out = std::move(s);
        return true;
    }

    bool boolean(const QJsonObject& o, const QString& path, QStringView key, bool& out)
    {
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isBool())
            return fail(join(path, key), "expected true or false, found " + typeName(v));
        out = v.toBool();
        return true;
    }

    bool number(const QJsonObject& o, const QString& path, QStringView key, double min, double max,
                bool integral, std::optional<double>& out)
    {
        const QString p = join(path, key);
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isDouble())
            return fail(p, "expected a number, found " + typeName(v));
        const double d = v.toDouble();
        if (!std::isfinite(d) || (integral && std::floor(d) != d))
            return fail(p, integral ? "expected a whole number" : "expected a finite number");
        if (d < min || d > max) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "out of range (%.17g to %.17g)", min, max);
            return fail(p, buf);
        }
        out = d;
        return true;
    }

    template <class E, class F>
    bool enumeration(const QJsonObject& o, const QString& path, QStringView key, F fromString, E& out,
                     const char* allowed)
    {
        QString s;
        if (!string(o, path, key, jsonlimits::kShortText, s))
            return false;
        if (!o.contains(key) || o.value(key).isNull())
            return true;
        const std::optional<E> v = fromString(s);
        if (!v)
            return fail(join(path, key), "unknown value " + quoted(s) + " (expected " + allowed + ")");
        out = *v;
        return true;
    }

    // An optional array; absent or null gives an empty array.
    bool array(const QJsonObject& o, const QString& path, QStringView key, qsizetype maxItems,
               QJsonArray& out)
    {
        const QString p = join(path, key);
        const QJsonValue v = o.value(key);
        if (v.isUndefined() || v.isNull())
            return true;
        if (!v.isArray())
            return fail(p, "expected an array, found " + typeName(v));
        out = v.toArray();
        if (out.size() > maxItems)
            return fail(p, "too many items (max " + std::to_string(maxItems) + ")");
        return true;
    }

    // An optional object; absent or null gives an empty object and `present` false.
    bool object(const QJsonObject& o, const QString& path, QStringView key, QJsonObject& out, bool& present)
    {
        const QJsonValue v = o.value(key);
        present = !(v.isUndefined() || v.isNull());
        if (!present)
            return true;
        if (!v.isObject())
            return fail(join(path, key), "expected an object, found " + typeName(v));
        out = v.toObject();
        return true;
    }
};

const QRegularExpression& isoDateTimePattern()
{
    static const QRegularExpression re(
        uR"(^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})?)?$)"_s);
    return re;
}

bool validDate(int y, int m, int d)
{
    return y >= 1 && QDate::isValid(y, m, d);
}

bool parseInterviewDate(Reader& r, const QString& path, const QString& s)
{
    const auto m = isoDateTimePattern().match(s);
    if (!m.hasMatch())
        return r.fail(path,
                      "expected an ISO 8601 date (2012-05-25) or date and time (2012-05-25T14:30:00+03:00), "
                      "found " +
                          quoted(s));
    if (!validDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt()))
        return r.fail(path, "no such date " + quoted(s));
    if (m.capturedLength(4) > 0) {
        const int sec = m.capturedLength(6) ? m.captured(6).toInt() : 0;
        if (!QTime::isValid(m.captured(4).toInt(), m.captured(5).toInt(), sec))
            return r.fail(path, "no such time " + quoted(s));
        const QString zone = m.captured(7);
        if (zone.size() == 6 && (zone.mid(1, 2).toInt() > 14 || zone.mid(4, 2).toInt() > 59))
            return r.fail(path, "no such time zone offset " + quoted(zone));
    }
    return true;
}

bool parseFuzzyDate(Reader& r, const QJsonObject& o, const QString& path, std::optional<FuzzyDate>& out)
{
    QString s;
    if (!r.string(o, path, u"date", 10, s))
        return false;
    std::optional<DatePrecision> precision;
    DatePrecision pv = DatePrecision::Exact;
    if (!r.enumeration(o, path, u"date_precision", datePrecisionFromString, pv,
                       "exact, approximate, month or year"))
        return false;
    if (o.contains(u"date_precision") && !o.value(u"date_precision").isNull())
        precision = pv;
    const QString datePath = Reader::join(path, u"date");
    if (s.isEmpty()) {
        if (precision)
            return r.fail(Reader::join(path, u"date_precision"), "given without a date");
        return true;
    }
    static const QRegularExpression re(uR"(^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$)"_s);
    const auto m = re.match(s);
    if (!m.hasMatch())
        return r.fail(datePath, "expected 2012-05-25, 2012-05 or 2012, found " + quoted(s));
    FuzzyDate d;
    d.year = m.captured(1).toInt();
    d.month = m.capturedLength(2) ? m.captured(2).toInt() : 0;
    d.day = m.capturedLength(3) ? m.captured(3).toInt() : 0;
    const DatePrecision implied = d.day     ? DatePrecision::Exact
                                  : d.month ? DatePrecision::Month
                                            : DatePrecision::Year;
    d.precision = precision.value_or(implied);
    const bool dayForm = d.day != 0;
    const bool fits = (d.precision == DatePrecision::Exact || d.precision == DatePrecision::Approximate)
                          ? dayForm
                          : d.precision == implied;
    if (!fits) {
        const char* form = d.precision == DatePrecision::Month  ? "2012-05"
                           : d.precision == DatePrecision::Year ? "2012"
                                                                : "2012-05-25";
        return r.fail(datePath, "precision " + toString(d.precision).toStdString() + " needs the form " +
                                    form + ", found " + quoted(s));
    }
    if (d.year < 1 || (d.month && (d.month > 12)) || (d.day && !validDate(d.year, d.month, d.day)))
        return r.fail(datePath, "no such date " + quoted(s));
    out = d;
    return true;
}

bool parsePlace(Reader& r, const QJsonObject& parent, const QString& parentPath, QStringView key, Place& out)
{
    const QString path = Reader::join(parentPath, key);
    const QJsonValue v = parent.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (v.isString())
        return r.string(parent, parentPath, key, jsonlimits::kShortText, out.name);
    if (!v.isObject())
        return r.fail(path, "expected a string or an object, found " + typeName(v));
    const QJsonObject o = v.toObject();
    if (!r.checkKeys(o, path, {u"name", u"city", u"district", u"landmark", u"latitude", u"longitude"}))
        return false;
    if (!r.string(o, path, u"name", jsonlimits::kShortText, out.name) ||
        !r.string(o, path, u"city", jsonlimits::kShortText, out.city) ||
        !r.string(o, path, u"district", jsonlimits::kShortText, out.district) ||
        !r.string(o, path, u"landmark", jsonlimits::kShortText, out.landmark) ||
        !r.number(o, path, u"latitude", -90, 90, false, out.latitude) ||
        !r.number(o, path, u"longitude", -180, 180, false, out.longitude))
        return false;
    if (out.latitude.has_value() != out.longitude.has_value())
        return r.fail(Reader::join(path, out.latitude ? u"longitude" : u"latitude"),
                      "required with the other coordinate");
    return true;
}

bool parseWitness(Reader& r, const QJsonObject& top, Witness& w)
{
    const QString path = u"witness"_s;
    QJsonObject o;
    bool present = false;
    if (!r.object(top, {}, u"witness", o, present))
        return false;
    if (!present)
        return r.fail(u"witness.pseudonym"_s, "required (the witness is always recorded by a pseudonym)");
    if (!r.checkKeys(o, path,
                     {u"pseudonym", u"real_name", u"contact", u"address", u"gender", u"age_range", u"role",
                      u"relation_to_victims"}))
        return false;
    if (!r.string(o, path, u"pseudonym", jsonlimits::kShortText, w.pseudonym, true) ||
        !r.string(o, path, u"real_name", jsonlimits::kShortText, w.realName) ||
        !r.string(o, path, u"contact", jsonlimits::kShortText, w.contact) ||
        !r.string(o, path, u"address", jsonlimits::kShortText, w.address) ||
        !r.enumeration(o, path, u"gender", genderFromString, w.gender, "female, male, other or unknown") ||
        !r.string(o, path, u"relation_to_victims", jsonlimits::kShortText, w.relationToVictims))
        return false;
    QString age;
    if (!r.string(o, path, u"age_range", 16, age))
        return false;
    if (!age.isEmpty()) {
        bool known = false;
        for (const char16_t* a : kAgeRanges)
            known = known || age == QStringView(a);
        if (!known)
            return r.fail(u"witness.age_range"_s,
                          "unknown value " + quoted(age) +
                              " (expected 0-17, 18-29, 30-44, 45-59, 60+ or unknown)");
        w.ageRange = age;
    }
    QString role;
    if (!r.string(o, path, u"role", jsonlimits::kShortText, role))
        return false;
    if (!role.isEmpty()) {
        const EsfTerm* term = esf::findWitnessRole(role);
        if (!term)
            return r.fail(u"witness.role"_s, "unknown witness role " + quoted(role) +
                                                 " (expected victim, eyewitness, relative, medic, detainee, "
                                                 "lawyer, colleague, reporter, other or unknown)");
        w.role = term->code;
    }
    return true;
}

bool parseConsent(Reader& r, const QJsonObject& top, Consent& c)
{
    const QString path = u"consent"_s;
    QJsonObject o;
    bool present = false;
    if (!r.object(top, {}, u"consent", o, present))
        return false;
    if (!present)
        return true;
    if (!r.checkKeys(o, path,
                     {u"given", u"how", u"quote_anonymously", u"share_with_un", u"legal_proceedings",
                      u"contact_again", u"date"}))
        return false;
    if (!r.boolean(o, path, u"given", c.given) ||
        !r.enumeration(o, path, u"how", consentMethodFromString, c.how,
                       "written, oral_recorded, oral_noted or other") ||
        !r.boolean(o, path, u"quote_anonymously", c.quoteAnonymously) ||
        !r.boolean(o, path, u"share_with_un", c.shareWithUn) ||
        !r.boolean(o, path, u"legal_proceedings", c.legalProceedings) ||
        !r.boolean(o, path, u"contact_again", c.contactAgain))
        return false;
    if (!c.given) {
        const std::pair<bool, const char*> scope[] = {{c.quoteAnonymously, "consent.quote_anonymously"},
                                                      {c.shareWithUn, "consent.share_with_un"},
                                                      {c.legalProceedings, "consent.legal_proceedings"},
                                                      {c.contactAgain, "consent.contact_again"}};
        for (const auto& [set, name] : scope) {
            if (set)
                return r.fail(QString::fromLatin1(name), "cannot be true when consent.given is false");
        }
    }
    QString date;
    if (!r.string(o, path, u"date", 10, date))
        return false;
    if (!date.isEmpty()) {
        const QDate d = QDate::fromString(date, Qt::ISODate);
        static const QRegularExpression re(uR"(^\d{4}-\d{2}-\d{2}$)"_s);
        if (!re.match(date).hasMatch() || !d.isValid())
            return r.fail(u"consent.date"_s, "expected a date like 2012-05-25, found " + quoted(date));
        c.date = d;
    }
    return true;
}

bool parseStringList(Reader& r, const QJsonObject& o, const QString& path, QStringView key,
                     qsizetype maxItems, qsizetype maxBytes, QStringList& out)
{
    QJsonArray items;
    if (!r.array(o, path, key, maxItems, items))
        return false;
    const QString p = Reader::join(path, key);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString ip = Reader::index(p, i);
        if (!items[i].isString())
            return r.fail(ip, "expected a string, found " + typeName(items[i]));
        const QString s = items[i].toString();
        if (!r.text(ip, s, maxBytes))
            return false;
        if (s.trimmed().isEmpty())
            return r.fail(ip, "must not be empty");
        if (!out.contains(s))
            out.append(s);
    }
    return true;
}

bool parseIncident(Reader& r, const QJsonValue& v, const QString& path, Incident& in)
{
    if (!v.isObject())
        return r.fail(path, "expected an object, found " + typeName(v));
    const QJsonObject o = v.toObject();
    if (!r.checkKeys(
            o, path,
            {u"date", u"date_precision", u"place", u"acts", u"perpetrators", u"victims", u"description"}))
        return false;
    if (!parseFuzzyDate(r, o, path, in.date) || !parsePlace(r, o, path, u"place", in.place) ||
        !parseStringList(r, o, path, u"acts", jsonlimits::kListItems, 12, in.acts) ||
        !r.string(o, path, u"description", jsonlimits::kLongText, in.description))
        return false;
    for (qsizetype i = 0; i < in.acts.size(); ++i) {
        if (!esf::isValid(Vocabulary::Acts, in.acts[i]))
            return r.fail(Reader::index(Reader::join(path, u"acts"), i),
                          "unknown act code " + quoted(in.acts[i]));
    }
    QJsonArray perps;
    if (!r.array(o, path, u"perpetrators", jsonlimits::kListItems, perps))
        return false;
    for (qsizetype i = 0; i < perps.size(); ++i) {
        const QString ip = Reader::index(Reader::join(path, u"perpetrators"), i);
        Perpetrator p;
        QString typePath = ip;
        if (perps[i].isString()) {
            p.type = perps[i].toString();
            if (!r.text(ip, p.type, 12))
                return false;
        } else if (perps[i].isObject()) {
            const QJsonObject po = perps[i].toObject();
            typePath = Reader::join(ip, u"type");
            if (!r.checkKeys(po, ip, {u"type", u"description"}) ||
                !r.string(po, ip, u"type", 12, p.type, true) ||
                !r.string(po, ip, u"description", jsonlimits::kLongText, p.description))
                return false;
        } else {
            return r.fail(ip, "expected a perpetrator code or an object, found " + typeName(perps[i]));
        }
        if (!esf::isValid(Vocabulary::Perpetrators, p.type))
            return r.fail(typePath, "unknown perpetrator code " + quoted(p.type));
        in.perpetrators.append(std::move(p));
    }
    QJsonArray victims;
    if (!r.array(o, path, u"victims", jsonlimits::kListItems, victims))
        return false;
    for (qsizetype i = 0; i < victims.size(); ++i) {
        const QString ip = Reader::index(Reader::join(path, u"victims"), i);
        if (!victims[i].isObject())
            return r.fail(ip, "expected an object, found " + typeName(victims[i]));
        const QJsonObject vo = victims[i].toObject();
        Victim vic;
        std::optional<double> count;
        if (!r.checkKeys(vo, ip, {u"name", u"description", u"count", u"age", u"gender", u"condition"}) ||
            !r.string(vo, ip, u"name", jsonlimits::kShortText, vic.name) ||
            !r.string(vo, ip, u"description", jsonlimits::kLongText, vic.description) ||
            !r.number(vo, ip, u"count", 1, jsonlimits::kMaxVictimCount, true, count) ||
            !r.string(vo, ip, u"age", 64, vic.age) ||
            !r.enumeration(vo, ip, u"gender", genderFromString, vic.gender,
                           "female, male, other or unknown") ||
            !r.enumeration(vo, ip, u"condition", victimConditionFromString, vic.condition,
                           "killed, injured, detained, disappeared, tortured, displaced, released, unharmed "
                           "or unknown"))
            return false;
        if (count)
            vic.count = static_cast<int>(*count);
        in.victims.append(std::move(vic));
    }
    return true;
}

bool parseDateTime(Reader& r, const QJsonObject& o, const QString& path, QStringView key, QDateTime& out)
{
    QString s;
    if (!r.string(o, path, key, 64, s))
        return false;
    if (s.isEmpty())
        return true;
    const auto m = isoDateTimePattern().match(s);
    QDateTime dt = QDateTime::fromString(s, Qt::ISODateWithMs);
    if (!m.hasMatch() || m.capturedLength(7) == 0 || !dt.isValid())
        return r.fail(Reader::join(path, key),
                      "expected a UTC date and time like 2012-05-25T14:30:00.000Z, found " + quoted(s));
    out = dt.toUTC();
    return true;
}

bool parseAttachments(Reader& r, const QJsonObject& top, QList<AttachmentInfo>& out)
{
    QJsonArray items;
    if (!r.array(top, {}, u"attachments", jsonlimits::kAttachments, items))
        return false;
    static const QRegularExpression hex(u"^[0-9a-f]{64}$"_s);
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QString ip = Reader::index(u"attachments"_s, i);
        if (!items[i].isObject())
            return r.fail(ip, "expected an object, found " + typeName(items[i]));
        const QJsonObject o = items[i].toObject();
        AttachmentInfo a;
        std::optional<double> size;
        QDateTime captured;
        if (!r.checkKeys(o, ip,
                         {u"id", u"kind", u"media_type", u"file_name", u"size", u"sha256", u"created",
                          u"captured", u"note"}) ||
            !r.string(o, ip, u"id", 64, a.id, true) ||
            !r.enumeration(o, ip, u"kind", attachmentKindFromString, a.kind,
                           "audio, photo, video or document") ||
            !r.string(o, ip, u"media_type", 255, a.mediaType) ||
            !r.string(o, ip, u"file_name", jsonlimits::kShortText, a.fileName) ||
            !r.number(o, ip, u"size", 0, kMaxExactInteger, true, size) ||
            !r.string(o, ip, u"sha256", 64, a.sha256) || !parseDateTime(r, o, ip, u"created", a.created) ||
            !parseDateTime(r, o, ip, u"captured", captured) ||
            !r.string(o, ip, u"note", jsonlimits::kNote, a.note))
            return false;
        if (!a.sha256.isEmpty() && !hex.match(a.sha256).hasMatch())
            return r.fail(Reader::join(ip, u"sha256"), "expected 64 lower-case hexadecimal digits");
        if (size)
            a.size = static_cast<std::uint64_t>(*size);
        if (captured.isValid())
            a.captured = captured;
        out.append(std::move(a));
    }
    return true;
}

bool parseTop(Reader& r, const QJsonObject& o, Testimony& t)
{
    if (!r.checkKeys(o, {},
                     {u"format_version",  u"title",    u"narrative",   u"summary",     u"interview_date",
                      u"interview_place", u"language", u"interpreter", u"interviewer", u"sensitivity",
                      u"witness",         u"consent",  u"incidents",   u"tags",        u"id",
                      u"status",          u"version",  u"created",     u"updated",     u"attachments"}))
        return false;
    std::optional<double> format;
    if (!r.number(o, {}, u"format_version", 0, 1e9, true, format))
        return false;
    if (format && *format != kTestimonyFormatVersion)
        return r.fail(u"format_version"_s,
                      "unsupported version " + std::to_string(static_cast<long long>(*format)) +
                          " (this build reads " + std::to_string(kTestimonyFormatVersion) + ")");
    if (!r.string(o, {}, u"title", jsonlimits::kShortText, t.title, true) ||
        !r.string(o, {}, u"narrative", jsonlimits::kNarrative, t.narrative) ||
        !r.string(o, {}, u"summary", jsonlimits::kLongText, t.summary) ||
        !r.string(o, {}, u"interview_date", 64, t.interviewDate, true) ||
        !parseInterviewDate(r, u"interview_date"_s, t.interviewDate) ||
        !parsePlace(r, o, {}, u"interview_place", t.interviewPlace))
        return false;
    const QJsonValue lang = o.value(u"language");
    if (lang.isString()) {
        QString s;
        if (!r.string(o, {}, u"language", 64, s))
            return false;
        if (!s.isEmpty())
            t.languages.append(s);
    } else if (lang.isArray()) {
        if (!parseStringList(r, o, {}, u"language", jsonlimits::kLanguages, 64, t.languages))
            return false;
    } else if (!lang.isUndefined() && !lang.isNull()) {
        return r.fail(u"language"_s,
                      "expected a language tag (\"ar\") or an array of them, found " + typeName(lang));
    }
    static const QRegularExpression bcp47(u"^[A-Za-z]{2,3}(-[A-Za-z0-9]{1,8})*$"_s);
    for (qsizetype i = 0; i < t.languages.size(); ++i) {
        if (!bcp47.match(t.languages[i]).hasMatch())
            return r.fail(lang.isArray() ? Reader::index(u"language"_s, i) : u"language"_s,
                          "expected a language tag such as \"ar\", \"en\" or \"ar-SY\", found " +
                              quoted(t.languages[i]));
    }
    if (!r.string(o, {}, u"interpreter", jsonlimits::kShortText, t.interpreter) ||
        !r.string(o, {}, u"interviewer", jsonlimits::kShortText, t.interviewer) ||
        !r.enumeration(o, {}, u"sensitivity", sensitivityFromString, t.sensitivity,
                       "normal, high or critical") ||
        !parseWitness(r, o, t.witness) || !parseConsent(r, o, t.consent))
        return false;
    QJsonArray incidents;
    if (!r.array(o, {}, u"incidents", jsonlimits::kIncidents, incidents))
        return false;
    for (qsizetype i = 0; i < incidents.size(); ++i) {
        Incident in;
        if (!parseIncident(r, incidents[i], Reader::index(u"incidents"_s, i), in))
            return false;
        t.incidents.append(std::move(in));
    }
    if (!parseStringList(r, o, {}, u"tags", jsonlimits::kTags, jsonlimits::kTag, t.tags))
        return false;

    // Record fields, present in `show` output.
    std::optional<double> version;
    static const QRegularExpression idPattern(u"^[0-9a-z]{26}$"_s);
    if (!r.string(o, {}, u"id", 64, t.id) ||
        !r.enumeration(o, {}, u"status", testimonyStatusFromString, t.status,
                       "draft, complete, exported or delivered") ||
        !r.number(o, {}, u"version", 1, 1e9, true, version) ||
        !parseDateTime(r, o, {}, u"created", t.created) || !parseDateTime(r, o, {}, u"updated", t.updated) ||
        !parseAttachments(r, o, t.attachments))
        return false;
    if (!t.id.isEmpty() && !idPattern.match(t.id).hasMatch())
        return r.fail(u"id"_s,
                      "expected a testimony id (26 lower-case letters and digits), found " + quoted(t.id));
    if (version)
        t.version = static_cast<int>(*version);
    return true;
}

QJsonValue placeToJson(const Place& p)
{
    if (p.city.isEmpty() && p.district.isEmpty() && p.landmark.isEmpty() && !p.latitude && !p.longitude)
        return p.name;
    QJsonObject o;
    const std::pair<QStringView, const QString*> parts[] = {
        {u"name", &p.name}, {u"city", &p.city}, {u"district", &p.district}, {u"landmark", &p.landmark}};
    for (const auto& [key, value] : parts) {
        if (!value->isEmpty())
            o.insert(key, *value);
    }
    if (p.latitude)
        o.insert(u"latitude", *p.latitude);
    if (p.longitude)
        o.insert(u"longitude", *p.longitude);
    return o;
}

void insertText(QJsonObject& o, QStringView key, const QString& value)
{
    if (!value.isEmpty())
        o.insert(key, value);
}

QString dateTimeText(const QDateTime& dt)
{
    return dt.toUTC().toString(Qt::ISODateWithMs);
}

QString fuzzyDateText(const FuzzyDate& d)
{
    QString s = QString::number(d.year).rightJustified(4, u'0');
    if (d.precision != DatePrecision::Year)
        s += u'-' + QString::number(d.month).rightJustified(2, u'0');
    if (d.precision == DatePrecision::Exact || d.precision == DatePrecision::Approximate)
        s += u'-' + QString::number(d.day).rightJustified(2, u'0');
    return s;
}

QJsonObject contentToJson(const Testimony& t, bool includeSensitive)
{
    QJsonObject o;
    o.insert(u"format_version", kTestimonyFormatVersion);
    o.insert(u"title", t.title);
    insertText(o, u"narrative", t.narrative);
    insertText(o, u"summary", t.summary);
    o.insert(u"interview_date", t.interviewDate);
    if (!t.interviewPlace.isEmpty())
        o.insert(u"interview_place", placeToJson(t.interviewPlace));
    if (t.languages.size() == 1)
        o.insert(u"language", t.languages.front());
    else if (!t.languages.isEmpty())
        o.insert(u"language", QJsonArray::fromStringList(t.languages));
    if (includeSensitive)
        insertText(o, u"interpreter", t.interpreter);
    insertText(o, u"interviewer", t.interviewer);
    if (t.sensitivity != Sensitivity::Normal)
        o.insert(u"sensitivity", toString(t.sensitivity));

    QJsonObject w;
    w.insert(u"pseudonym", t.witness.pseudonym);
    if (includeSensitive) {
        insertText(w, u"real_name", t.witness.realName);
        insertText(w, u"contact", t.witness.contact);
        insertText(w, u"address", t.witness.address);
    }
    insertText(w, u"gender", toString(t.witness.gender));
    insertText(w, u"age_range", t.witness.ageRange);
    if (!t.witness.role.isEmpty()) {
        const EsfTerm* role = esf::findWitnessRole(t.witness.role);
        w.insert(u"role", role && !role->key.isEmpty() ? role->key : t.witness.role);
    }
    insertText(w, u"relation_to_victims", t.witness.relationToVictims);
    o.insert(u"witness", w);

    const Consent& c = t.consent;
    QJsonObject co;
    co.insert(u"given", c.given);
    insertText(co, u"how", toString(c.how));
    co.insert(u"quote_anonymously", c.quoteAnonymously);
    co.insert(u"share_with_un", c.shareWithUn);
    co.insert(u"legal_proceedings", c.legalProceedings);
    co.insert(u"contact_again", c.contactAgain);
    if (c.date)
        co.insert(u"date", c.date->toString(Qt::ISODate));
    o.insert(u"consent", co);

    QJsonArray incidents;
    for (const Incident& in : t.incidents) {
        QJsonObject io;
        if (in.date) {
            io.insert(u"date", fuzzyDateText(*in.date));
            io.insert(u"date_precision", toString(in.date->precision));
        }
        if (!in.place.isEmpty())
            io.insert(u"place", placeToJson(in.place));
        io.insert(u"acts", QJsonArray::fromStringList(in.acts));
        QJsonArray perps;
        for (const Perpetrator& p : in.perpetrators) {
            if (p.description.isEmpty()) {
                perps.append(p.type);
            } else {
                perps.append(QJsonObject{{u"type"_s, p.type}, {u"description"_s, p.description}});
            }
        }
        io.insert(u"perpetrators", perps);
        QJsonArray victims;
        for (const Victim& v : in.victims) {
            QJsonObject vo;
            insertText(vo, u"name", v.name);
            insertText(vo, u"description", v.description);
            if (v.count != 1)
                vo.insert(u"count", v.count);
            insertText(vo, u"age", v.age);
            insertText(vo, u"gender", toString(v.gender));
            insertText(vo, u"condition", toString(v.condition));
            victims.append(vo);
        }
        io.insert(u"victims", victims);
        insertText(io, u"description", in.description);
        incidents.append(io);
    }
    o.insert(u"incidents", incidents);
    o.insert(u"tags", QJsonArray::fromStringList(t.tags));
    return o;
}

} // namespace

std::optional<qsizetype> firstInvalidUtf8(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char b = p[i];
        if (b < 0x80) {
            ++i;
            continue;
        }
        int len = 0;
        unsigned char lo = 0x80, hi = 0xbf; // allowed range of the second byte
        if (b >= 0xc2 && b <= 0xdf) {
            len = 2;
        } else if (b >= 0xe0 && b <= 0xef) {
            len = 3;
            if (b == 0xe0)
                lo = 0xa0; // no overlong forms
            else if (b == 0xed)
                hi = 0x9f; // no surrogates
        } else if (b >= 0xf0 && b <= 0xf4) {
            len = 4;
            if (b == 0xf0)
                lo = 0x90;
            else if (b == 0xf4)
                hi = 0x8f; // nothing above U+10FFFF
        } else {
            return i;
        }
        if (i + len > n)
            return i;
        if (p[i + 1] < lo || p[i + 1] > hi)
            return i;
        for (int k = 2; k < len; ++k) {
            if (p[i + k] < 0x80 || p[i + k] > 0xbf)
                return i;
        }
        i += len;
    }
    return std::nullopt;
}

Result<Testimony> parseTestimonyJson(QByteArrayView bytes)
{
    if (bytes.size() > jsonlimits::kInput)
        return fail(ErrorCode::InvalidInput, "input: too large (max " + sizeText(jsonlimits::kInput) + ")");
    if (const auto bad = firstInvalidUtf8(bytes))
        return fail(ErrorCode::InvalidInput, "invalid UTF-8 in input at byte " + std::to_string(*bad));
    if (bytes.startsWith("\xef\xbb\xbf"))
        bytes = bytes.sliced(3);
    if (bytes.trimmed().isEmpty())
        return fail(ErrorCode::InvalidInput, "input: empty (expected one testimony as a JSON object)");
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes.toByteArray(), &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(ErrorCode::InvalidInput, "malformed JSON at byte " + std::to_string(parseError.offset) +
                                                 ": " + parseError.errorString().toStdString());
    if (!doc.isObject())
        return fail(ErrorCode::InvalidInput, "input: expected a JSON object (one testimony)");
    Reader r;
    Testimony t;
    if (!parseTop(r, doc.object(), t))
        return std::unexpected(r.error.value_or(Error{ErrorCode::InvalidInput, "input: invalid"}));
    return t;
}

QByteArray toTestimonyJson(const Testimony& testimony, const JsonWriteOptions& options)
{
    QJsonObject o = contentToJson(testimony, options.includeSensitive);
    if (options.includeRecord) {
        insertText(o, u"id", testimony.id);
        o.insert(u"status", toString(testimony.status));
        if (testimony.version > 0)
            o.insert(u"version", testimony.version);
        if (testimony.created.isValid())
            o.insert(u"created", dateTimeText(testimony.created));
        if (testimony.updated.isValid())
            o.insert(u"updated", dateTimeText(testimony.updated));
        QJsonArray attachments;
        for (const AttachmentInfo& a : testimony.attachments) {
            QJsonObject ao;
            ao.insert(u"id", a.id);
            ao.insert(u"kind", toString(a.kind));
            insertText(ao, u"media_type", a.mediaType);
            if (options.includeSensitive)
                insertText(ao, u"file_name", a.fileName);
            ao.insert(u"size", static_cast<double>(a.size));
            insertText(ao, u"sha256", a.sha256);
            if (a.created.isValid())
                ao.insert(u"created", dateTimeText(a.created));
            if (a.captured)
                ao.insert(u"captured", dateTimeText(*a.captured));
            insertText(ao, u"note", a.note);
            attachments.append(ao);
        }
        if (!attachments.isEmpty())
            o.insert(u"attachments", attachments);
    }
    return QJsonDocument(o).toJson(options.indented ? QJsonDocument::Indented : QJsonDocument::Compact);
}

QByteArray canonicalContentJson(const Testimony& testimony)
{
    return QJsonDocument(contentToJson(testimony, true)).toJson(QJsonDocument::Compact);
}

} // namespace fv
