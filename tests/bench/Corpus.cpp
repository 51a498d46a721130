#include "Corpus.h"

#include "core/Esf.h"
#include "core/Schema.h"
#include "crypto/Hash.h"
#include "storage/Migrations.h"

#include <QDate>
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

using namespace Qt::StringLiterals;

namespace fv::bench {
namespace {

// A word with its UTF-8 size, so narratives can be sized in bytes without re-encoding.
struct Word
{
    QString text;
    int bytes = 0;
};

// Words drawn with a Zipf-like law (rank k has weight 1/(k+1)^0.9): early words are common.
class WordList
{
public:
    explicit WordList(std::initializer_list<const char16_t*> words)
    {
        double total = 0;
        for (const char16_t* w : words) {
            const QString text = QString::fromUtf16(w);
            m_words.push_back({text, static_cast<int>(text.toUtf8().size())});
            total += 1.0 / std::pow(static_cast<double>(m_words.size()), 0.9);
            m_cumulative.push_back(total);
        }
    }
    const Word& pick(Rng& rng) const
    {
        const double u = static_cast<double>(rng.next() >> 11) * 0x1.0p-53 * m_cumulative.back();
        const auto it = std::lower_bound(m_cumulative.begin(), m_cumulative.end(), u);
        return m_words[static_cast<std::size_t>(
            std::min<std::ptrdiff_t>(it - m_cumulative.begin(), std::ssize(m_words) - 1))];
    }
    const Word& any(Rng& rng) const { return m_words[rng.below(static_cast<std::uint32_t>(m_words.size()))]; }
    const QString& at(std::size_t rank) const { return m_words.at(rank).text; }
    std::size_t size() const { return m_words.size(); }

private:
    std::vector<Word> m_words;
    std::vector<double> m_cumulative;
};

const WordList& arabicWords()
{
    static const WordList v{
        u"قال",      u"الجيش",    u"الأمن",    u"الحاجز",  u"الناس",   u"البيت",   u"الشارع",    u"أطلقوا",
        u"النار",    u"المظاهرة", u"اعتقلوا",  u"أخي",     u"الليل",   u"الصباح",  u"القرية",    u"الحي",
        u"المدينة",  u"الجرحى",   u"المستشفى", u"الطبيب",  u"السيارة", u"الدبابة", u"القصف",     u"الطائرة",
        u"البراميل", u"المدرسة",  u"الجامع",   u"الصلاة",  u"الأطفال", u"النساء",  u"الرجال",    u"الشهداء",
        u"التعذيب",  u"السجن",    u"الزنزانة", u"التحقيق", u"الضابط",  u"العسكري", u"المخابرات", u"الكهرباء",
        u"الضرب",    u"الجثة",    u"الدفن",    u"المقبرة", u"النزوح",  u"الخيمة",  u"الحدود",    u"الطريق",
        u"الخبز",    u"الماء",    u"الدواء",   u"الهاتف",  u"الصورة",  u"الفيديو", u"الشهود",    u"العائلة",
        u"والدي",    u"أمي",      u"ابني",     u"جارنا",   u"صديقي",   u"هربنا",   u"اختبأنا",   u"سمعنا",
        u"رأيت",     u"انفجار",   u"دخان",     u"صراخ",    u"دماء",    u"قناص",    u"اقتحام",    u"مداهمة",
        u"حريق",     u"خطف",      u"اختفاء",   u"إعدام",   u"مجزرة",   u"حصار",    u"جوع",       u"كيماوي",
    };
    return v;
}

const WordList& englishWords()
{
    static const WordList v{
        u"the",       u"soldiers",     u"checkpoint",    u"came",     u"house",         u"street",
        u"fired",     u"shots",        u"demonstration", u"arrested", u"brother",       u"night",
        u"morning",   u"village",      u"neighbourhood", u"city",     u"wounded",       u"hospital",
        u"doctor",    u"car",          u"tank",          u"shelling", u"aircraft",      u"barrels",
        u"school",    u"mosque",       u"prayer",        u"children", u"women",         u"men",
        u"martyrs",   u"torture",      u"prison",        u"cell",     u"interrogation", u"officer",
        u"security",  u"intelligence", u"electricity",   u"beaten",   u"body",          u"burial",
        u"cemetery",  u"displacement", u"tent",          u"border",   u"road",          u"bread",
        u"water",     u"medicine",     u"phone",         u"photo",    u"video",         u"witnesses",
        u"family",    u"father",       u"mother",        u"son",      u"neighbour",     u"friend",
        u"fled",      u"hid",          u"heard",         u"saw",      u"explosion",     u"smoke",
        u"screaming", u"blood",        u"sniper",        u"raid",     u"search",        u"fire",
        u"kidnapped", u"disappeared",  u"executed",      u"massacre", u"siege",         u"hunger",
        u"chemical",  u"basement",
    };
    return v;
}

// Parallel lists: index i names the same thing in Arabic and in Latin script.
constexpr const char16_t* kCitiesAr[] = {u"حلب",       u"حمص",   u"حماة",     u"دمشق",  u"درعا",     u"إدلب",
                                         u"دير الزور", u"الرقة", u"اللاذقية", u"طرطوس", u"القامشلي", u"دوما"};
constexpr const char16_t* kCitiesEn[] = {u"Aleppo",  u"Homs",   u"Hama",        u"Damascus",
                                         u"Daraa",   u"Idlib",  u"Deir ez-Zor", u"Raqqa",
                                         u"Latakia", u"Tartus", u"Qamishli",    u"Douma"};
constexpr const char16_t* kDistrictsAr[] = {u"صلاح الدين", u"بابا عمرو",   u"الخالدية", u"جوبر",
                                            u"سيف الدولة", u"بستان القصر", u"الميدان",  u"التضامن"};
constexpr const char16_t* kDistrictsEn[] = {u"Salah al-Din",  u"Baba Amr",       u"al-Khalidiya", u"Jobar",
                                            u"Saif al-Dawla", u"Bustan al-Qasr", u"al-Midan",     u"Tadamon"};
constexpr const char16_t* kGivenAr[] = {u"أحمد",  u"محمد",    u"خالد", u"عمر",   u"يوسف",  u"حسن",  u"علي",
                                        u"مصطفى", u"إبراهيم", u"سامر", u"فاطمة", u"مريم",  u"زينب", u"هدى",
                                        u"رنا",   u"سلمى",    u"نور",  u"ليلى",  u"عائشة", u"خديجة"};
constexpr const char16_t* kGivenEn[] = {u"Ahmad",  u"Mohammad", u"Khaled",  u"Omar",    u"Youssef",
                                        u"Hassan", u"Ali",      u"Mustafa", u"Ibrahim", u"Samer",
                                        u"Fatima", u"Maryam",   u"Zeinab",  u"Huda",    u"Rana",
                                        u"Salma",  u"Nour",     u"Layla",   u"Aisha",   u"Khadija"};
constexpr const char16_t* kFamilyAr[] = {u"الحلبي",  u"الخطيب", u"العلي",   u"المصري", u"الأحمد",
                                         u"السيد",   u"الحسن",  u"النجار",  u"الشامي", u"الحمصي",
                                         u"العمر",   u"الزعبي", u"الدرويش", u"القاسم", u"البكري",
                                         u"الحريري", u"السالم", u"الجاسم",  u"الخليل", u"الرفاعي"};
constexpr const char16_t* kFamilyEn[] = {u"Halabi", u"Khatib", u"Ali",     u"Masri",  u"Ahmad",
                                         u"Sayyed", u"Hassan", u"Najjar",  u"Shami",  u"Homsi",
                                         u"Omar",   u"Zoubi",  u"Darwish", u"Qassem", u"Bakri",
                                         u"Hariri", u"Salem",  u"Jassem",  u"Khalil", u"Rifai"};
constexpr const char16_t* kTagsAr[] = {u"اعتقال", u"قصف",  u"تعذيب", u"مظاهرة",
                                       u"نزوح",   u"حصار", u"طبي",   u"أطفال"};
constexpr const char16_t* kTagsEn[] = {u"detention",    u"shelling", u"torture", u"demonstration",
                                       u"displacement", u"siege",    u"medical", u"children"};

template <std::size_t N>
QString pickFrom(const char16_t* const (&list)[N], Rng& rng)
{
    return QString::fromUtf16(list[rng.below(N)]);
}

enum class Script
{
    Arabic,
    Latin,
};

QString personName(Script script, Rng& rng)
{
    const std::uint32_t g = rng.below(std::size(kGivenAr));
    const std::uint32_t f = rng.below(std::size(kFamilyAr));
    if (script == Script::Arabic)
        return QString::fromUtf16(kGivenAr[g]) + u' ' + QString::fromUtf16(kFamilyAr[f]);
    return QString::fromUtf16(kGivenEn[g]) + u' ' + QString::fromUtf16(kFamilyEn[f]);
}

// Appends one sentence; returns the UTF-8 bytes added.
int appendSentence(QString& out, Script script, Rng& rng)
{
    const WordList& words = script == Script::Arabic ? arabicWords() : englishWords();
    const int count = rng.between(6, 16);
    int bytes = 0;
    for (int i = 0; i < count; ++i) {
        if (!out.isEmpty() && !out.endsWith(u'\n')) {
            out += u' ';
            ++bytes;
        }
        if (rng.chance(4)) {
            const QString name = personName(script, rng);
            out += name;
            bytes += static_cast<int>(name.toUtf8().size());
            continue;
        }
        if (rng.chance(3)) {
            const QString city =
                script == Script::Arabic ? pickFrom(kCitiesAr, rng) : pickFrom(kCitiesEn, rng);
            out += city;
            bytes += static_cast<int>(city.toUtf8().size());
            continue;
        }
        const Word& w = words.pick(rng);
        out += w.text;
        bytes += w.bytes;
    }
    out += script == Script::Arabic && rng.chance(30) ? u'،' : u'.';
    return bytes + 2;
}

QString sentence(Script script, Rng& rng)
{
    QString s;
    appendSentence(s, script, rng);
    return s;
}

// A narrative of about `targetBytes` UTF-8 bytes, in paragraphs; `mixed` alternates scripts.
QString narrative(Script main, bool mixed, int targetBytes, Rng& rng)
{
    QString out;
    out.reserve(targetBytes);
    int bytes = 0;
    Script script = main;
    while (bytes < targetBytes) {
        const int sentences = rng.between(3, 7);
        for (int i = 0; i < sentences && bytes < targetBytes; ++i)
            bytes += appendSentence(out, script, rng);
        out += u'\n';
        ++bytes;
        if (mixed)
            script = script == Script::Arabic ? Script::Latin : Script::Arabic;
    }
    return out;
}

QString isoDate(int year, int month, int day)
{
    return QDate(year, month, day).toString(Qt::ISODate);
}

const QStringList& codesAtLeast(Vocabulary vocabulary, int level)
{
    static QStringList cache[3];
    QStringList& codes = cache[static_cast<int>(vocabulary)];
    if (codes.isEmpty()) {
        for (const EsfTerm& term : esf::terms(vocabulary)) {
            if (term.level >= level)
                codes.append(term.code);
        }
    }
    return codes;
}

} // namespace

std::uint64_t Rng::next() noexcept
{
    std::uint64_t z = (m_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

std::uint32_t Rng::below(std::uint32_t n) noexcept
{
    return static_cast<std::uint32_t>(((next() >> 32) * n) >> 32); // both factors < 2^32
}

Testimony makeTestimony(std::uint64_t seed, std::uint64_t index)
{
    Rng rng(seed * 0x100000001b3ULL ^ (index + 1) * 0x9e3779b97f4a7c15ULL);
    const std::uint32_t kind = rng.below(100); // 45 % Arabic, 35 % English, 20 % both
    const Script main = kind < 45        ? Script::Arabic
                        : kind < 80      ? Script::Latin
                        : rng.chance(50) ? Script::Arabic
                                         : Script::Latin;
    const bool mixed = kind >= 80;
    const Script other = main == Script::Arabic ? Script::Latin : Script::Arabic;

    Testimony t;
    t.title = sentence(main, rng).left(120);
    if (mixed)
        t.title += u" / "_s + sentence(other, rng).left(80);
    t.narrative = narrative(main, mixed, rng.between(2048, 8192), rng);
    t.summary = sentence(main, rng) + u' ' + sentence(mixed ? other : main, rng);
    t.interviewDate = isoDate(rng.between(2012, 2020), rng.between(1, 12), rng.between(1, 28));
    const std::uint32_t city = rng.below(std::size(kCitiesAr));
    const std::uint32_t district = rng.below(std::size(kDistrictsAr));
    t.interviewPlace.name =
        QString::fromUtf16(main == Script::Arabic ? kDistrictsAr[district] : kDistrictsEn[district]);
    t.interviewPlace.city = QString::fromUtf16(main == Script::Arabic ? kCitiesAr[city] : kCitiesEn[city]);
    t.languages =
        mixed ? QStringList{u"ar"_s, u"en"_s} : QStringList{main == Script::Arabic ? u"ar"_s : u"en"_s};
    t.interviewer = u"D-"_s + QString::number(rng.between(1, 40));
    t.sensitivity = rng.chance(20) ? Sensitivity::High : Sensitivity::Normal;
    t.witness.pseudonym = u"W-"_s + QString::number(index + 1);
    t.witness.realName = personName(main, rng);
    t.witness.gender = rng.chance(50) ? Gender::Female : Gender::Male;
    t.witness.ageRange = QString::fromUtf16(kAgeRanges[rng.below(5)]);
    t.consent.given = true;
    t.consent.how = ConsentMethod::OralNoted;
    t.consent.quoteAnonymously = rng.chance(70);
    t.consent.shareWithUn = rng.chance(60);

    const QStringList& acts = codesAtLeast(Vocabulary::Acts, 2);
    const QStringList& perpetrators = codesAtLeast(Vocabulary::Perpetrators, 1);
    const int incidents = rng.between(1, 3);
    for (int i = 0; i < incidents; ++i) {
        Incident in;
        FuzzyDate d{rng.between(2011, 2019), rng.between(1, 12), rng.between(1, 28), DatePrecision::Exact};
        const std::uint32_t p = rng.below(100);
        if (p >= 80 && p < 95) {
            d.precision = DatePrecision::Month;
            d.day = 0;
        } else if (p >= 95) {
            d.precision = DatePrecision::Year;
            d.month = 0;
            d.day = 0;
        }
        in.date = d;
        const std::uint32_t c = rng.chance(70) ? city : rng.below(std::size(kCitiesAr));
        in.place.name = QString::fromUtf16(main == Script::Arabic ? kCitiesAr[c] : kCitiesEn[c]);
        const int actCount = rng.between(1, 2);
        for (int a = 0; a < actCount; ++a)
            in.acts.append(acts[rng.below(static_cast<std::uint32_t>(acts.size()))]);
        in.acts.removeDuplicates();
        in.perpetrators.append(
            {perpetrators[rng.below(static_cast<std::uint32_t>(perpetrators.size()))], {}});
        const int victims = rng.between(0, 3);
        for (int v = 0; v < victims; ++v) {
            Victim victim;
            if (rng.chance(60))
                victim.name = personName(main, rng);
            else
                victim.description = sentence(main, rng).left(60);
            victim.condition = static_cast<VictimCondition>(rng.between(1, 9));
            in.victims.append(victim);
        }
        t.incidents.append(in);
    }
    const int tags = rng.between(1, 3);
    for (int i = 0; i < tags; ++i)
        t.tags.append(pickFrom(rng.chance(50) ? kTagsAr : kTagsEn, rng));
    t.tags.removeDuplicates();
    t.status = rng.chance(30) ? TestimonyStatus::Complete : TestimonyStatus::Draft;
    return t;
}

QList<BenchQuery> benchQueries()
{
    const WordList& ar = arabicWords();
    const WordList& en = englishWords();
    QList<BenchQuery> out;
    auto add = [&out](const QString& label, const QString& text, const QString& place = {},
                      const QStringList& acts = {}, std::optional<QDate> from = {},
                      std::optional<QDate> to = {}, std::optional<TestimonyStatus> status = {},
                      int offset = 0) {
        SearchQuery q;
        q.text = text;
        q.place = place;
        q.acts = acts;
        q.from = from;
        q.to = to;
        q.status = status;
        q.offset = offset;
        out.append({label, q});
    };

    const QString none;
    const QStringList life{u"010000000000"_s}, integrity{u"020000000000"_s}, torture{u"020111110000"_s};
    // Single words, from common to rare (rank in the Zipf law).
    for (std::size_t rank : {2, 5, 9, 17, 30, 45, 60, 75})
        add(u"ar word #"_s + QString::number(rank), ar.at(rank));
    for (std::size_t rank : {1, 4, 8, 16, 29, 44, 59, 74})
        add(u"en word #"_s + QString::number(rank), en.at(rank));
    // Spelling variants the normaliser must fold (hamza, alef maqsura, taa marbuta, article).
    add(u"ar variant mustashfa"_s, u"مستشفي"_s);
    add(u"ar variant shuhada"_s, u"شهداء"_s);
    add(u"ar variant atlaqu"_s, u"اطلقوا"_s);
    add(u"ar variant muzahara"_s, u"مظاهره"_s);
    // Two or three words (AND), in one script or both.
    add(u"ar two words"_s, ar.at(5) + u' ' + ar.at(20));
    add(u"en two words"_s, en.at(4) + u' ' + en.at(18));
    add(u"ar+en words"_s, ar.at(10) + u' ' + en.at(10));
    add(u"ar three words"_s, ar.at(8) + u' ' + ar.at(24) + u' ' + ar.at(40));
    // Prefixes.
    add(u"en prefix hosp*"_s, u"hosp*"_s);
    add(u"en prefix interrog*"_s, u"interrog*"_s);
    add(u"ar prefix mustash*"_s, u"مستش*"_s);
    add(u"ar prefix iʿtaq*"_s, u"اعتق*"_s);
    // Names.
    add(u"en name Khatib"_s, u"Khatib"_s);
    add(u"en full name"_s, u"Zeinab Darwish"_s);
    add(u"ar name Zaynab"_s, u"زينب"_s);
    add(u"ar full name"_s, u"أحمد الحلبي"_s);
    // Place filter, alone and with words.
    add(u"place Aleppo"_s, none, u"Aleppo"_s);
    add(u"place Homs (ar)"_s, none, u"حمص"_s);
    add(u"en word + place"_s, en.at(8), u"Homs"_s);
    add(u"ar word + place"_s, ar.at(12), u"دمشق"_s);
    // Act filter (a top-level act covers its narrower acts).
    add(u"acts: right to life"_s, none, none, life);
    add(u"acts: torture"_s, none, none, torture);
    add(u"en word + acts"_s, en.at(17), none, life);
    add(u"ar word + acts"_s, ar.at(32), none, integrity);
    // Date range.
    add(u"dates 2013H1"_s, none, none, {}, QDate(2013, 1, 1), QDate(2013, 6, 30));
    add(u"dates one month"_s, none, none, {}, QDate(2016, 3, 1), QDate(2016, 3, 31));
    add(u"en word + dates"_s, en.at(21), none, {}, QDate(2014, 1, 1), QDate(2014, 12, 31));
    add(u"ar word + dates"_s, ar.at(22), none, {}, QDate(2012, 1, 1), QDate(2012, 12, 31));
    // Status.
    add(u"status complete"_s, none, none, {}, {}, {}, TestimonyStatus::Complete);
    add(u"en word + status"_s, en.at(31), none, {}, {}, {}, TestimonyStatus::Complete);
    add(u"ar word + status"_s, ar.at(28), none, {}, {}, {}, TestimonyStatus::Draft);
    // Everything at once.
    add(u"en all filters"_s, en.at(6), u"Aleppo"_s, life, QDate(2012, 1, 1), QDate(2015, 12, 31),
        TestimonyStatus::Draft);
    add(u"ar all filters"_s, ar.at(7), u"حلب"_s, integrity, QDate(2013, 1, 1), QDate(2018, 12, 31),
        TestimonyStatus::Complete);
    add(u"mixed all filters"_s, ar.at(15) + u' ' + en.at(15), none, life, QDate(2011, 1, 1),
        QDate(2019, 12, 31));
    // Words that occur nowhere (the cheapest case) and a second page of results.
    add(u"no match"_s, u"zzyzx"_s);
    add(u"en word page 2"_s, en.at(9), none, {}, {}, {}, {}, 50);
    return out;
}

QByteArray storeFingerprint(std::uint64_t seed, int count)
{
    std::string text = "fv_bench corpus v1;seed " + std::to_string(seed) + ";count " + std::to_string(count);
    for (const Migration& m : vaultMigrations())
        text += ";" + std::to_string(m.version) + ":" + std::string(m.sql);
    return QByteArray::fromStdString(toHex(sha256(asBytes(text))));
}

SecretBuffer benchKey(std::uint64_t seed)
{
    SecretBuffer key(32);
    Rng rng(seed ^ 0x6b6579ULL);
    for (std::size_t i = 0; i < key.size(); ++i)
        key.data()[i] = static_cast<std::uint8_t>(rng.next());
    return key;
}

} // namespace fv::bench
