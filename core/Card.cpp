#include "core/Card.h"

#include "core/TestimonyJson.h"
#include "crypto/Hash.h"

#include <QChar>
#include <array>

namespace fv {
namespace {

constexpr std::string_view kFingerprintDomain = "fieldvault-card-fingerprint-v1\n";
constexpr char kBase32[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

// RFC 4648 base32 without padding of `data`, whose length is a multiple of 5.
std::string base32(ByteView data)
{
    std::string out;
    std::uint64_t acc = 0;
    int bits = 0;
    for (std::uint8_t b : data) {
        acc = (acc << 8) | b;
        bits += 8;
        while (bits >= 5) {
            bits -= 5;
            out += kBase32[(acc >> bits) & 31];
        }
    }
    return out;
}

Error cardError(std::string message)
{
    return Error{ErrorCode::InvalidInput, "identity card: " + std::move(message)};
}

} // namespace

std::string roleText(VaultRole role)
{
    return role == VaultRole::Hq ? "hq" : "field";
}

std::optional<VaultRole> roleFromText(std::string_view text)
{
    if (text == "field")
        return VaultRole::Field;
    if (text == "hq")
        return VaultRole::Hq;
    return std::nullopt;
}

std::string cardFingerprint(const AgeRecipient& recipient, const MinisignPublicKey& signingKey)
{
    Blake2b h(32);
    h.update(asBytes(kFingerprintDomain));
    h.update(asBytes(recipient.toString()));
    h.update(asBytes("\n"));
    h.update(asBytes(signingKey.toBase64()));
    h.update(asBytes("\n"));
    const Bytes digest = h.finish();
    const std::string text = base32(ByteView(digest.data(), 15));
    std::string grouped;
    for (std::size_t i = 0; i < text.size(); i += 4) {
        if (i > 0)
            grouped += '-';
        grouped += text.substr(i, 4);
    }
    return grouped;
}

Status checkDisplayName(const QString& name)
{
    const QByteArray utf8 = name.toUtf8();
    if (utf8.isEmpty())
        return fail(ErrorCode::InvalidInput, "the display name is empty");
    if (utf8.size() > kCardMaxNameBytes)
        return fail(ErrorCode::InvalidInput,
                    "the display name is longer than " + std::to_string(kCardMaxNameBytes) + " bytes");
    if (firstInvalidUtf8(utf8))
        return fail(ErrorCode::InvalidInput, "the display name is not valid UTF-8");
    if (name.front().isSpace() || name.back().isSpace())
        return fail(ErrorCode::InvalidInput, "the display name starts or ends with a space");
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char32_t cp = name.at(i).isHighSurrogate() && i + 1 < name.size()
                                ? QChar::surrogateToUcs4(name.at(i), name.at(i + 1))
                                : name.at(i).unicode();
        if (cp > 0xffff)
            ++i;
        const QChar::Category cat = QChar::category(cp);
        if (cat == QChar::Other_Control || cat == QChar::Other_Format || cat == QChar::Other_Surrogate ||
            cat == QChar::Other_NotAssigned || cat == QChar::Separator_Line ||
            cat == QChar::Separator_Paragraph)
            return fail(ErrorCode::InvalidInput, "the display name contains a control or format character");
    }
    return {};
}

std::string IdentityCard::fingerprint() const
{
    return cardFingerprint(recipient, signingKey);
}

std::string IdentityCard::toText() const
{
    std::string out;
    out += kCardHeader;
    out += "\nname: ";
    out += displayName.toStdString();
    out += "\nrole: ";
    out += roleText(role);
    out += "\nage-recipient: ";
    out += recipient.toString();
    out += "\nminisign-public-key: ";
    out += signingKey.toBase64();
    out += "\nfingerprint: ";
    out += fingerprint();
    out += '\n';
    return out;
}

Result<IdentityCard> IdentityCard::parse(std::string_view text)
{
    if (text.size() > kCardMaxBytes)
        return std::unexpected(cardError("the file is larger than " + std::to_string(kCardMaxBytes) +
                                         " bytes; is it really a card?"));
    if (firstInvalidUtf8(QByteArrayView(text.data(), static_cast<qsizetype>(text.size()))))
        return std::unexpected(cardError("the file is not valid UTF-8"));
    if (text.empty() || text.back() != '\n')
        return std::unexpected(cardError("the file must end with a line break"));
    if (text.find('\r') != std::string_view::npos)
        return std::unexpected(cardError("lines must end with LF only (no CR)"));

    constexpr std::array<std::string_view, 5> keys = {"name", "role", "age-recipient", "minisign-public-key",
                                                      "fingerprint"};
    std::array<std::string_view, 5> values{};
    std::size_t pos = text.find('\n');
    if (text.substr(0, pos) != kCardHeader)
        return std::unexpected(cardError("line 1 must be \"" + std::string(kCardHeader) + "\""));
    ++pos;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        if (pos >= text.size())
            return std::unexpected(
                cardError("line " + std::to_string(i + 2) + " (" + std::string(keys[i]) + ") is missing"));
        const std::size_t end = text.find('\n', pos);
        const std::string_view line = text.substr(pos, end - pos);
        const std::string prefix = std::string(keys[i]) + ": ";
        if (!line.starts_with(prefix))
            return std::unexpected(
                cardError("line " + std::to_string(i + 2) + " must start with \"" + prefix + "\""));
        values[i] = line.substr(prefix.size());
        pos = end + 1;
    }
    if (pos != text.size())
        return std::unexpected(cardError("unexpected text after the fingerprint line"));

    IdentityCard card;
    card.displayName = QString::fromUtf8(values[0].data(), static_cast<qsizetype>(values[0].size()));
    if (auto st = checkDisplayName(card.displayName); !st)
        return std::unexpected(cardError(st.error().message));
    const auto role = roleFromText(values[1]);
    if (!role)
        return std::unexpected(cardError("the role must be \"field\" or \"hq\""));
    card.role = *role;
    auto recipient = AgeRecipient::parse(values[2]);
    if (!recipient)
        return std::unexpected(cardError("the age recipient is invalid: " + recipient.error().message));
    card.recipient = *recipient;
    if (!values[3].starts_with("RW"))
        return std::unexpected(cardError("the minisign public key must be the base64 line \"RW…\""));
    auto key = MinisignPublicKey::parse(values[3]);
    if (!key)
        return std::unexpected(cardError("the minisign public key is invalid: " + key.error().message));
    card.signingKey = *key;
    if (card.signingKey.toBase64() != values[3] || card.recipient.toString() != values[2])
        return std::unexpected(cardError("a key is not in its canonical form"));
    if (card.fingerprint() != values[4])
        return std::unexpected(
            cardError("the fingerprint does not match the keys (damaged or altered card)"));
    return card;
}

} // namespace fv
