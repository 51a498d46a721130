#include "core/Identity.h"

#include "crypto/Crypto.h"

#include <cctype>

using namespace Qt::StringLiterals;

namespace fv {
namespace {

std::string timeText(const QDateTime& t)
{
    return t.toUTC().toString(Qt::ISODateWithMs).toStdString();
}

QDateTime timeOf(const std::string& s)
{
    return QDateTime::fromString(QString::fromStdString(s), Qt::ISODateWithMs).toUTC();
}

// Reads a secret column into guarded memory and wipes the ordinary copy.
SecretBuffer secretColumn(const Statement& stmt, int column)
{
    Bytes raw = stmt.columnBlob(column);
    SecretBuffer secret = SecretBuffer::copyOf(raw);
    wipeMemory(raw);
    return secret;
}

std::string upper(std::string s)
{
    for (char& c : s)
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
    return s;
}

Result<EnrolledCard> cardFromRow(const Statement& stmt)
{
    const std::string text = stmt.columnText(0);
    auto card = IdentityCard::parse(text);
    if (!card)
        return fail(ErrorCode::StoreDamaged, "an enrolled card no longer parses: " + card.error().message);
    return EnrolledCard{std::move(*card), timeOf(stmt.columnText(1))};
}

Result<QList<EnrolledCard>> queryCards(Database& db, std::string_view where, std::string_view arg)
{
    std::string sql = "SELECT card_text, enrolled FROM enrolled_cards";
    sql += where;
    sql += " ORDER BY enrolled, fingerprint";
    auto stmt = db.prepare(sql);
    if (!stmt)
        return std::unexpected(stmt.error());
    if (!where.empty())
        stmt->bind(1, arg);
    QList<EnrolledCard> out;
    auto st = stmt->forEachRow([&](const Statement& row) -> Status {
        auto card = cardFromRow(row);
        if (!card)
            return std::unexpected(card.error());
        out.append(std::move(*card));
        return {};
    });
    if (!st)
        return std::unexpected(st.error());
    return out;
}

} // namespace

Result<VaultIdentity> VaultIdentity::load(Database& db)
{
    auto stmt =
        db.prepare("SELECT display_name, role, age_secret, minisign_secret FROM identity WHERE slot = 1");
    if (!stmt)
        return std::unexpected(stmt.error());
    auto row = stmt->step();
    if (!row)
        return std::unexpected(row.error());
    if (!*row)
        return fail(ErrorCode::NotFound, "this vault has no identity yet");
    const QString name = QString::fromStdString(stmt->columnText(0));
    const auto role = roleFromText(stmt->columnText(1));
    if (!role)
        return fail(ErrorCode::StoreDamaged, "the vault identity's role is unknown");
    const SecretBuffer ageSecret = secretColumn(*stmt, 2);
    const SecretBuffer minisignText = secretColumn(*stmt, 3);
    if (ageSecret.size() != 32)
        return fail(ErrorCode::StoreDamaged, "the vault's age key is damaged");
    auto signing = MinisignSecretKey::parse(
        std::string_view(reinterpret_cast<const char*>(minisignText.data()), minisignText.size()));
    if (!signing)
        return fail(ErrorCode::StoreDamaged,
                    "the vault's signing key is damaged: " + signing.error().message);
    return VaultIdentity(name, *role, AgeIdentity::fromSecret(ageSecret), std::move(*signing));
}

Result<VaultIdentity> VaultIdentity::loadOrCreate(Database& db, VaultRole role, const QString& displayName)
{
    auto existing = load(db);
    if (existing || existing.error().code != ErrorCode::NotFound)
        return existing;
    const QString name =
        displayName.isEmpty() ? (role == VaultRole::Hq ? u"HQ"_s : u"Delegate"_s) : displayName;
    if (auto st = checkDisplayName(name); !st)
        return std::unexpected(st.error());
    AgeIdentity age = AgeIdentity::generate();
    MinisignSecretKey signing = MinisignSecretKey::generate();
    auto signingText = signing.toFileText({});
    if (!signingText)
        return std::unexpected(signingText.error());
    auto tx = Transaction::begin(db);
    if (!tx)
        return std::unexpected(tx.error());
    auto stmt =
        db.prepare("INSERT INTO identity (slot, display_name, role, age_secret, minisign_secret, created) "
                   "VALUES (1, ?1, ?2, ?3, ?4, ?5)");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string nameText = name.toStdString();
    const std::string roleName = roleText(role);
    const std::string created = timeText(QDateTime::currentDateTimeUtc());
    stmt->bind(1, nameText)
        .bind(2, roleName)
        .bind(3, age.secretKey().view())
        .bind(4, signingText->view())
        .bind(5, created);
    if (auto st = stmt->run(); !st)
        return std::unexpected(st.error());
    if (auto st = tx->commit(); !st)
        return std::unexpected(st.error());
    return VaultIdentity(name, role, std::move(age), std::move(signing));
}

Status VaultIdentity::setDisplayName(Database& db, const QString& name)
{
    if (auto st = checkDisplayName(name); !st)
        return st;
    auto stmt = db.prepare("UPDATE identity SET display_name = ?1 WHERE slot = 1");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string text = name.toStdString();
    stmt->bind(1, text);
    if (auto st = stmt->run(); !st)
        return st;
    m_name = name;
    return {};
}

IdentityCard VaultIdentity::card(const QString& name) const
{
    IdentityCard c;
    c.displayName = name.isEmpty() ? m_name : name;
    c.role = m_role;
    c.recipient = m_age.recipient();
    c.signingKey = m_signing.publicKey();
    return c;
}

Result<EnrolledCard> enrolCard(Database& db, const IdentityCard& card, VaultRole vaultRole,
                               const VaultIdentity& own, const QDateTime& now)
{
    if (vaultRole == VaultRole::Field && card.role != VaultRole::Hq)
        return fail(ErrorCode::InvalidInput, "a field vault enrols only HQ cards; this card's role is \"" +
                                                 roleText(card.role) + "\"");
    if (vaultRole == VaultRole::Hq && card.role != VaultRole::Field)
        return fail(ErrorCode::InvalidInput, "an HQ vault enrols only delegates' (field) cards; this card's "
                                             "role is \"hq\"");
    const IdentityCard mine = own.card();
    if (card.recipient == mine.recipient || card.signingKey.key == mine.signingKey.key)
        return fail(ErrorCode::InvalidInput, "this is the vault's own card");
    const std::string fp = card.fingerprint();
    if (auto existing = findEnrolledCard(db, fp); existing) {
        if (existing->card == card)
            return *existing;
        return fail(ErrorCode::InvalidInput, "a card with fingerprint " + fp +
                                                 " is already enrolled under another name or role; remove "
                                                 "it first");
    } else if (existing.error().code != ErrorCode::NotFound) {
        return std::unexpected(existing.error());
    }
    auto stmt = db.prepare("INSERT INTO enrolled_cards (fingerprint, display_name, role, age_recipient, "
                           "minisign_public_key, card_text, enrolled) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string name = card.displayName.toStdString();
    const std::string role = roleText(card.role);
    const std::string recipient = card.recipient.toString();
    const std::string key = card.signingKey.toBase64();
    const std::string text = card.toText();
    const std::string at = timeText(now);
    stmt->bind(1, fp).bind(2, name).bind(3, role).bind(4, recipient).bind(5, key).bind(6, text).bind(7, at);
    if (auto st = stmt->run(); !st) {
        if (st.error().message.find("UNIQUE") != std::string::npos)
            return fail(ErrorCode::InvalidInput,
                        "another enrolled card already uses one of this card's keys; remove it first");
        return std::unexpected(st.error());
    }
    return EnrolledCard{card, now.toUTC()};
}

Result<QList<EnrolledCard>> enrolledCards(Database& db, std::optional<VaultRole> role)
{
    if (!role)
        return queryCards(db, {}, {});
    const std::string r = roleText(*role);
    return queryCards(db, " WHERE role = ?1", r);
}

Result<EnrolledCard> findEnrolledCard(Database& db, const std::string& fingerprint)
{
    const std::string fp = upper(fingerprint);
    auto cards = queryCards(db, " WHERE fingerprint = ?1", fp);
    if (!cards)
        return std::unexpected(cards.error());
    if (cards->isEmpty())
        return fail(ErrorCode::NotFound, "no enrolled card has fingerprint " + fp.substr(0, 64));
    return cards->front();
}

Result<QList<EnrolledCard>> enrolledCardsByKeyId(Database& db, const MinisignKeyId& keyId)
{
    auto cards = enrolledCards(db);
    if (!cards)
        return std::unexpected(cards.error());
    QList<EnrolledCard> out;
    for (const EnrolledCard& c : *cards) {
        if (c.card.signingKey.keyId == keyId)
            out.append(c);
    }
    return out;
}

Status removeEnrolledCard(Database& db, const std::string& fingerprint)
{
    auto stmt = db.prepare("DELETE FROM enrolled_cards WHERE fingerprint = ?1");
    if (!stmt)
        return std::unexpected(stmt.error());
    const std::string fp = upper(fingerprint);
    stmt->bind(1, fp);
    if (auto st = stmt->run(); !st)
        return st;
    if (db.changes() == 0)
        return fail(ErrorCode::NotFound, "no enrolled card has fingerprint " + fp.substr(0, 64));
    return {};
}

} // namespace fv
