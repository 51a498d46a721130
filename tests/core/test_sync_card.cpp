// Identity cards (format, fingerprint, strict parser) and enrolment.

#include "core/Card.h"
#include "core/Identity.h"
#include "test_domain_support.h"

#include <QDateTime>
#include <QFile>

using namespace Qt::StringLiterals;

namespace {

fv::IdentityCard freshCard(fv::VaultRole role, const QString& name)
{
    fv::IdentityCard card;
    card.displayName = name;
    card.role = role;
    card.recipient = fv::AgeIdentity::generate().recipient();
    card.signingKey = fv::MinisignSecretKey::generate().publicKey();
    return card;
}

std::string replaced(std::string text, const std::string& from, const std::string& to)
{
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    return text;
}

} // namespace

TEST_CASE("A card round-trips through its text form", "[sync][card]")
{
    const fv::IdentityCard card = freshCard(fv::VaultRole::Hq, u"HQ Gaziantep / المقر"_s);
    const std::string text = card.toText();
    auto parsed = fv::IdentityCard::parse(text);
    REQUIRE(parsed);
    CHECK(*parsed == card);
    CHECK(parsed->toText() == text);
    CHECK(text.starts_with("fieldvault identity card v1\nname: HQ Gaziantep"));
    CHECK(text.find("\nrole: hq\nage-recipient: age1") != std::string::npos);
    CHECK(text.find("\nminisign-public-key: RW") != std::string::npos);
}

TEST_CASE("Fingerprints are six groups of four base32 characters over the keys", "[sync][card]")
{
    const fv::IdentityCard card = freshCard(fv::VaultRole::Field, u"D-17"_s);
    const std::string fp = card.fingerprint();
    REQUIRE(fp.size() == 29);
    for (std::size_t i = 0; i < fp.size(); ++i) {
        if (i % 5 == 4)
            CHECK(fp[i] == '-');
        else
            CHECK(((fp[i] >= 'A' && fp[i] <= 'Z') || (fp[i] >= '2' && fp[i] <= '7')));
    }
    // The name and role are not covered; each key is.
    fv::IdentityCard renamed = card;
    renamed.displayName = u"Other"_s;
    renamed.role = fv::VaultRole::Hq;
    CHECK(renamed.fingerprint() == fp);
    fv::IdentityCard otherAge = card;
    otherAge.recipient = fv::AgeIdentity::generate().recipient();
    CHECK(otherAge.fingerprint() != fp);
    fv::IdentityCard otherSigning = card;
    otherSigning.signingKey = fv::MinisignSecretKey::generate().publicKey();
    CHECK(otherSigning.fingerprint() != fp);
}

TEST_CASE("Known-answer fingerprint", "[sync][card]")
{
    // Fixed keys: the all-zero X25519 public key and a fixed minisign key.
    auto recipient = fv::AgeRecipient(fv::X25519PublicKey{});
    auto key = fv::MinisignPublicKey::parse("RWTQtM9XvOyL6X2B625R7tKDdKiiHRYp9XIBWneVpbjowmFX1bcUMHxQ");
    REQUIRE(key);
    // Independently: BLAKE2b-256 over the documented input, first 15 bytes, base32.
    std::string input =
        "fieldvault-card-fingerprint-v1\n" + recipient.toString() + "\n" + key->toBase64() + "\n";
    const fv::Bytes digest = fv::blake2b(fv::asBytes(input), 32);
    const std::string hex = fv::toHex(fv::ByteView(digest.data(), 15));
    const std::string fp = fv::cardFingerprint(recipient, *key);
    // Decode the fingerprint's base32 back to bytes and compare.
    std::string b32;
    for (char c : fp)
        if (c != '-')
            b32 += c;
    fv::Bytes decoded;
    std::uint32_t acc = 0;
    int bits = 0;
    for (char c : b32) {
        const int v = (c >= 'A' && c <= 'Z') ? c - 'A' : c - '2' + 26;
        acc = (acc << 5) | static_cast<std::uint32_t>(v);
        bits += 5;
        if (bits >= 8) {
            bits -= 8;
            decoded.push_back(static_cast<std::uint8_t>((acc >> bits) & 0xff));
        }
    }
    CHECK(fv::toHex(decoded) == hex);
}

TEST_CASE("The card parser is strict", "[sync][card]")
{
    const fv::IdentityCard card = freshCard(fv::VaultRole::Hq, u"HQ"_s);
    const std::string text = card.toText();
    const std::string fp = card.fingerprint();

    auto refused = [](const std::string& bad) {
        auto r = fv::IdentityCard::parse(bad);
        CHECK_FALSE(r);
        if (!r)
            CHECK(r.error().code == fv::ErrorCode::InvalidInput);
    };
    refused("");
    refused(text.substr(0, text.size() - 1));                                             // no final LF
    refused(text + "\n");                                                                 // trailing line
    refused(text + "extra: 1\n");                                                         // extra key
    refused(replaced(text, "\n", "\r\n"));                                                // CRLF
    refused(replaced(text, "card v1", "card v2"));                                        // version
    refused(replaced(text, "role: hq", "role: HQ"));                                      // role
    refused(replaced(text, "name: HQ", "name:  HQ"));                                     // leading space
    refused(replaced(text, "name: HQ", "name: "));                                        // empty
    refused(replaced(text, "name: HQ", "name: H\u202eQ"));                                // bidi override
    refused(replaced(text, "name: HQ", "name: H\xff"));                                   // not UTF-8
    refused(replaced(text, "name: HQ", "name: " + std::string(129, 'x')));                // too long
    refused(replaced(text, "fingerprint: ", "fingerprint:"));                             // format
    refused(replaced(text, fp, std::string(fp).replace(0, 1, fp[0] == 'A' ? "B" : "A"))); // tampered
    refused(replaced(text, "age-recipient: age1", "age-recipient: AGE1"));
    // Swapping the age key (a re-keyed card with the old fingerprint).
    const std::string other = fv::AgeIdentity::generate().recipient().toString();
    refused(replaced(text, card.recipient.toString(), other));
    // Swapping the signing key.
    const std::string otherKey = fv::MinisignSecretKey::generate().publicKey().toBase64();
    refused(replaced(text, card.signingKey.toBase64(), otherKey));
    // Lines out of order.
    refused(replaced(text, "\nrole: hq", "") + "role: hq\n");
    refused(std::string(3000, 'a'));
}

TEST_CASE("A vault identity is made on first use and kept in the store", "[sync][card]")
{
    fvtest::Vault v;
    auto none = fv::VaultIdentity::load(*v.db);
    REQUIRE_FALSE(none);
    CHECK(none.error().code == fv::ErrorCode::NotFound);

    auto id = fv::VaultIdentity::loadOrCreate(*v.db, fv::VaultRole::Field);
    REQUIRE(id);
    CHECK(id->displayName() == u"Delegate"_s);
    auto again = fv::VaultIdentity::loadOrCreate(*v.db, fv::VaultRole::Hq, u"ignored"_s);
    REQUIRE(again);
    CHECK(again->role() == fv::VaultRole::Field);
    CHECK(again->card() == id->card());
    CHECK(again->ageIdentity().secretKey().equals(id->ageIdentity().secretKey()));
    CHECK(again->signingKey().secretKey().equals(id->signingKey().secretKey()));

    REQUIRE(again->setDisplayName(*v.db, u"D-17"_s));
    CHECK(fv::VaultIdentity::load(*v.db)->displayName() == u"D-17"_s);
    CHECK_FALSE(again->setDisplayName(*v.db, u" x"_s));
    CHECK(again->card(u"Alias"_s).displayName == u"Alias"_s);
    CHECK(again->card(u"Alias"_s).fingerprint() == id->card().fingerprint());
}

TEST_CASE("Enrolment pins cards by role; list and remove", "[sync][card]")
{
    fvtest::Vault v;
    auto own = fv::VaultIdentity::loadOrCreate(*v.db, fv::VaultRole::Field);
    REQUIRE(own);
    const QDateTime now = QDateTime::fromString(u"2026-01-02T03:04:05Z"_s, Qt::ISODate);
    const fv::IdentityCard hq = freshCard(fv::VaultRole::Hq, u"HQ"_s);
    const fv::IdentityCard hq2 = freshCard(fv::VaultRole::Hq, u"HQ backup"_s);
    const fv::IdentityCard delegate = freshCard(fv::VaultRole::Field, u"D-2"_s);

    auto e = fv::enrolCard(*v.db, hq, fv::VaultRole::Field, *own, now);
    REQUIRE(e);
    CHECK(e->card == hq);
    CHECK(fv::enrolCard(*v.db, hq, fv::VaultRole::Field, *own, now.addSecs(5))); // idempotent
    REQUIRE(fv::enrolCard(*v.db, hq2, fv::VaultRole::Field, *own, now.addSecs(10)));
    CHECK_FALSE(fv::enrolCard(*v.db, delegate, fv::VaultRole::Field, *own, now)); // wrong role
    fv::IdentityCard self = own->card();
    self.role = fv::VaultRole::Hq;
    CHECK_FALSE(fv::enrolCard(*v.db, self, fv::VaultRole::Field, *own, now)); // own keys
    fv::IdentityCard renamed = hq;
    renamed.displayName = u"Impostor"_s;
    CHECK_FALSE(fv::enrolCard(*v.db, renamed, fv::VaultRole::Field, *own, now));
    fv::IdentityCard sharedKey = freshCard(fv::VaultRole::Hq, u"Shared"_s);
    sharedKey.signingKey = hq.signingKey;
    CHECK_FALSE(fv::enrolCard(*v.db, sharedKey, fv::VaultRole::Field, *own, now));

    auto list = fv::enrolledCards(*v.db);
    REQUIRE(list);
    REQUIRE(list->size() == 2);
    CHECK(list->at(0).card == hq);
    CHECK(list->at(0).enrolled == now);
    CHECK(list->at(1).card == hq2);
    CHECK(fv::enrolledCards(*v.db, fv::VaultRole::Field)->isEmpty());

    auto found = fv::enrolledCardsByKeyId(*v.db, hq2.signingKey.keyId);
    REQUIRE(found);
    REQUIRE(found->size() == 1);
    CHECK(found->front().card == hq2);
    std::string lower = hq.fingerprint();
    for (char& c : lower)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    REQUIRE(fv::findEnrolledCard(*v.db, lower));

    REQUIRE(fv::removeEnrolledCard(*v.db, hq.fingerprint()));
    CHECK(fv::removeEnrolledCard(*v.db, hq.fingerprint()).error().code == fv::ErrorCode::NotFound);
    CHECK(fv::enrolledCards(*v.db)->size() == 1);

    // At HQ, delegates' cards are enrolled.
    fvtest::Vault h;
    auto hqOwn = fv::VaultIdentity::loadOrCreate(*h.db, fv::VaultRole::Hq);
    REQUIRE(hqOwn);
    CHECK(fv::enrolCard(*h.db, delegate, fv::VaultRole::Hq, *hqOwn, now));
    CHECK_FALSE(fv::enrolCard(*h.db, hq, fv::VaultRole::Hq, *hqOwn, now));
}

TEST_CASE("Cards made by an independent implementation (the fuzz seeds) parse", "[sync][card]")
{
    // tests/fuzz/corpus/card/valid-* were written by a Python script from age-keygen and
    // minisign -G output, with the fingerprint computed by hashlib's BLAKE2b and base32.
    auto read = [](const char* name) {
        QFile f(QStringLiteral(FV_SOURCE_DIR "/tests/fuzz/corpus/card/") + QString::fromLatin1(name));
        REQUIRE(f.open(QIODevice::ReadOnly));
        return f.readAll().toStdString();
    };
    auto hq = fv::IdentityCard::parse(read("valid-hq"));
    REQUIRE(hq);
    CHECK(hq->role == fv::VaultRole::Hq);
    CHECK(hq->fingerprint() == "YZWG-OTM7-CL65-4ODA-FPCR-IDUM");
    auto field = fv::IdentityCard::parse(read("valid-field-arabic"));
    REQUIRE(field);
    CHECK(field->displayName == u"المندوب ١٧"_s);
    for (const char* bad : {"bad-fingerprint", "crlf", "no-final-newline"})
        CHECK_FALSE(fv::IdentityCard::parse(read(bad)));
}
