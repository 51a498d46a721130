#include "crypto/Minisign.h"

#include "crypto/Crypto.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <sodium.h>
#include <vector>

namespace fv {

namespace {

constexpr std::string_view kCommentPrefix = "untrusted comment: ";
constexpr std::string_view kTrustedPrefix = "trusted comment: ";
constexpr std::string_view kSecretKeyComment = "minisign encrypted secret key";
constexpr std::uint8_t kAlgEd[2] = {'E', 'd'};
constexpr std::uint8_t kAlgHashed[2] = {'E', 'D'};
constexpr std::uint8_t kKdfScrypt[2] = {'S', 'c'};
constexpr std::uint8_t kKdfNone[2] = {0, 0};
constexpr std::uint8_t kChkBlake2b[2] = {'B', '2'};

constexpr std::size_t kKeyIdBytes = 8;
constexpr std::size_t kPublicKeyBytes = 2 + kKeyIdBytes + 32;
constexpr std::size_t kSignatureBytes = 2 + kKeyIdBytes + 64;
constexpr std::size_t kSaltBytes = crypto_pwhash_scryptsalsa208sha256_SALTBYTES;
constexpr std::size_t kChecksumBytes = 32;
// keynum_sk: key id || Ed25519 secret key || checksum; the part a passphrase encrypts.
constexpr std::size_t kKeynumSkBytes = kKeyIdBytes + 64 + kChecksumBytes;
constexpr std::size_t kSecretKeyBytes = 2 + 2 + 2 + kSaltBytes + 8 + 8 + kKeynumSkBytes;
constexpr std::size_t kKeynumOffset = kSecretKeyBytes - kKeynumSkBytes;

static_assert(kSaltBytes == 32);
static_assert(kSecretKeyBytes == 158);

std::unexpected<Error> malformed(std::string what)
{
    return fail(ErrorCode::InvalidInput, "malformed minisign " + what);
}

void storeLe64(std::uint8_t* out, std::uint64_t v)
{
    for (int i = 0; i < 8; ++i)
        out[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

std::uint64_t loadLe64(const std::uint8_t* in)
{
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i)
        v = (v << 8) | in[i];
    return v;
}

// Splits text into lines, accepting LF or CRLF and an unterminated last line.
std::vector<std::string_view> splitLines(std::string_view text)
{
    std::vector<std::string_view> lines;
    while (!text.empty()) {
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        if (!line.empty() && line.back() == '\r')
            line.remove_suffix(1);
        lines.push_back(line);
        if (nl == std::string_view::npos)
            break;
        text = text.substr(nl + 1);
    }
    return lines;
}

bool validComment(std::string_view comment, std::size_t maxBytes)
{
    return comment.size() <= maxBytes && comment.find_first_of("\r\n") == std::string_view::npos &&
           comment.find('\0') == std::string_view::npos;
}

// The checksum minisign stores with a secret key: BLAKE2b-256 of alg || key id || secret key.
Bytes secretKeyChecksum(const MinisignKeyId& id, const SecretBuffer& secret)
{
    Blake2b h(kChecksumBytes);
    h.update(ByteView(kAlgEd, 2));
    h.update(id);
    h.update(secret.view());
    return h.finish();
}

Result<SecretBuffer> keyStream(ByteView passphrase, ByteView salt, std::uint64_t opsLimit,
                               std::uint64_t memLimit)
{
    SecretBuffer stream(kKeynumSkBytes);
    static const char kEmpty = 0;
    const char* pass = passphrase.empty() ? &kEmpty : reinterpret_cast<const char*>(passphrase.data());
    if (crypto_pwhash_scryptsalsa208sha256(stream.data(), stream.size(), pass, passphrase.size(), salt.data(),
                                           opsLimit, static_cast<std::size_t>(memLimit)) != 0)
        return fail(ErrorCode::Internal, "scrypt could not allocate its memory");
    return stream;
}

MinisignSignature makeSignature(const MinisignSecretKey& key, ByteView prehash,
                                std::string_view trustedComment, std::string_view untrustedComment)
{
    MinisignSignature sig;
    sig.keyId = key.keyId();
    sig.prehashed = true;
    sig.untrustedComment = std::string(untrustedComment);
    sig.trustedComment = std::string(trustedComment);
    sig.signature = ed25519Sign(key.secretKey(), prehash);
    Bytes global(sig.signature.begin(), sig.signature.end());
    global.insert(global.end(), trustedComment.begin(), trustedComment.end());
    sig.globalSignature = ed25519Sign(key.secretKey(), global);
    return sig;
}

Status checkComments(std::string_view trustedComment, std::string_view untrustedComment)
{
    if (!validComment(trustedComment, kMinisignMaxTrustedCommentBytes) ||
        !validComment(untrustedComment, kMinisignMaxCommentBytes))
        return fail(ErrorCode::InvalidArgument,
                    "minisign comments must be single lines within the size limits");
    return {};
}

Status verifyParts(const MinisignPublicKey& key, const MinisignSignature& sig, ByteView signedData)
{
    if (sig.keyId != key.keyId)
        return fail(ErrorCode::AuthenticationFailed, "the signature was made with another key (key id " +
                                                         minisignKeyIdText(sig.keyId) + ", expected " +
                                                         minisignKeyIdText(key.keyId) + ")");
    if (!ed25519Verify(key.key, signedData, sig.signature))
        return fail(ErrorCode::AuthenticationFailed, "the signature does not match the file");
    Bytes global(sig.signature.begin(), sig.signature.end());
    global.insert(global.end(), sig.trustedComment.begin(), sig.trustedComment.end());
    if (!ed25519Verify(key.key, global, sig.globalSignature))
        return fail(ErrorCode::AuthenticationFailed, "the trusted comment's signature does not verify");
    return {};
}

} // namespace

std::string minisignKeyIdText(const MinisignKeyId& id)
{
    static const char digits[] = "0123456789ABCDEF";
    std::string out;
    for (std::size_t i = id.size(); i-- > 0;) {
        out += digits[id[i] >> 4];
        out += digits[id[i] & 15];
    }
    return out;
}

// ---------------------------------------------------------------------------------------------

Result<MinisignPublicKey> MinisignPublicKey::parse(std::string_view text)
{
    std::vector<std::string_view> lines = splitLines(text);
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    std::string_view b64;
    if (lines.size() == 2 && lines[0].starts_with(kCommentPrefix))
        b64 = lines[1];
    else if (lines.size() == 1)
        b64 = lines[0];
    else
        return malformed("public key");
    Bytes raw;
    if (!fromBase64(b64, raw) || raw.size() != kPublicKeyBytes || std::memcmp(raw.data(), kAlgEd, 2) != 0)
        return malformed("public key");
    MinisignPublicKey key;
    std::copy_n(raw.begin() + 2, kKeyIdBytes, key.keyId.begin());
    std::copy_n(raw.begin() + 2 + kKeyIdBytes, 32, key.key.begin());
    return key;
}

std::string MinisignPublicKey::toBase64() const
{
    Bytes raw(kAlgEd, kAlgEd + 2);
    raw.insert(raw.end(), keyId.begin(), keyId.end());
    raw.insert(raw.end(), key.begin(), key.end());
    return fv::toBase64(raw);
}

std::string MinisignPublicKey::toFileText() const
{
    return std::string(kCommentPrefix) + "minisign public key " + minisignKeyIdText(keyId) + "\n" +
           toBase64() + "\n";
}

MinisignKdfLimits MinisignKdfLimits::sensitive() noexcept
{
    return {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_SENSITIVE,
            crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_SENSITIVE};
}

MinisignKdfLimits MinisignKdfLimits::fastForTests() noexcept
{
    return {crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN, crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN};
}

// ---------------------------------------------------------------------------------------------

MinisignSecretKey MinisignSecretKey::generate()
{
    auto pair = Ed25519KeyPair::generate();
    MinisignPublicKey pub;
    randomFill(pub.keyId);
    pub.key = pair.publicKey;
    return MinisignSecretKey(pub, std::move(pair.secretKey));
}

MinisignSecretKey MinisignSecretKey::clone() const
{
    return MinisignSecretKey(m_public, m_secret.clone());
}

Result<MinisignSecretKey> MinisignSecretKey::parse(std::string_view text, ByteView passphrase)
{
    std::vector<std::string_view> lines = splitLines(text);
    while (!lines.empty() && lines.back().empty())
        lines.pop_back();
    if (lines.size() != 2 || !lines[0].starts_with(kCommentPrefix))
        return malformed("secret key");
    Bytes decoded;
    if (!fromBase64(lines[1], decoded) || decoded.size() != kSecretKeyBytes) {
        wipeMemory(decoded);
        return malformed("secret key");
    }
    SecretBuffer raw = SecretBuffer::copyOf(decoded);
    wipeMemory(decoded);
    const std::uint8_t* p = raw.data();
    if (std::memcmp(p, kAlgEd, 2) != 0 || std::memcmp(p + 4, kChkBlake2b, 2) != 0)
        return fail(ErrorCode::Unsupported, "unsupported minisign secret key algorithm");
    const bool encrypted = std::memcmp(p + 2, kKdfScrypt, 2) == 0;
    if (!encrypted && std::memcmp(p + 2, kKdfNone, 2) != 0)
        return fail(ErrorCode::Unsupported, "unsupported minisign key encryption");
    std::uint8_t* keynum = raw.data() + kKeynumOffset;
    if (encrypted) {
        const std::uint64_t opsLimit = loadLe64(p + 6 + kSaltBytes);
        const std::uint64_t memLimit = loadLe64(p + 6 + kSaltBytes + 8);
        const auto max = MinisignKdfLimits::sensitive();
        if (opsLimit > max.opsLimit || memLimit > max.memLimit)
            return fail(ErrorCode::Unsupported, "the secret key's scrypt limits are above what is accepted");
        if (opsLimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
            memLimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN)
            return malformed("secret key (scrypt limits)");
        auto stream = keyStream(passphrase, ByteView(p + 6, kSaltBytes), opsLimit, memLimit);
        if (!stream)
            return std::unexpected(stream.error());
        for (std::size_t i = 0; i < kKeynumSkBytes; ++i)
            keynum[i] ^= stream->data()[i];
    }
    MinisignPublicKey pub;
    std::copy_n(keynum, kKeyIdBytes, pub.keyId.begin());
    SecretBuffer secret = SecretBuffer::copyOf(ByteView(keynum + kKeyIdBytes, 64));
    const ByteView storedChk(keynum + kKeyIdBytes + 64, kChecksumBytes);
    const Bytes chk = secretKeyChecksum(pub.keyId, secret);
    // minisign -W (0.11) leaves the checksum of an unencrypted key all zero.
    const bool chkOk = constantTimeEqual(chk, storedChk) ||
                       (!encrypted && sodium_is_zero(storedChk.data(), storedChk.size()) == 1);
    if (!chkOk)
        return encrypted ? fail(ErrorCode::WrongPassphrase, "the passphrase does not open this minisign key")
                         : malformed("secret key (checksum)");
    // The public half stored in the secret key must belong to its seed.
    const auto derived = Ed25519KeyPair::fromSeed(SecretBuffer::copyOf(secret.view().first(32)));
    if (!derived.secretKey.equals(secret))
        return malformed("secret key (inconsistent)");
    pub.key = derived.publicKey;
    return MinisignSecretKey(pub, std::move(secret));
}

Result<SecretBuffer> MinisignSecretKey::toFileText(ByteView passphrase, MinisignKdfLimits limits) const
{
    SecretBuffer raw(kSecretKeyBytes);
    std::uint8_t* p = raw.data();
    std::memcpy(p, kAlgEd, 2);
    std::memcpy(p + 2, passphrase.empty() ? kKdfNone : kKdfScrypt, 2);
    std::memcpy(p + 4, kChkBlake2b, 2);
    std::uint8_t* keynum = p + kKeynumOffset;
    std::memcpy(keynum, m_public.keyId.data(), kKeyIdBytes);
    std::memcpy(keynum + kKeyIdBytes, m_secret.data(), 64);
    const Bytes chk = secretKeyChecksum(m_public.keyId, m_secret);
    std::memcpy(keynum + kKeyIdBytes + 64, chk.data(), kChecksumBytes);
    if (!passphrase.empty()) {
        if (limits.opsLimit < crypto_pwhash_scryptsalsa208sha256_OPSLIMIT_MIN ||
            limits.memLimit < crypto_pwhash_scryptsalsa208sha256_MEMLIMIT_MIN ||
            limits.opsLimit > MinisignKdfLimits::sensitive().opsLimit ||
            limits.memLimit > MinisignKdfLimits::sensitive().memLimit)
            return fail(ErrorCode::InvalidArgument, "scrypt limits out of range");
        randomFill(MutableByteView(p + 6, kSaltBytes));
        storeLe64(p + 6 + kSaltBytes, limits.opsLimit);
        storeLe64(p + 6 + kSaltBytes + 8, limits.memLimit);
        auto stream = keyStream(passphrase, ByteView(p + 6, kSaltBytes), limits.opsLimit, limits.memLimit);
        if (!stream)
            return std::unexpected(stream.error());
        for (std::size_t i = 0; i < kKeynumSkBytes; ++i)
            keynum[i] ^= stream->data()[i];
    }
    std::string b64 = toBase64(raw.view());
    const std::string head = std::string(kCommentPrefix) + std::string(kSecretKeyComment) + "\n";
    SecretBuffer out(head.size() + b64.size() + 1);
    std::copy(head.begin(), head.end(), out.data());
    std::copy(b64.begin(), b64.end(), out.data() + head.size());
    out.data()[out.size() - 1] = '\n';
    wipeMemory({reinterpret_cast<std::uint8_t*>(b64.data()), b64.size()});
    return out;
}

// ---------------------------------------------------------------------------------------------

Result<MinisignSignature> MinisignSignature::parse(std::string_view text)
{
    std::vector<std::string_view> lines = splitLines(text);
    while (lines.size() > 4 && lines.back().empty())
        lines.pop_back();
    if (lines.size() != 4 || !lines[0].starts_with(kCommentPrefix) || !lines[2].starts_with(kTrustedPrefix))
        return malformed("signature");
    MinisignSignature sig;
    sig.untrustedComment = std::string(lines[0].substr(kCommentPrefix.size()));
    sig.trustedComment = std::string(lines[2].substr(kTrustedPrefix.size()));
    if (!validComment(sig.untrustedComment, kMinisignMaxCommentBytes) ||
        !validComment(sig.trustedComment, kMinisignMaxTrustedCommentBytes))
        return malformed("signature (comment)");
    Bytes raw;
    if (!fromBase64(lines[1], raw) || raw.size() != kSignatureBytes)
        return malformed("signature");
    if (std::memcmp(raw.data(), kAlgHashed, 2) == 0)
        sig.prehashed = true;
    else if (std::memcmp(raw.data(), kAlgEd, 2) == 0)
        sig.prehashed = false;
    else
        return fail(ErrorCode::Unsupported, "unsupported minisign signature algorithm");
    std::copy_n(raw.begin() + 2, kKeyIdBytes, sig.keyId.begin());
    std::copy_n(raw.begin() + 2 + kKeyIdBytes, 64, sig.signature.begin());
    Bytes global;
    if (!fromBase64(lines[3], global) || global.size() != 64)
        return malformed("signature (global signature)");
    std::copy(global.begin(), global.end(), sig.globalSignature.begin());
    return sig;
}

std::string MinisignSignature::toFileText() const
{
    Bytes raw(prehashed ? kAlgHashed : kAlgEd, (prehashed ? kAlgHashed : kAlgEd) + 2);
    raw.insert(raw.end(), keyId.begin(), keyId.end());
    raw.insert(raw.end(), signature.begin(), signature.end());
    return std::string(kCommentPrefix) + untrustedComment + "\n" + toBase64(raw) + "\n" +
           std::string(kTrustedPrefix) + trustedComment + "\n" + toBase64(globalSignature) + "\n";
}

Result<MinisignSignature> minisignSign(const MinisignSecretKey& key, ByteView message,
                                       std::string_view trustedComment, std::string_view untrustedComment)
{
    if (auto st = checkComments(trustedComment, untrustedComment); !st)
        return std::unexpected(st.error());
    return makeSignature(key, blake2b(message, 64), trustedComment, untrustedComment);
}

Result<MinisignSignature> minisignSignStream(const MinisignSecretKey& key, ByteSource& message,
                                             std::string_view trustedComment,
                                             std::string_view untrustedComment)
{
    if (auto st = checkComments(trustedComment, untrustedComment); !st)
        return std::unexpected(st.error());
    Blake2b h(64);
    Bytes buffer(64 * 1024);
    for (;;) {
        auto n = message.read(buffer);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        h.update(ByteView(buffer).first(*n));
    }
    return makeSignature(key, h.finish(), trustedComment, untrustedComment);
}

Status minisignVerify(const MinisignPublicKey& key, const MinisignSignature& signature, ByteView message,
                      bool allowLegacy)
{
    if (!signature.prehashed) {
        if (!allowLegacy)
            return fail(ErrorCode::Unsupported,
                        "legacy (not prehashed) minisign signatures are not accepted");
        return verifyParts(key, signature, message);
    }
    return verifyParts(key, signature, blake2b(message, 64));
}

Status minisignVerifyStream(const MinisignPublicKey& key, const MinisignSignature& signature,
                            ByteSource& message, bool allowLegacy)
{
    if (!signature.prehashed) {
        if (!allowLegacy)
            return fail(ErrorCode::Unsupported,
                        "legacy (not prehashed) minisign signatures are not accepted");
        MemorySink all;
        if (auto st = copyStream(message, all); !st)
            return st;
        return verifyParts(key, signature, all.data());
    }
    Blake2b h(64);
    Bytes buffer(64 * 1024);
    for (;;) {
        auto n = message.read(buffer);
        if (!n)
            return std::unexpected(n.error());
        if (*n == 0)
            break;
        h.update(ByteView(buffer).first(*n));
    }
    return verifyParts(key, signature, h.finish());
}

} // namespace fv
