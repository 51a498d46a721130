#pragma once
// A vault's own identity (an age X25519 key and a minisign key, table `identity` inside the
// encrypted store; the secrets never leave it except through an explicit identity export) and
// the cards it has enrolled (pinned): HQ cards in a field vault, delegates' cards at HQ.
// docs/bundle-format.md, "Identities and enrolment".

#include "core/Card.h"
#include "crypto/Age.h"
#include "crypto/Minisign.h"
#include "crypto/Result.h"
#include "storage/Database.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <optional>

namespace fv {

class VaultIdentity
{
public:
    /// Loads the store's identity. NotFound when it has none yet; StoreDamaged when the stored
    /// keys do not parse.
    [[nodiscard]] static Result<VaultIdentity> load(Database& db);
    /// Loads the identity, or creates it on first use (fresh keys, `role`, `displayName` or a
    /// neutral default), in one transaction.
    [[nodiscard]] static Result<VaultIdentity> loadOrCreate(Database& db, VaultRole role,
                                                            const QString& displayName = {});

    /// Renames the identity (the keys stay). InvalidInput for a name checkDisplayName() refuses.
    [[nodiscard]] Status setDisplayName(Database& db, const QString& name);

    const QString& displayName() const noexcept { return m_name; }
    VaultRole role() const noexcept { return m_role; }
    const AgeIdentity& ageIdentity() const noexcept { return m_age; }
    const MinisignSecretKey& signingKey() const noexcept { return m_signing; }
    /// This identity's card (with `name` instead of the stored display name when not empty).
    IdentityCard card(const QString& name = {}) const;

private:
    VaultIdentity(QString name, VaultRole role, AgeIdentity age, MinisignSecretKey signing)
        : m_name(std::move(name)), m_role(role), m_age(std::move(age)), m_signing(std::move(signing))
    {
    }
    QString m_name;
    VaultRole m_role;
    AgeIdentity m_age;
    MinisignSecretKey m_signing;
};

/// A card pinned in this vault.
struct EnrolledCard
{
    IdentityCard card{};
    QDateTime enrolled{};
};

/// Pins `card` in a vault of role `vaultRole` whose own identity is `own`. A field vault
/// enrols only HQ cards and an HQ vault only field cards; the vault's own card and a card
/// sharing a key with another enrolled card are refused (InvalidInput). Enrolling a card
/// already enrolled with the same name and role changes nothing and returns the existing entry.
[[nodiscard]] Result<EnrolledCard> enrolCard(Database& db, const IdentityCard& card, VaultRole vaultRole,
                                             const VaultIdentity& own, const QDateTime& now);
/// Every enrolled card (of `role` when given), in the order they were enrolled.
[[nodiscard]] Result<QList<EnrolledCard>> enrolledCards(Database& db, std::optional<VaultRole> role = {});
/// The enrolled card with `fingerprint` ("ABCD-…", case-insensitive). NotFound otherwise.
[[nodiscard]] Result<EnrolledCard> findEnrolledCard(Database& db, const std::string& fingerprint);
/// Every enrolled card whose minisign key id is `keyId`, in enrolment order (how a signature
/// finds its signer). An 8-byte key id is not unique: anyone can make a key with the id of an
/// enrolled one, so callers try each card's full key and never take the first match on trust.
[[nodiscard]] Result<QList<EnrolledCard>> enrolledCardsByKeyId(Database& db, const MinisignKeyId& keyId);
/// Unpins the card with `fingerprint`. NotFound when none is enrolled.
[[nodiscard]] Status removeEnrolledCard(Database& db, const std::string& fingerprint);

} // namespace fv
