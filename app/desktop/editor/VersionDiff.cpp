#include "editor/VersionDiff.h"

#include <QLocale>
#include <vector>

namespace fv::desktop {

namespace {

QString yesNo(bool value)
{
    return value ? VersionDiff::tr("yes") : VersionDiff::tr("no");
}

QString genderText(Gender value)
{
    switch (value) {
    case Gender::Unspecified:
        return {};
    case Gender::Female:
        return VersionDiff::tr("female");
    case Gender::Male:
        return VersionDiff::tr("male");
    case Gender::Other:
        return VersionDiff::tr("other");
    case Gender::Unknown:
        return VersionDiff::tr("unknown");
    }
    return {};
}

QString sensitivityText(Sensitivity value)
{
    switch (value) {
    case Sensitivity::Normal:
        return VersionDiff::tr("normal");
    case Sensitivity::High:
        return VersionDiff::tr("high");
    case Sensitivity::Critical:
        return VersionDiff::tr("critical");
    }
    return {};
}

QString consentMethodText(ConsentMethod value)
{
    switch (value) {
    case ConsentMethod::Unspecified:
        return {};
    case ConsentMethod::Written:
        return VersionDiff::tr("written");
    case ConsentMethod::OralRecorded:
        return VersionDiff::tr("spoken, recorded");
    case ConsentMethod::OralNoted:
        return VersionDiff::tr("spoken, noted");
    case ConsentMethod::Other:
        return VersionDiff::tr("other");
    }
    return {};
}

QString fuzzyDateText(const std::optional<FuzzyDate>& date)
{
    if (!date)
        return {};
    switch (date->precision) {
    case DatePrecision::Exact:
        return QDate(date->year, date->month, date->day).toString(Qt::ISODate);
    case DatePrecision::Approximate:
        return VersionDiff::tr("around %1")
            .arg(QDate(date->year, date->month, date->day).toString(Qt::ISODate));
    case DatePrecision::Month:
        return QStringLiteral("%1-%2")
            .arg(date->year, 4, 10, QLatin1Char('0'))
            .arg(date->month, 2, 10, QLatin1Char('0'));
    case DatePrecision::Year:
        return QString::number(date->year);
    }
    return {};
}

QString placeText(const Place& place)
{
    QString text = place.displayText();
    if (place.latitude && place.longitude)
        text += QStringLiteral(" (%1, %2)").arg(*place.latitude, 0, 'f', 5).arg(*place.longitude, 0, 'f', 5);
    return text;
}

/// One incident as lines, so that two versions of it can be compared line by line.
QString incidentText(const Incident& incident)
{
    QStringList lines;
    if (incident.date)
        lines << VersionDiff::tr("Date: %1").arg(fuzzyDateText(incident.date));
    if (!incident.place.isEmpty())
        lines << VersionDiff::tr("Place: %1").arg(placeText(incident.place));
    if (!incident.acts.isEmpty())
        lines << VersionDiff::tr("Acts: %1").arg(incident.acts.join(QStringLiteral(", ")));
    for (const Perpetrator& p : incident.perpetrators)
        lines << VersionDiff::tr("Perpetrator: %1 %2").arg(p.type, p.description).trimmed();
    for (const Victim& v : incident.victims)
        lines << VersionDiff::tr("Victim: %1 %2 (%3 people, age %4, %5)")
                     .arg(v.name, v.description)
                     .arg(v.count)
                     .arg(v.age, toString(v.condition));
    if (!incident.description.isEmpty())
        lines << incident.description.split(QLatin1Char('\n'));
    return lines.join(QLatin1Char('\n'));
}

} // namespace

std::pair<QStringList, QStringList> VersionDiff::lineChanges(const QString& before, const QString& after)
{
    const QStringList a = before.isEmpty() ? QStringList() : before.split(QLatin1Char('\n'));
    const QStringList b = after.isEmpty() ? QStringList() : after.split(QLatin1Char('\n'));
    const auto n = static_cast<std::size_t>(a.size());
    const auto m = static_cast<std::size_t>(b.size());
    // Texts too long for the quadratic table are shown whole.
    if (n * m > 4'000'000)
        return {a, b};
    std::vector<std::uint32_t> lcs((n + 1) * (m + 1), 0);
    auto at = [&](std::size_t i, std::size_t j) -> std::uint32_t& { return lcs[i * (m + 1) + j]; };
    for (std::size_t i = n; i-- > 0;)
        for (std::size_t j = m; j-- > 0;)
            at(i, j) = a[static_cast<qsizetype>(i)] == b[static_cast<qsizetype>(j)]
                           ? at(i + 1, j + 1) + 1
                           : std::max(at(i + 1, j), at(i, j + 1));
    QStringList removed;
    QStringList added;
    std::size_t i = 0;
    std::size_t j = 0;
    while (i < n && j < m) {
        if (a[static_cast<qsizetype>(i)] == b[static_cast<qsizetype>(j)]) {
            ++i;
            ++j;
        } else if (at(i + 1, j) >= at(i, j + 1)) {
            removed << a[static_cast<qsizetype>(i++)];
        } else {
            added << b[static_cast<qsizetype>(j++)];
        }
    }
    for (; i < n; ++i)
        removed << a[static_cast<qsizetype>(i)];
    for (; j < m; ++j)
        added << b[static_cast<qsizetype>(j)];
    return {removed, added};
}

QList<FieldChange> VersionDiff::compare(const Testimony& before, const Testimony& after)
{
    QList<FieldChange> changes;
    auto value = [&](const QString& field, const QString& a, const QString& b, bool sensitive = false) {
        if (a != b)
            changes.append(FieldChange{field, a, b, sensitive});
    };
    auto lines = [&](const QString& field, const QString& a, const QString& b) {
        if (a == b)
            return;
        const auto [removed, added] = lineChanges(a, b);
        changes.append(
            FieldChange{field, removed.join(QLatin1Char('\n')), added.join(QLatin1Char('\n')), false});
    };
    const QString comma = QStringLiteral(", ");

    value(tr("Title"), before.title, after.title);
    lines(tr("Narrative"), before.narrative, after.narrative);
    lines(tr("Summary"), before.summary, after.summary);
    value(tr("Interview date"), before.interviewDate, after.interviewDate);
    value(tr("Interview place"), placeText(before.interviewPlace), placeText(after.interviewPlace));
    value(tr("Languages"), before.languages.join(comma), after.languages.join(comma));
    value(tr("Interpreter"), before.interpreter, after.interpreter, true);
    value(tr("Interviewer"), before.interviewer, after.interviewer);
    value(tr("Sensitivity"), sensitivityText(before.sensitivity), sensitivityText(after.sensitivity));

    const Witness& w0 = before.witness;
    const Witness& w1 = after.witness;
    value(tr("Witness pseudonym"), w0.pseudonym, w1.pseudonym);
    value(tr("Witness real name"), w0.realName, w1.realName, true);
    value(tr("Witness contact"), w0.contact, w1.contact, true);
    value(tr("Witness address"), w0.address, w1.address, true);
    value(tr("Witness gender"), genderText(w0.gender), genderText(w1.gender));
    value(tr("Witness age range"), w0.ageRange, w1.ageRange);
    value(tr("Witness role"), w0.role, w1.role);
    value(tr("Relation to the victims"), w0.relationToVictims, w1.relationToVictims);

    const Consent& c0 = before.consent;
    const Consent& c1 = after.consent;
    value(tr("Consent given"), yesNo(c0.given), yesNo(c1.given));
    value(tr("How consent was given"), consentMethodText(c0.how), consentMethodText(c1.how));
    value(tr("May be quoted anonymously"), yesNo(c0.quoteAnonymously), yesNo(c1.quoteAnonymously));
    value(tr("May be shared with the UN"), yesNo(c0.shareWithUn), yesNo(c1.shareWithUn));
    value(tr("May be used in legal proceedings"), yesNo(c0.legalProceedings), yesNo(c1.legalProceedings));
    value(tr("May be contacted again"), yesNo(c0.contactAgain), yesNo(c1.contactAgain));
    value(tr("Consent date"), c0.date ? c0.date->toString(Qt::ISODate) : QString(),
          c1.date ? c1.date->toString(Qt::ISODate) : QString());

    const qsizetype incidents = std::max(before.incidents.size(), after.incidents.size());
    for (qsizetype k = 0; k < incidents; ++k) {
        const QString a = k < before.incidents.size() ? incidentText(before.incidents[k]) : QString();
        const QString b = k < after.incidents.size() ? incidentText(after.incidents[k]) : QString();
        lines(tr("Incident %1").arg(k + 1), a, b);
    }
    value(tr("Tags"), before.tags.join(comma), after.tags.join(comma));
    return changes;
}

} // namespace fv::desktop
