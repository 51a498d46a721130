// The Vault (core/Vault.h): create, unlock, lock, recovery key, passphrase change, duress and
// decoy, deniability of the files, tamper, a second process, erase, verify. Every vault here
// uses Argon2Params::fastForTests().

#include "core/KeySlots.h"
#include "core/TestimonyStore.h"
#include "core/Vault.h"
#include "crypto/Random.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"
#include "storage/FaultInjection.h"
#include "test_domain_support.h"

#include <QBuffer>
#include <catch2/catch.hpp>
#include <chrono>
#include <cstdlib>
#include <fcntl.h>
#include <fstream>
#include <map>
#include <string>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

using namespace fv;
namespace fs = std::filesystem;

namespace {

class TempDir
{
public:
    TempDir()
    {
        std::string pattern = (fs::temp_directory_path() / "fv-vault-test-XXXXXX").string();
        REQUIRE(::mkdtemp(pattern.data()) != nullptr);
        m_path = pattern;
    }
    ~TempDir()
    {
        std::error_code ec;
        fs::remove_all(m_path, ec);
    }
    const fs::path& path() const { return m_path; }

private:
    fs::path m_path;
};

SecretBuffer secret(std::string_view text)
{
    return SecretBuffer::copyOf(asBytes(text));
}

std::string text(const SecretBuffer& buffer)
{
    return std::string(reinterpret_cast<const char*>(buffer.data()), buffer.size());
}

VaultCreateOptions fastOptions(std::string_view duress = {})
{
    VaultCreateOptions options;
    options.kdf = Argon2Params::fastForTests();
    if (!duress.empty())
        options.duressPassphrase = secret(duress);
    return options;
}

CreatedVault createVault(const fs::path& dir, std::string_view passphrase, std::string_view duress = {})
{
    auto created = Vault::create(dir, secret(passphrase), fastOptions(duress));
    if (!created)
        FAIL("create failed: " << created.error().message);
    return std::move(*created);
}

void addNote(Vault& vault, std::string_view note)
{
    auto db = vault.database();
    REQUIRE(db);
    REQUIRE((*db)->exec("CREATE TABLE IF NOT EXISTS test_notes (note TEXT NOT NULL)"));
    auto stmt = (*db)->prepare("INSERT INTO test_notes (note) VALUES (?1)");
    REQUIRE(stmt);
    stmt->bind(1, note);
    REQUIRE(stmt->run());
}

std::vector<std::string> notes(Vault& vault)
{
    auto db = vault.database();
    REQUIRE(db);
    REQUIRE((*db)->exec("CREATE TABLE IF NOT EXISTS test_notes (note TEXT NOT NULL)"));
    auto stmt = (*db)->prepare("SELECT note FROM test_notes ORDER BY rowid");
    REQUIRE(stmt);
    std::vector<std::string> out;
    for (;;) {
        auto row = stmt->step();
        REQUIRE(row);
        if (!*row)
            break;
        out.push_back(stmt->columnText(0));
    }
    return out;
}

Bytes readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void writeFile(const fs::path& path, ByteView data)
{
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data.data()), static_cast<std::streamsize>(data.size()));
}

// Pearson's chi-square statistic of the byte values against a uniform distribution.
double chiSquare(ByteView data)
{
    std::array<double, 256> counts{};
    for (std::uint8_t b : data)
        counts[b] += 1;
    const double expected = static_cast<double>(data.size()) / 256.0;
    double chi = 0;
    for (double c : counts)
        chi += (c - expected) * (c - expected) / expected;
    return chi;
}

bool contains(ByteView haystack, std::string_view needle)
{
    const ByteView n = asBytes(needle);
    return std::search(haystack.begin(), haystack.end(), n.begin(), n.end()) != haystack.end();
}

} // namespace

TEST_CASE("Vault: create, lock, unlock, relock", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    {
        CreatedVault created = createVault(dir, "correct horse");
        CHECK(text(created.recoveryKey).size() == 44);
        CHECK_FALSE(created.vault.isLocked());
        CHECK(created.vault.location() == dir);
        REQUIRE(created.vault.role());
        CHECK(*created.vault.role() == VaultRole::Field);
        addNote(created.vault, "first");
        CHECK(created.vault.lock());
        CHECK(created.vault.isLocked());
        CHECK(created.vault.lock()); // idempotent
    }
    CHECK(Vault::exists(dir));
    CHECK_FALSE(Vault::exists(tmp.path()));

    auto vault = Vault::unlock(dir, secret("correct horse"));
    REQUIRE(vault);
    CHECK(notes(*vault) == std::vector<std::string>{"first"});
    addNote(*vault, "second");
    CHECK(vault->lock());
    vault = Vault::unlock(dir, secret("correct horse"));
    REQUIRE(vault);
    CHECK(notes(*vault) == std::vector<std::string>{"first", "second"});

    // An HQ vault keeps its role.
    const fs::path hqDir = tmp.path() / "hq";
    VaultCreateOptions options = fastOptions();
    options.role = VaultRole::Hq;
    auto hq = Vault::create(hqDir, secret("hq passphrase"), options);
    REQUIRE(hq);
    REQUIRE(hq->vault.lock());
    auto hqAgain = Vault::unlock(hqDir, secret("hq passphrase"));
    REQUIRE(hqAgain);
    CHECK(*hqAgain->role() == VaultRole::Hq);
}

TEST_CASE("Vault: a locked vault holds nothing and every accessor fails cleanly", "[core][vault]")
{
    TempDir tmp;
    CreatedVault created = createVault(tmp.path() / "v", "correct horse");
    Vault& vault = created.vault;
    REQUIRE(vault.database());
    REQUIRE(vault.lock());
    CHECK(vault.isLocked());
    auto db = vault.database();
    REQUIRE_FALSE(db);
    CHECK_THAT(db.error().message, Catch::Contains("locked"));
    CHECK_FALSE(vault.blobs());
    CHECK_FALSE(vault.role());
    CHECK_FALSE(vault.verify());
    CHECK_FALSE(vault.changePassphrase(secret("other")));

    // Moved-from and moved-to objects behave.
    Vault moved = std::move(vault);
    CHECK(moved.isLocked());
}

TEST_CASE("Vault: wrong passphrase, missing vault, bad arguments", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    REQUIRE(createVault(dir, "correct horse").vault.lock());

    auto wrong = Vault::unlock(dir, secret("Correct horse"));
    REQUIRE_FALSE(wrong);
    CHECK(wrong.error().code == ErrorCode::WrongPassphrase);
    CHECK_THAT(wrong.error().message, Catch::Contains("passphrase is not correct"));
    CHECK_THAT(wrong.error().message, Catch::Contains("recovery key"));

    auto missing = Vault::unlock(tmp.path() / "nothing", secret("x"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::NotFound);
    auto emptyDir = Vault::unlock(tmp.path(), secret("x"));
    REQUIRE_FALSE(emptyDir);
    CHECK(emptyDir.error().code == ErrorCode::NotFound);

    auto noPass = Vault::create(tmp.path() / "w", SecretBuffer(), fastOptions());
    REQUIRE_FALSE(noPass);
    CHECK(noPass.error().code == ErrorCode::InvalidArgument);
    auto sameDuress = Vault::create(tmp.path() / "w", secret("same"), fastOptions("same"));
    REQUIRE_FALSE(sameDuress);
    CHECK_THAT(sameDuress.error().message, Catch::Contains("must be different"));
    CHECK_FALSE(fs::exists(tmp.path() / "w"));

    auto again = Vault::create(dir, secret("x"), fastOptions());
    REQUIRE_FALSE(again);
    CHECK_THAT(again.error().message, Catch::Contains("already exists"));

    const fs::path busyFolder = tmp.path() / "papers";
    fs::create_directories(busyFolder);
    writeFile(busyFolder / "letter.txt", asBytes("keep me"));
    auto notEmpty = Vault::create(busyFolder, secret("x"), fastOptions());
    REQUIRE_FALSE(notEmpty);
    CHECK_THAT(notEmpty.error().message, Catch::Contains("not empty"));
    CHECK(readFile(busyFolder / "letter.txt") == Bytes{'k', 'e', 'e', 'p', ' ', 'm', 'e'});

    // A trailing slash names the same folder.
    const fs::path slashed = tmp.path() / "slashed" / "";
    auto withSlash = Vault::create(slashed, secret("x"), fastOptions());
    REQUIRE(withSlash);
    CHECK(withSlash->vault.location() == tmp.path() / "slashed");
    REQUIRE(withSlash->vault.lock());
    CHECK(Vault::unlock(slashed, secret("x")));
    CHECK(Vault::erase(slashed));
    CHECK_FALSE(fs::exists(tmp.path() / "slashed"));

    // What an interrupted create() left (no key file) is cleared by the next one.
    const fs::path interrupted = tmp.path() / "interrupted";
    fs::create_directories(interrupted / "1.d");
    writeFile(interrupted / "1", randomBytes(4096));
    auto resumed = Vault::create(interrupted, secret("x"), fastOptions());
    REQUIRE(resumed);
}

TEST_CASE("Vault: the recovery key opens the vault however it is typed", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    std::string shown;
    {
        CreatedVault created = createVault(dir, "correct horse");
        shown = text(created.recoveryKey);
        addNote(created.vault, "kept");
    }
    std::string typed;
    for (char c : shown) {
        if (c == '-')
            typed += ' ';
        else
            typed += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    auto vault = Vault::unlockWithRecoveryKey(dir, secret(typed));
    REQUIRE(vault);
    CHECK(notes(*vault) == std::vector<std::string>{"kept"});
    REQUIRE(vault->lock());

    std::string typo = shown;
    typo[0] = typo[0] == '2' ? '3' : '2';
    auto bad = Vault::unlockWithRecoveryKey(dir, secret(typo));
    REQUIRE_FALSE(bad);
    CHECK(bad.error().code == ErrorCode::InvalidInput);
    CHECK_THAT(bad.error().message, Catch::Contains("typo"));

    // A well-formed key of another vault.
    const std::string foreign = text(formatRecoveryKey(generateRecoveryKey()));
    auto other = Vault::unlockWithRecoveryKey(dir, secret(foreign));
    REQUIRE_FALSE(other);
    CHECK(other.error().code == ErrorCode::WrongPassphrase);
    CHECK_THAT(other.error().message, Catch::Contains("recovery key does not open"));
}

TEST_CASE("Vault: change passphrase re-wraps one slot; recovery keeps working", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    CreatedVault created = createVault(dir, "old passphrase");
    const std::string recovery = text(created.recoveryKey);
    const Bytes before = readFile(dir / "0");
    REQUIRE(created.vault.changePassphrase(secret("new passphrase")));
    const Bytes after = readFile(dir / "0");
    REQUIRE(after.size() == before.size());
    REQUIRE(after.size() == kKeySlotFileBytes);
    // On disk every slot changed (the file is re-masked); inside, exactly one slot was re-sealed
    // and the header and the other seven are byte-identical.
    auto parsedBefore = KeySlotFile::parse(before);
    auto parsedAfter = KeySlotFile::parse(after);
    REQUIRE((parsedBefore && parsedAfter));
    std::size_t changedOnDisk = 0;
    std::size_t changedInside = 0;
    CHECK(std::equal(before.begin(), before.begin() + kKeySlotHeaderBytes, after.begin()));
    for (std::size_t i = 0; i < kKeySlotCount; ++i) {
        const auto offset = static_cast<std::ptrdiff_t>(kKeySlotHeaderBytes + i * kKeySlotBytes);
        if (!std::equal(before.begin() + offset, before.begin() + offset + kKeySlotBytes,
                        after.begin() + offset))
            ++changedOnDisk;
        const ByteView a = parsedBefore->slotBytes(i);
        const ByteView b = parsedAfter->slotBytes(i);
        if (!std::equal(a.begin(), a.end(), b.begin()))
            ++changedInside;
    }
    CHECK(changedOnDisk == kKeySlotCount);
    CHECK(changedInside == 1);
    CHECK_FALSE(fs::exists(dir / "0~"));
    REQUIRE(created.vault.lock());

    auto old = Vault::unlock(dir, secret("old passphrase"));
    REQUIRE_FALSE(old);
    CHECK(old.error().code == ErrorCode::WrongPassphrase);
    auto fresh = Vault::unlock(dir, secret("new passphrase"));
    REQUIRE(fresh);
    REQUIRE(fresh->lock());

    // Forgotten passphrase: the recovery key opens the vault and sets a new one.
    auto recovered = Vault::unlockWithRecoveryKey(dir, secret(recovery));
    REQUIRE(recovered);
    REQUIRE(recovered->changePassphrase(secret("newer passphrase")));
    CHECK_FALSE(recovered->changePassphrase(SecretBuffer()));
    REQUIRE(recovered->lock());
    CHECK_FALSE(Vault::unlock(dir, secret("new passphrase")));
    CHECK(Vault::unlock(dir, secret("newer passphrase")));
    CHECK(Vault::unlockWithRecoveryKey(dir, secret(recovery)));
}

TEST_CASE("Vault: an interrupted key-file save leaves the old key file in force", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    REQUIRE(createVault(dir, "old passphrase").vault.lock());
    const Bytes before = readFile(dir / "0");

    // A power cut after the new key file was written to its temporary name, before the rename.
    {
        auto vault = Vault::unlock(dir, secret("old passphrase"));
        REQUIRE(vault);
        REQUIRE(vault->changePassphrase(secret("new passphrase")));
        REQUIRE(vault->lock());
    }
    fs::rename(dir / "0", dir / "0~");
    writeFile(dir / "0", before);
    ::chmod((dir / "0").c_str(), 0600);

    auto vault = Vault::unlock(dir, secret("old passphrase"));
    REQUIRE(vault);
    CHECK_FALSE(fs::exists(dir / "0~")); // the half-done save is discarded under the lock
    REQUIRE(vault->lock());
    CHECK_FALSE(Vault::unlock(dir, secret("new passphrase")));

    // A vault may also be created in an existing empty folder, which it keeps.
    const fs::path empty = tmp.path() / "empty";
    fs::create_directories(empty);
    auto created = Vault::create(empty, secret("x"), fastOptions());
    REQUIRE(created);
    struct stat info
    {
    };
    REQUIRE(::stat(empty.c_str(), &info) == 0);
    CHECK((info.st_mode & 0777) == 0700);
}

TEST_CASE("Vault: a failed key-file save keeps the old passphrase working", "[core][vault][faults]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    CreatedVault created = createVault(dir, "old passphrase");
    Vault& vault = created.vault;
    const Bytes before = readFile(dir / "0");

    struct Case
    {
        FaultOp op;
        FaultKind kind;
        ErrorCode expected;
    };
    const Case cases[] = {
        {FaultOp::Write, FaultKind::Fail, ErrorCode::Io},
        {FaultOp::Write, FaultKind::ShortWrite, ErrorCode::Io},
        {FaultOp::Write, FaultKind::DiskFull, ErrorCode::DiskFull},
        {FaultOp::Sync, FaultKind::Fail, ErrorCode::Io},
        {FaultOp::Rename, FaultKind::Fail, ErrorCode::Io},
    };
    for (const Case& c : cases) {
        FaultPlan plan;
        plan.op = c.op;
        plan.kind = c.kind;
        armFault(plan);
        auto st = vault.changePassphrase(secret("new passphrase"));
        const bool fired = faultFired();
        disarmFaults();
        INFO("op " << static_cast<int>(c.op) << " kind " << static_cast<int>(c.kind));
        CHECK(fired);
        REQUIRE_FALSE(st);
        CHECK(st.error().code == c.expected);
        CHECK_THAT(st.error().message, Catch::Contains("key file"));
        CHECK(readFile(dir / "0") == before);
        CHECK_FALSE(fs::exists(dir / "0~"));
    }
    REQUIRE(vault.lock());
    CHECK(Vault::unlock(dir, secret("old passphrase")));
    CHECK_FALSE(Vault::unlock(dir, secret("new passphrase")));
}

TEST_CASE("Vault: the duress passphrase opens a separate decoy store", "[core][vault][duress]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    std::string recovery;
    {
        CreatedVault created = createVault(dir, "real passphrase", "duress passphrase");
        recovery = text(created.recoveryKey);
        addNote(created.vault, "real testimony");
    }
    {
        auto decoy = Vault::unlock(dir, secret("duress passphrase"));
        REQUIRE(decoy);
        CHECK(notes(*decoy).empty());
        REQUIRE(decoy->role());
        CHECK(*decoy->role() == VaultRole::Field);
        addNote(*decoy, "shopping list");
        REQUIRE(decoy->verify());
        CHECK(decoy->verify()->ok());
    }
    {
        auto real = Vault::unlock(dir, secret("real passphrase"));
        REQUIRE(real);
        CHECK(notes(*real) == std::vector<std::string>{"real testimony"});
        addNote(*real, "second testimony");
    }
    {
        auto viaRecovery = Vault::unlockWithRecoveryKey(dir, secret(recovery));
        REQUIRE(viaRecovery);
        CHECK(notes(*viaRecovery) == std::vector<std::string>{"real testimony", "second testimony"});
    }
    {
        auto decoy = Vault::unlock(dir, secret("duress passphrase"));
        REQUIRE(decoy);
        CHECK(notes(*decoy) == std::vector<std::string>{"shopping list"});
        // The decoy answers like a real vault: its passphrase can be changed, but not to one in use.
        auto clash = decoy->changePassphrase(secret("real passphrase"));
        REQUIRE_FALSE(clash);
        CHECK(clash.error().code == ErrorCode::InvalidArgument);
        REQUIRE(decoy->changePassphrase(secret("new duress")));
    }
    CHECK_FALSE(Vault::unlock(dir, secret("duress passphrase")));
    auto decoy = Vault::unlock(dir, secret("new duress"));
    REQUIRE(decoy);
    CHECK(notes(*decoy) == std::vector<std::string>{"shopping list"});
    REQUIRE(decoy->lock());
    auto real = Vault::unlock(dir, secret("real passphrase"));
    REQUIRE(real);
    CHECK(notes(*real).size() == 2);
}

TEST_CASE("Vault: the files do not tell whether a duress passphrase exists", "[core][vault][duress]")
{
    TempDir tmp;
    const fs::path plain = tmp.path() / "plain";
    const fs::path duress = tmp.path() / "duress";
    REQUIRE(createVault(plain, "real passphrase").vault.lock());
    REQUIRE(createVault(duress, "real passphrase", "duress passphrase").vault.lock());

    // Same names, same sizes, in every fresh vault (the blob folders may hold a phantom pair,
    // with the same probability in both: core/Chaff.h).
    auto topLevel = [](const fs::path& dir) {
        std::map<std::string, std::intmax_t> out;
        for (const auto& entry : fs::directory_iterator(dir))
            out[entry.path().filename().string()] =
                entry.is_directory() ? -1 : static_cast<std::intmax_t>(entry.file_size());
        return out;
    };
    const auto a = topLevel(plain);
    const auto b = topLevel(duress);
    CHECK(a == b);
    for (const char* name : {"0", "1", "2", "1.d", "2.d"}) {
        INFO(name);
        CHECK(a.contains(name));
    }
    CHECK(a.at("0") == static_cast<std::intmax_t>(kKeySlotFileBytes));
    CHECK(a.at("1") == a.at("2"));

    // The key-slot file looks uniformly random with and without duress (chi-square with 255
    // degrees of freedom: mean 255, standard deviation about 23).
    for (const fs::path& dir : {plain, duress}) {
        const Bytes keyFile = readFile(dir / "0");
        REQUIRE(keyFile.size() == kKeySlotFileBytes);
        const double chi = chiSquare(keyFile);
        INFO(dir.filename().string() << " chi-square " << chi);
        CHECK(chi < 400.0);
    }

    // Everything 0600/0700.
    for (const fs::path& dir : {plain, duress}) {
        struct stat info
        {
        };
        REQUIRE(::stat(dir.c_str(), &info) == 0);
        CHECK((info.st_mode & 0777) == 0700);
        for (const auto& entry : fs::recursive_directory_iterator(dir)) {
            INFO(entry.path().string());
            REQUIRE(::stat(entry.path().c_str(), &info) == 0);
            CHECK((info.st_mode & 0777) == (entry.is_directory() ? 0700u : 0600u));
        }
    }

    // File times: give every entry its own old time, then check that right after an unlock,
    // and after the lock of a real and of a decoy session with a note and an attachment, every
    // entry (folder, key file, stores, blob folders, blob files) carries one whole second.
    auto scatterTimes = [](const fs::path& dir) {
        long t = 1'000'000'000;
        auto set = [&t](const fs::path& p) {
            struct timespec times[2] = {{t, 123}, {t + 7, 456}};
            t += 3600;
            REQUIRE(::utimensat(AT_FDCWD, p.c_str(), times, AT_SYMLINK_NOFOLLOW) == 0);
        };
        for (const auto& entry : fs::recursive_directory_iterator(dir))
            set(entry.path());
        set(dir);
    };
    auto oneSecond = [](const fs::path& dir) {
        std::vector<fs::path> all{dir};
        for (const auto& entry : fs::recursive_directory_iterator(dir))
            all.push_back(entry.path());
        struct stat first
        {
        };
        REQUIRE(::lstat(dir.c_str(), &first) == 0);
        for (const fs::path& p : all) {
            INFO(p.string());
            struct stat info
            {
            };
            REQUIRE(::lstat(p.c_str(), &info) == 0);
            CHECK(info.st_mtim.tv_sec == first.st_mtim.tv_sec);
            CHECK(info.st_mtim.tv_nsec == 0);
            // A folder's access time is this test's own listing of it (relatime); a file's is not.
            if (!S_ISDIR(info.st_mode)) {
                CHECK(info.st_atim.tv_sec == first.st_mtim.tv_sec);
                CHECK(info.st_atim.tv_nsec == 0);
            }
        }
        CHECK(first.st_mtim.tv_sec > 1'500'000'000);
    };
    for (const std::string_view who : {"real passphrase", "duress passphrase"}) {
        INFO(who);
        scatterTimes(duress);
        auto vault = Vault::unlock(duress, secret(who));
        REQUIRE(vault);
        oneSecond(duress);
        addNote(*vault, "a note");
        auto blobs = vault->blobs();
        REQUIRE(blobs);
        auto writer = (*blobs)->create(SecretBuffer::random(32));
        REQUIRE(writer);
        REQUIRE(writer->write(randomBytes(70000)));
        REQUIRE(writer->commit());
        scatterTimes(duress);
        REQUIRE(vault->lock());
        oneSecond(duress);
    }
}

TEST_CASE("Vault: nothing readable on disk after a session", "[core][vault]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    const std::string latin = "CANARY-witness-Zainab-7731";
    const std::string arabic = "\xd8\xb4\xd9\x87\xd8\xa7\xd8\xaf\xd8\xa9-7731"; // "شهادة-7731"
    {
        CreatedVault created = createVault(dir, "correct horse", "duress");
        for (int i = 0; i < 40; ++i)
            addNote(created.vault, latin + " " + arabic + " " + std::to_string(i));
    }
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
        if (!entry.is_regular_file())
            continue;
        const Bytes content = readFile(entry.path());
        INFO(entry.path().string());
        CHECK_FALSE(contains(content, latin));
        CHECK_FALSE(contains(content, arabic));
        CHECK_FALSE(contains(content, "SQLite"));
        CHECK_FALSE(contains(content, "CREATE TABLE"));
        CHECK_FALSE(contains(content, "field"));
        CHECK_FALSE(contains(content, "correct horse"));
    }
}

TEST_CASE("Vault: a damaged key file gives a clear error, never a crash", "[core][vault][tamper]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    REQUIRE(createVault(dir, "correct horse").vault.lock());
    const Bytes original = readFile(dir / "0");

    std::vector<std::size_t> offsets = {0, 15, 16, 31, 32, 63};
    for (std::size_t i = 0; i < kKeySlotCount; ++i)
        offsets.push_back(kKeySlotHeaderBytes + i * kKeySlotBytes + 50);
    for (std::size_t offset : offsets) {
        Bytes tampered = original;
        tampered[offset] ^= 0x20;
        writeFile(dir / "0", tampered);
        auto r = Vault::unlock(dir, secret("correct horse"));
        INFO("offset " << offset);
        // A flipped bit in the passphrase's own slot, or anywhere in the header, must fail.
        // (A bit in a slot that is not ours changes nothing, which is right.)
        if (r) {
            CHECK(offset >= kKeySlotHeaderBytes);
            REQUIRE(r->lock());
            continue;
        }
        CHECK((r.error().code == ErrorCode::WrongPassphrase || r.error().code == ErrorCode::StoreDamaged));
        CHECK_FALSE(r.error().message.empty());
    }
    // The passphrase's slot is one of the eight: flipping a bit in each opened at most seven.
    std::size_t failedSlots = 0;
    for (std::size_t i = 0; i < kKeySlotCount; ++i) {
        Bytes tampered = original;
        tampered[kKeySlotHeaderBytes + i * kKeySlotBytes + 100] ^= 0x01;
        writeFile(dir / "0", tampered);
        failedSlots += Vault::unlock(dir, secret("correct horse")).has_value() ? 0 : 1;
    }
    CHECK(failedSlots == 1);

    for (std::size_t size :
         {std::size_t{0}, std::size_t{100}, kKeySlotFileBytes - 1, kKeySlotFileBytes + 1}) {
        Bytes resized = original;
        resized.resize(size, 0x55);
        writeFile(dir / "0", resized);
        auto r = Vault::unlock(dir, secret("correct horse"));
        REQUIRE_FALSE(r);
        CHECK(r.error().code == ErrorCode::StoreDamaged);
        CHECK_THAT(r.error().message, Catch::Contains("key file is damaged"));
    }
    writeFile(dir / "0", randomBytes(kKeySlotFileBytes));
    auto garbage = Vault::unlock(dir, secret("correct horse"));
    REQUIRE_FALSE(garbage);
    CHECK(garbage.error().code == ErrorCode::StoreDamaged);
    CHECK(Vault::exists(dir)); // a damaged vault is still a vault: unlock says what is wrong

    writeFile(dir / "0", original);
    REQUIRE(Vault::unlock(dir, secret("correct horse")));

    // A store file that is gone, or whose first page is damaged.
    const Bytes store1 = readFile(dir / "1");
    const Bytes store2 = readFile(dir / "2");
    fs::remove(dir / "1");
    fs::remove(dir / "2");
    auto missing = Vault::unlock(dir, secret("correct horse"));
    REQUIRE_FALSE(missing);
    CHECK(missing.error().code == ErrorCode::StoreDamaged);
    CHECK_THAT(missing.error().message, Catch::Contains("missing"));
    Bytes bad1 = store1, bad2 = store2;
    bad1[200] ^= 1;
    bad2[200] ^= 1;
    writeFile(dir / "1", bad1);
    writeFile(dir / "2", bad2);
    ::chmod((dir / "1").c_str(), 0600);
    ::chmod((dir / "2").c_str(), 0600);
    auto damaged = Vault::unlock(dir, secret("correct horse"));
    REQUIRE_FALSE(damaged);
    CHECK(damaged.error().code == ErrorCode::StoreDamaged);
}

TEST_CASE("Vault: a second process gets Busy before any KDF work", "[core][vault][busy]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    CreatedVault created = createVault(dir, "correct horse");
    const std::string recovery = text(created.recoveryKey);

    auto inChild = [&](bool useRecovery) {
        const pid_t pid = ::fork();
        REQUIRE(pid >= 0);
        if (pid == 0) {
            auto r = useRecovery ? Vault::unlockWithRecoveryKey(dir, secret(recovery))
                                 : Vault::unlock(dir, secret("correct horse"));
            int code = 0;
            if (!r)
                code = r.error().code == ErrorCode::Busy &&
                               r.error().message.find("open elsewhere") != std::string::npos
                           ? 3
                           : 4;
            else
                code = r->lock() ? 0 : 5;
            ::_exit(code);
        }
        int status = 0;
        REQUIRE(::waitpid(pid, &status, 0) == pid);
        REQUIRE(WIFEXITED(status));
        return WEXITSTATUS(status);
    };
    CHECK(inChild(false) == 3);
    CHECK(inChild(true) == 3);

    // The lock is taken before the KDF: with a key file demanding 2 GiB and 16 passes of
    // Argon2id (minutes of work), the second opener still hears "busy" at once.
    const Bytes original = readFile(dir / "0");
    auto heavy = KeySlotFile::generateWithSalt(Argon2Params{16, 2ull * 1024 * 1024 * 1024},
                                               ByteView(original.data(), 16));
    REQUIRE(heavy);
    Bytes slow = original;
    std::copy(heavy->bytes().begin(), heavy->bytes().begin() + 32, slow.begin());
    writeFile(dir / "0", slow);
    const auto started = std::chrono::steady_clock::now();
    CHECK(inChild(false) == 3);
    CHECK(std::chrono::steady_clock::now() - started < std::chrono::seconds(2));
    writeFile(dir / "0", original);

    // The same process opening it a second time is refused too.
    auto twice = Vault::unlock(dir, secret("correct horse"));
    REQUIRE_FALSE(twice);
    CHECK(twice.error().code == ErrorCode::Busy);

    REQUIRE(created.vault.lock());
    CHECK(inChild(false) == 0);
}

TEST_CASE("Vault: erase destroys the keys first, then everything", "[core][vault][erase]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    REQUIRE(createVault(dir, "correct horse", "duress").vault.lock());
    // A second name for the key file's inode shows what erase wrote into it before deleting.
    const fs::path witness = tmp.path() / "witness";
    fs::create_hard_link(dir / "0", witness);
    const Bytes before = readFile(witness);

    REQUIRE(Vault::erase(dir));
    CHECK_FALSE(fs::exists(dir));
    const Bytes after = readFile(witness);
    REQUIRE(after.size() == before.size());
    CHECK(after != before);
    auto parsed = KeySlotFile::parse(after);
    CHECK_FALSE(parsed); // random bytes: not even parameters survive

    auto again = Vault::erase(dir);
    REQUIRE_FALSE(again);
    CHECK(again.error().code == ErrorCode::NotFound);

    // A folder that is not a vault is refused and left alone.
    const fs::path papers = tmp.path() / "papers";
    fs::create_directories(papers);
    writeFile(papers / "0", randomBytes(kKeySlotFileBytes));
    writeFile(papers / "letter.txt", asBytes("keep me"));
    auto refused = Vault::erase(papers);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().code == ErrorCode::InvalidArgument);
    CHECK(fs::exists(papers / "letter.txt"));
    CHECK(fs::exists(papers / "0"));
    CHECK_FALSE(Vault::erase(papers / "letter.txt"));

    // A panic erase works while the vault is open; the open object then locks without trouble.
    const fs::path open = tmp.path() / "open";
    CreatedVault created = createVault(open, "correct horse");
    addNote(created.vault, "note");
    REQUIRE(Vault::erase(open));
    CHECK_FALSE(fs::exists(open));
    (void)created.vault.lock();
    CHECK(created.vault.isLocked());
}

TEST_CASE("Vault: verify reports pages, integrity and orphan blobs", "[core][vault][verify]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    CreatedVault created = createVault(dir, "correct horse");
    Vault& vault = created.vault;
    addNote(vault, "something");

    auto report = vault.verify();
    REQUIRE(report);
    CHECK(report->ok());
    CHECK(report->pagesChecked > 1);
    CHECK(report->damagedPages == 0);
    CHECK(report->integrityCheck == "ok");
    CHECK(report->orphans == 0);
    // The store is usable again after verify.
    CHECK(notes(vault) == std::vector<std::string>{"something"});

    // A committed blob that no attachment refers to is kept (it cannot be told from chaff for
    // the other store) and counted, but it is not damage.
    auto blobs = vault.blobs();
    REQUIRE(blobs);
    const auto key = SecretBuffer::random(32);
    auto writer = (*blobs)->create(key);
    REQUIRE(writer);
    REQUIRE(writer->write(asBytes("orphan bytes")));
    auto info = writer->commit();
    REQUIRE(info);
    report = vault.verify();
    REQUIRE(report);
    CHECK(report->orphans == 1);
    CHECK(report->ok());
    const fs::path blobDir = (*vault.blobs())->directory();
    CHECK(fs::exists(blobDir / info->name));
    REQUIRE(vault.lock());

    auto reopened = Vault::unlock(dir, secret("correct horse"));
    REQUIRE(reopened);
    CHECK(fs::exists(blobDir / info->name));
    report = reopened->verify();
    REQUIRE(report);
    CHECK(report->ok());
    REQUIRE(reopened->lock());

    // A damaged page in the store (page 3: inside the page count, not lock-time padding):
    // unlock refuses, or verify finds it. Never silent.
    for (const char* name : {"1", "2"}) {
        Bytes store = readFile(dir / name);
        REQUIRE(store.size() >= 3 * 4096);
        store[2 * 4096 + 1000] ^= 0x10;
        writeFile(dir / name, store);
    }
    auto damaged = Vault::unlock(dir, secret("correct horse"));
    if (damaged) {
        auto bad = damaged->verify();
        REQUIRE(bad);
        CHECK_FALSE(bad->ok());
        CHECK(bad->damagedPages >= 1);
    } else {
        CHECK(damaged.error().code == ErrorCode::StoreDamaged);
    }
}

TEST_CASE("Vault: default location follows XDG_DATA_HOME", "[core][vault]")
{
    const char* savedXdg = std::getenv("XDG_DATA_HOME");
    const std::string saved = savedXdg != nullptr ? savedXdg : "";
    ::setenv("XDG_DATA_HOME", "/srv/data", 1);
    CHECK(Vault::defaultLocation() == fs::path("/srv/data/fieldvault/vault"));
    ::setenv("XDG_DATA_HOME", "relative/ignored", 1);
    const char* home = std::getenv("HOME");
    if (home != nullptr && home[0] == '/')
        CHECK(Vault::defaultLocation() == fs::path(home) / ".local/share/fieldvault/vault");
    ::unsetenv("XDG_DATA_HOME");
    if (home != nullptr && home[0] == '/')
        CHECK(Vault::defaultLocation() == fs::path(home) / ".local/share/fieldvault/vault");
    if (savedXdg != nullptr)
        ::setenv("XDG_DATA_HOME", saved.c_str(), 1);
}

TEST_CASE("Vault: verify authenticates every attachment blob", "[core][vault][verify]")
{
    TempDir tmp;
    CreatedVault created = createVault(tmp.path() / "v", "correct horse");
    Vault& vault = created.vault;
    auto db = vault.database();
    auto blobs = vault.blobs();
    REQUIRE((db && blobs));
    TestimonyStore store(**db, **blobs);
    auto id = store.add(fvtest::minimalTestimony(QStringLiteral("Attachment check")));
    REQUIRE(id);
    QBuffer audio;
    audio.setData(QByteArray(200000, 'a'));
    REQUIRE(audio.open(QIODevice::ReadOnly));
    AttachOptions options;
    options.fileName = QStringLiteral("interview.ogg");
    REQUIRE(store.attach(*id, audio, options));

    auto report = vault.verify();
    REQUIRE(report);
    CHECK(report->ok());
    CHECK(report->blobsReferenced == 1);
    CHECK(report->blobsChecked == 1);
    CHECK(report->blobsNotChecked == 0);

    // The Database the domain layer holds is still the vault's after verify().
    REQUIRE(store.count());
    CHECK(*store.count() == 1);

    auto names = (*vault.blobs())->list();
    REQUIRE(names);
    REQUIRE(names->size() == 1);
    const fs::path blobFile = (*vault.blobs())->directory() / *names->begin();
    Bytes content = readFile(blobFile);
    content[content.size() / 2] ^= 0x01;
    writeFile(blobFile, content);
    report = vault.verify();
    REQUIRE(report);
    CHECK_FALSE(report->ok());
    CHECK(report->blobsDamaged == 1);
    CHECK(report->damagedBlobs == std::vector<std::string>{*names->begin()});

    fs::remove(blobFile);
    report = vault.verify();
    REQUIRE(report);
    CHECK_FALSE(report->ok());
    CHECK(report->blobsMissing == 1);
    CHECK(report->damagedPages == 0);
    CHECK(report->integrityCheck == "ok");
}

TEST_CASE("Vault: the directory can be read by following docs/vault-format.md alone", "[core][vault][kat]")
{
    TempDir tmp;
    const fs::path dir = tmp.path() / "v";
    std::string recovery;
    {
        CreatedVault created = createVault(dir, "correct horse", "duress passphrase");
        recovery = text(created.recoveryKey);
        addNote(created.vault, "documented");
    }
    // Key slots: one root per secret, try every slot.
    auto file = KeySlotFile::parse(readFile(dir / "0"));
    REQUIRE(file);
    CHECK(file->params() == Argon2Params::fastForTests());
    auto root = file->deriveFromPassphrase(asBytes("correct horse"));
    REQUIRE(root);
    auto slot = file->open(*root);
    REQUIRE(slot);
    CHECK(slot->content.kind == SlotKind::Passphrase);
    CHECK(slot->content.linkedSlot == slot->index);

    auto recoveryBytes = parseRecoveryKey(asBytes(recovery));
    REQUIRE(recoveryBytes);
    auto recoveryRoot = file->deriveFromRecoveryKey(*recoveryBytes);
    REQUIRE(recoveryRoot);
    auto recoverySlot = file->open(*recoveryRoot);
    REQUIRE(recoverySlot);
    CHECK(recoverySlot->content.kind == SlotKind::Recovery);
    CHECK(recoverySlot->content.linkedSlot == slot->index);
    CHECK(recoverySlot->content.masterKey.equals(slot->content.masterKey));

    auto duressRoot = file->deriveFromPassphrase(asBytes("duress passphrase"));
    REQUIRE(duressRoot);
    auto duressSlot = file->open(*duressRoot);
    REQUIRE(duressSlot);
    // Sealed exactly like the everyday passphrase's slot: nothing says "duress".
    CHECK(duressSlot->content.kind == SlotKind::Passphrase);
    CHECK(duressSlot->content.linkedSlot == duressSlot->index);
    CHECK(duressSlot->content.storeIndex == 1 - slot->content.storeIndex);
    // Three distinct positions.
    CHECK(slot->index != recoverySlot->index);
    CHECK(slot->index != duressSlot->index);
    CHECK(recoverySlot->index != duressSlot->index);

    // Store index 0 is file "1", index 1 is file "2"; page key = crypto_kdf(master, "fvpages_", 1).
    const fs::path store = dir / (slot->content.storeIndex == 0 ? "1" : "2");
    const SecretBuffer pageKey = deriveSubkey(slot->content.masterKey, "fvpages_", 1, 32);
    auto db = Database::open(store, pageKey, {});
    REQUIRE(db);
    auto stmt = db->prepare("SELECT note FROM test_notes");
    REQUIRE(stmt);
    auto row = stmt->step();
    REQUIRE(row);
    REQUIRE(*row);
    CHECK(stmt->columnText(0) == "documented");
}
