#pragma once
// Identity cards (docs/bundle-format.md, "Identity cards"): the public half of a vault's
// identity as a small text file two people exchange and check by reading the fingerprint to
// each other. A card carries a display name, the vault's role, its age X25519 recipient and its
// minisign public key; the fingerprint covers the two keys only.
//
// The parser takes untrusted input and is strict: exact line order and keys, LF line endings,
// a final LF, nothing else, and a fingerprint that matches the keys.

#include "core/Vault.h"
#include "crypto/Age.h"
#include "crypto/Minisign.h"
#include "crypto/Result.h"

#include <QString>
#include <string>
#include <string_view>

namespace fv {

/// The first line of every version-1 card.
inline constexpr std::string_view kCardHeader = "fieldvault identity card v1";
/// Largest card file accepted, in bytes.
inline constexpr std::size_t kCardMaxBytes = 2048;
/// Largest display name, in bytes of UTF-8.
inline constexpr qsizetype kCardMaxNameBytes = 128;

struct IdentityCard
{
    QString displayName{};
    VaultRole role = VaultRole::Field;
    AgeRecipient recipient{X25519PublicKey{}};
    MinisignPublicKey signingKey{};

    /// The fingerprint of this card's keys (cardFingerprint()).
    std::string fingerprint() const;
    /// The card file text (six LF-terminated lines, see the spec).
    std::string toText() const;
    /// Parses a card file; InvalidInput naming the first problem (line, key or fingerprint).
    [[nodiscard]] static Result<IdentityCard> parse(std::string_view text);
    bool operator==(const IdentityCard&) const = default;
};

/// "ABCD-EFGH-IJKL-MNOP-QRST-UVWX": the first 15 bytes of
/// BLAKE2b-256("fieldvault-card-fingerprint-v1\n" || recipient "age1…" || "\n" || minisign
/// public key base64 "RW…" || "\n") in RFC 4648 base32 (A-Z, 2-7), six groups of four.
std::string cardFingerprint(const AgeRecipient& recipient, const MinisignPublicKey& signingKey);

/// Checks a display name: 1..kCardMaxNameBytes bytes of UTF-8, no control or format characters
/// (so no bidirectional overrides), no leading or trailing space. InvalidInput otherwise.
[[nodiscard]] Status checkDisplayName(const QString& name);

/// "field" or "hq".
std::string roleText(VaultRole role);
/// The role named "field" or "hq"; nullopt otherwise.
std::optional<VaultRole> roleFromText(std::string_view text);

} // namespace fv
