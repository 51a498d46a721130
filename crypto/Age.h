#pragma once
// The age v1 file format (C2SP age.md): X25519 and scrypt recipients, the HMAC-authenticated
// header, the STREAM payload in 64 KiB ChaCha20-Poly1305 chunks, and the ASCII armor.
//
// Both directions stream with flat memory: AgeEncryptor is a ByteSink that encrypts what is
// written to it, AgeDecryptor a ByteSource that yields plaintext one authenticated chunk at a
// time. A decryptor reports the end of the plaintext only after the final chunk authenticated
// and nothing follows it, so a truncated or extended file is an error, never a short plaintext.
//
// Errors: InvalidInput for a malformed header or armor ("header failure"), Unsupported for
// another age version or an scrypt work factor above the accepted maximum, NotFound when no
// given identity matches any recipient stanza, WrongPassphrase when the passphrase does not
// open the scrypt stanza, AuthenticationFailed for a bad header MAC or any payload damage.

#include "crypto/ByteStream.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"
#include "crypto/Signing.h"

#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace fv {

constexpr int kAgeScryptDefaultWorkFactor = 18;
constexpr int kAgeScryptMaxWorkFactor = 22;
constexpr std::size_t kAgeChunkBytes = 64 * 1024;

/// An X25519 recipient, "age1…" in text.
class AgeRecipient
{
public:
    explicit AgeRecipient(const X25519PublicKey& publicKey) noexcept : m_publicKey(publicKey) {}
    /// Parses the Bech32 form "age1…" (lower case); InvalidInput otherwise.
    [[nodiscard]] static Result<AgeRecipient> parse(std::string_view text);
    /// The Bech32 form, "age1…".
    std::string toString() const;
    const X25519PublicKey& publicKey() const noexcept { return m_publicKey; }
    bool operator==(const AgeRecipient&) const = default;

private:
    X25519PublicKey m_publicKey;
};

/// An X25519 identity (secret key), "AGE-SECRET-KEY-1…" in text.
class AgeIdentity
{
public:
    static AgeIdentity generate();
    /// The identity whose secret scalar is `secret` (32 bytes; std::invalid_argument otherwise).
    static AgeIdentity fromSecret(const SecretBuffer& secret);
    /// Parses the Bech32 form "AGE-SECRET-KEY-1…" (upper case); InvalidInput otherwise.
    [[nodiscard]] static Result<AgeIdentity> parse(std::string_view text);
    /// The Bech32 form "AGE-SECRET-KEY-1…", in guarded memory.
    SecretBuffer encode() const;
    AgeRecipient recipient() const noexcept { return AgeRecipient(m_pair.publicKey); }
    const SecretBuffer& secretKey() const noexcept { return m_pair.secretKey; }
    AgeIdentity clone() const { return fromSecret(m_pair.secretKey); }

private:
    explicit AgeIdentity(X25519KeyPair pair) noexcept : m_pair(std::move(pair)) {}
    X25519KeyPair m_pair;
};

/// Parses an identity file as age-keygen writes it: one "AGE-SECRET-KEY-1…" per line, with
/// '#' comment lines and blank lines ignored. InvalidInput on any other line or no key at all.
[[nodiscard]] Result<std::vector<AgeIdentity>> parseAgeIdentityFile(std::string_view text);

/// The identity file text age-keygen would write ("# created: <createdUtc>", "# public key:",
/// the key), in guarded memory. `createdUtc` is e.g. "2026-01-31T12:00:00Z".
SecretBuffer formatAgeIdentityFile(const AgeIdentity& identity, std::string_view createdUtc);

/// Encrypts what is written to it into an age file on `out`, which must outlive it.
class AgeEncryptor final : public ByteSink
{
public:
    /// Writes the header for `recipients` (at least one) to `out` at once.
    [[nodiscard]] static Result<std::unique_ptr<AgeEncryptor>>
    create(ByteSink& out, std::span<const AgeRecipient> recipients, bool armor = false);
    /// Writes the header of a passphrase-protected file (scrypt, 2^workFactor, 1..22).
    [[nodiscard]] static Result<std::unique_ptr<AgeEncryptor>>
    createWithPassphrase(ByteSink& out, ByteView passphrase, int workFactor = kAgeScryptDefaultWorkFactor,
                         bool armor = false);
    ~AgeEncryptor() override;

    /// Encrypts more plaintext; a full chunk is written once the next byte arrives.
    [[nodiscard]] Status write(ByteView data) override;
    /// Writes the final chunk (and the armor's end line). Until it succeeds the output is an
    /// incomplete file that every decryptor refuses. Nothing may be written afterwards.
    [[nodiscard]] Status finish();

private:
    struct Impl;
    explicit AgeEncryptor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Decrypts an age file (binary or armored, detected) read from `in`, which must outlive it.
class AgeDecryptor final : public ByteSource
{
public:
    /// Reads the header, unwraps the file key with the first identity that matches a stanza and
    /// verifies the header MAC. No plaintext has been read when this returns.
    [[nodiscard]] static Result<std::unique_ptr<AgeDecryptor>> open(ByteSource& in,
                                                                    std::span<const AgeIdentity> identities);
    /// Like open, for a passphrase-protected file; work factors above `maxWorkFactor` are refused.
    [[nodiscard]] static Result<std::unique_ptr<AgeDecryptor>>
    openWithPassphrase(ByteSource& in, ByteView passphrase, int maxWorkFactor = kAgeScryptMaxWorkFactor);
    ~AgeDecryptor() override;

    /// Plaintext, released one authenticated chunk at a time; 0 only after the final chunk
    /// authenticated and the input ended right after it.
    [[nodiscard]] Result<std::size_t> read(MutableByteView out) override;

private:
    struct Impl;
    explicit AgeDecryptor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> m_impl;
};

/// Encrypts all of `in` to `recipients` onto `out`.
[[nodiscard]] Status ageEncrypt(ByteSource& in, ByteSink& out, std::span<const AgeRecipient> recipients,
                                bool armor = false);
/// Decrypts all of `in` with `identities` onto `out`. On error, `out` may already hold the
/// authenticated chunks before the damage; the caller must discard it.
[[nodiscard]] Status ageDecrypt(ByteSource& in, ByteSink& out, std::span<const AgeIdentity> identities);

} // namespace fv
