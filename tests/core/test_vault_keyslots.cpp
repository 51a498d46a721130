// The key-slot file format (core/KeySlots.h) on its own: sealing, opening, tamper, the
// recovery-key text form, and the known-answer vector printed in docs/vault-format.md.

#include "core/KeySlots.h"
#include "crypto/Random.h"

#include <catch2/catch.hpp>
#include <sodium.h>
#include <string>

using namespace fv;

namespace {

std::string text(const SecretBuffer& buffer)
{
    return std::string(reinterpret_cast<const char*>(buffer.data()), buffer.size());
}

Bytes hexBytes(std::string_view hex)
{
    Bytes out;
    REQUIRE(fromHex(hex, out));
    return out;
}

// The file as the first layout wrote it: header and unmasked slots, 1024 bytes, no seed.
Bytes legacyBytes(const KeySlotFile& file)
{
    Bytes out(file.bytes().begin(), file.bytes().begin() + kKeySlotHeaderBytes);
    for (std::size_t i = 0; i < kKeySlotCount; ++i)
        out.insert(out.end(), file.slotBytes(i).begin(), file.slotBytes(i).end());
    return out;
}

// Removes the slot mask of a written file by docs/vault-format.md alone, with libsodium's
// BLAKE2b directly: block j = BLAKE2b-512(key = seed, "fieldvault/keyslots/slot-mask/v2" || le32(j)).
Bytes unmaskByTheDocs(ByteView disk)
{
    Bytes out(disk.begin(), disk.begin() + 1024);
    const std::uint8_t* seed = disk.data() + 1024;
    const std::string label = "fieldvault/keyslots/slot-mask/v2";
    for (std::uint32_t j = 0; j < 15; ++j) {
        std::string message = label;
        for (int i = 0; i < 4; ++i)
            message.push_back(static_cast<char>((j >> (8 * i)) & 0xff));
        std::uint8_t mask[64];
        REQUIRE(crypto_generichash(mask, 64, reinterpret_cast<const unsigned char*>(message.data()),
                                   message.size(), seed, 32) == 0);
        for (std::size_t i = 0; i < 64; ++i)
            out[64 + j * 64 + i] ^= mask[i];
    }
    return out;
}

SlotContent content(SlotKind kind, std::uint8_t store, std::uint8_t linked, const SecretBuffer& key)
{
    SlotContent c;
    c.kind = kind;
    c.storeIndex = store;
    c.linkedSlot = linked;
    c.masterKey = key.clone();
    return c;
}

} // namespace

TEST_CASE("Key-slot file: fixed size, parameters survive a round trip, garbage is refused",
          "[core][keyslots]")
{
    auto file = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(file);
    CHECK(file->bytes().size() == kKeySlotFileBytes);
    auto parsed = KeySlotFile::parse(file->bytes());
    REQUIRE(parsed);
    CHECK(parsed->params() == Argon2Params::fastForTests());
    CHECK(Bytes(parsed->salt().begin(), parsed->salt().end()) ==
          Bytes(file->salt().begin(), file->salt().end()));

    // The parameters are masked with the salt: two files with the same parameters differ there.
    auto other = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(other);
    CHECK_FALSE(Bytes(file->bytes().begin() + 16, file->bytes().begin() + 32) ==
                Bytes(other->bytes().begin() + 16, other->bytes().begin() + 32));

    for (std::size_t size : {std::size_t{0}, std::size_t{1}, kKeySlotLegacyFileBytes - 1,
                             kKeySlotLegacyFileBytes + 1, kKeySlotFileBytes - 1, kKeySlotFileBytes + 1}) {
        const Bytes wrong = randomBytes(size);
        auto r = KeySlotFile::parse(wrong);
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::StoreDamaged);
        CHECK_THAT(r.error().message, Catch::Contains("key file is damaged"));
    }
    // Random bytes of the right size decode to absurd parameters: refused before any KDF.
    int refused = 0;
    for (int i = 0; i < 50; ++i)
        refused += KeySlotFile::parse(randomBytes(kKeySlotFileBytes)).has_value() ? 0 : 1;
    CHECK(refused == 50);

    CHECK_FALSE(KeySlotFile::generate(Argon2Params{}).has_value());
    CHECK_FALSE(KeySlotFile::generate(Argon2Params{100, 1ull << 40}).has_value());
}

TEST_CASE("Key slots: the right secret opens its slot, nothing else does", "[core][keyslots]")
{
    auto file = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(file);
    const auto master = SecretBuffer::random(kMasterKeyBytes);
    const auto decoyMaster = SecretBuffer::random(kMasterKeyBytes);
    auto pass = file->deriveFromPassphrase(asBytes("correct horse"));
    auto duress = file->deriveFromPassphrase(asBytes("blue sky"));
    const auto recovery = generateRecoveryKey();
    auto rec = file->deriveFromRecoveryKey(recovery);
    REQUIRE((pass && duress && rec));

    REQUIRE(file->seal(5, *pass, content(SlotKind::Passphrase, 1, 5, master)));
    REQUIRE(file->seal(2, *rec, content(SlotKind::Recovery, 1, 5, master)));
    REQUIRE(file->seal(7, *duress, content(SlotKind::Passphrase, 0, 7, decoyMaster)));
    // The kind that said "duress" is never written again.
    CHECK_FALSE(file->seal(6, *duress, content(SlotKind::LegacyDuress, 0, 6, decoyMaster)));

    auto reparsed = KeySlotFile::parse(file->bytes());
    REQUIRE(reparsed);

    auto opened = reparsed->open(*pass);
    REQUIRE(opened);
    CHECK(opened->index == 5);
    CHECK(opened->content.kind == SlotKind::Passphrase);
    CHECK(opened->content.storeIndex == 1);
    CHECK(opened->content.masterKey.equals(master));

    opened = reparsed->open(*rec);
    REQUIRE(opened);
    CHECK(opened->index == 2);
    CHECK(opened->content.kind == SlotKind::Recovery);
    CHECK(opened->content.linkedSlot == 5);
    CHECK(opened->content.masterKey.equals(master));

    opened = reparsed->open(*duress);
    REQUIRE(opened);
    CHECK(opened->index == 7);
    CHECK(opened->content.kind == SlotKind::Passphrase);
    CHECK(opened->content.storeIndex == 0);
    CHECK(opened->content.masterKey.equals(decoyMaster));

    auto wrong = reparsed->deriveFromPassphrase(asBytes("correct horse "));
    REQUIRE(wrong);
    CHECK_FALSE(reparsed->open(*wrong));
    auto otherRecovery = reparsed->deriveFromRecoveryKey(generateRecoveryKey());
    REQUIRE(otherRecovery);
    CHECK_FALSE(reparsed->open(*otherRecovery));

    // The same 32 bytes used as the other kind of root open nothing (domain separation).
    SlotRootKey confused{SlotSecretKind::RecoveryKey, pass->key.clone()};
    CHECK_FALSE(reparsed->open(confused));

    // A kind that does not match the secret cannot be sealed.
    CHECK_FALSE(file->seal(1, *pass, content(SlotKind::Recovery, 0, 1, master)));
    CHECK_FALSE(file->seal(8, *pass, content(SlotKind::Passphrase, 0, 1, master)));
    CHECK_FALSE(file->seal(1, *pass, content(SlotKind::Passphrase, 2, 1, master)));
}

TEST_CASE("Key slots are bound to their position and to the header", "[core][keyslots]")
{
    auto file = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(file);
    const auto master = SecretBuffer::random(kMasterKeyBytes);
    auto pass = file->deriveFromPassphrase(asBytes("correct horse"));
    REQUIRE(pass);
    REQUIRE(file->seal(3, *pass, content(SlotKind::Passphrase, 0, 3, master)));

    // Move slot 3 to slot 4 (in the unmasked form, so only the binding is at work): it no
    // longer opens.
    Bytes moved = legacyBytes(*file);
    const std::size_t from = kKeySlotHeaderBytes + 3 * kKeySlotBytes;
    const std::size_t to = kKeySlotHeaderBytes + 4 * kKeySlotBytes;
    std::copy(moved.begin() + from, moved.begin() + from + kKeySlotBytes, moved.begin() + to);
    auto randomised = randomBytes(kKeySlotBytes);
    std::copy(randomised.begin(), randomised.end(), moved.begin() + from);
    auto parsedMoved = KeySlotFile::parse(moved);
    REQUIRE(parsedMoved);
    CHECK_FALSE(parsedMoved->open(*pass));

    // Any flipped bit in the reserved header bytes or in the slot: nothing opens.
    for (std::size_t offset : {std::size_t{40}, std::size_t{63}, from, from + 30, from + kKeySlotBytes - 1,
                               kKeySlotLegacyFileBytes, kKeySlotFileBytes - 1}) {
        Bytes tampered(file->bytes().begin(), file->bytes().end());
        tampered[offset] ^= 0x04;
        auto parsed = KeySlotFile::parse(tampered);
        REQUIRE(parsed);
        CHECK_FALSE(parsed->open(*pass));
    }

    // Scrubbing makes the slot random again.
    file->scrub(3);
    CHECK_FALSE(file->open(*pass));
}

TEST_CASE("Key slots: re-masking changes every slot on disk and nothing inside", "[core][keyslots][examiner]")
{
    auto file = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(file);
    const auto master = SecretBuffer::random(kMasterKeyBytes);
    auto pass = file->deriveFromPassphrase(asBytes("correct horse"));
    REQUIRE(pass);
    REQUIRE(file->seal(4, *pass, content(SlotKind::Passphrase, 1, 4, master)));
    const Bytes before(file->bytes().begin(), file->bytes().end());
    REQUIRE(before.size() == kKeySlotFileBytes);

    // The unmasking in docs/vault-format.md gives back exactly the slots.
    CHECK(unmaskByTheDocs(before) == legacyBytes(*file));

    file->remask();
    const Bytes after(file->bytes().begin(), file->bytes().end());
    // Header unchanged; every slot and the seed changed (each of 8 x 120 + 32 bytes differs
    // with probability 255/256, so count whole regions, not bytes).
    CHECK(Bytes(before.begin(), before.begin() + 64) == Bytes(after.begin(), after.begin() + 64));
    for (std::size_t i = 0; i < kKeySlotCount; ++i) {
        const auto at = before.begin() + 64 + static_cast<std::ptrdiff_t>(i * kKeySlotBytes);
        const auto to = after.begin() + 64 + static_cast<std::ptrdiff_t>(i * kKeySlotBytes);
        CHECK_FALSE(std::equal(at, at + kKeySlotBytes, to));
    }
    CHECK_FALSE(std::equal(before.begin() + 1024, before.end(), after.begin() + 1024));
    // What the slots hold is the same: the unmasked forms are equal, and the slot still opens.
    CHECK(unmaskByTheDocs(before) == unmaskByTheDocs(after));
    auto reparsed = KeySlotFile::parse(after);
    REQUIRE(reparsed);
    auto opened = reparsed->open(*pass);
    REQUIRE(opened);
    CHECK(opened->index == 4);
}

TEST_CASE("Key slots: a file of the first layout is read, and rewritten in the new one", "[core][keyslots]")
{
    auto file = KeySlotFile::generate(Argon2Params::fastForTests());
    REQUIRE(file);
    const auto master = SecretBuffer::random(kMasterKeyBytes);
    auto pass = file->deriveFromPassphrase(asBytes("correct horse"));
    REQUIRE(pass);
    REQUIRE(file->seal(2, *pass, content(SlotKind::Passphrase, 0, 2, master)));
    const Bytes legacy = legacyBytes(*file);
    REQUIRE(legacy.size() == kKeySlotLegacyFileBytes);
    auto old = KeySlotFile::parse(legacy);
    REQUIRE(old);
    auto opened = old->open(*pass);
    REQUIRE(opened);
    CHECK(opened->content.masterKey.equals(master));
    CHECK(old->bytes().size() == kKeySlotFileBytes);
    auto rewritten = KeySlotFile::parse(old->bytes());
    REQUIRE(rewritten);
    CHECK(rewritten->open(*pass));
}

TEST_CASE("Recovery key text: grouped, checksummed, forgiving when typed back", "[core][keyslots]")
{
    const auto key = generateRecoveryKey();
    const auto formatted = formatRecoveryKey(key);
    const std::string shown = text(formatted);
    REQUIRE(shown.size() == 44);
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (i % 5 == 4)
            CHECK(shown[i] == '-');
        else
            CHECK(std::string_view("0123456789ABCDEFGHJKMNPQRSTVWXYZ").find(shown[i]) !=
                  std::string_view::npos);
    }

    auto back = parseRecoveryKey(asBytes(shown));
    REQUIRE(back);
    CHECK(back->equals(key));

    std::string sloppy;
    for (char c : shown) {
        if (c == '-') {
            sloppy += "  ";
            continue;
        }
        char typed = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
        if (c == '0')
            typed = 'O';
        if (c == '1')
            typed = 'l';
        sloppy += typed;
    }
    back = parseRecoveryKey(asBytes(sloppy + "\n"));
    REQUIRE(back);
    CHECK(back->equals(key));

    // A typo in any position is caught by the checksum (or is an impossible character).
    int caught = 0;
    for (std::size_t i = 0; i < shown.size(); ++i) {
        if (shown[i] == '-')
            continue;
        std::string typo = shown;
        typo[i] = shown[i] == 'Z' ? 'Y' : (shown[i] == '9' ? '8' : static_cast<char>(shown[i] + 1));
        auto r = parseRecoveryKey(asBytes(typo));
        if (!r && r.error().code == ErrorCode::InvalidInput)
            ++caught;
    }
    CHECK(caught >= 34); // 20 checksum bits: a miss has probability 2^-20 per position

    auto shortKey = parseRecoveryKey(asBytes(shown.substr(0, 39)));
    REQUIRE_FALSE(shortKey);
    CHECK(shortKey.error().code == ErrorCode::InvalidInput);
    CHECK_THAT(shortKey.error().message, Catch::Contains("36 letters and digits"));
    auto badChar = parseRecoveryKey(asBytes("U" + shown.substr(1)));
    REQUIRE_FALSE(badChar);
    CHECK_THAT(badChar.error().message, Catch::Contains("character 1"));
}

// The test vector of docs/vault-format.md ("Key slots" > "Test vector"). Change both together.
TEST_CASE("Key slots: known-answer vector", "[core][keyslots][kat]")
{
    const Bytes salt = hexBytes("000102030405060708090a0b0c0d0e0f");
    auto file = KeySlotFile::generateWithSalt(Argon2Params::fastForTests(), salt);
    REQUIRE(file);
    CHECK(toHex(file->bytes().subspan(0, 32)) == "000102030405060708090a0b0c0d0e0f"
                                                 "f1456ece54c0aa7c361fb4ea7e5f611b");

    const auto recoveryKey = SecretBuffer::copyOf(hexBytes("101112131415161718191a1b1c1d1e1f20212223"));
    CHECK(text(formatRecoveryKey(recoveryKey)) == "208H-44RM-2MB1-E60S-38DH-R78Y-3WG2-28H3-3CRA");
    const auto master =
        SecretBuffer::copyOf(hexBytes("404142434445464748494a4b4c4d4e4f505152535455565758595a5b5c5d5e5f"));
    const Bytes nonceRecovery = hexBytes("808182838485868788898a8b8c8d8e8f9091929394959697");
    const Bytes noncePass = hexBytes("a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7");

    auto rec = file->deriveFromRecoveryKey(recoveryKey);
    REQUIRE(rec);
    REQUIRE(file->sealWithNonce(3, *rec, content(SlotKind::Recovery, 1, 6, master), nonceRecovery));
    auto pass = file->deriveFromPassphrase(asBytes("correct horse battery staple"));
    REQUIRE(pass);
    CHECK(toHex(rec->key.view()) == "e42717725bb6f3cba253803592a0b89fc526abcb26cbb65ebfa927bb9060905a");
    CHECK(toHex(pass->key.view()) == "9aeef75313e585f492c33c5e12d82e9ad253b7dd78632d537e899cd4eddd789c");
    REQUIRE(file->sealWithNonce(6, *pass, content(SlotKind::Passphrase, 1, 6, master), noncePass));

    // The reserved header bytes are random, and they are authenticated: fix them for the vector.
    Bytes bytes(file->bytes().begin(), file->bytes().end());
    std::fill(bytes.begin() + 32, bytes.begin() + 64, std::uint8_t{0});
    auto fixed = KeySlotFile::parse(bytes);
    REQUIRE(fixed);
    REQUIRE(fixed->sealWithNonce(3, *rec, content(SlotKind::Recovery, 1, 6, master), nonceRecovery));
    REQUIRE(fixed->sealWithNonce(6, *pass, content(SlotKind::Passphrase, 1, 6, master), noncePass));

    CHECK(toHex(fixed->slotBytes(3)) ==
          "808182838485868788898a8b8c8d8e8f9091929394959697e9df90df0da85b2be8e9e2e46e88e323"
          "3aa409a9bc70eaf5c54dee89b57bebc1d10b3df86016380a961d4581c23f74fc16e6bff700326e21"
          "0bb7fa8ec36123d0ca995f2b78f3c7d8a3ce8f250d849d36d3ab8cd4e810ef3d98f98faf6c7e5c97");
    CHECK(toHex(fixed->slotBytes(6)) ==
          "a0a1a2a3a4a5a6a7a8a9aaabacadaeafb0b1b2b3b4b5b6b7d3eb07c0033864ff1d50c3747a6c538e"
          "f3d788344151c1355998752fc7d8730fa318db022c2d69fdf5490396552311f9788841ea7f8f1edf"
          "db2371c98b3984d4af6033140b8d5a18229337b2fc2c2ac30f3bb665647adeed3e9b1ecf4514d4ec");

    // And the vector opens with the typed recovery key and with the passphrase.
    auto typed = parseRecoveryKey(asBytes("208h 44rm 2mb1 e6os 38dh r78y 3wg2 28h3 3cra"));
    REQUIRE(typed);
    auto typedRoot = fixed->deriveFromRecoveryKey(*typed);
    REQUIRE(typedRoot);
    auto opened = fixed->open(*typedRoot);
    REQUIRE(opened);
    CHECK(opened->index == 3);
    CHECK(opened->content.masterKey.equals(master));
    opened = fixed->open(*pass);
    REQUIRE(opened);
    CHECK(opened->index == 6);
    CHECK(opened->content.masterKey.equals(master));
}
