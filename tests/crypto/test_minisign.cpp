#include "CryptoTestUtil.h"
#include "ExternalTools.h"
#include "crypto/Minisign.h"
#include "crypto/Random.h"

#include <catch2/catch.hpp>

using namespace fv;
using fv::test::readFile;
using fv::test::run;
using fv::test::shellQuote;
using fv::test::TempDir;
using fv::test::writeFile;

namespace {

std::string text(ByteView b)
{
    return {reinterpret_cast<const char*>(b.data()), b.size()};
}

std::string secretText(const SecretBuffer& b)
{
    return text(b.view());
}

} // namespace

TEST_CASE("minisign key id text is the little-endian number in upper-case hex", "[crypto][minisign]")
{
    const MinisignKeyId id = {0xd0, 0xb4, 0xcf, 0x57, 0xbc, 0xec, 0x8b, 0xe9};
    CHECK(minisignKeyIdText(id) == "E98BECBC57CFB4D0");
}

TEST_CASE("minisign parses a key and signature written by minisign 0.11", "[crypto][minisign]")
{
    // Made once with `minisign -G -W` and `minisign -S -t "my trusted"` over "hello\n".
    const std::string pub = "untrusted comment: minisign public key E98BECBC57CFB4D0\n"
                            "RWTQtM9XvOyL6X2B625R7tKDdKiiHRYp9XIBWneVpbjowmFX1bcUMHxQ\n";
    const std::string sig =
        "untrusted comment: signature from minisign secret key\n"
        "RUTQtM9XvOyL6YstFpJzO1HDbI/9AVSKq6bJLxiTlpEDol2RNL/3/CKo75aUjD35oE2Dyto+AJdqQFLzox+Uxc9fDeu/"
        "0A4RYAQ=\n"
        "trusted comment: my trusted\n"
        "bgQiVxL2K+pWYnEG6ZTTFdjT7tOlnNXNZJ8wtas6d6aPTiKBebnWQm2AbljbRixRR3z4bg+vTKlSzRLe9D1ABg==\n";
    auto key = MinisignPublicKey::parse(pub);
    REQUIRE(key.has_value());
    CHECK(minisignKeyIdText(key->keyId) == "E98BECBC57CFB4D0");
    CHECK(key->toFileText() == pub);
    auto s = MinisignSignature::parse(sig);
    REQUIRE(s.has_value());
    CHECK(s->prehashed);
    CHECK(s->trustedComment == "my trusted");
    CHECK(s->toFileText() == sig);
    CHECK(minisignVerify(*key, *s, asBytes("hello\n")));
    CHECK_FALSE(minisignVerify(*key, *s, asBytes("hello")));
    auto bare = MinisignPublicKey::parse("RWTQtM9XvOyL6X2B625R7tKDdKiiHRYp9XIBWneVpbjowmFX1bcUMHxQ");
    REQUIRE(bare.has_value());
    CHECK(*bare == *key);
}

TEST_CASE("minisign sign and verify, and refuse every change", "[crypto][minisign]")
{
    const auto key = MinisignSecretKey::generate();
    const auto pub = key.publicKey();
    const Bytes message = randomBytes(100000);
    auto sig = minisignSign(key, message, "timestamp:1\tfile:SHA256SUMS\thashed");
    REQUIRE(sig.has_value());
    REQUIRE(minisignVerify(pub, *sig, message));

    MemorySource stream(message);
    REQUIRE(minisignVerifyStream(pub, *sig, stream));
    MemorySource signStream(message);
    auto streamed = minisignSignStream(key, signStream, sig->trustedComment);
    REQUIRE(streamed.has_value());
    CHECK(streamed->signature == sig->signature); // Ed25519 is deterministic

    auto parsed = MinisignSignature::parse(sig->toFileText());
    REQUIRE(parsed.has_value());
    CHECK(minisignVerify(pub, *parsed, message));

    Bytes changed = message;
    changed[500] ^= 1;
    CHECK(minisignVerify(pub, *sig, changed).error().code == ErrorCode::AuthenticationFailed);

    MinisignSignature bad = *sig;
    bad.trustedComment += "x";
    CHECK_FALSE(minisignVerify(pub, bad, message));
    bad = *sig;
    bad.globalSignature[0] ^= 1;
    CHECK_FALSE(minisignVerify(pub, bad, message));
    bad = *sig;
    bad.signature[5] ^= 1;
    CHECK_FALSE(minisignVerify(pub, bad, message));
    bad = *sig;
    bad.keyId[0] ^= 1;
    CHECK_FALSE(minisignVerify(pub, bad, message));
    bad = *sig;
    bad.untrustedComment = "anything"; // not covered by any signature, by design
    CHECK(minisignVerify(pub, bad, message));

    const auto other = MinisignSecretKey::generate();
    CHECK_FALSE(minisignVerify(other.publicKey(), *sig, message));

    CHECK_FALSE(minisignSign(key, message, "two\nlines").has_value());
    CHECK_FALSE(minisignSign(key, message, std::string(8193, 'a')).has_value());
}

TEST_CASE("minisign secret key files round-trip, encrypted or not", "[crypto][minisign]")
{
    const auto key = MinisignSecretKey::generate();
    auto plainFile = key.toFileText({});
    REQUIRE(plainFile.has_value());
    CHECK(secretText(*plainFile).starts_with("untrusted comment: minisign encrypted secret key\nRWQAAEIy"));
    auto back = MinisignSecretKey::parse(secretText(*plainFile));
    REQUIRE(back.has_value());
    CHECK(back->secretKey().equals(key.secretKey()));
    CHECK(back->publicKey() == key.publicKey());

    auto encFile = key.toFileText(asBytes("pass phrase"), MinisignKdfLimits::fastForTests());
    REQUIRE(encFile.has_value());
    CHECK(secretText(*encFile).starts_with("untrusted comment: minisign encrypted secret key\nRWRTY0Iy"));
    auto dec = MinisignSecretKey::parse(secretText(*encFile), asBytes("pass phrase"));
    REQUIRE(dec.has_value());
    CHECK(dec->secretKey().equals(key.secretKey()));
    auto wrong = MinisignSecretKey::parse(secretText(*encFile), asBytes("pass phrasE"));
    REQUIRE_FALSE(wrong.has_value());
    CHECK(wrong.error().code == ErrorCode::WrongPassphrase);

    // A damaged unencrypted key is refused (checksum, or a public half that does not match).
    std::string damaged = secretText(*plainFile);
    const std::size_t pos = damaged.find('\n') + 1 + 100;
    damaged[pos] = damaged[pos] == 'A' ? 'B' : 'A';
    CHECK_FALSE(MinisignSecretKey::parse(damaged).has_value());
    CHECK_FALSE(MinisignSecretKey::parse("untrusted comment: x\nRWQ=\n").has_value());
    CHECK_FALSE(MinisignPublicKey::parse("untrusted comment: x\n").has_value());
}

TEST_CASE("minisign interoperates with the stock minisign tool", "[crypto][minisign][interop]")
{
    TempDir dir;
    const Bytes message = randomBytes(70000);
    const std::string msgFile = dir.file("SHA256SUMS");
    writeFile(msgFile, message);

    SECTION("stock keys and signatures -> ours, ours -> stock verify")
    {
        REQUIRE(run("minisign -G -W -p " + dir.file("k.pub") + " -s " + dir.file("k.key") +
                    " >/dev/null 2>&1") == 0);
        auto pub = MinisignPublicKey::parse(text(readFile(dir.file("k.pub"))));
        REQUIRE(pub.has_value());
        auto sec = MinisignSecretKey::parse(text(readFile(dir.file("k.key"))));
        REQUIRE(sec.has_value());
        CHECK(sec->publicKey() == *pub);

        REQUIRE(run("minisign -S -s " + dir.file("k.key") + " -m " + msgFile + " -t " +
                    shellQuote("bundle 42\trecipients age1x") + " >/dev/null 2>&1") == 0);
        auto stockSig = MinisignSignature::parse(text(readFile(msgFile + ".minisig")));
        REQUIRE(stockSig.has_value());
        CHECK(stockSig->prehashed);
        CHECK(stockSig->trustedComment == "bundle 42\trecipients age1x");
        CHECK(minisignVerify(*pub, *stockSig, message));

        auto ours = minisignSign(*sec, message, "ours, with the stock key");
        REQUIRE(ours.has_value());
        writeFile(msgFile + ".minisig", asBytes(ours->toFileText()));
        CHECK(run("minisign -Vm " + msgFile + " -p " + dir.file("k.pub") + " >/dev/null 2>&1") == 0);

        REQUIRE(run("minisign -S -l -s " + dir.file("k.key") + " -m " + msgFile + " >/dev/null 2>&1") == 0);
        auto legacy = MinisignSignature::parse(text(readFile(msgFile + ".minisig")));
        REQUIRE(legacy.has_value());
        CHECK_FALSE(legacy->prehashed);
        CHECK(minisignVerify(*pub, *legacy, message).error().code == ErrorCode::Unsupported);
        CHECK(minisignVerify(*pub, *legacy, message, true));
    }
    SECTION("our keys and signatures -> stock minisign")
    {
        const auto key = MinisignSecretKey::generate();
        writeFile(dir.file("our.pub"), asBytes(key.publicKey().toFileText()));
        auto sig = minisignSign(key, message, "timestamp:1700000000\tfile:SHA256SUMS\thashed");
        REQUIRE(sig.has_value());
        writeFile(msgFile + ".minisig", asBytes(sig->toFileText()));
        CHECK(run("minisign -Vm " + msgFile + " -p " + dir.file("our.pub") + " >/dev/null 2>&1") == 0);
        CHECK(fv::test::runOutput("minisign -Vm " + msgFile + " -p " + dir.file("our.pub") + " 2>&1")
                  .find("Trusted comment: timestamp:1700000000\tfile:SHA256SUMS\thashed") !=
              std::string::npos);

        // Stock minisign refuses what we refuse.
        MinisignSignature tampered = *sig;
        tampered.trustedComment = "timestamp:1700000000\tfile:OTHER\thashed";
        writeFile(msgFile + ".minisig", asBytes(tampered.toFileText()));
        CHECK(run("minisign -Vm " + msgFile + " -p " + dir.file("our.pub") + " >/dev/null 2>&1") != 0);
        CHECK_FALSE(minisignVerify(key.publicKey(), tampered, message));

        // Our unencrypted secret key file signs with stock minisign.
        auto keyFile = key.toFileText({});
        REQUIRE(keyFile.has_value());
        writeFile(dir.file("our.key"), keyFile->view());
        REQUIRE(run("minisign -S -s " + dir.file("our.key") + " -m " + msgFile +
                    " -t stock >/dev/null 2>&1") == 0);
        auto stockSig = MinisignSignature::parse(text(readFile(msgFile + ".minisig")));
        REQUIRE(stockSig.has_value());
        CHECK(minisignVerify(key.publicKey(), *stockSig, message));
    }
    SECTION("our encrypted secret key file opens in stock minisign")
    {
        const auto key = MinisignSecretKey::generate();
        const std::string passphrase = "p4ss phrase";
        auto keyFile = key.toFileText(asBytes(passphrase), MinisignKdfLimits::fastForTests());
        REQUIRE(keyFile.has_value());
        writeFile(dir.file("enc.key"), keyFile->view());
        const std::string pty = "python3 " + std::string(FV_SOURCE_DIR) + "/tests/crypto/pty_passphrase.py ";
        REQUIRE(run(pty + shellQuote(passphrase) + " minisign -S -s " + dir.file("enc.key") + " -m " +
                    msgFile + " -t enc 2>/dev/null") == 0);
        auto stockSig = MinisignSignature::parse(text(readFile(msgFile + ".minisig")));
        REQUIRE(stockSig.has_value());
        CHECK(minisignVerify(key.publicKey(), *stockSig, message));
    }
}
