#pragma once
// The key-slot file of a vault: one fixed-size file of random-looking bytes that wraps the
// stores' master keys under a passphrase, a recovery key or a duress passphrase.
//
// Layout (docs/vault-format.md, "Key slots"): 1056 bytes =
//   salt (16) || masked Argon2id parameters (16) || 32 random bytes || 8 slots of 120 bytes
//   || mask seed (32).
// A slot is nonce (24) || XChaCha20-Poly1305 ciphertext of an 80-byte plaintext || tag (16),
// stored XORed with a keystream derived from the public mask seed. Anyone can re-mask the file
// with a new seed without any key (remask()), so every rewrite changes every slot, and a
// snapshot pair does not say which slot was re-sealed. Unused slots are random bytes, so the
// file tells neither how many slots are in use nor of what kind. Format version and slot kind
// live inside the authenticated plaintext only; a duress slot is sealed exactly like a
// passphrase slot. Files of the first layout (1024 bytes, no seed) are still read.
//
// One unlock attempt costs one Argon2id computation (file-wide salt and parameters), then one
// AEAD trial per slot; each slot's key is derived for its index, so slots cannot be swapped.

#include "crypto/Kdf.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string_view>

namespace fv {

constexpr std::size_t kKeySlotCount = 8;
/// Size of the key-slot file as written now (slots masked, seed at the end).
constexpr std::size_t kKeySlotFileBytes = 1056;
/// Size of a file of the first layout (no mask seed), still accepted by parse().
constexpr std::size_t kKeySlotLegacyFileBytes = 1024;
constexpr std::size_t kKeySlotMaskSeedBytes = 32;
constexpr std::size_t kKeySlotHeaderBytes = 64;
constexpr std::size_t kKeySlotBytes = 120;
constexpr std::size_t kKeySlotPlaintextBytes = 80;
constexpr std::size_t kMasterKeyBytes = 32;
/// Entropy of a recovery key: 160 bits.
constexpr std::size_t kRecoveryKeyBytes = 20;
/// Version of the slot plaintext layout, stored inside every sealed slot.
constexpr std::uint8_t kKeySlotFormatVersion = 1;

static_assert(kKeySlotHeaderBytes + kKeySlotCount * kKeySlotBytes == kKeySlotLegacyFileBytes);
static_assert(kKeySlotLegacyFileBytes + kKeySlotMaskSeedBytes == kKeySlotFileBytes);

/// What a slot unlocks. Stored only inside the authenticated plaintext.
enum class SlotKind : std::uint8_t
{
    Passphrase = 1,   ///< a passphrase of a store: the everyday one, or a duress one (same form)
    Recovery = 2,     ///< the printed recovery key of a store
    LegacyDuress = 3, ///< read only: how earlier versions marked a duress slot (a tell, see
                      ///< docs/threat-model.md); seal() refuses it, Vault re-seals it as Passphrase
};

/// Which kind of secret a root key came from; selects the per-slot key derivation.
enum class SlotSecretKind : std::uint8_t
{
    Passphrase,  ///< Argon2id of a passphrase (everyday or duress)
    RecoveryKey, ///< HKDF-SHA-256 of the 160-bit recovery key
};

/// The decrypted contents of one slot.
struct SlotContent
{
    SlotKind kind = SlotKind::Passphrase;
    std::uint8_t storeIndex = 0; ///< 0 or 1: which of the two stores this key opens
    std::uint8_t linkedSlot = 0; ///< for Recovery: the slot of the same store's passphrase
    SecretBuffer masterKey;      ///< kMasterKeyBytes
};

/// A slot that opened, and where it sits in the file.
struct OpenedSlot
{
    std::size_t index = 0;
    SlotContent content;
};

/// The root key derived once per unlock attempt from the secret the user gave.
struct SlotRootKey
{
    SlotSecretKind kind = SlotSecretKind::Passphrase;
    SecretBuffer key; ///< 32 bytes
};

class KeySlotFile
{
public:
    /// A new file: fresh random salt, the given Argon2id parameters, every slot random.
    /// InvalidArgument when `params` are out of range.
    [[nodiscard]] static Result<KeySlotFile> generate(const Argon2Params& params);
    /// Like generate() with a fixed salt (16 bytes): for known-answer tests only. The reserved
    /// bytes and slots are still random.
    [[nodiscard]] static Result<KeySlotFile> generateWithSalt(const Argon2Params& params, ByteView salt);
    /// Parses untrusted bytes: kKeySlotFileBytes (masked), or kKeySlotLegacyFileBytes (the first
    /// layout, unmasked). StoreDamaged when the size is wrong or the parameters do not decode
    /// to a sane Argon2id cost (a damaged file, or not a vault's key file at all).
    [[nodiscard]] static Result<KeySlotFile> parse(ByteView bytes);

    /// The exact kKeySlotFileBytes bytes to write to disk: header, masked slots, mask seed.
    ByteView bytes() const;
    /// Draws a new mask seed: every slot's bytes on disk change, what they hold does not.
    /// Needs no key, so a session can refresh slots it cannot open.
    void remask() noexcept;
    /// The Argon2id cost every passphrase slot of this file uses.
    const Argon2Params& params() const noexcept { return m_params; }
    /// The file-wide 16-byte salt.
    ByteView salt() const noexcept { return {m_bytes.data(), kArgon2SaltBytes}; }

    /// The slow step of an unlock: Argon2id(passphrase, salt, params). Errors come from Argon2id
    /// (InvalidArgument for an over-long passphrase, Internal when memory runs out).
    [[nodiscard]] Result<SlotRootKey> deriveFromPassphrase(ByteView passphrase) const;
    /// The fast step for a recovery key (kRecoveryKeyBytes, as parsed by parseRecoveryKey):
    /// HKDF-SHA-256 with the file salt. No Argon2id: the key itself has 160 bits of entropy.
    [[nodiscard]] Result<SlotRootKey> deriveFromRecoveryKey(const SecretBuffer& recoveryKey) const;

    /// Tries every slot with `root`; the first that authenticates and holds a well-formed
    /// plaintext is returned. Nothing (and no partial plaintext) when none opens.
    [[nodiscard]] std::optional<OpenedSlot> open(const SlotRootKey& root) const;

    /// Seals `content` into slot `index` under `root` with a fresh random nonce, replacing
    /// whatever was there. InvalidArgument on a bad index or content (a programming error).
    [[nodiscard]] Status seal(std::size_t index, const SlotRootKey& root, const SlotContent& content);
    /// Like seal() with a caller-chosen 24-byte nonce: for known-answer tests only.
    [[nodiscard]] Status sealWithNonce(std::size_t index, const SlotRootKey& root, const SlotContent& content,
                                       ByteView nonce);
    /// Overwrites slot `index` with random bytes (the slot becomes indistinguishable from unused).
    void scrub(std::size_t index) noexcept;

    /// The bytes of slot `index` before masking (for tests and the format documentation).
    ByteView slotBytes(std::size_t index) const noexcept;

private:
    KeySlotFile() = default;
    std::array<std::uint8_t, kKeySlotLegacyFileBytes> m_bytes{}; ///< header and unmasked slots
    std::array<std::uint8_t, kKeySlotMaskSeedBytes> m_seed{};
    mutable std::array<std::uint8_t, kKeySlotFileBytes> m_disk{}; ///< what bytes() returns
    Argon2Params m_params;
};

/// 160 fresh random bits for a recovery key, in guarded memory.
SecretBuffer generateRecoveryKey();

/// The human form of a recovery key: 36 characters of Crockford base32 (32 for the key, 4 for a
/// checksum) in 9 groups of 4 joined by dashes, e.g. "7K3M-…-Q2XD" (44 ASCII bytes). The text is
/// as secret as the key, so it stays in guarded memory.
SecretBuffer formatRecoveryKey(const SecretBuffer& recoveryKey);

/// Parses what a person typed back: case, spaces, dashes and the look-alikes O/o (0) and
/// I/i/L/l (1) are tolerated. InvalidInput with a message saying what is wrong (length, a letter
/// that cannot appear, or a typo caught by the checksum).
[[nodiscard]] Result<SecretBuffer> parseRecoveryKey(ByteView text);

} // namespace fv
