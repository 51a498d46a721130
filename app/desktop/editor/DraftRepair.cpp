#include "editor/DraftRepair.h"

#include "core/TestimonyJson.h"
#include "core/TestimonyStore.h"

#include <QCoreApplication>
#include <QRegularExpression>

namespace fv::desktop {

namespace {

/// A path split into its names and indexes: "incidents[0].victims[2].age" gives
/// {"incidents", 0}, {"victims", 2}, {"age", -1}.
struct Step
{
    QString name;
    int index = -1;
};

QList<Step> splitPath(const QString& path)
{
    static const QRegularExpression step(QStringLiteral(R"(^([a-z_]+)(?:\[(\d+)\])?$)"));
    QList<Step> steps;
    for (const QString& part : path.split(u'.')) {
        const auto m = step.match(part);
        if (!m.hasMatch())
            return {};
        steps.append(Step{m.captured(1), m.capturedLength(2) ? m.captured(2).toInt() : -1});
    }
    return steps;
}

QString* placeText(Place& place, const QString& key)
{
    if (key.isEmpty() || key == u"name")
        return &place.name;
    if (key == u"city")
        return &place.city;
    if (key == u"district")
        return &place.district;
    if (key == u"landmark")
        return &place.landmark;
    return nullptr;
}

QString stripControls(const QString& text)
{
    QString out;
    out.reserve(text.size());
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() &&
            QChar::isLowSurrogate(text[i + 1].unicode())) {
            out.append(text[i]);
            out.append(text[++i]);
            continue;
        }
        if (QChar::isSurrogate(c) || c == 0x7f || (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r'))
            continue;
        out.append(text[i]);
    }
    return out;
}

qsizetype limitFor(const QString& field)
{
    if (field == u"narrative")
        return jsonlimits::kNarrative;
    if (field == u"summary" || field == u"description")
        return jsonlimits::kLongText;
    if (field == u"age")
        return 64;
    if (field == u"tags")
        return jsonlimits::kTag;
    return jsonlimits::kShortText;
}

/// Repairs the one field `path` names. False when there is no safe repair.
bool repair(Testimony& t, const Testimony& lastSaved, const QList<Step>& steps, const QString& problem,
            FieldProblem& record)
{
    if (steps.isEmpty())
        return false;
    const QString& top = steps[0].name;
    const QString last = steps.back().name;
    const bool empty = problem.startsWith(u"required") || problem.startsWith(u"must not be empty");

    // Items of lists: the bad item is left out of the saved copy.
    auto dropItem = [](auto& list, int index) {
        if (index < 0 || index >= list.size())
            return false;
        list.removeAt(index);
        return true;
    };
    if (top == u"language" && steps.size() == 1) {
        if (steps[0].index < 0) {
            t.languages.clear();
            return true;
        }
        return dropItem(t.languages, steps[0].index);
    }
    if (top == u"tags" && steps.size() == 1)
        return dropItem(t.tags, steps[0].index);
    if (top == u"interview_date") {
        Testimony probe;
        probe.title = QStringLiteral("x");
        probe.witness.pseudonym = QStringLiteral("x");
        probe.interviewDate = lastSaved.interviewDate;
        const bool lastOk = parseTestimonyJson(canonicalContentJson(probe)).has_value();
        t.interviewDate = lastOk ? lastSaved.interviewDate : QDate::currentDate().toString(Qt::ISODate);
        record.replacement = t.interviewDate;
        return true;
    }
    if (top == u"consent") {
        if (last == u"date") {
            t.consent.date.reset();
            return true;
        }
        t.consent.quoteAnonymously = t.consent.shareWithUn = t.consent.legalProceedings =
            t.consent.contactAgain = false;
        return true;
    }

    QString* text = nullptr;
    if (top == u"title")
        text = &t.title;
    else if (top == u"narrative")
        text = &t.narrative;
    else if (top == u"summary")
        text = &t.summary;
    else if (top == u"interpreter")
        text = &t.interpreter;
    else if (top == u"interviewer")
        text = &t.interviewer;
    else if (top == u"interview_place") {
        if (last == u"latitude" || last == u"longitude") {
            t.interviewPlace.latitude.reset();
            t.interviewPlace.longitude.reset();
            return true;
        }
        text = placeText(t.interviewPlace, steps.size() > 1 ? last : QString());
    } else if (top == u"witness" && steps.size() == 2) {
        Witness& w = t.witness;
        if (last == u"age_range") {
            w.ageRange.clear();
            return true;
        }
        if (last == u"role") {
            w.role.clear();
            return true;
        }
        text = last == u"pseudonym"             ? &w.pseudonym
               : last == u"real_name"           ? &w.realName
               : last == u"contact"             ? &w.contact
               : last == u"address"             ? &w.address
               : last == u"relation_to_victims" ? &w.relationToVictims
                                                : nullptr;
    } else if (top == u"incidents" && steps.size() >= 2) {
        const int i = steps[0].index;
        if (i < 0 || i >= t.incidents.size())
            return false;
        Incident& in = t.incidents[i];
        const Step& field = steps[1];
        if (field.name == u"date" || field.name == u"date_precision") {
            in.date.reset();
            return true;
        }
        if (field.name == u"acts")
            return dropItem(in.acts, field.index);
        if (field.name == u"description")
            text = &in.description;
        else if (field.name == u"place") {
            if (last == u"latitude" || last == u"longitude") {
                in.place.latitude.reset();
                in.place.longitude.reset();
                return true;
            }
            text = placeText(in.place, steps.size() > 2 ? last : QString());
        } else if (field.name == u"perpetrators") {
            if (field.index < 0 || field.index >= in.perpetrators.size())
                return false;
            if (last == u"description")
                text = &in.perpetrators[field.index].description;
            else
                return dropItem(in.perpetrators, field.index);
        } else if (field.name == u"victims") {
            if (field.index < 0 || field.index >= in.victims.size())
                return false;
            Victim& v = in.victims[field.index];
            if (last == u"count") {
                v.count = 1;
                return true;
            }
            text = last == u"name"          ? &v.name
                   : last == u"description" ? &v.description
                   : last == u"age"         ? &v.age
                                            : nullptr;
        }
    }
    if (!text)
        return false;

    if (empty) {
        if (top == u"title") {
            *text = QCoreApplication::translate("TestimonyEditor", "Untitled testimony");
        } else if (top == u"witness" && last == u"pseudonym") {
            const QString previous = lastSaved.witness.pseudonym.trimmed();
            *text = previous.isEmpty() ? QStringLiteral("W-") + newRandomId().left(4).toUpper() : previous;
        } else {
            return false;
        }
        record.replacement = *text;
        return true;
    }
    if (problem.startsWith(u"too long")) {
        *text = truncateUtf8(*text, limitFor(last));
        return true;
    }
    const QString cleaned = stripControls(*text);
    if (cleaned == *text)
        return false;
    *text = cleaned;
    return true;
}

} // namespace

QString truncateUtf8(const QString& text, qsizetype maxBytes)
{
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char16_t c = text[i].unicode();
        const bool pair =
            QChar::isHighSurrogate(c) && i + 1 < text.size() && QChar::isLowSurrogate(text[i + 1].unicode());
        const int width = pair ? 4 : c < 0x80 ? 1 : c < 0x800 ? 2 : 3;
        if (bytes + width > maxBytes)
            return text.left(i);
        bytes += width;
        if (pair)
            ++i;
    }
    return text;
}

bool makeSavable(Testimony& testimony, const Testimony& lastSaved, QList<FieldProblem>& problems)
{
    // Each round repairs one field; a testimony within core's limits needs few.
    for (int round = 0; round < 10000; ++round) {
        auto parsed = parseTestimonyJson(canonicalContentJson(testimony));
        if (parsed)
            return true;
        const QString message = QString::fromStdString(parsed.error().message);
        const qsizetype colon = message.indexOf(QStringLiteral(": "));
        FieldProblem record{message.left(colon), colon >= 0 ? message.mid(colon + 2) : message, {}};
        if (!repair(testimony, lastSaved, splitPath(record.path), record.problem, record)) {
            problems.append(record);
            return false;
        }
        const bool seen = std::any_of(problems.cbegin(), problems.cend(), [&](const FieldProblem& p) {
            return p.path == record.path && p.problem == record.problem;
        });
        if (!seen)
            problems.append(record);
    }
    return false;
}

} // namespace fv::desktop
