#pragma once
// The minisign formats (compatible with minisign 0.11): Ed25519 signatures over the BLAKE2b-512
// hash of the message ("ED", prehashed) with an untrusted comment, a trusted comment, and a
// global signature over signature || trusted comment; public and secret key files.
//
// Verification checks the key id, then the signature, then the global signature, and succeeds
// only if all three hold; the trusted comment is only trustworthy after that.

#include "crypto/ByteStream.h"
#include "crypto/Result.h"
#include "crypto/SecretBuffer.h"
#include "crypto/Signing.h"

#include <string>
#include <string_view>

namespace fv {

using MinisignKeyId = std::array<std::uint8_t, 8>;

constexpr std::size_t kMinisignMaxCommentBytes = 1024;
constexpr std::size_t kMinisignMaxTrustedCommentBytes = 8192;

/// The key id as minisign prints it: 16 upper-case hex digits of the little-endian number.
std::string minisignKeyIdText(const MinisignKeyId& id);

struct MinisignPublicKey
{
    MinisignKeyId keyId{};
    Ed25519PublicKey key{};

    /// Parses a public key file ("untrusted comment: …" line, then the base64 line) or the
    /// bare base64 line ("RW…"); InvalidInput on anything else.
    [[nodiscard]] static Result<MinisignPublicKey> parse(std::string_view text);
    /// The base64 line, "RW…".
    std::string toBase64() const;
    /// The file text minisign -G writes: "untrusted comment: minisign public key <ID>\n<base64>\n".
    std::string toFileText() const;
    bool operator==(const MinisignPublicKey&) const = default;
};

/// scrypt limits protecting a secret key file (crypto_pwhash_scryptsalsa208sha256).
struct MinisignKdfLimits
{
    std::uint64_t opsLimit = 0;
    std::uint64_t memLimit = 0;
    /// What minisign itself uses (2^25 operations, 1 GiB); the upper bound accepted on reading.
    static MinisignKdfLimits sensitive() noexcept;
    /// The smallest limits libsodium accepts (2^15, 16 MiB): for tests only.
    static MinisignKdfLimits fastForTests() noexcept;
};

class MinisignSecretKey
{
public:
    /// A fresh key pair with a random key id.
    static MinisignSecretKey generate();
    /// Parses a secret key file. An encrypted key ("Sc") needs `passphrase` (WrongPassphrase if
    /// it does not open it; Unsupported if its limits exceed MinisignKdfLimits::sensitive());
    /// an unencrypted one (minisign -W) ignores it. InvalidInput on a malformed or inconsistent key.
    [[nodiscard]] static Result<MinisignSecretKey> parse(std::string_view text, ByteView passphrase = {});
    /// The secret key file text, encrypted under `passphrase` with `limits`, or unencrypted (like
    /// minisign -W) when `passphrase` is empty. The text is secret only if unencrypted, but it
    /// is always returned in guarded memory.
    [[nodiscard]] Result<SecretBuffer>
    toFileText(ByteView passphrase, MinisignKdfLimits limits = MinisignKdfLimits::sensitive()) const;
    MinisignPublicKey publicKey() const noexcept { return m_public; }
    const MinisignKeyId& keyId() const noexcept { return m_public.keyId; }
    /// The 64-byte Ed25519 secret key (seed || public key).
    const SecretBuffer& secretKey() const noexcept { return m_secret; }
    MinisignSecretKey clone() const;

private:
    MinisignSecretKey(MinisignPublicKey pub, SecretBuffer secret) : m_public(pub), m_secret(std::move(secret))
    {
    }
    MinisignPublicKey m_public;
    SecretBuffer m_secret;
};

struct MinisignSignature
{
    MinisignKeyId keyId{};
    Ed25519Signature signature{};
    bool prehashed = true; ///< "ED" (BLAKE2b-512 of the message) rather than legacy "Ed"
    std::string untrustedComment;
    std::string trustedComment;
    Ed25519Signature globalSignature{};

    /// Parses a .minisig file (four lines; CRLF accepted); InvalidInput when malformed.
    [[nodiscard]] static Result<MinisignSignature> parse(std::string_view text);
    /// The .minisig file text.
    std::string toFileText() const;
};

/// Signs `message` (prehashed). Comments are single lines (no CR or LF) of at most 1024 and
/// 8192 bytes; InvalidArgument otherwise.
[[nodiscard]] Result<MinisignSignature>
minisignSign(const MinisignSecretKey& key, ByteView message, std::string_view trustedComment,
             std::string_view untrustedComment = "signature from minisign secret key");
/// Like minisignSign, reading the message from `message` to its end.
[[nodiscard]] Result<MinisignSignature>
minisignSignStream(const MinisignSecretKey& key, ByteSource& message, std::string_view trustedComment,
                   std::string_view untrustedComment = "signature from minisign secret key");

/// Verifies `signature` of `message` by `key`: AuthenticationFailed when the key id
/// differs, the signature or the global signature fails. Accepts legacy "Ed" signatures only
/// when `allowLegacy`.
[[nodiscard]] Status minisignVerify(const MinisignPublicKey& key, const MinisignSignature& signature,
                                    ByteView message, bool allowLegacy = false);
/// Like minisignVerify, reading the message from `message` to its end.
[[nodiscard]] Status minisignVerifyStream(const MinisignPublicKey& key, const MinisignSignature& signature,
                                          ByteSource& message, bool allowLegacy = false);

} // namespace fv
