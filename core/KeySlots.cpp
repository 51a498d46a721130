#include "core/KeySlots.h"

#include "crypto/Aead.h"
#include "crypto/Crypto.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"

#include <algorithm>
#include <cstring>

namespace fv {

namespace {

// Offsets inside the file and inside a slot.
constexpr std::size_t kSaltOffset = 0;
constexpr std::size_t kParamsOffset = 16;
constexpr std::size_t kParamsBytes = 16;
constexpr std::size_t kSlotNonceOffset = 0;
constexpr std::size_t kSlotCiphertextOffset = kAeadNonceBytes;
constexpr std::size_t kSlotTagOffset = kSlotCiphertextOffset + kKeySlotPlaintextBytes;
static_assert(kSlotTagOffset + kAeadTagBytes == kKeySlotBytes);
static_assert(kSaltOffset + kArgon2SaltBytes == kParamsOffset);

// Offsets inside the slot plaintext.
constexpr std::size_t kPtVersion = 0;
constexpr std::size_t kPtKind = 1;
constexpr std::size_t kPtStore = 2;
constexpr std::size_t kPtLinked = 3;
constexpr std::size_t kPtKey = 8;
static_assert(kPtKey + kMasterKeyBytes <= kKeySlotPlaintextBytes);

// Sanity ceilings for parameters read from disk: a damaged or hostile file must not make an
// unlock attempt allocate gigabytes or run for hours. The "sensitive" profile is well inside.
constexpr std::uint64_t kMaxOpsLimit = 16;
constexpr std::uint64_t kMaxMemLimitBytes = 2ull * 1024 * 1024 * 1024;

// Domain-separation labels. None of these strings is ever written to disk.
constexpr std::string_view kParamsMaskKey = "fieldvault/keyslots/params-mask/v1";
constexpr std::string_view kSlotMaskLabel = "fieldvault/keyslots/slot-mask/v2";
constexpr std::size_t kSlotAreaBytes = kKeySlotCount * kKeySlotBytes;
constexpr std::size_t kMaskBlockBytes = 64;
static_assert(kSlotAreaBytes % kMaskBlockBytes == 0);
constexpr std::string_view kRecoveryInfo = "fieldvault/keyslots/recovery/v1";
constexpr std::string_view kRecoveryChecksumKey = "fieldvault/recovery-key/checksum/v1";
constexpr std::string_view kPassphraseSlotContext = "fvslotpw"; // crypto_kdf contexts: 8 bytes
constexpr std::string_view kRecoverySlotContext = "fvslotrk";

constexpr char kCrockford[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
constexpr std::size_t kRecoveryDataChars = 32; // 160 bits / 5
constexpr std::size_t kRecoveryCheckChars = 4; // 20 bits
constexpr std::size_t kRecoveryChars = kRecoveryDataChars + kRecoveryCheckChars;
constexpr std::size_t kRecoveryGroup = 4;
constexpr std::size_t kRecoveryTextBytes = kRecoveryChars + kRecoveryChars / kRecoveryGroup - 1;

void storeLe64(std::uint8_t* out, std::uint64_t v) noexcept
{
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t loadLe64(const std::uint8_t* in) noexcept
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | in[i];
    return v;
}

Bytes paramsMask(ByteView salt)
{
    return blake2b(salt, kParamsBytes, asBytes(kParamsMaskKey));
}

bool saneParams(const Argon2Params& p) noexcept
{
    return p.valid() && p.opsLimit <= kMaxOpsLimit && p.memLimitBytes <= kMaxMemLimitBytes;
}

Error damagedFile()
{
    return Error{ErrorCode::StoreDamaged,
                 "The vault's key file is damaged or is not a Fieldvault key file, so the vault cannot be "
                 "opened. If you have a backup copy of the vault folder, use that."};
}

Bytes slotAd(ByteView header, std::size_t index)
{
    Bytes ad(header.begin(), header.end());
    for (int i = 0; i < 4; ++i)
        ad.push_back(static_cast<std::uint8_t>(index >> (8 * i)));
    return ad;
}

std::string_view contextFor(SlotSecretKind kind) noexcept
{
    return kind == SlotSecretKind::Passphrase ? kPassphraseSlotContext : kRecoverySlotContext;
}

bool kindMatches(SlotKind slot, SlotSecretKind secret) noexcept
{
    if (secret == SlotSecretKind::RecoveryKey)
        return slot == SlotKind::Recovery;
    return slot == SlotKind::Passphrase || slot == SlotKind::LegacyDuress;
}

bool validKind(std::uint8_t k) noexcept
{
    return k == static_cast<std::uint8_t>(SlotKind::Passphrase) ||
           k == static_cast<std::uint8_t>(SlotKind::Recovery) ||
           k == static_cast<std::uint8_t>(SlotKind::LegacyDuress);
}

// XORs the slot area (file bytes 64..1024) with the keystream of `seed`: block j of 64 bytes is
// BLAKE2b-512(key = seed, message = kSlotMaskLabel || le32(j)). Its own inverse.
void applySlotMask(std::uint8_t* slots, ByteView seed)
{
    Bytes message(kSlotMaskLabel.begin(), kSlotMaskLabel.end());
    message.resize(message.size() + 4);
    for (std::size_t block = 0; block < kSlotAreaBytes / kMaskBlockBytes; ++block) {
        for (int i = 0; i < 4; ++i)
            message[kSlotMaskLabel.size() + static_cast<std::size_t>(i)] =
                static_cast<std::uint8_t>(block >> (8 * i));
        const Bytes mask = blake2b(message, kMaskBlockBytes, seed);
        for (std::size_t i = 0; i < kMaskBlockBytes; ++i)
            slots[block * kMaskBlockBytes + i] ^= mask[i];
    }
}

// Crockford base32 value of one typed character, or -1. Look-alikes are folded.
int crockfordValue(std::uint8_t c) noexcept
{
    if (c >= 'a' && c <= 'z')
        c = static_cast<std::uint8_t>(c - 'a' + 'A');
    if (c == 'O')
        c = '0';
    if (c == 'I' || c == 'L')
        c = '1';
    for (int i = 0; i < 32; ++i) {
        if (static_cast<std::uint8_t>(kCrockford[i]) == c)
            return i;
    }
    return -1;
}

// The 20-bit checksum of a recovery key as four base32 digits.
std::array<std::uint8_t, kRecoveryCheckChars> recoveryChecksum(const SecretBuffer& key)
{
    Bytes digest = blake2b(key.view(), 16, asBytes(kRecoveryChecksumKey));
    const std::uint32_t bits =
        (std::uint32_t{digest[0]} << 12) | (std::uint32_t{digest[1]} << 4) | (std::uint32_t{digest[2]} >> 4);
    wipeMemory(digest);
    std::array<std::uint8_t, kRecoveryCheckChars> out{};
    for (std::size_t i = 0; i < kRecoveryCheckChars; ++i)
        out[i] = static_cast<std::uint8_t>((bits >> (5 * (kRecoveryCheckChars - 1 - i))) & 31u);
    return out;
}

} // namespace

Result<KeySlotFile> KeySlotFile::generate(const Argon2Params& params)
{
    std::array<std::uint8_t, kArgon2SaltBytes> salt{};
    randomFill(salt);
    return generateWithSalt(params, salt);
}

Result<KeySlotFile> KeySlotFile::generateWithSalt(const Argon2Params& params, ByteView salt)
{
    if (salt.size() != kArgon2SaltBytes)
        return fail(ErrorCode::InvalidArgument, "key-slot salt must be 16 bytes");
    if (!saneParams(params))
        return fail(ErrorCode::InvalidArgument, "Argon2id parameters are out of the range a vault accepts");
    KeySlotFile file;
    randomFill(file.m_bytes);
    randomFill(file.m_seed);
    std::copy(salt.begin(), salt.end(), file.m_bytes.begin() + kSaltOffset);
    std::array<std::uint8_t, kParamsBytes> encoded{};
    storeLe64(encoded.data(), params.opsLimit);
    storeLe64(encoded.data() + 8, params.memLimitBytes);
    const Bytes mask = paramsMask(salt);
    for (std::size_t i = 0; i < kParamsBytes; ++i)
        file.m_bytes[kParamsOffset + i] = encoded[i] ^ mask[i];
    file.m_params = params;
    return file;
}

Result<KeySlotFile> KeySlotFile::parse(ByteView bytes)
{
    if (bytes.size() != kKeySlotFileBytes && bytes.size() != kKeySlotLegacyFileBytes)
        return std::unexpected(damagedFile());
    KeySlotFile file;
    std::copy_n(bytes.begin(), kKeySlotLegacyFileBytes, file.m_bytes.begin());
    if (bytes.size() == kKeySlotFileBytes) {
        std::copy_n(bytes.begin() + kKeySlotLegacyFileBytes, kKeySlotMaskSeedBytes, file.m_seed.begin());
        applySlotMask(file.m_bytes.data() + kKeySlotHeaderBytes, file.m_seed);
    } else {
        randomFill(file.m_seed); // the first layout was unmasked; bytes() writes the new one
    }
    const Bytes mask = paramsMask(file.salt());
    std::array<std::uint8_t, kParamsBytes> encoded{};
    for (std::size_t i = 0; i < kParamsBytes; ++i)
        encoded[i] = file.m_bytes[kParamsOffset + i] ^ mask[i];
    file.m_params.opsLimit = loadLe64(encoded.data());
    file.m_params.memLimitBytes = loadLe64(encoded.data() + 8);
    if (!saneParams(file.m_params))
        return std::unexpected(damagedFile());
    return file;
}

Result<SlotRootKey> KeySlotFile::deriveFromPassphrase(ByteView passphrase) const
{
    auto key = argon2id(passphrase, salt(), m_params, 32);
    if (!key)
        return std::unexpected(key.error());
    return SlotRootKey{SlotSecretKind::Passphrase, std::move(*key)};
}

Result<SlotRootKey> KeySlotFile::deriveFromRecoveryKey(const SecretBuffer& recoveryKey) const
{
    if (recoveryKey.size() != kRecoveryKeyBytes)
        return fail(ErrorCode::InvalidArgument, "a recovery key is 20 bytes");
    auto key = hkdfSha256(recoveryKey.view(), salt(), asBytes(kRecoveryInfo), 32);
    if (!key)
        return std::unexpected(key.error());
    return SlotRootKey{SlotSecretKind::RecoveryKey, std::move(*key)};
}

std::optional<OpenedSlot> KeySlotFile::open(const SlotRootKey& root) const
{
    if (root.key.size() != 32)
        return std::nullopt;
    const ByteView header(m_bytes.data(), kKeySlotHeaderBytes);
    std::optional<OpenedSlot> found;
    // Every slot is tried even after a hit, so the time taken does not depend on the position.
    for (std::size_t index = 0; index < kKeySlotCount; ++index) {
        const SecretBuffer slotKey = deriveSubkey(root.key, contextFor(root.kind), index, kAeadKeyBytes);
        const ByteView slot = slotBytes(index);
        const Bytes ad = slotAd(header, index);
        SecretBuffer plain(kKeySlotPlaintextBytes);
        if (!aeadDecryptDetached(slotKey, slot.subspan(kSlotNonceOffset, kAeadNonceBytes), ad,
                                 slot.subspan(kSlotCiphertextOffset, kKeySlotPlaintextBytes),
                                 slot.subspan(kSlotTagOffset, kAeadTagBytes), plain.span()))
            continue;
        const std::uint8_t* p = plain.data();
        // An authenticated slot of another layout version or with impossible fields is skipped:
        // only a newer or buggy writer could have produced it.
        if (found || p[kPtVersion] != kKeySlotFormatVersion || !validKind(p[kPtKind]) || p[kPtStore] > 1 ||
            p[kPtLinked] >= kKeySlotCount)
            continue;
        const auto kind = static_cast<SlotKind>(p[kPtKind]);
        if (!kindMatches(kind, root.kind))
            continue;
        OpenedSlot opened;
        opened.index = index;
        opened.content.kind = kind;
        opened.content.storeIndex = p[kPtStore];
        opened.content.linkedSlot = p[kPtLinked];
        opened.content.masterKey = SecretBuffer::copyOf(ByteView(p + kPtKey, kMasterKeyBytes));
        found = std::move(opened);
    }
    return found;
}

Status KeySlotFile::seal(std::size_t index, const SlotRootKey& root, const SlotContent& content)
{
    std::array<std::uint8_t, kAeadNonceBytes> nonce{};
    randomFill(nonce);
    return sealWithNonce(index, root, content, nonce);
}

Status KeySlotFile::sealWithNonce(std::size_t index, const SlotRootKey& root, const SlotContent& content,
                                  ByteView nonce)
{
    if (index >= kKeySlotCount || root.key.size() != 32 || nonce.size() != kAeadNonceBytes ||
        content.masterKey.size() != kMasterKeyBytes || content.storeIndex > 1 ||
        content.linkedSlot >= kKeySlotCount || content.kind == SlotKind::LegacyDuress ||
        !kindMatches(content.kind, root.kind))
        return fail(ErrorCode::InvalidArgument, "KeySlotFile::seal: bad slot index, key or content");
    SecretBuffer plain(kKeySlotPlaintextBytes);
    std::uint8_t* p = plain.data();
    p[kPtVersion] = kKeySlotFormatVersion;
    p[kPtKind] = static_cast<std::uint8_t>(content.kind);
    p[kPtStore] = content.storeIndex;
    p[kPtLinked] = content.linkedSlot;
    std::memcpy(p + kPtKey, content.masterKey.data(), kMasterKeyBytes);

    const SecretBuffer slotKey = deriveSubkey(root.key, contextFor(root.kind), index, kAeadKeyBytes);
    const Bytes ad = slotAd(ByteView(m_bytes.data(), kKeySlotHeaderBytes), index);
    std::uint8_t* slot = m_bytes.data() + kKeySlotHeaderBytes + index * kKeySlotBytes;
    std::copy(nonce.begin(), nonce.end(), slot + kSlotNonceOffset);
    aeadEncryptDetached(slotKey, nonce, ad, plain.view(),
                        MutableByteView(slot + kSlotCiphertextOffset, kKeySlotPlaintextBytes),
                        MutableByteView(slot + kSlotTagOffset, kAeadTagBytes));
    return {};
}

void KeySlotFile::scrub(std::size_t index) noexcept
{
    if (index < kKeySlotCount)
        randomFill(
            MutableByteView(m_bytes.data() + kKeySlotHeaderBytes + index * kKeySlotBytes, kKeySlotBytes));
}

ByteView KeySlotFile::bytes() const
{
    std::copy(m_bytes.begin(), m_bytes.end(), m_disk.begin());
    applySlotMask(m_disk.data() + kKeySlotHeaderBytes, m_seed);
    std::copy(m_seed.begin(), m_seed.end(), m_disk.begin() + kKeySlotLegacyFileBytes);
    return {m_disk.data(), m_disk.size()};
}

void KeySlotFile::remask() noexcept
{
    randomFill(m_seed);
}

ByteView KeySlotFile::slotBytes(std::size_t index) const noexcept
{
    if (index >= kKeySlotCount)
        return {};
    return ByteView(m_bytes.data() + kKeySlotHeaderBytes + index * kKeySlotBytes, kKeySlotBytes);
}

SecretBuffer generateRecoveryKey()
{
    return SecretBuffer::random(kRecoveryKeyBytes);
}

SecretBuffer formatRecoveryKey(const SecretBuffer& recoveryKey)
{
    SecretBuffer digits(kRecoveryChars);
    // 20 bytes = 4 blocks of 5 bytes = 4 blocks of 8 base32 digits, most significant bit first.
    for (std::size_t block = 0; block < kRecoveryKeyBytes / 5; ++block) {
        std::uint64_t acc = 0;
        for (std::size_t i = 0; i < 5; ++i)
            acc = (acc << 8) | recoveryKey.data()[block * 5 + i];
        for (std::size_t i = 0; i < 8; ++i)
            digits.data()[block * 8 + i] = static_cast<std::uint8_t>((acc >> (35 - 5 * i)) & 31u);
        acc = 0;
    }
    const auto check = recoveryChecksum(recoveryKey);
    std::copy(check.begin(), check.end(), digits.data() + kRecoveryDataChars);

    SecretBuffer text(kRecoveryTextBytes);
    std::size_t out = 0;
    for (std::size_t i = 0; i < kRecoveryChars; ++i) {
        if (i > 0 && i % kRecoveryGroup == 0)
            text.data()[out++] = '-';
        text.data()[out++] = static_cast<std::uint8_t>(kCrockford[digits.data()[i]]);
    }
    return text;
}

Result<SecretBuffer> parseRecoveryKey(ByteView text)
{
    SecretBuffer digits(kRecoveryChars);
    std::size_t count = 0;
    std::size_t position = 0;
    for (const std::uint8_t c : text) {
        ++position;
        if (c == ' ' || c == '-' || c == '\t' || c == '\n' || c == '\r')
            continue;
        const int value = crockfordValue(c);
        if (value < 0)
            return fail(ErrorCode::InvalidInput,
                        "The recovery key has a character that cannot appear in it (character " +
                            std::to_string(position) +
                            "). It uses only the digits 0-9 and the letters A-Z except I, L, O and U.");
        if (count < kRecoveryChars)
            digits.data()[count] = static_cast<std::uint8_t>(value);
        ++count;
    }
    if (count != kRecoveryChars)
        return fail(ErrorCode::InvalidInput, "A recovery key has 36 letters and digits (9 groups of 4); " +
                                                 std::to_string(count) +
                                                 " were given. Check that no group is missing or repeated.");
    SecretBuffer key(kRecoveryKeyBytes);
    for (std::size_t block = 0; block < kRecoveryKeyBytes / 5; ++block) {
        std::uint64_t acc = 0;
        for (std::size_t i = 0; i < 8; ++i)
            acc = (acc << 5) | digits.data()[block * 8 + i];
        for (std::size_t i = 0; i < 5; ++i)
            key.data()[block * 5 + i] = static_cast<std::uint8_t>(acc >> (32 - 8 * i));
        acc = 0;
    }
    const auto check = recoveryChecksum(key);
    if (!constantTimeEqual(check, ByteView(digits.data() + kRecoveryDataChars, kRecoveryCheckChars)))
        return fail(
            ErrorCode::InvalidInput,
            "The recovery key has a typo: compare each group of 4 with the printed sheet and try again.");
    return key;
}

} // namespace fv
