// The ESF vocabulary shipped in core/data/esf.json.
#include "core/Esf.h"

#include <QSet>
#include <catch2/catch.hpp>

using namespace fv;
using namespace Qt::StringLiterals;

TEST_CASE("the vocabularies load with English and Arabic labels")
{
    CHECK(esf::terms(Vocabulary::Acts).size() == 532);
    CHECK(esf::terms(Vocabulary::Perpetrators).size() == 40);
    CHECK(esf::terms(Vocabulary::WitnessRoles).size() >= 6);
    for (Vocabulary v : {Vocabulary::Acts, Vocabulary::Perpetrators, Vocabulary::WitnessRoles}) {
        QSet<QString> codes;
        for (const EsfTerm& t : esf::terms(v)) {
            INFO(esf::vocabularyName(v).toStdString() << " " << t.code.toStdString());
            CHECK(t.code.size() == 12);
            CHECK_FALSE(t.en.isEmpty());
            CHECK_FALSE(t.ar.isEmpty());
            CHECK_FALSE(codes.contains(t.code));
            codes.insert(t.code);
            if (!t.parent.isEmpty()) {
                // A parent precedes its children, so a picker can show the tree in list order.
                CHECK(codes.contains(t.parent));
                CHECK(esf::find(v, t.parent)->level == t.level - 1);
            }
        }
    }
}

TEST_CASE("terms are found by code, with labels in both languages")
{
    const EsfTerm* torture = esf::find(Vocabulary::Acts, u"020111110000");
    REQUIRE(torture);
    CHECK(torture->en == u"Torture");
    CHECK(torture->ar == u"التعذيب");
    CHECK(esf::label(Vocabulary::Acts, u"020111110000", u"ar") == u"التعذيب");
    CHECK(esf::label(Vocabulary::Acts, u"020111110000", u"ar-SY") == u"التعذيب");
    CHECK(esf::label(Vocabulary::Acts, u"020111110000", u"en") == u"Torture");
    CHECK(esf::label(Vocabulary::Acts, u"020111110000", u"fr") == u"Torture");
    CHECK(esf::label(Vocabulary::Acts, u"123", u"en") == u"123");
    CHECK(esf::isValid(Vocabulary::Perpetrators, u"010103000000"));
    CHECK(esf::label(Vocabulary::Perpetrators, u"010103000000", u"en") == u"Armed forces");
    // An act code is not a perpetrator code.
    CHECK_FALSE(esf::isValid(Vocabulary::Perpetrators, u"020111110000"));
    CHECK_FALSE(esf::isValid(Vocabulary::Acts, u"99999"));
    CHECK_FALSE(esf::isValid(Vocabulary::Acts, u""));
}

TEST_CASE("the acts a testimony needs are in the vocabulary")
{
    const char16_t* needed[] = {
        u"010101010000", // summary execution
        u"010105010000", // killing in demonstrations
        u"010106010000", // death in detention
        u"020111110000", // torture
        u"020103010200", // threats against the victim's family
        u"130103000000", // destruction (of property)
        u"050104000000", // displacement
        u"900000000000", // other
    };
    for (const char16_t* code : needed) {
        INFO(QString::fromUtf16(code).toStdString());
        CHECK(esf::isValid(Vocabulary::Acts, QStringView(code)));
    }
}

TEST_CASE("published Arabic labels that were wrong are corrected")
{
    CHECK(esf::label(Vocabulary::Acts, u"010101010000", u"ar") == u"الإعدام بإجراءات موجزة");
    CHECK(esf::label(Vocabulary::Acts, u"900000000000", u"ar") == u"غير ذلك");
    CHECK(esf::label(Vocabulary::Perpetrators, u"010100000000", u"ar") == u"السلطة التنفيذية");
    for (const EsfTerm& t : esf::terms(Vocabulary::Acts))
        CHECK_FALSE(t.ar.contains(u"السريّة"));
}

TEST_CASE("witness roles are found by key or by code")
{
    const EsfTerm* medic = esf::findWitnessRole(u"medic");
    REQUIRE(medic);
    CHECK(medic->code == u"040200000000");
    CHECK(esf::findWitnessRole(u"040200000000") == medic);
    for (const char16_t* key : {u"victim", u"eyewitness", u"relative", u"medic", u"detainee", u"other"})
        CHECK(esf::findWitnessRole(QStringView(key)));
    CHECK_FALSE(esf::findWitnessRole(u"spy"));
}

TEST_CASE("the act hierarchy answers which acts are narrower")
{
    // Torture sits under "Violations against personal integrity" at the top level.
    CHECK(esf::isWithin(Vocabulary::Acts, u"020111110000", u"020111110000"));
    CHECK(esf::isWithin(Vocabulary::Acts, u"020111110000", u"020000000000"));
    CHECK_FALSE(esf::isWithin(Vocabulary::Acts, u"020111110000", u"010000000000"));
    CHECK(esf::isWithin(Vocabulary::Acts, u"010101010000", u"010100000000"));
    CHECK_FALSE(esf::isWithin(Vocabulary::Acts, u"99", u"010000000000"));
}
