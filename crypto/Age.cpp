#include "crypto/Age.h"

#include "crypto/Bech32.h"
#include "crypto/Crypto.h"
#include "crypto/Hash.h"
#include "crypto/Random.h"

#include <algorithm>
#include <cstring>
#include <optional>
#include <sodium.h>
#include <stdexcept>

namespace fv {

namespace {

constexpr std::string_view kVersionLine = "age-encryption.org/v1";
constexpr std::string_view kVersionPrefix = "age-encryption.org/";
constexpr std::string_view kStanzaPrefix = "-> ";
constexpr std::string_view kFooterPrefix = "---";
constexpr std::string_view kRecipientHrp = "age";
constexpr std::string_view kIdentityHrp = "AGE-SECRET-KEY-";
constexpr std::string_view kX25519Label = "age-encryption.org/v1/X25519";
constexpr std::string_view kScryptLabel = "age-encryption.org/v1/scrypt";
constexpr std::string_view kArmorBegin = "-----BEGIN AGE ENCRYPTED FILE-----";
constexpr std::string_view kArmorEnd = "-----END AGE ENCRYPTED FILE-----";

constexpr std::size_t kFileKeyBytes = 16;
constexpr std::size_t kWrappedKeyBytes = kFileKeyBytes + crypto_aead_chacha20poly1305_ietf_ABYTES;
constexpr std::size_t kPayloadNonceBytes = 16;
constexpr std::size_t kScryptSaltBytes = 16;
constexpr std::size_t kTagBytes = crypto_aead_chacha20poly1305_ietf_ABYTES;
constexpr std::size_t kCipherChunkBytes = kAgeChunkBytes + kTagBytes;
constexpr std::size_t kBodyColumns = 64;
constexpr std::size_t kArmorColumns = 64;
constexpr std::size_t kArmorLineBytes = 48;
constexpr std::size_t kMaxHeaderBytes = 1024 * 1024;
constexpr std::size_t kMaxHeaderLine = 16 * 1024;
constexpr std::size_t kMaxStanzas = 128;

static_assert(crypto_aead_chacha20poly1305_ietf_KEYBYTES == 32);
static_assert(crypto_aead_chacha20poly1305_ietf_NPUBBYTES == 12);

std::unexpected<Error> headerFailure(std::string what)
{
    return fail(ErrorCode::InvalidInput, "the age header is malformed: " + what);
}

std::unexpected<Error> payloadFailure(std::string what)
{
    return fail(ErrorCode::AuthenticationFailed, "the age file is damaged: " + what);
}

std::string base64NoPad(ByteView data)
{
    const std::size_t len = sodium_base64_ENCODED_LEN(data.size(), sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    std::string out(len, '\0');
    sodium_bin2base64(out.data(), out.size(), data.data(), data.size(),
                      sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
    out.pop_back();
    return out;
}

// Canonical unpadded standard base64 only (what age writes everywhere in the header).
bool fromBase64NoPad(std::string_view text, Bytes& out)
{
    out.clear();
    if (text.empty())
        return true;
    if (text.size() % 4 == 1)
        return false;
    Bytes decoded(text.size() * 3 / 4 + 3);
    std::size_t len = 0;
    const char* end = nullptr;
    if (sodium_base642bin(decoded.data(), decoded.size(), text.data(), text.size(), nullptr, &len, &end,
                          sodium_base64_VARIANT_ORIGINAL_NO_PADDING) != 0 ||
        end != text.data() + text.size())
        return false;
    decoded.resize(len);
    out = std::move(decoded);
    return true;
}

std::string_view asText(ByteView data)
{
    return {reinterpret_cast<const char*>(data.data()), data.size()};
}

SecretBuffer hkdf32(ByteView ikm, ByteView salt, std::string_view info)
{
    auto key = hkdfSha256(ikm, salt, asBytes(info), 32);
    if (!key)
        throw std::logic_error("HKDF with a fixed valid length failed");
    return std::move(*key);
}

// ChaCha20-Poly1305 with an all-zero nonce: the key is used once, as age specifies.
Bytes wrapFileKey(const SecretBuffer& wrapKey, const SecretBuffer& fileKey)
{
    const std::uint8_t nonce[12] = {};
    Bytes body(kWrappedKeyBytes);
    unsigned long long len = 0;
    crypto_aead_chacha20poly1305_ietf_encrypt(body.data(), &len, fileKey.data(), fileKey.size(), nullptr, 0,
                                              nullptr, nonce, wrapKey.data());
    return body;
}

std::optional<SecretBuffer> unwrapFileKey(const SecretBuffer& wrapKey, ByteView body)
{
    const std::uint8_t nonce[12] = {};
    SecretBuffer fileKey(kFileKeyBytes);
    unsigned long long len = 0;
    if (body.size() != kWrappedKeyBytes ||
        crypto_aead_chacha20poly1305_ietf_decrypt(fileKey.data(), &len, nullptr, body.data(), body.size(),
                                                  nullptr, 0, nonce, wrapKey.data()) != 0)
        return std::nullopt;
    return fileKey;
}

Result<SecretBuffer> scryptKey(ByteView passphrase, ByteView salt16, int workFactor)
{
    Bytes salt(kScryptLabel.begin(), kScryptLabel.end());
    salt.insert(salt.end(), salt16.begin(), salt16.end());
    static const std::uint8_t kEmpty = 0;
    SecretBuffer key(32);
    if (crypto_pwhash_scryptsalsa208sha256_ll(
            passphrase.empty() ? &kEmpty : passphrase.data(), passphrase.size(), salt.data(), salt.size(),
            std::uint64_t{1} << workFactor, 8, 1, key.data(), key.size()) != 0)
        return fail(ErrorCode::Internal, "scrypt could not allocate its memory");
    return key;
}

void chunkNonce(std::uint8_t nonce[12], std::uint64_t counter, bool final)
{
    std::memset(nonce, 0, 12);
    for (int i = 0; i < 8; ++i)
        nonce[10 - i] = static_cast<std::uint8_t>(counter >> (8 * i));
    nonce[11] = final ? 1 : 0;
}

Sha256Digest headerMac(const SecretBuffer& fileKey, ByteView macInput)
{
    const SecretBuffer macKey = hkdf32(fileKey.view(), {}, "header");
    return hmacSha256(macKey.view(), macInput);
}

// ---------------------------------------------------------------------------------------------
// Buffered reading with look-ahead, for line-oriented header parsing followed by binary data.

class BufferedReader final : public ByteSource
{
public:
    explicit BufferedReader(ByteSource& source) : m_source(source) {}

    // Buffers at least `want` bytes unless the source ends first; returns what is buffered.
    Result<std::size_t> fill(std::size_t want)
    {
        while (available() < want && !m_eof) {
            if (m_pos > 0 && m_pos * 2 >= m_buf.size()) {
                m_buf.erase(m_buf.begin(), m_buf.begin() + static_cast<std::ptrdiff_t>(m_pos));
                m_pos = 0;
            }
            const std::size_t old = m_buf.size();
            const std::size_t step = std::max<std::size_t>(want - available(), 4096);
            m_buf.resize(old + step);
            auto n = m_source.read(MutableByteView(m_buf).subspan(old));
            if (!n) {
                m_buf.resize(old);
                return std::unexpected(n.error());
            }
            m_buf.resize(old + *n);
            if (*n == 0)
                m_eof = true;
        }
        return available();
    }

    std::size_t available() const noexcept { return m_buf.size() - m_pos; }
    ByteView buffered() const noexcept { return ByteView(m_buf).subspan(m_pos); }
    void consume(std::size_t n) noexcept { m_pos += std::min(n, available()); }

    struct Line
    {
        std::string text; // without the LF
        bool terminated = false;
    };

    // The next line (up to LF); an unterminated last line comes back with terminated=false, and
    // the end of the data as an empty unterminated line.
    Result<Line> readLine(std::size_t maxLength)
    {
        std::size_t scanned = 0;
        for (;;) {
            const ByteView b = buffered();
            const auto it = std::find(b.begin() + static_cast<std::ptrdiff_t>(scanned), b.end(), '\n');
            if (it != b.end()) {
                const std::size_t len = static_cast<std::size_t>(it - b.begin());
                if (len > maxLength)
                    return fail(ErrorCode::InvalidInput, "line too long");
                Line line{std::string(asText(b.first(len))), true};
                consume(len + 1);
                return line;
            }
            scanned = b.size();
            if (scanned > maxLength)
                return fail(ErrorCode::InvalidInput, "line too long");
            if (m_eof) {
                Line line{std::string(asText(b)), false};
                consume(b.size());
                return line;
            }
            auto n = fill(available() + 1);
            if (!n)
                return std::unexpected(n.error());
        }
    }

    Result<std::size_t> read(MutableByteView out) override
    {
        if (available() == 0 && !m_eof) {
            auto n = fill(std::min<std::size_t>(out.size(), 64 * 1024));
            if (!n)
                return std::unexpected(n.error());
        }
        const std::size_t n = std::min(out.size(), available());
        std::copy_n(buffered().begin(), n, out.begin());
        consume(n);
        return n;
    }

private:
    ByteSource& m_source;
    Bytes m_buf;
    std::size_t m_pos = 0;
    bool m_eof = false;
};

bool isArmorWhitespace(std::uint8_t c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

std::string_view stripCr(std::string_view line)
{
    if (!line.empty() && line.back() == '\r')
        line.remove_suffix(1);
    return line;
}

// Decodes the strict PEM armor (RFC 7468) age uses; only whitespace may surround it.
class ArmorSource final : public ByteSource
{
public:
    explicit ArmorSource(BufferedReader& in) : m_in(in) {}

    Status start()
    {
        for (;;) {
            auto n = m_in.fill(1);
            if (!n)
                return std::unexpected(n.error());
            if (*n == 0 || !isArmorWhitespace(m_in.buffered()[0]))
                break;
            m_in.consume(1);
        }
        auto line = m_in.readLine(kArmorBegin.size() + 1);
        if (!line)
            return armorFailure("no begin line");
        if (!line->terminated || stripCr(line->text) != kArmorBegin)
            return armorFailure("no begin line");
        return {};
    }

    Result<std::size_t> read(MutableByteView out) override
    {
        while (m_pos == m_decoded.size() && !m_ended) {
            if (auto st = nextLine(); !st)
                return std::unexpected(st.error());
        }
        const std::size_t n = std::min(out.size(), m_decoded.size() - m_pos);
        std::copy_n(m_decoded.begin() + static_cast<std::ptrdiff_t>(m_pos), n, out.begin());
        m_pos += n;
        return n;
    }

private:
    static std::unexpected<Error> armorFailure(std::string what)
    {
        return fail(ErrorCode::InvalidInput, "the age armor is malformed: " + what);
    }

    Status nextLine()
    {
        auto line = m_in.readLine(kArmorColumns + 1);
        if (!line)
            return armorFailure("line too long");
        const std::string_view text = stripCr(line->text);
        if (text == kArmorEnd) {
            if (!m_sawData)
                return armorFailure("no data");
            if (line->terminated) {
                for (;;) {
                    auto n = m_in.fill(1);
                    if (!n)
                        return std::unexpected(n.error());
                    if (*n == 0)
                        break;
                    if (!isArmorWhitespace(m_in.buffered()[0]))
                        return armorFailure("data after the end line");
                    m_in.consume(1);
                }
            }
            m_ended = true;
            return {};
        }
        if (!line->terminated)
            return armorFailure("no end line");
        if (m_sawLast || text.empty() || text.size() > kArmorColumns)
            return armorFailure("bad line length");
        if (!fromBase64(text, m_decoded))
            return armorFailure("invalid base64");
        m_pos = 0;
        m_sawData = true;
        m_sawLast = text.size() < kArmorColumns || text.back() == '=';
        return {};
    }

    BufferedReader& m_in;
    Bytes m_decoded;
    std::size_t m_pos = 0;
    bool m_sawData = false;
    bool m_sawLast = false;
    bool m_ended = false;
};

class ArmorSink final : public ByteSink
{
public:
    explicit ArmorSink(ByteSink& out) : m_out(out) {}

    Status start() { return m_out.write(asBytes(std::string(kArmorBegin) + "\n")); }

    Status write(ByteView data) override
    {
        while (!data.empty()) {
            const std::size_t take = std::min(data.size(), kArmorLineBytes - m_pending.size());
            m_pending.insert(m_pending.end(), data.begin(), data.begin() + static_cast<std::ptrdiff_t>(take));
            data = data.subspan(take);
            if (m_pending.size() == kArmorLineBytes)
                if (auto st = flushLine(); !st)
                    return st;
        }
        return {};
    }

    Status finish()
    {
        if (!m_pending.empty())
            if (auto st = flushLine(); !st)
                return st;
        return m_out.write(asBytes(std::string(kArmorEnd) + "\n"));
    }

private:
    Status flushLine()
    {
        const std::string line = toBase64(m_pending) + "\n";
        m_pending.clear();
        return m_out.write(asBytes(line));
    }

    ByteSink& m_out;
    Bytes m_pending;
};

// ---------------------------------------------------------------------------------------------
// The header.

struct Stanza
{
    std::vector<std::string> args; // args[0] is the type
    Bytes body;
};

struct Header
{
    std::vector<Stanza> stanzas;
    Bytes macInput; // the header up to and including "---"
    Bytes mac;
};

bool validArgument(std::string_view arg)
{
    if (arg.empty())
        return false;
    return std::all_of(arg.begin(), arg.end(), [](char c) { return c >= 33 && c <= 126; });
}

Result<Header> readHeader(BufferedReader& in)
{
    Header header;
    auto appendLine = [&](std::string_view text) {
        header.macInput.insert(header.macInput.end(), text.begin(), text.end());
        header.macInput.push_back('\n');
    };
    auto nextLine = [&]() -> Result<std::string> {
        auto line = in.readLine(kMaxHeaderLine);
        if (!line)
            return headerFailure("a line is too long");
        if (!line->terminated)
            return headerFailure("it ends early");
        if (header.macInput.size() + line->text.size() > kMaxHeaderBytes)
            return headerFailure("it is too large");
        return std::move(line->text);
    };

    auto version = in.readLine(kMaxHeaderLine);
    if (!version || !version->terminated)
        return fail(ErrorCode::InvalidInput, "not an age file");
    if (version->text != kVersionLine) {
        const std::string_view rest =
            std::string_view(version->text).substr(std::min(version->text.size(), kVersionPrefix.size()));
        const bool otherVersion =
            version->text.starts_with(kVersionPrefix) && rest.size() > 1 && rest.size() < 8 &&
            rest[0] == 'v' &&
            std::all_of(rest.begin() + 1, rest.end(), [](char c) { return c >= '0' && c <= '9'; });
        if (otherVersion)
            return fail(ErrorCode::Unsupported, "unsupported age format version: " + version->text);
        return fail(ErrorCode::InvalidInput, "not an age file");
    }
    appendLine(version->text);

    auto line = nextLine();
    if (!line)
        return std::unexpected(line.error());
    for (;;) {
        if (line->starts_with(kFooterPrefix)) {
            const std::string_view rest = std::string_view(*line).substr(kFooterPrefix.size());
            if (header.stanzas.empty())
                return headerFailure("there is no recipient stanza");
            if (!rest.starts_with(' ') || !fromBase64NoPad(rest.substr(1), header.mac) ||
                header.mac.size() != 32)
                return headerFailure("bad MAC line");
            header.macInput.insert(header.macInput.end(), kFooterPrefix.begin(), kFooterPrefix.end());
            return header;
        }
        if (!line->starts_with(kStanzaPrefix))
            return headerFailure("unexpected line");
        if (header.stanzas.size() == kMaxStanzas)
            return headerFailure("too many recipient stanzas");
        Stanza stanza;
        std::string_view rest = std::string_view(*line).substr(kStanzaPrefix.size());
        for (;;) {
            const std::size_t space = rest.find(' ');
            const std::string_view arg = rest.substr(0, space);
            if (!validArgument(arg))
                return headerFailure("bad stanza argument");
            stanza.args.emplace_back(arg);
            if (space == std::string_view::npos)
                break;
            rest = rest.substr(space + 1);
        }
        appendLine(*line);
        for (;;) {
            auto bodyLine = nextLine();
            if (!bodyLine)
                return std::unexpected(bodyLine.error());
            Bytes decoded;
            if (bodyLine->size() > kBodyColumns || !fromBase64NoPad(*bodyLine, decoded))
                return headerFailure("bad stanza body");
            appendLine(*bodyLine);
            stanza.body.insert(stanza.body.end(), decoded.begin(), decoded.end());
            if (bodyLine->size() < kBodyColumns)
                break;
        }
        header.stanzas.push_back(std::move(stanza));
        line = nextLine();
        if (!line)
            return std::unexpected(line.error());
    }
}

std::string formatStanza(const std::vector<std::string>& args, ByteView body)
{
    std::string out(kStanzaPrefix);
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (i > 0)
            out += ' ';
        out += args[i];
    }
    out += '\n';
    const std::string encoded = base64NoPad(body);
    std::size_t pos = 0;
    do {
        const std::size_t take = std::min(kBodyColumns, encoded.size() - pos);
        out.append(encoded, pos, take);
        out += '\n';
        pos += take;
        if (take < kBodyColumns)
            break;
    } while (true);
    return out;
}

bool parseWorkFactor(std::string_view text, int& out)
{
    if (text.empty() || text.size() > 2 || text[0] == '0')
        return false;
    int value = 0;
    for (char c : text) {
        if (c < '0' || c > '9')
            return false;
        value = value * 10 + (c - '0');
    }
    out = value;
    return true;
}

Status checkScryptAlone(const Header& header)
{
    const bool hasScrypt = std::any_of(header.stanzas.begin(), header.stanzas.end(),
                                       [](const Stanza& s) { return s.args[0] == "scrypt"; });
    if (hasScrypt && header.stanzas.size() != 1)
        return headerFailure("an scrypt stanza must be the only one");
    return {};
}

} // namespace

// ---------------------------------------------------------------------------------------------
// Keys.

Result<AgeRecipient> AgeRecipient::parse(std::string_view text)
{
    auto decoded = bech32Decode(text);
    if (!decoded || decoded->hrp != kRecipientHrp || decoded->data.size() != 32)
        return fail(ErrorCode::InvalidInput, "not an age recipient (age1…)");
    X25519PublicKey key{};
    std::copy(decoded->data.begin(), decoded->data.end(), key.begin());
    return AgeRecipient(key);
}

std::string AgeRecipient::toString() const
{
    return bech32Encode(kRecipientHrp, m_publicKey);
}

AgeIdentity AgeIdentity::generate()
{
    return AgeIdentity(X25519KeyPair::generate());
}

AgeIdentity AgeIdentity::fromSecret(const SecretBuffer& secret)
{
    return AgeIdentity(X25519KeyPair::fromSecret(secret));
}

Result<AgeIdentity> AgeIdentity::parse(std::string_view text)
{
    auto decoded = bech32Decode(text);
    if (!decoded || decoded->hrp != kIdentityHrp || decoded->data.size() != 32) {
        if (decoded)
            wipeMemory(decoded->data);
        return fail(ErrorCode::InvalidInput, "not an age identity (AGE-SECRET-KEY-1…)");
    }
    auto secret = SecretBuffer::copyOf(decoded->data);
    wipeMemory(decoded->data);
    return fromSecret(secret);
}

SecretBuffer AgeIdentity::encode() const
{
    std::string text = bech32Encode(kIdentityHrp, m_pair.secretKey.view(), true);
    auto out = SecretBuffer::copyOf(asBytes(text));
    wipeMemory({reinterpret_cast<std::uint8_t*>(text.data()), text.size()});
    return out;
}

Result<std::vector<AgeIdentity>> parseAgeIdentityFile(std::string_view text)
{
    std::vector<AgeIdentity> identities;
    std::size_t lineNo = 0;
    while (!text.empty()) {
        ++lineNo;
        const std::size_t nl = text.find('\n');
        std::string_view line = text.substr(0, nl);
        text = nl == std::string_view::npos ? std::string_view{} : text.substr(nl + 1);
        line = stripCr(line);
        while (!line.empty() && (line.front() == ' ' || line.front() == '\t'))
            line.remove_prefix(1);
        while (!line.empty() && (line.back() == ' ' || line.back() == '\t'))
            line.remove_suffix(1);
        if (line.empty() || line.front() == '#')
            continue;
        auto identity = AgeIdentity::parse(line);
        if (!identity)
            return fail(ErrorCode::InvalidInput,
                        "identity file line " + std::to_string(lineNo) + " is not an age identity");
        identities.push_back(std::move(*identity));
    }
    if (identities.empty())
        return fail(ErrorCode::InvalidInput, "the identity file holds no age identity");
    return identities;
}

SecretBuffer formatAgeIdentityFile(const AgeIdentity& identity, std::string_view createdUtc)
{
    const std::string head =
        "# created: " + std::string(createdUtc) + "\n# public key: " + identity.recipient().toString() + "\n";
    const SecretBuffer key = identity.encode();
    SecretBuffer out(head.size() + key.size() + 1);
    std::copy(head.begin(), head.end(), out.data());
    std::copy_n(key.data(), key.size(), out.data() + head.size());
    out.data()[out.size() - 1] = '\n';
    return out;
}

// ---------------------------------------------------------------------------------------------
// Encryption.

struct AgeEncryptor::Impl
{
    ByteSink& rawOut;
    std::unique_ptr<ArmorSink> armor;
    SecretBuffer payloadKey;
    SecretBuffer plain{kAgeChunkBytes};
    std::size_t fill = 0;
    std::uint64_t counter = 0;
    bool finished = false;
    bool failed = false;

    explicit Impl(ByteSink& out) : rawOut(out) {}

    ByteSink& out() { return armor ? static_cast<ByteSink&>(*armor) : rawOut; }

    Status emitChunk(bool final)
    {
        std::uint8_t nonce[12];
        chunkNonce(nonce, counter, final);
        Bytes cipher(fill + kTagBytes);
        unsigned long long len = 0;
        crypto_aead_chacha20poly1305_ietf_encrypt(cipher.data(), &len, plain.data(), fill, nullptr, 0,
                                                  nullptr, nonce, payloadKey.data());
        sodium_memzero(plain.data(), plain.size());
        fill = 0;
        ++counter;
        return out().write(cipher);
    }

    // Writes the header for `stanzas` under `fileKey`, the payload nonce, and derives the key.
    Status start(const SecretBuffer& fileKey, const std::vector<std::string>& stanzas, bool useArmor)
    {
        if (useArmor) {
            armor = std::make_unique<ArmorSink>(rawOut);
            if (auto st = armor->start(); !st)
                return st;
        }
        std::string header = std::string(kVersionLine) + "\n";
        for (const auto& s : stanzas)
            header += s;
        header += kFooterPrefix;
        const Sha256Digest mac = headerMac(fileKey, asBytes(header));
        header += " " + base64NoPad(mac) + "\n";
        std::array<std::uint8_t, kPayloadNonceBytes> nonce{};
        randomFill(nonce);
        payloadKey = hkdf32(fileKey.view(), nonce, "payload");
        if (auto st = out().write(asBytes(header)); !st)
            return st;
        return out().write(nonce);
    }
};

AgeEncryptor::AgeEncryptor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AgeEncryptor::~AgeEncryptor() = default;

Result<std::unique_ptr<AgeEncryptor>>
AgeEncryptor::create(ByteSink& out, std::span<const AgeRecipient> recipients, bool armor)
{
    if (recipients.empty())
        return fail(ErrorCode::InvalidArgument, "an age file needs at least one recipient");
    const auto fileKey = SecretBuffer::random(kFileKeyBytes);
    std::vector<std::string> stanzas;
    for (const auto& recipient : recipients) {
        const auto ephemeral = X25519KeyPair::generate();
        auto shared = x25519(ephemeral.secretKey, recipient.publicKey());
        if (!shared)
            return fail(ErrorCode::InvalidArgument, "an age recipient is not a usable X25519 key");
        Bytes salt(ephemeral.publicKey.begin(), ephemeral.publicKey.end());
        salt.insert(salt.end(), recipient.publicKey().begin(), recipient.publicKey().end());
        const SecretBuffer wrapKey = hkdf32(shared->view(), salt, kX25519Label);
        stanzas.push_back(
            formatStanza({"X25519", base64NoPad(ephemeral.publicKey)}, wrapFileKey(wrapKey, fileKey)));
    }
    auto impl = std::make_unique<Impl>(out);
    if (auto st = impl->start(fileKey, stanzas, armor); !st)
        return std::unexpected(st.error());
    return std::unique_ptr<AgeEncryptor>(new AgeEncryptor(std::move(impl)));
}

Result<std::unique_ptr<AgeEncryptor>> AgeEncryptor::createWithPassphrase(ByteSink& out, ByteView passphrase,
                                                                         int workFactor, bool armor)
{
    if (workFactor < 1 || workFactor > kAgeScryptMaxWorkFactor)
        return fail(ErrorCode::InvalidArgument, "scrypt work factor must be 1..22");
    const auto fileKey = SecretBuffer::random(kFileKeyBytes);
    std::array<std::uint8_t, kScryptSaltBytes> salt{};
    randomFill(salt);
    auto wrapKey = scryptKey(passphrase, salt, workFactor);
    if (!wrapKey)
        return std::unexpected(wrapKey.error());
    const std::vector<std::string> stanzas = {formatStanza(
        {"scrypt", base64NoPad(salt), std::to_string(workFactor)}, wrapFileKey(*wrapKey, fileKey))};
    auto impl = std::make_unique<Impl>(out);
    if (auto st = impl->start(fileKey, stanzas, armor); !st)
        return std::unexpected(st.error());
    return std::unique_ptr<AgeEncryptor>(new AgeEncryptor(std::move(impl)));
}

Status AgeEncryptor::write(ByteView data)
{
    Impl& d = *m_impl;
    if (d.finished || d.failed)
        return fail(ErrorCode::InvalidArgument, "the age file is already finished or failed");
    while (!data.empty()) {
        if (d.fill == kAgeChunkBytes) {
            // More data follows, so the buffered full chunk is not the last one.
            if (auto st = d.emitChunk(false); !st) {
                d.failed = true;
                return st;
            }
        }
        const std::size_t take = std::min(data.size(), kAgeChunkBytes - d.fill);
        std::copy_n(data.begin(), take, d.plain.data() + d.fill);
        d.fill += take;
        data = data.subspan(take);
    }
    return {};
}

Status AgeEncryptor::finish()
{
    Impl& d = *m_impl;
    if (d.finished || d.failed)
        return fail(ErrorCode::InvalidArgument, "the age file is already finished or failed");
    d.failed = true; // until everything below succeeds
    if (auto st = d.emitChunk(true); !st)
        return st;
    if (d.armor)
        if (auto st = d.armor->finish(); !st)
            return st;
    d.failed = false;
    d.finished = true;
    return {};
}

// ---------------------------------------------------------------------------------------------
// Decryption.

struct AgeDecryptor::Impl
{
    BufferedReader raw;
    std::unique_ptr<ArmorSource> armor;
    std::unique_ptr<BufferedReader> armored;
    BufferedReader* in = &raw;
    SecretBuffer payloadKey;
    SecretBuffer plain{kAgeChunkBytes};
    std::size_t plainPos = 0;
    std::size_t plainLen = 0;
    std::uint64_t counter = 0;
    bool done = false;
    bool failed = false;

    explicit Impl(ByteSource& source) : raw(source) {}

    // Detects the armor and reads the header.
    Result<Header> begin()
    {
        auto n = raw.fill(kVersionPrefix.size());
        if (!n)
            return std::unexpected(n.error());
        if (!asText(raw.buffered()).starts_with(kVersionPrefix)) {
            armor = std::make_unique<ArmorSource>(raw);
            if (auto st = armor->start(); !st) {
                if (asText(raw.buffered()).empty() && *n == 0)
                    return fail(ErrorCode::InvalidInput, "not an age file (it is empty)");
                return fail(ErrorCode::InvalidInput, "not an age file");
            }
            armored = std::make_unique<BufferedReader>(*armor);
            in = armored.get();
        }
        return readHeader(*in);
    }

    // Verifies the MAC under `fileKey`, reads the payload nonce and derives the payload key.
    Status accept(const Header& header, const SecretBuffer& fileKey)
    {
        const Sha256Digest mac = headerMac(fileKey, header.macInput);
        if (!constantTimeEqual(mac, header.mac))
            return fail(ErrorCode::AuthenticationFailed, "the age header failed authentication");
        std::array<std::uint8_t, kPayloadNonceBytes> nonce{};
        auto n = readFully(*in, nonce);
        if (!n)
            return std::unexpected(n.error());
        if (*n != nonce.size())
            return payloadFailure("it is truncated");
        payloadKey = hkdf32(fileKey.view(), nonce, "payload");
        return {};
    }

    Status nextChunk()
    {
        auto n = in->fill(kCipherChunkBytes + 1);
        if (!n)
            return std::unexpected(n.error());
        const bool final = *n <= kCipherChunkBytes;
        const std::size_t len = std::min<std::size_t>(*n, kCipherChunkBytes);
        if (len < kTagBytes)
            return payloadFailure("it is truncated");
        if (final && len == kTagBytes && counter > 0)
            return payloadFailure("an empty final chunk follows a full one");
        std::uint8_t nonce[12];
        chunkNonce(nonce, counter, final);
        const ByteView cipher = in->buffered().first(len);
        if (crypto_aead_chacha20poly1305_ietf_decrypt_detached(
                plain.data(), nullptr, cipher.data(), len - kTagBytes, cipher.data() + len - kTagBytes,
                nullptr, 0, nonce, payloadKey.data()) != 0) {
            sodium_memzero(plain.data(), plain.size());
            return payloadFailure(final ? "the last chunk failed authentication (truncated or altered)"
                                        : "a chunk failed authentication");
        }
        in->consume(len);
        plainPos = 0;
        plainLen = len - kTagBytes;
        ++counter;
        done = final;
        return {};
    }
};

AgeDecryptor::AgeDecryptor(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
AgeDecryptor::~AgeDecryptor() = default;

Result<std::unique_ptr<AgeDecryptor>> AgeDecryptor::open(ByteSource& in,
                                                         std::span<const AgeIdentity> identities)
{
    auto impl = std::make_unique<Impl>(in);
    auto header = impl->begin();
    if (!header)
        return std::unexpected(header.error());
    if (auto st = checkScryptAlone(*header); !st)
        return std::unexpected(st.error());

    Bytes share;
    for (const auto& stanza : header->stanzas) {
        if (stanza.args[0] != "X25519")
            continue;
        if (stanza.args.size() != 2 || !fromBase64NoPad(stanza.args[1], share) || share.size() != 32 ||
            stanza.body.size() != kWrappedKeyBytes)
            return headerFailure("malformed X25519 stanza");
    }
    for (const auto& stanza : header->stanzas) {
        if (stanza.args[0] != "X25519")
            continue;
        if (!fromBase64NoPad(stanza.args[1], share))
            return headerFailure("malformed X25519 stanza");
        for (const auto& identity : identities) {
            auto shared = x25519(identity.secretKey(), share);
            if (!shared)
                return headerFailure("X25519 stanza with a low-order point");
            Bytes salt = share;
            const X25519PublicKey pk = identity.recipient().publicKey();
            salt.insert(salt.end(), pk.begin(), pk.end());
            const SecretBuffer wrapKey = hkdf32(shared->view(), salt, kX25519Label);
            auto fileKey = unwrapFileKey(wrapKey, stanza.body);
            if (!fileKey)
                continue;
            if (auto st = impl->accept(*header, *fileKey); !st)
                return std::unexpected(st.error());
            return std::unique_ptr<AgeDecryptor>(new AgeDecryptor(std::move(impl)));
        }
    }
    return fail(ErrorCode::NotFound, "none of the given identities can open this age file");
}

Result<std::unique_ptr<AgeDecryptor>> AgeDecryptor::openWithPassphrase(ByteSource& in, ByteView passphrase,
                                                                       int maxWorkFactor)
{
    auto impl = std::make_unique<Impl>(in);
    auto header = impl->begin();
    if (!header)
        return std::unexpected(header.error());
    if (auto st = checkScryptAlone(*header); !st)
        return std::unexpected(st.error());
    const Stanza& stanza = header->stanzas.front();
    if (stanza.args[0] != "scrypt")
        return fail(ErrorCode::NotFound, "this age file is not protected by a passphrase");
    Bytes salt;
    int workFactor = 0;
    if (stanza.args.size() != 3 || !fromBase64NoPad(stanza.args[1], salt) ||
        salt.size() != kScryptSaltBytes || !parseWorkFactor(stanza.args[2], workFactor) ||
        stanza.body.size() != kWrappedKeyBytes)
        return headerFailure("malformed scrypt stanza");
    if (workFactor > maxWorkFactor || workFactor > kAgeScryptMaxWorkFactor)
        return fail(ErrorCode::Unsupported,
                    "the passphrase work factor " + std::to_string(workFactor) +
                        " is above the accepted maximum of " +
                        std::to_string(std::min(maxWorkFactor, kAgeScryptMaxWorkFactor)));
    auto wrapKey = scryptKey(passphrase, salt, workFactor);
    if (!wrapKey)
        return std::unexpected(wrapKey.error());
    auto fileKey = unwrapFileKey(*wrapKey, stanza.body);
    if (!fileKey)
        return fail(ErrorCode::WrongPassphrase, "the passphrase does not open this age file");
    if (auto st = impl->accept(*header, *fileKey); !st)
        return std::unexpected(st.error());
    return std::unique_ptr<AgeDecryptor>(new AgeDecryptor(std::move(impl)));
}

Result<std::size_t> AgeDecryptor::read(MutableByteView out)
{
    Impl& d = *m_impl;
    if (d.failed)
        return fail(ErrorCode::AuthenticationFailed, "the age file failed earlier");
    while (d.plainPos == d.plainLen) {
        if (d.done || out.empty())
            return 0;
        if (auto st = d.nextChunk(); !st) {
            d.failed = true;
            return std::unexpected(st.error());
        }
    }
    const std::size_t n = std::min(out.size(), d.plainLen - d.plainPos);
    std::copy_n(d.plain.data() + d.plainPos, n, out.begin());
    d.plainPos += n;
    return n;
}

Status ageEncrypt(ByteSource& in, ByteSink& out, std::span<const AgeRecipient> recipients, bool armor)
{
    auto enc = AgeEncryptor::create(out, recipients, armor);
    if (!enc)
        return std::unexpected(enc.error());
    if (auto st = copyStream(in, **enc); !st)
        return st;
    return (*enc)->finish();
}

Status ageDecrypt(ByteSource& in, ByteSink& out, std::span<const AgeIdentity> identities)
{
    auto dec = AgeDecryptor::open(in, identities);
    if (!dec)
        return std::unexpected(dec.error());
    return copyStream(**dec, out);
}

} // namespace fv
