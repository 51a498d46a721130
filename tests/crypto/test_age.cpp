#include "CryptoTestUtil.h"
#include "ExternalTools.h"
#include "crypto/Age.h"
#include "crypto/Random.h"

#include <algorithm>
#include <catch2/catch.hpp>

using namespace fv;
using fv::test::readFile;
using fv::test::run;
using fv::test::runOutput;
using fv::test::TempDir;
using fv::test::writeFile;

namespace {

// Returns at most `step` bytes per read, to exercise every buffering path.
class TrickleSource final : public ByteSource
{
public:
    TrickleSource(ByteView data, std::size_t step) : m_data(data), m_step(step) {}
    Result<std::size_t> read(MutableByteView out) override
    {
        const std::size_t n = std::min({out.size(), m_step, m_data.size() - m_pos});
        std::copy_n(m_data.begin() + static_cast<std::ptrdiff_t>(m_pos), n, out.begin());
        m_pos += n;
        return n;
    }

private:
    ByteView m_data;
    std::size_t m_step;
    std::size_t m_pos = 0;
};

Bytes encrypt(ByteView plaintext, std::span<const AgeRecipient> recipients, bool armor = false)
{
    MemorySource in(plaintext);
    MemorySink out;
    REQUIRE(ageEncrypt(in, out, recipients, armor));
    return out.take();
}

Result<Bytes> decrypt(ByteView file, std::span<const AgeIdentity> identities)
{
    MemorySource in(file);
    MemorySink out;
    if (auto st = ageDecrypt(in, out, identities); !st)
        return std::unexpected(st.error());
    return out.take();
}

Bytes encryptWithPassphrase(ByteView plaintext, std::string_view passphrase, int workFactor,
                            bool armor = false)
{
    MemorySink out;
    auto enc = AgeEncryptor::createWithPassphrase(out, asBytes(passphrase), workFactor, armor);
    REQUIRE(enc.has_value());
    REQUIRE((*enc)->write(plaintext));
    REQUIRE((*enc)->finish());
    return out.take();
}

Result<Bytes> decryptWithPassphrase(ByteView file, std::string_view passphrase, int maxWorkFactor = 22)
{
    MemorySource in(file);
    auto dec = AgeDecryptor::openWithPassphrase(in, asBytes(passphrase), maxWorkFactor);
    if (!dec)
        return std::unexpected(dec.error());
    MemorySink out;
    if (auto st = copyStream(**dec, out); !st)
        return std::unexpected(st.error());
    return out.take();
}

std::string text(ByteView b)
{
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::size_t headerEnd(const Bytes& file)
{
    const std::string s = text(file);
    const std::size_t mac = s.find("\n--- ");
    REQUIRE(mac != std::string::npos);
    return s.find('\n', mac + 1) + 1;
}

ErrorCode errorOf(const Result<Bytes>& r)
{
    REQUIRE_FALSE(r.has_value());
    return r.error().code;
}

const std::size_t kBoundarySizes[] = {0, 1, 65535, 65536, 65537, 131071, 131072, 131073, 3 * 65536 + 7};

} // namespace

TEST_CASE("age keys: text forms round-trip and reject others", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const SecretBuffer encoded = id.encode();
    const std::string_view idText(reinterpret_cast<const char*>(encoded.data()), encoded.size());
    CHECK(idText.starts_with("AGE-SECRET-KEY-1"));
    auto parsed = AgeIdentity::parse(idText);
    REQUIRE(parsed.has_value());
    CHECK(parsed->secretKey().equals(id.secretKey()));

    const std::string rText = id.recipient().toString();
    CHECK(rText.starts_with("age1"));
    CHECK(rText.size() == 62);
    auto r = AgeRecipient::parse(rText);
    REQUIRE(r.has_value());
    CHECK(*r == id.recipient());

    CHECK_FALSE(AgeRecipient::parse(std::string(idText)).has_value());
    CHECK_FALSE(AgeIdentity::parse(rText).has_value());
    std::string upper = rText;
    std::transform(upper.begin(), upper.end(), upper.begin(),
                   [](char c) { return static_cast<char>(std::toupper(c)); });
    CHECK_FALSE(AgeRecipient::parse(upper).has_value());
    CHECK_FALSE(AgeRecipient::parse("age1qqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqqq")
                    .has_value());

    const SecretBuffer file = formatAgeIdentityFile(id, "2026-01-01T00:00:00Z");
    const std::string_view fileText(reinterpret_cast<const char*>(file.data()), file.size());
    CHECK(fileText.starts_with("# created: 2026-01-01T00:00:00Z\n# public key: " + rText +
                               "\nAGE-SECRET-KEY-1"));
    auto ids = parseAgeIdentityFile(fileText);
    REQUIRE(ids.has_value());
    REQUIRE(ids->size() == 1);
    CHECK(ids->front().recipient() == id.recipient());
    CHECK_FALSE(parseAgeIdentityFile("# only a comment\n\n").has_value());
    CHECK_FALSE(parseAgeIdentityFile("# comment\nnot a key\n").has_value());
}

TEST_CASE("age round-trips at every chunk boundary, binary and armored", "[crypto][age]")
{
    const auto alice = AgeIdentity::generate();
    const auto bob = AgeIdentity::generate();
    const auto carol = AgeIdentity::generate();
    const std::vector<AgeRecipient> recipients = {alice.recipient(), bob.recipient(), carol.recipient()};
    const bool armor = GENERATE(false, true);
    for (std::size_t size : kBoundarySizes) {
        CAPTURE(size, armor);
        const Bytes plaintext = randomBytes(size);
        const Bytes file = encrypt(plaintext, recipients, armor);
        CHECK(text(file).starts_with(armor ? "-----BEGIN AGE ENCRYPTED FILE-----\n"
                                           : "age-encryption.org/v1\n"));
        for (const auto* id : {&bob, &carol}) {
            auto back = decrypt(file, std::span(id, 1));
            REQUIRE(back.has_value());
            CHECK((*back == plaintext));
        }
    }
}

TEST_CASE("age streams through sources that return a few bytes at a time", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const auto recipient = id.recipient();
    const Bytes plaintext = randomBytes(2 * 65536 + 3);
    for (bool armor : {false, true}) {
        const Bytes file = encrypt(plaintext, std::span(&recipient, 1), armor);
        TrickleSource in(file, 7);
        auto dec = AgeDecryptor::open(in, std::span(&id, 1));
        REQUIRE(dec.has_value());
        Bytes back;
        std::uint8_t buf[5];
        for (;;) {
            auto n = (*dec)->read(buf);
            REQUIRE(n.has_value());
            if (*n == 0)
                break;
            back.insert(back.end(), buf, buf + *n);
        }
        CHECK(back == plaintext);
    }
}

TEST_CASE("age encryptor writes in pieces and refuses use after finish", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const auto recipient = id.recipient();
    const Bytes plaintext = randomBytes(65536 * 2);
    MemorySink out;
    auto enc = AgeEncryptor::create(out, std::span(&recipient, 1));
    REQUIRE(enc.has_value());
    for (std::size_t pos = 0; pos < plaintext.size(); pos += 1000)
        REQUIRE((*enc)->write(
            ByteView(plaintext).subspan(pos, std::min<std::size_t>(1000, plaintext.size() - pos))));
    REQUIRE((*enc)->finish());
    CHECK_FALSE((*enc)->write(plaintext));
    CHECK_FALSE((*enc)->finish());
    // Header + nonce + two full chunks: a full final chunk, no empty chunk after it.
    CHECK(out.data().size() == headerEnd(out.data()) + 16 + 2 * (65536 + 16));
    auto back = decrypt(out.data(), std::span(&id, 1));
    REQUIRE(back.has_value());
    CHECK((*back == plaintext));
    CHECK_FALSE(AgeEncryptor::create(out, {}).has_value());
}

TEST_CASE("age refuses wrong identities, damage, truncation and extension", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const auto recipient = id.recipient();
    const Bytes plaintext = randomBytes(2 * 65536 + 100);
    const Bytes file = encrypt(plaintext, std::span(&recipient, 1));
    const std::size_t payload = headerEnd(file) + 16;
    REQUIRE(file.size() == payload + 3 * 16 + plaintext.size());
    auto ids = std::span(&id, 1);

    const auto stranger = AgeIdentity::generate();
    CHECK(errorOf(decrypt(file, std::span(&stranger, 1))) == ErrorCode::NotFound);

    SECTION("header and payload bit flips")
    {
        for (std::size_t pos : {std::size_t{30}, headerEnd(file) - 5, payload - 1, payload + 5,
                                payload + 65552 + 3, file.size() - 1}) {
            Bytes bad = file;
            bad[pos] ^= 0x01;
            CAPTURE(pos);
            CHECK_FALSE(decrypt(bad, ids).has_value());
        }
    }
    SECTION("a flipped MAC is an authentication failure")
    {
        Bytes bad = file;
        bad[headerEnd(file) - 10] ^= 0x01; // inside the base64 MAC, still valid base64
        auto r = decrypt(bad, ids);
        REQUIRE_FALSE(r.has_value());
        CHECK(
            (r.error().code == ErrorCode::AuthenticationFailed || r.error().code == ErrorCode::InvalidInput));
    }
    SECTION("truncation at and inside chunks")
    {
        for (std::size_t len :
             {payload - 3, payload, payload + 65552, payload + 2 * 65552, payload + 10, file.size() - 1}) {
            CAPTURE(len);
            CHECK(errorOf(decrypt(ByteView(file).first(len), ids)) == ErrorCode::AuthenticationFailed);
        }
    }
    SECTION("data after the final chunk")
    {
        Bytes bad = file;
        bad.push_back(0);
        CHECK(errorOf(decrypt(bad, ids)) == ErrorCode::AuthenticationFailed);
    }
    SECTION("an empty final chunk after a full one")
    {
        const Bytes exact = encrypt(ByteView(plaintext).first(65536), std::span(&recipient, 1));
        Bytes bad = exact;
        bad.insert(bad.end(), 16, 0);
        CHECK(errorOf(decrypt(bad, ids)) == ErrorCode::AuthenticationFailed);
    }
    SECTION("swapped chunks")
    {
        Bytes bad = file;
        std::swap_ranges(bad.begin() + static_cast<std::ptrdiff_t>(payload),
                         bad.begin() + static_cast<std::ptrdiff_t>(payload + 65552),
                         bad.begin() + static_cast<std::ptrdiff_t>(payload + 65552));
        CHECK(errorOf(decrypt(bad, ids)) == ErrorCode::AuthenticationFailed);
    }
    SECTION("header syntax failures")
    {
        const std::string s = text(file);
        auto withHeader = [&](const std::string& header) {
            Bytes out(header.begin(), header.end());
            out.insert(out.end(), file.begin() + static_cast<std::ptrdiff_t>(headerEnd(file)), file.end());
            return out;
        };
        const std::string header = s.substr(0, headerEnd(file));
        std::string crlf = header;
        crlf.replace(crlf.find('\n'), 1, "\r\n");
        CHECK(errorOf(decrypt(withHeader(crlf), ids)) == ErrorCode::InvalidInput);
        std::string extraSpace = header;
        extraSpace.replace(extraSpace.find("--- "), 4, "---  ");
        CHECK(errorOf(decrypt(withHeader(extraSpace), ids)) == ErrorCode::InvalidInput);
        std::string noStanza = "age-encryption.org/v1\n" + header.substr(header.find("--- "));
        CHECK(errorOf(decrypt(withHeader(noStanza), ids)) == ErrorCode::InvalidInput);
        std::string v2 = header;
        v2.replace(0, 21, "age-encryption.org/v2");
        CHECK(errorOf(decrypt(withHeader(v2), ids)) == ErrorCode::Unsupported);
        // An scrypt stanza next to an X25519 one is a header failure even for an X25519 identity.
        std::string mixed = header;
        mixed.insert(mixed.find("--- "),
                     "-> scrypt AAAAAAAAAAAAAAAAAAAAAA 10\n" + std::string(43, 'A') + "\n");
        CHECK(errorOf(decrypt(withHeader(mixed), ids)) == ErrorCode::InvalidInput);
        // An unknown stanza type is ignored, but it is covered by the MAC.
        std::string grease = header;
        grease.insert(grease.find("--- "), "-> grease-x y\n\n");
        CHECK(errorOf(decrypt(withHeader(grease), ids)) == ErrorCode::AuthenticationFailed);
        CHECK(errorOf(decrypt(asBytes("hello world, not age"), ids)) == ErrorCode::InvalidInput);
        CHECK(errorOf(decrypt({}, ids)) == ErrorCode::InvalidInput);
    }
}

TEST_CASE("age armor is strict", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const auto recipient = id.recipient();
    const Bytes plaintext = randomBytes(500);
    const std::string armored = text(encrypt(plaintext, std::span(&recipient, 1), true));
    auto ids = std::span(&id, 1);
    auto ok = [&](const std::string& s) { return decrypt(asBytes(s), ids).has_value(); };
    REQUIRE(ok(armored));
    CHECK(ok("\n \t" + armored + "\n\n  "));
    std::string crlf;
    for (char c : armored)
        crlf += c == '\n' ? std::string("\r\n") : std::string(1, c);
    CHECK(ok(crlf));
    CHECK_FALSE(ok("x" + armored));
    CHECK_FALSE(ok(armored + "x"));
    std::string longLine = armored;
    longLine.erase(longLine.find('\n', 40), 1); // join the first two data lines
    CHECK_FALSE(ok(longLine));
    std::string emptyLine = armored;
    emptyLine.insert(emptyLine.find('\n') + 1, "\n");
    CHECK_FALSE(ok(emptyLine));
    std::string noEnd = armored.substr(0, armored.find("-----END"));
    CHECK_FALSE(ok(noEnd));
    std::string spaceEol = armored;
    spaceEol.insert(spaceEol.find('\n', 40), " ");
    CHECK_FALSE(ok(spaceEol));
    std::string lower = armored;
    lower.replace(lower.find("BEGIN AGE"), 9, "BEGIN age");
    CHECK_FALSE(ok(lower));
}

TEST_CASE("age passphrase (scrypt) files", "[crypto][age]")
{
    const Bytes plaintext = randomBytes(70000);
    const Bytes file = encryptWithPassphrase(plaintext, "correct horse", 10);
    CHECK(text(file).find("\n-> scrypt ") != std::string::npos);
    auto back = decryptWithPassphrase(file, "correct horse");
    REQUIRE(back.has_value());
    CHECK((*back == plaintext));
    CHECK(errorOf(decryptWithPassphrase(file, "wrong horse")) == ErrorCode::WrongPassphrase);
    CHECK(errorOf(decryptWithPassphrase(file, "correct horse", 9)) == ErrorCode::Unsupported);

    // A work factor above 22 is refused before any scrypt work.
    std::string high = text(file);
    high.replace(high.find(" 10\n"), 4, " 23\n");
    CHECK(errorOf(decryptWithPassphrase(asBytes(high), "correct horse")) == ErrorCode::Unsupported);
    std::string leadingZero = text(file);
    leadingZero.replace(leadingZero.find(" 10\n"), 4, " 010\n");
    CHECK(errorOf(decryptWithPassphrase(asBytes(leadingZero), "correct horse")) == ErrorCode::InvalidInput);

    const auto id = AgeIdentity::generate();
    CHECK(errorOf(decrypt(file, std::span(&id, 1))) == ErrorCode::NotFound);
    const auto recipient = id.recipient();
    CHECK(errorOf(decryptWithPassphrase(encrypt(plaintext, std::span(&recipient, 1)), "x")) ==
          ErrorCode::NotFound);

    MemorySink sink;
    CHECK_FALSE(AgeEncryptor::createWithPassphrase(sink, asBytes("pw"), 23).has_value());
    CHECK_FALSE(AgeEncryptor::createWithPassphrase(sink, asBytes("pw"), 0).has_value());
}

TEST_CASE("age interoperates with the stock age tools", "[crypto][age][interop]")
{
    TempDir dir;
    const std::string keyFile = dir.file("stock.key");
    REQUIRE(run("age-keygen -o " + keyFile + " 2>/dev/null") == 0);
    auto stockIds = parseAgeIdentityFile(text(readFile(keyFile)));
    REQUIRE(stockIds.has_value());
    REQUIRE(stockIds->size() == 1);
    std::string stockRecipient = runOutput("age-keygen -y " + keyFile);
    REQUIRE(stockRecipient.ends_with("\n"));
    stockRecipient.pop_back();
    CHECK(stockIds->front().recipient().toString() == stockRecipient);

    const auto ours = AgeIdentity::generate();
    const std::string ourKeyFile = dir.file("ours.key");
    const SecretBuffer ourKeyText = formatAgeIdentityFile(ours, "2026-01-01T00:00:00Z");
    writeFile(ourKeyFile, ourKeyText.view());
    const auto other = AgeIdentity::generate();

    for (bool armor : {false, true}) {
        for (std::size_t size : kBoundarySizes) {
            CAPTURE(armor, size);
            const Bytes plaintext = randomBytes(size);
            writeFile(dir.file("plain"), plaintext);

            // Ours -> stock age, to three recipients.
            const std::vector<AgeRecipient> recipients = {other.recipient(), stockIds->front().recipient(),
                                                          ours.recipient()};
            writeFile(dir.file("ours.age"), encrypt(plaintext, recipients, armor));
            REQUIRE(run("age -d -i " + keyFile + " " + dir.file("ours.age") + " > " + dir.file("out1")) == 0);
            CHECK((readFile(dir.file("out1")) == plaintext));
            REQUIRE(run("age -d -i " + ourKeyFile + " " + dir.file("ours.age") + " > " + dir.file("out2")) ==
                    0);
            CHECK((readFile(dir.file("out2")) == plaintext));

            // Stock age -> ours, to two recipients.
            REQUIRE(run(std::string("age ") + (armor ? "-a " : "") + "-r " + ours.recipient().toString() +
                        " -r " + stockRecipient + " -o " + dir.file("stock.age") + " " + dir.file("plain")) ==
                    0);
            auto back = decrypt(readFile(dir.file("stock.age")), std::span(&ours, 1));
            REQUIRE(back.has_value());
            CHECK((*back == plaintext));
            auto viaStockKey = decrypt(readFile(dir.file("stock.age")), *stockIds);
            REQUIRE(viaStockKey.has_value());
            CHECK((*viaStockKey == plaintext));
        }
    }

    // Stock age refuses what we refuse: a truncated file of ours.
    const Bytes big = randomBytes(2 * 65536 + 1);
    const AgeRecipient stockR = stockIds->front().recipient();
    const Bytes file = encrypt(big, std::span(&stockR, 1));
    const Bytes truncated(file.begin(), file.end() - 1 - 16);
    writeFile(dir.file("trunc.age"), truncated);
    CHECK(run("age -d -i " + keyFile + " -o " + dir.file("out3") + " " + dir.file("trunc.age") +
              " 2>/dev/null") != 0);
}

TEST_CASE("age passphrase files interoperate with the stock age tool", "[crypto][age][interop]")
{
    TempDir dir;
    const std::string pty = "python3 " + std::string(FV_SOURCE_DIR) + "/tests/crypto/pty_passphrase.py ";
    const std::string passphrase = "field notes, 2026";
    for (std::size_t size : {std::size_t{0}, std::size_t{65537}}) {
        CAPTURE(size);
        const Bytes plaintext = randomBytes(size);
        writeFile(dir.file("plain"), plaintext);

        writeFile(dir.file("ours.age"), encryptWithPassphrase(plaintext, passphrase, 10, size > 0));
        REQUIRE(run(pty + fv::test::shellQuote(passphrase) + " age -d -o " + dir.file("out") + " " +
                    dir.file("ours.age") + " 2>/dev/null") == 0);
        if (size > 0)
            CHECK((readFile(dir.file("out")) == plaintext));

        REQUIRE(run(pty + fv::test::shellQuote(passphrase) + " age -p -o " + dir.file("stock.age") + " " +
                    dir.file("plain") + " 2>/dev/null") == 0);
        const Bytes stockFile = readFile(dir.file("stock.age"));
        auto back = decryptWithPassphrase(stockFile, passphrase);
        REQUIRE(back.has_value());
        CHECK((*back == plaintext));
        CHECK(errorOf(decryptWithPassphrase(stockFile, "another passphrase")) == ErrorCode::WrongPassphrase);
    }
}

TEST_CASE("age header limits, several identities, and errors that stick", "[crypto][age]")
{
    const auto id = AgeIdentity::generate();
    const auto recipient = id.recipient();
    const Bytes file = encrypt(asBytes("payload"), std::span(&recipient, 1));
    const std::string s = text(file);
    const std::size_t end = headerEnd(file);

    // 128 stanzas are accepted (the unknown ones are skipped; the MAC then fails), 129 are not.
    auto withExtraStanzas = [&](int count) {
        std::string header = s.substr(0, end);
        std::string extra;
        for (int i = 0; i < count; ++i)
            extra += "-> unknown-type\n\n";
        header.insert(header.find("--- "), extra);
        Bytes out(header.begin(), header.end());
        out.insert(out.end(), file.begin() + static_cast<std::ptrdiff_t>(end), file.end());
        return out;
    };
    CHECK(errorOf(decrypt(withExtraStanzas(127), std::span(&id, 1))) == ErrorCode::AuthenticationFailed);
    CHECK(errorOf(decrypt(withExtraStanzas(128), std::span(&id, 1))) == ErrorCode::InvalidInput);

    // The matching identity may be any of several.
    std::vector<AgeIdentity> ids;
    ids.push_back(AgeIdentity::generate());
    ids.push_back(AgeIdentity::generate());
    ids.push_back(id.clone());
    auto back = decrypt(file, ids);
    REQUIRE(back.has_value());
    CHECK(text(*back) == "payload");

    // After a chunk fails, the decryptor keeps failing and never yields more data.
    Bytes bad = file;
    bad.back() ^= 1;
    MemorySource in(bad);
    auto dec = AgeDecryptor::open(in, std::span(&id, 1));
    REQUIRE(dec.has_value());
    Bytes buf(100);
    CHECK_FALSE((*dec)->read(buf).has_value());
    CHECK_FALSE((*dec)->read(buf).has_value());
}
