// The testimony JSON input format: round trip, validation messages that name the field,
// strict UTF-8, size limits, vocabularies, dates.
#include "core/Esf.h"
#include "test_domain_support.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace fv;
using namespace Qt::StringLiterals;

namespace {

// The message of the error parsing `json` gives; fails the test if it parses.
std::string errorOf(QByteArrayView json)
{
    auto t = parseTestimonyJson(json);
    if (t) {
        FAIL("parsed although it should not: " << json.toByteArray().toStdString());
        return {};
    }
    CHECK(t.error().code == ErrorCode::InvalidInput);
    return t.error().message;
}

// sampleJson() with one value replaced: `path` is a list of keys and array indexes.
QByteArray withValue(const QStringList& path, const QJsonValue& value)
{
    QJsonObject root = QJsonDocument::fromJson(fvtest::sampleJson()).object();
    std::function<QJsonValue(QJsonValue, qsizetype)> set = [&](QJsonValue node,
                                                               qsizetype depth) -> QJsonValue {
        if (depth == path.size())
            return value;
        bool isIndex = false;
        const int index = path[depth].toInt(&isIndex);
        if (isIndex) {
            QJsonArray a = node.toArray();
            while (a.size() <= index)
                a.append(QJsonValue());
            a[index] = set(a[index], depth + 1);
            return a;
        }
        QJsonObject o = node.toObject();
        const QJsonValue child = set(o.value(path[depth]), depth + 1);
        if (child.isUndefined())
            o.remove(path[depth]);
        else
            o.insert(path[depth], child);
        return o;
    };
    return QJsonDocument(set(root, 0).toObject()).toJson(QJsonDocument::Compact);
}

} // namespace

TEST_CASE("the sample testimony parses into the model")
{
    const Testimony t = fvtest::sampleTestimony();
    CHECK(t.title.startsWith(u"Demonstration"));
    CHECK(t.interviewDate == u"2012-06-02T15:30:00+03:00");
    CHECK(t.interviewPlace.city == u"Ḥalab");
    CHECK(t.languages == QStringList{u"ar"_s, u"en"_s});
    CHECK(t.sensitivity == Sensitivity::High);
    CHECK(t.witness.pseudonym == u"W-0412");
    CHECK(t.witness.gender == Gender::Male);
    CHECK(t.witness.role == u"010200000000"); // "eyewitness" is stored as its code
    CHECK(t.consent.given);
    CHECK(t.consent.how == ConsentMethod::OralRecorded);
    CHECK(t.consent.date == QDate(2012, 6, 2));
    REQUIRE(t.incidents.size() == 2);
    const Incident& first = t.incidents[0];
    REQUIRE(first.date);
    CHECK(first.date->precision == DatePrecision::Exact);
    CHECK(first.date->first() == QDate(2012, 5, 25));
    CHECK(first.place.latitude == 36.1995);
    CHECK(first.acts == QStringList{u"010105010000"_s, u"020111110000"_s});
    REQUIRE(first.perpetrators.size() == 2);
    CHECK(first.perpetrators[1].description == u"Air Force Intelligence");
    REQUIRE(first.victims.size() == 2);
    CHECK(first.victims[0].condition == VictimCondition::Killed);
    CHECK(first.victims[1].count == 12);
    const Incident& second = t.incidents[1];
    REQUIRE(second.date);
    CHECK(second.date->precision == DatePrecision::Month);
    CHECK(second.date->first() == QDate(2012, 5, 1));
    CHECK(second.date->last() == QDate(2012, 5, 31));
    CHECK(second.place.name == u"Bustan al-Qasr");
    CHECK(t.tags.size() == 3);
}

TEST_CASE("serialising and parsing again gives the same testimony")
{
    Testimony t = fvtest::sampleTestimony();
    SECTION("content only")
    {
        const QByteArray once = toTestimonyJson(t);
        auto again = parseTestimonyJson(once);
        REQUIRE(again);
        CHECK(*again == t);
        CHECK(toTestimonyJson(*again) == once);
    }
    SECTION("with record fields, as `show` prints them")
    {
        t.id = newRandomId();
        t.status = TestimonyStatus::Exported;
        t.version = 3;
        t.created = QDateTime(QDate(2012, 6, 2), QTime(12, 0), Qt::UTC);
        t.updated = t.created.addSecs(3600);
        AttachmentInfo a;
        a.id = newRandomId();
        a.kind = AttachmentKind::Audio;
        a.mediaType = u"audio/ogg"_s;
        a.fileName = u"مقابلة.ogg"_s;
        a.size = 123456789;
        a.sha256 = QString(64, u'a');
        a.created = t.created;
        a.captured = t.created.addSecs(-60);
        a.note = u"interview recording"_s;
        t.attachments.append(a);
        for (bool indented : {false, true}) {
            auto again = parseTestimonyJson(toTestimonyJson(t, {.indented = indented}));
            REQUIRE(again);
            CHECK(*again == t);
        }
    }
    SECTION("the minimal testimony")
    {
        const Testimony m = fvtest::minimalTestimony(u"t"_s);
        auto again = parseTestimonyJson(toTestimonyJson(m));
        REQUIRE(again);
        CHECK(*again == m);
    }
    SECTION("every date precision")
    {
        const char* forms[][2] = {
            {"2012-05-25", "exact"}, {"2012-05-25", "approximate"}, {"2012-05", "month"}, {"2012", "year"}};
        for (const auto& [date, precision] : forms) {
            const QByteArray json =
                withValue({u"incidents"_s, u"0"_s}, QJsonObject{
                                                        {u"date"_s, QString::fromLatin1(date)},
                                                        {u"date_precision"_s, QString::fromLatin1(precision)},
                                                    });
            auto parsed = parseTestimonyJson(json);
            REQUIRE(parsed);
            auto again = parseTestimonyJson(toTestimonyJson(*parsed));
            REQUIRE(again);
            CHECK(*again == *parsed);
            CHECK(toString(again->incidents[0].date->precision) == QString::fromLatin1(precision));
        }
    }
}

TEST_CASE("the canonical content is deterministic and leaves record fields out")
{
    Testimony t = fvtest::sampleTestimony();
    const QByteArray canonical = canonicalContentJson(t);
    t.id = newRandomId();
    t.status = TestimonyStatus::Delivered;
    t.version = 9;
    CHECK(canonicalContentJson(t) == canonical);
    CHECK_FALSE(canonical.contains("\"id\""));
    CHECK_FALSE(canonical.contains('\n'));
    // Keys come out sorted whatever the input order.
    const QByteArray reordered = R"({"witness":{"pseudonym":"W"},"title":"T","interview_date":"2012-01-01"})";
    const QByteArray ordered = R"({"interview_date":"2012-01-01","title":"T","witness":{"pseudonym":"W"}})";
    CHECK(canonicalContentJson(*parseTestimonyJson(reordered)) ==
          canonicalContentJson(*parseTestimonyJson(ordered)));
}

TEST_CASE("sensitive fields can be left out of the output")
{
    Testimony t = fvtest::sampleTestimony();
    t.attachments.append({.id = newRandomId(), .fileName = u"CANARY-FILE-NAME.jpg"_s});
    const QByteArray redacted = toTestimonyJson(t, {.includeSensitive = false});
    CHECK_FALSE(redacted.contains("CANARY-REAL-NAME"));
    CHECK_FALSE(redacted.contains("+963"));
    CHECK_FALSE(redacted.contains("Interpreter 3"));
    CHECK_FALSE(redacted.contains("CANARY-FILE-NAME"));
    CHECK(redacted.contains("W-0412"));
    CHECK(toTestimonyJson(t).contains("CANARY-REAL-NAME"));
}

TEST_CASE("every validation error names the field")
{
    struct Case
    {
        QStringList path;
        QJsonValue value;
        std::string message;
    };
    const QString longShort(1025, u'x');
    const QString longArabicTitle(513, u'ب'); // 1026 bytes of UTF-8
    const Case cases[] = {
        {{u"title"_s}, QJsonValue(QJsonValue::Undefined), "title: required"},
        {{u"title"_s}, u"   "_s, "title: must not be empty"},
        {{u"title"_s}, 42, "title: expected a string, found a number"},
        {{u"title"_s}, longShort, "title: too long (max 1 KiB)"},
        {{u"title"_s}, longArabicTitle, "title: too long (max 1 KiB)"},
        {{u"summary"_s}, QString(64 * 1024 + 1, u'x'), "summary: too long (max 64 KiB)"},
        {{u"interview_date"_s}, QJsonValue(QJsonValue::Undefined), "interview_date: required"},
        {{u"interview_date"_s}, u"25/05/2012"_s, "interview_date: expected an ISO 8601 date"},
        {{u"interview_date"_s}, u"2012-02-30"_s, "interview_date: no such date \"2012-02-30\""},
        {{u"interview_date"_s}, u"2012-02-03T25:00"_s, "interview_date: no such time"},
        {{u"interview_place"_s}, 3, "interview_place: expected a string or an object, found a number"},
        {{u"interview_place"_s, u"floor"_s}, 3, "interview_place.floor: unknown field"},
        {{u"interview_place"_s, u"latitude"_s}, 91, "interview_place.latitude: out of range"},
        {{u"interview_place"_s, u"latitude"_s},
         10,
         "interview_place.longitude: required with the other coordinate"},
        {{u"language"_s}, u"arabic language"_s, "language: expected a language tag"},
        {{u"language"_s, u"1"_s}, u"x"_s, "language[1]: expected a language tag"},
        {{u"sensitivity"_s},
         u"secret"_s,
         "sensitivity: unknown value \"secret\" (expected normal, high or critical)"},
        {{u"nickname"_s}, u"x"_s, "nickname: unknown field"},
        {{u"witness"_s}, QJsonValue(QJsonValue::Undefined), "witness.pseudonym: required"},
        {{u"witness"_s}, u"W"_s, "witness: expected an object, found a string"},
        {{u"witness"_s, u"pseudonym"_s}, QJsonValue(QJsonValue::Undefined), "witness.pseudonym: required"},
        {{u"witness"_s, u"pseudonym"_s}, u""_s, "witness.pseudonym: must not be empty"},
        {{u"witness"_s, u"nickname"_s}, u"x"_s, "witness.nickname: unknown field"},
        {{u"witness"_s, u"gender"_s}, u"m"_s, "witness.gender: unknown value \"m\""},
        {{u"witness"_s, u"age_range"_s}, u"old"_s, "witness.age_range: unknown value \"old\""},
        {{u"witness"_s, u"role"_s}, u"spy"_s, "witness.role: unknown witness role \"spy\""},
        {{u"witness"_s, u"real_name"_s}, longShort, "witness.real_name: too long (max 1 KiB)"},
        {{u"consent"_s, u"given"_s}, u"yes"_s, "consent.given: expected true or false, found a string"},
        {{u"consent"_s, u"given"_s},
         false,
         "consent.quote_anonymously: cannot be true when consent.given is false"},
        {{u"consent"_s, u"how"_s}, u"telepathy"_s, "consent.how: unknown value \"telepathy\""},
        {{u"consent"_s, u"date"_s}, u"2012-13-01"_s, "consent.date: expected a date like 2012-05-25"},
        {{u"consent"_s, u"scope"_s}, true, "consent.scope: unknown field"},
        {{u"incidents"_s}, u"none"_s, "incidents: expected an array, found a string"},
        {{u"incidents"_s, u"1"_s}, 7, "incidents[1]: expected an object, found a number"},
        {{u"incidents"_s, u"1"_s, u"acts"_s, u"0"_s},
         u"99999"_s,
         "incidents[1].acts[0]: unknown act code \"99999\""},
        {{u"incidents"_s, u"0"_s, u"acts"_s, u"1"_s},
         5,
         "incidents[0].acts[1]: expected a string, found a number"},
        {{u"incidents"_s, u"0"_s, u"acts"_s}, u"020111110000"_s, "incidents[0].acts: expected an array"},
        {{u"incidents"_s, u"0"_s, u"perpetrators"_s, u"0"_s},
         u"010103000001"_s,
         "incidents[0].perpetrators[0]: unknown perpetrator code \"010103000001\""},
        {{u"incidents"_s, u"0"_s, u"perpetrators"_s, u"1"_s, u"type"_s},
         u"x"_s,
         "incidents[0].perpetrators[1].type: unknown perpetrator code \"x\""},
        {{u"incidents"_s, u"0"_s, u"perpetrators"_s, u"1"_s, u"rank"_s},
         u"x"_s,
         "incidents[0].perpetrators[1].rank: unknown field"},
        {{u"incidents"_s, u"0"_s, u"victims"_s, u"1"_s, u"count"_s},
         0,
         "incidents[0].victims[1].count: out of range (1 to 1000000)"},
        {{u"incidents"_s, u"0"_s, u"victims"_s, u"1"_s, u"count"_s},
         2.5,
         "incidents[0].victims[1].count: expected a whole number"},
        {{u"incidents"_s, u"0"_s, u"victims"_s, u"0"_s, u"condition"_s},
         u"dead"_s,
         "incidents[0].victims[0].condition: unknown value \"dead\""},
        {{u"incidents"_s, u"0"_s, u"victims"_s, u"0"_s, u"name"_s},
         longShort,
         "incidents[0].victims[0].name: too long (max 1 KiB)"},
        {{u"incidents"_s, u"0"_s, u"date"_s},
         u"25.05.2012"_s,
         "incidents[0].date: expected 2012-05-25, 2012-05 or 2012"},
        {{u"incidents"_s, u"0"_s, u"date"_s},
         u"2012-05"_s,
         "incidents[0].date: precision exact needs the form 2012-05-25, found \"2012-05\""},
        {{u"incidents"_s, u"1"_s, u"date"_s},
         u"2012-05-03"_s,
         "incidents[1].date: precision month needs the form 2012-05"},
        {{u"incidents"_s, u"0"_s, u"date"_s}, u"2012-02-30"_s, "incidents[0].date: no such date"},
        {{u"incidents"_s, u"0"_s, u"date"_s},
         QJsonValue(QJsonValue::Undefined),
         "incidents[0].date_precision: given without a date"},
        {{u"incidents"_s, u"0"_s, u"date_precision"_s},
         u"circa"_s,
         "incidents[0].date_precision: unknown value \"circa\""},
        {{u"tags"_s, u"1"_s}, u" "_s, "tags[1]: must not be empty"},
        {{u"tags"_s, u"0"_s}, QString(129, u't'), "tags[0]: too long (max 128 bytes)"},
        {{u"format_version"_s}, 2, "format_version: unsupported version 2 (this build reads 1)"},
        {{u"id"_s}, u"../../etc"_s, "id: expected a testimony id"},
        {{u"status"_s}, u"lost"_s, "status: unknown value \"lost\""},
        {{u"created"_s}, u"yesterday"_s, "created: expected a UTC date and time"},
        {{u"attachments"_s, u"0"_s, u"sha256"_s}, u"XYZ"_s, "attachments[0].id: required"},
    };
    for (const Case& c : cases) {
        INFO("path " << c.path.join(u"/").toStdString());
        const std::string message = errorOf(withValue(c.path, c.value));
        CHECK_THAT(message, Catch::StartsWith(c.message));
    }
}

TEST_CASE("too many items are refused with the list's name")
{
    QJsonArray tags;
    for (int i = 0; i <= jsonlimits::kTags; ++i)
        tags.append(u"tag %1"_s.arg(i));
    CHECK(errorOf(withValue({u"tags"_s}, tags)) == "tags: too many items (max 100)");
    QJsonArray acts;
    for (int i = 0; i <= jsonlimits::kListItems; ++i)
        acts.append(u"020111110000"_s);
    CHECK(errorOf(withValue({u"incidents"_s, u"0"_s, u"acts"_s}, acts)) ==
          "incidents[0].acts: too many items (max 1000)");
}

TEST_CASE("oversize narrative and input are refused")
{
    const QString max(jsonlimits::kNarrative / 2, u'ش'); // exactly 1 MiB of UTF-8
    CHECK(parseTestimonyJson(withValue({u"narrative"_s}, max)));
    CHECK(errorOf(withValue({u"narrative"_s}, max + u'x')) == "narrative: too long (max 1 MiB)");
    QByteArray huge = "{\"title\":\"" + QByteArray(jsonlimits::kInput, 'a') + "\"}";
    CHECK(errorOf(huge) == "input: too large (max 8 MiB)");
}

TEST_CASE("invalid UTF-8 is refused before JSON parsing, with its byte offset")
{
    const QByteArray good = fvtest::sampleJson();
    const qsizetype at = good.indexOf("W-0412");
    REQUIRE(at > 0);
    const char* bad[] = {
        "\xff",             // never valid
        "\xc0\xaf",         // overlong '/'
        "\xe0\x80\xaf",     // overlong
        "\xed\xa0\x80",     // UTF-16 surrogate
        "\xf4\x90\x80\x80", // above U+10FFFF
        "\xc3",             // truncated (followed by ASCII)
        "\x80",             // lone continuation byte
    };
    for (const char* seq : bad) {
        QByteArray input = good;
        input.insert(at, seq);
        INFO("sequence " << QByteArray(seq).toHex().toStdString());
        CHECK(errorOf(input) == "invalid UTF-8 in input at byte " + std::to_string(at));
    }
    CHECK(firstInvalidUtf8("abc\xe2\x82") == 3); // truncated at the very end
    CHECK_FALSE(firstInvalidUtf8("\xf0\x9f\x98\x80 \xd8\xa3\xd8\xad\xd9\x85\xd8\xaf \xe2\x82\xac"));
}

TEST_CASE("escapes that decode to bad text are refused")
{
    CHECK(errorOf(R"({"title":"a\u0000b","interview_date":"2012-01-01","witness":{"pseudonym":"W"}})") ==
          "title: contains a NUL character");
    CHECK(errorOf(R"({"title":"a\ud800b","interview_date":"2012-01-01","witness":{"pseudonym":"W"}})") ==
          "title: invalid Unicode escape (unpaired surrogate)");
    CHECK(errorOf(R"({"title":"a\u001bb","interview_date":"2012-01-01","witness":{"pseudonym":"W"}})") ==
          "title: contains a control character");
    // A pair of escapes for one character outside the BMP is fine.
    CHECK(parseTestimonyJson(
        R"({"title":"\ud83d\ude00","interview_date":"2012-01-01","witness":{"pseudonym":"W"}})"));
}

TEST_CASE("malformed or misplaced JSON gets one message")
{
    CHECK(errorOf("") == "input: empty (expected one testimony as a JSON object)");
    CHECK(errorOf("  \n") == "input: empty (expected one testimony as a JSON object)");
    CHECK(errorOf("[1,2]") == "input: expected a JSON object (one testimony)");
    CHECK_THAT(errorOf(R"({"title": "x",})"), Catch::StartsWith("malformed JSON at byte"));
    CHECK_THAT(errorOf(R"({"title": "x"} trailing)"), Catch::StartsWith("malformed JSON at byte"));
    CHECK_THAT(errorOf(QByteArray(5000, '[')), Catch::StartsWith("malformed JSON"));
}

TEST_CASE("a UTF-8 byte-order mark is accepted")
{
    auto t = parseTestimonyJson("\xef\xbb\xbf" + fvtest::sampleJson());
    REQUIRE(t);
    CHECK(t->witness.pseudonym == u"W-0412");
}

TEST_CASE("convenient forms are accepted and normalised")
{
    SECTION("a single language as a string, a witness role as its code")
    {
        auto t = parseTestimonyJson(
            R"({"title":"T","interview_date":"2012-01-01","language":"ar","witness":{"pseudonym":"W","role":"040200000000"}})");
        REQUIRE(t);
        CHECK(t->languages == QStringList{u"ar"_s});
        CHECK(t->witness.role == u"040200000000");
        CHECK(toTestimonyJson(*t).contains("\"role\":\"medic\""));
    }
    SECTION("a date without precision takes the precision of its form")
    {
        auto t = parseTestimonyJson(
            R"({"title":"T","interview_date":"2012-01-01","witness":{"pseudonym":"W"},"incidents":[{"date":"2011"},{"date":"2011-03-15"}]})");
        REQUIRE(t);
        CHECK(t->incidents[0].date->precision == DatePrecision::Year);
        CHECK(t->incidents[0].date->last() == QDate(2011, 12, 31));
        CHECK(t->incidents[1].date->precision == DatePrecision::Exact);
    }
    SECTION("duplicate tags and act codes are kept once")
    {
        auto t = parseTestimonyJson(
            R"({"title":"T","interview_date":"2012-01-01","witness":{"pseudonym":"W"},"tags":["a","a","b"],"incidents":[{"acts":["020111110000","020111110000"]}]})");
        REQUIRE(t);
        CHECK(t->tags == QStringList{u"a"_s, u"b"_s});
        CHECK(t->incidents[0].acts.size() == 1);
    }
    SECTION("null is the same as leaving a field out")
    {
        auto t = parseTestimonyJson(
            R"({"title":"T","interview_date":"2012-01-01","witness":{"pseudonym":"W","gender":null},"summary":null,"consent":null})");
        REQUIRE(t);
        CHECK(t->summary.isEmpty());
        CHECK_FALSE(t->consent.given);
    }
}

TEST_CASE("the complete example of docs/json-format.md is valid")
{
    QFile doc(QStringLiteral(FV_SOURCE_DIR "/docs/json-format.md"));
    REQUIRE(doc.open(QIODevice::ReadOnly));
    const QByteArray text = doc.readAll();
    const qsizetype section = text.indexOf("## Complete example");
    REQUIRE(section > 0);
    const qsizetype begin = text.indexOf("```json\n", section);
    REQUIRE(begin > 0);
    const qsizetype end = text.indexOf("\n```", begin + 8);
    REQUIRE(end > begin);
    auto t = parseTestimonyJson(text.mid(begin + 8, end - begin - 8));
    if (!t)
        FAIL(t.error().message);
    CHECK(t->incidents.size() == 2);
    CHECK(t->witness.role == u"010200000000");
    auto again = parseTestimonyJson(toTestimonyJson(*t, {.indented = true}));
    REQUIRE(again);
    CHECK(*again == *t);
}
