#include "core/Testimony.h"

#include <array>
#include <utility>

namespace fv {
namespace {

template <class E, std::size_t N>
QString nameOf(const std::array<std::pair<E, const char16_t*>, N>& table, E value)
{
    for (const auto& [v, name] : table) {
        if (v == value)
            return QString::fromUtf16(name);
    }
    return {};
}

template <class E, std::size_t N>
std::optional<E> valueOf(const std::array<std::pair<E, const char16_t*>, N>& table, QStringView name)
{
    for (const auto& [v, n] : table) {
        if (name == QStringView(n))
            return v;
    }
    return std::nullopt;
}

constexpr std::array<std::pair<DatePrecision, const char16_t*>, 4> kPrecisions{{
    {DatePrecision::Exact, u"exact"},
    {DatePrecision::Approximate, u"approximate"},
    {DatePrecision::Month, u"month"},
    {DatePrecision::Year, u"year"},
}};
constexpr std::array<std::pair<Gender, const char16_t*>, 5> kGenders{{
    {Gender::Unspecified, u""},
    {Gender::Female, u"female"},
    {Gender::Male, u"male"},
    {Gender::Other, u"other"},
    {Gender::Unknown, u"unknown"},
}};
constexpr std::array<std::pair<ConsentMethod, const char16_t*>, 5> kConsentMethods{{
    {ConsentMethod::Unspecified, u""},
    {ConsentMethod::Written, u"written"},
    {ConsentMethod::OralRecorded, u"oral_recorded"},
    {ConsentMethod::OralNoted, u"oral_noted"},
    {ConsentMethod::Other, u"other"},
}};
constexpr std::array<std::pair<VictimCondition, const char16_t*>, 10> kConditions{{
    {VictimCondition::Unspecified, u""},
    {VictimCondition::Killed, u"killed"},
    {VictimCondition::Injured, u"injured"},
    {VictimCondition::Detained, u"detained"},
    {VictimCondition::Disappeared, u"disappeared"},
    {VictimCondition::Tortured, u"tortured"},
    {VictimCondition::Displaced, u"displaced"},
    {VictimCondition::Released, u"released"},
    {VictimCondition::Unharmed, u"unharmed"},
    {VictimCondition::Unknown, u"unknown"},
}};
constexpr std::array<std::pair<AttachmentKind, const char16_t*>, 4> kKinds{{
    {AttachmentKind::Audio, u"audio"},
    {AttachmentKind::Photo, u"photo"},
    {AttachmentKind::Video, u"video"},
    {AttachmentKind::Document, u"document"},
}};
constexpr std::array<std::pair<TestimonyStatus, const char16_t*>, 4> kStatuses{{
    {TestimonyStatus::Draft, u"draft"},
    {TestimonyStatus::Complete, u"complete"},
    {TestimonyStatus::Exported, u"exported"},
    {TestimonyStatus::Delivered, u"delivered"},
}};
constexpr std::array<std::pair<Sensitivity, const char16_t*>, 3> kSensitivities{{
    {Sensitivity::Normal, u"normal"},
    {Sensitivity::High, u"high"},
    {Sensitivity::Critical, u"critical"},
}};

} // namespace

QDate FuzzyDate::first() const
{
    switch (precision) {
    case DatePrecision::Year:
        return QDate(year, 1, 1);
    case DatePrecision::Month:
        return QDate(year, month, 1);
    case DatePrecision::Exact:
    case DatePrecision::Approximate:
        break;
    }
    return QDate(year, month, day);
}

QDate FuzzyDate::last() const
{
    switch (precision) {
    case DatePrecision::Year:
        return QDate(year, 12, 31);
    case DatePrecision::Month: {
        const QDate start(year, month, 1);
        return start.isValid() ? QDate(year, month, start.daysInMonth()) : QDate();
    }
    case DatePrecision::Exact:
    case DatePrecision::Approximate:
        break;
    }
    return QDate(year, month, day);
}

QString Place::displayText() const
{
    QStringList parts;
    for (const QString* part : {&name, &landmark, &district, &city}) {
        if (!part->isEmpty())
            parts.append(*part);
    }
    return parts.join(u", ");
}

bool Testimony::sameContent(const Testimony& other) const
{
    return title == other.title && narrative == other.narrative && summary == other.summary &&
           interviewDate == other.interviewDate && interviewPlace == other.interviewPlace &&
           languages == other.languages && interpreter == other.interpreter &&
           interviewer == other.interviewer && sensitivity == other.sensitivity && witness == other.witness &&
           consent == other.consent && incidents == other.incidents && tags == other.tags;
}

QString toString(DatePrecision value)
{
    return nameOf(kPrecisions, value);
}
QString toString(Gender value)
{
    return nameOf(kGenders, value);
}
QString toString(ConsentMethod value)
{
    return nameOf(kConsentMethods, value);
}
QString toString(VictimCondition value)
{
    return nameOf(kConditions, value);
}
QString toString(AttachmentKind value)
{
    return nameOf(kKinds, value);
}
QString toString(TestimonyStatus value)
{
    return nameOf(kStatuses, value);
}
QString toString(Sensitivity value)
{
    return nameOf(kSensitivities, value);
}

std::optional<DatePrecision> datePrecisionFromString(QStringView name)
{
    return valueOf(kPrecisions, name);
}
std::optional<Gender> genderFromString(QStringView name)
{
    return valueOf(kGenders, name);
}
std::optional<ConsentMethod> consentMethodFromString(QStringView name)
{
    return valueOf(kConsentMethods, name);
}
std::optional<VictimCondition> victimConditionFromString(QStringView name)
{
    return valueOf(kConditions, name);
}
std::optional<AttachmentKind> attachmentKindFromString(QStringView name)
{
    return valueOf(kKinds, name);
}
std::optional<TestimonyStatus> testimonyStatusFromString(QStringView name)
{
    return valueOf(kStatuses, name);
}
std::optional<Sensitivity> sensitivityFromString(QStringView name)
{
    return valueOf(kSensitivities, name);
}

AttachmentKind attachmentKindForMediaType(QStringView mediaType)
{
    if (mediaType.startsWith(u"audio/", Qt::CaseInsensitive))
        return AttachmentKind::Audio;
    if (mediaType.startsWith(u"image/", Qt::CaseInsensitive))
        return AttachmentKind::Photo;
    if (mediaType.startsWith(u"video/", Qt::CaseInsensitive))
        return AttachmentKind::Video;
    return AttachmentKind::Document;
}

} // namespace fv
