#pragma once
// The domain model of one testimony (one interview), after the HURIDOCS Events Standard
// Formats' "who did what to whom": the witness (by pseudonym), their consent, the incidents
// they describe (acts, perpetrators, victims, place, date), attachments, tags and status.
//
// Plain values: validation lives in TestimonyJson (untrusted input) and the store. Fields
// marked SENSITIVE identify a person; they never leave the field machine unless the delegate
// explicitly chooses so (export redacts them by default).

#include <QDate>
#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <compare>
#include <cstdint>
#include <optional>

namespace fv {

enum class DatePrecision
{
    Exact,       ///< the day is known
    Approximate, ///< around that day
    Month,       ///< only the month is known
    Year,        ///< only the year is known
};

/// A date as precise as the witness could give it. `day` is 0 for Month and Year precision,
/// `month` is 0 for Year precision.
struct FuzzyDate
{
    int year = 0;
    int month = 0;
    int day = 0;
    DatePrecision precision = DatePrecision::Exact;

    /// The first and last day the date may stand for (a whole month or year, or one day).
    QDate first() const;
    QDate last() const;
    bool operator==(const FuzzyDate&) const = default;
};

/// A place: a free-text name, optionally split into city, district and landmark, with
/// optional WGS 84 coordinates.
struct Place
{
    QString name{};
    QString city{};
    QString district{};
    QString landmark{};
    std::optional<double> latitude{};
    std::optional<double> longitude{};

    bool isEmpty() const
    {
        return name.isEmpty() && city.isEmpty() && district.isEmpty() && landmark.isEmpty() && !latitude &&
               !longitude;
    }
    /// The non-empty parts joined with ", " (name, landmark, district, city).
    QString displayText() const;
    bool operator==(const Place&) const = default;
};

enum class Gender
{
    Unspecified, ///< not recorded
    Female,
    Male,
    Other,
    Unknown, ///< the witness did not know or would not say
};

struct Witness
{
    QString pseudonym{}; ///< always present: how the testimony refers to the witness
    QString realName{};  ///< SENSITIVE
    QString contact{};   ///< SENSITIVE: phone, messenger handle, …
    QString address{};   ///< SENSITIVE: exact address
    Gender gender = Gender::Unspecified;
    QString ageRange{};          ///< one of kAgeRanges, or empty
    QString role{};              ///< witness-role code (esf::findWitnessRole), or empty
    QString relationToVictims{}; ///< free text ("brother of the first victim")
    bool operator==(const Witness&) const = default;
};

enum class ConsentMethod
{
    Unspecified,
    Written,
    OralRecorded, ///< spoken consent captured in the interview recording
    OralNoted,    ///< spoken consent noted by the interviewer
    Other,
};

/// What the witness allowed. The scope flags are meaningful only when `given` is true.
struct Consent
{
    bool given = false;
    ConsentMethod how = ConsentMethod::Unspecified;
    bool quoteAnonymously = false;
    bool shareWithUn = false;
    bool legalProceedings = false;
    bool contactAgain = false;
    std::optional<QDate> date{};
    bool operator==(const Consent&) const = default;
};

enum class VictimCondition
{
    Unspecified,
    Killed,
    Injured,
    Detained,
    Disappeared,
    Tortured,
    Displaced,
    Released,
    Unharmed,
    Unknown,
};

/// A victim, or a group of victims when `count` > 1. Named only if dead or disappeared (the
/// delegate's choice); otherwise described.
struct Victim
{
    QString name{};
    QString description{};
    int count = 1;
    QString age{}; ///< free text: "17", "about 40", "20-30"
    Gender gender = Gender::Unspecified;
    VictimCondition condition = VictimCondition::Unspecified;
    bool operator==(const Victim&) const = default;
};

/// A perpetrator: an ESF list-24 type, optionally with a description ("4th Division, checkpoint
/// at the bridge").
struct Perpetrator
{
    QString type{};
    QString description{};
    bool operator==(const Perpetrator&) const = default;
};

struct Incident
{
    std::optional<FuzzyDate> date{};
    Place place{};
    QStringList acts{}; ///< ESF list-4 codes
    QList<Perpetrator> perpetrators{};
    QList<Victim> victims{};
    QString description{};
    bool operator==(const Incident&) const = default;
};

enum class AttachmentKind
{
    Audio,
    Photo,
    Video,
    Document,
};

/// What the store knows about an attachment; its bytes live in the blob store, encrypted.
struct AttachmentInfo
{
    QString id{};
    AttachmentKind kind = AttachmentKind::Document;
    QString mediaType{}; ///< e.g. "audio/ogg"
    QString fileName{};  ///< SENSITIVE: the original file name
    std::uint64_t size = 0;
    QString sha256{};                    ///< lower-case hex SHA-256 of the plaintext
    QDateTime created{};                 ///< when it was added to the vault (UTC)
    std::optional<QDateTime> captured{}; ///< when it was recorded, if known
    QString note{};
    bool operator==(const AttachmentInfo&) const = default;
};

enum class TestimonyStatus
{
    Draft,
    Complete,
    Exported,  ///< sealed into at least one bundle
    Delivered, ///< HQ acknowledged receipt
};

enum class Sensitivity
{
    Normal,
    High,     ///< identifying details or graphic content
    Critical, ///< disclosure would put someone in immediate danger
};

/// One testimony. The content fields are what a version stores and hashes; the record
/// fields (id, status, version, created, updated, attachments) are kept by the store and are
/// ignored when a testimony is added or edited.
struct Testimony
{
    // Content.
    QString title{};
    QString narrative{}; ///< in the witness's words
    QString summary{};
    QString interviewDate{}; ///< ISO 8601 date or date-time, as validated by TestimonyJson
    Place interviewPlace{};
    QStringList languages{}; ///< BCP 47 tags, e.g. "ar", "en", "ar-SY"
    QString interpreter{};   ///< SENSITIVE: who interpreted; empty when nobody did
    QString interviewer{};   ///< the delegate's name or code
    Sensitivity sensitivity = Sensitivity::Normal;
    Witness witness{};
    Consent consent{};
    QList<Incident> incidents{};
    QStringList tags{};

    // Record (kept by the store).
    QString id{};
    TestimonyStatus status = TestimonyStatus::Draft;
    int version = 0;
    QDateTime created{};
    QDateTime updated{};
    QList<AttachmentInfo> attachments{};

    bool operator==(const Testimony&) const = default;
    /// True when the content fields are equal (the record fields are not compared).
    bool sameContent(const Testimony& other) const;
};

/// The accepted witness age ranges.
inline constexpr const char16_t* kAgeRanges[] = {u"0-17", u"18-29", u"30-44", u"45-59", u"60+", u"unknown"};

// Names used in JSON and SQL ("approximate", "oral_recorded", "draft", …). The parse
// functions return nullopt for a name they do not know.
QString toString(DatePrecision value);
QString toString(Gender value);
QString toString(ConsentMethod value);
QString toString(VictimCondition value);
QString toString(AttachmentKind value);
QString toString(TestimonyStatus value);
QString toString(Sensitivity value);
std::optional<DatePrecision> datePrecisionFromString(QStringView name);
std::optional<Gender> genderFromString(QStringView name);
std::optional<ConsentMethod> consentMethodFromString(QStringView name);
std::optional<VictimCondition> victimConditionFromString(QStringView name);
std::optional<AttachmentKind> attachmentKindFromString(QStringView name);
std::optional<TestimonyStatus> testimonyStatusFromString(QStringView name);
std::optional<Sensitivity> sensitivityFromString(QStringView name);

/// The attachment kind for a media type: audio/* audio, image/* photo, video/* video, anything
/// else a document.
AttachmentKind attachmentKindForMediaType(QStringView mediaType);

} // namespace fv
