// "Purge forgets" (docs/threat-model.md): after a purge, the purged content cannot be recovered
// from the disk even by someone who later learns the passphrase. The vault lives on a small ext4
// file system in an image file, mounted through a loop device (root only: tests/core/purge_image.sh
// runs this as its own CTest test and reports it skipped elsewhere). Before and after the purge
// the raw image, free blocks included, is carved the way that person would: every 4 KiB block
// trial-decrypted as a store page under the page key for every page number, every possible WAL
// frame position trial-decrypted under the same key for every frame number, and the purged
// attachment's stream header searched for. Before the purge the canary comes back (the carving
// works); after it, nothing does.

#include "core/KeySlots.h"
#include "core/TestimonyStore.h"
#include "core/Vault.h"
#include "core/sync/Purge.h"
#include "crypto/Crypto.h"
#include "crypto/Random.h"
#include "storage/BlobStore.h"
#include "storage/Database.h"
#include "storage/VfsDetail.h"
#include "test_domain_support.h"

#include <QBuffer>
#include <algorithm>
#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <sodium.h>
#include <string>
#include <sys/mount.h>
#include <unistd.h>

using namespace fv;
namespace fs = std::filesystem;

namespace {

constexpr std::string_view kCanary = "zqxcanary4471";
constexpr std::size_t kBlock = 4096;

Bytes readFile(const fs::path& path)
{
    std::ifstream in(path, std::ios::binary);
    return Bytes(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

SecretBuffer secret(std::string_view text)
{
    return SecretBuffer::copyOf(asBytes(text));
}

bool contains(ByteView haystack, ByteView needle)
{
    return std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end()) != haystack.end();
}

// An ext4 image mounted through a loop device for the life of the object.
class MountedImage
{
public:
    explicit MountedImage(const fs::path& root) : m_image(root / "disk.img"), m_mount(root / "mnt")
    {
        fs::create_directories(m_mount);
        const std::string mkfs = "truncate -s 48M '" + m_image.string() + "' && mkfs.ext4 -q -F -b 4096 '" +
                                 m_image.string() + "' >/dev/null 2>&1";
        REQUIRE(std::system(mkfs.c_str()) == 0);
        mount();
    }
    ~MountedImage() { unmount(); }
    void mount()
    {
        const std::string cmd = "mount -o loop '" + m_image.string() + "' '" + m_mount.string() + "'";
        REQUIRE(std::system(cmd.c_str()) == 0);
        m_mounted = true;
    }
    void unmount()
    {
        if (!m_mounted)
            return;
        ::sync();
        const std::string cmd = "umount '" + m_mount.string() + "'";
        const int rc = std::system(cmd.c_str());
        if (rc != 0) // never leave a mount behind, even when a failed check left a file open
            (void)std::system(("umount -l '" + m_mount.string() + "'").c_str());
        CHECK(rc == 0);
        m_mounted = false;
    }
    const fs::path& mountPoint() const { return m_mount; }
    const fs::path& image() const { return m_image; }

private:
    fs::path m_image;
    fs::path m_mount;
    bool m_mounted = false;
};

// What carving the raw image finds with the keys of the one store.
struct Carved
{
    std::size_t pagesWithCanary = 0;
    std::size_t framesWithCanary = 0;
    std::size_t pagesOpened = 0;
    std::size_t framesOpened = 0;
    bool blobHeaderFound = false;
};

Carved carve(const Bytes& image, const SecretBuffer& pageKey, std::uint32_t maxPage, std::uint64_t maxFrame,
             ByteView blobHeader)
{
    Carved found;
    Bytes plain(kBlock);
    Bytes framePlain(4080);
    const Bytes canary(kCanary.begin(), kCanary.end());
    for (std::size_t block = 0; block + kBlock <= image.size(); block += kBlock) {
        const ByteView disk(image.data() + block, kBlock);
        if (std::all_of(disk.begin(), disk.end(), [](std::uint8_t b) { return b == 0; }))
            continue;
        for (std::uint32_t page = 1; page <= maxPage; ++page) {
            if (detail::openPage(pageKey, page, disk, plain)) {
                ++found.pagesOpened;
                found.pagesWithCanary += contains(plain, canary) ? 1 : 0;
                break;
            }
        }
        // WAL frame k starts at file offset 72 + (k-1)*4120: (72 + (k-1)*24) mod 4096 into a block.
        for (std::uint64_t k = 1; k <= maxFrame; ++k) {
            const std::size_t start = block + (72 + (k - 1) * 24) % kBlock;
            if (start + 4120 > image.size())
                continue;
            const std::uint8_t* unit = image.data() + start;
            std::uint8_t ad[12] = {'f', 'v', 'w', 'l'};
            for (int i = 0; i < 8; ++i)
                ad[4 + i] = static_cast<std::uint8_t>(k >> (8 * i));
            if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached(framePlain.data(), nullptr, unit, 4080,
                                                                    unit + 4104, ad, sizeof ad, unit + 4080,
                                                                    pageKey.data()) == 0) {
                ++found.framesOpened;
                found.framesWithCanary += contains(framePlain, canary) ? 1 : 0;
            }
        }
    }
    found.blobHeaderFound = contains(image, blobHeader);
    return found;
}

// The store's page key, from the passphrase as docs/vault-format.md derives it.
SecretBuffer pageKeyOf(const fs::path& vaultDir, std::string_view passphrase)
{
    auto file = KeySlotFile::parse(readFile(vaultDir / "0"));
    REQUIRE(file);
    auto root = file->deriveFromPassphrase(asBytes(passphrase));
    REQUIRE(root);
    auto slot = file->open(*root);
    REQUIRE(slot);
    return deriveSubkey(slot->content.masterKey, "fvpages_", 1, 32);
}

Status markDelivered(Database& db, const std::string& kind, const std::string& testimony,
                     const std::string& item)
{
    auto stmt =
        db.prepare("INSERT OR IGNORE INTO delivered_items (kind, testimony_id, item, bundle_id, delivered) "
                   "VALUES (?1, ?2, ?3, 'test-bundle', '2026-12-01T00:00:00Z')");
    if (!stmt)
        return std::unexpected(stmt.error());
    stmt->bind(1, std::string_view(kind))
        .bind(2, std::string_view(testimony))
        .bind(3, std::string_view(item));
    return stmt->run();
}

} // namespace

TEST_CASE("Purge forgets: no purged canary comes back from a raw ext4 image, even with the keys",
          "[.purge-image][core][duress][purge]")
{
    char pattern[] = "/tmp/fv-purge-image-XXXXXX";
    REQUIRE(::mkdtemp(pattern) != nullptr);
    const fs::path root = pattern;
    const std::string passphrase = "correct horse battery staple";
    {
        MountedImage disk(root);
        const fs::path vaultDir = disk.mountPoint() / "v";
        std::string purgedId;
        Bytes blobHeader;
        {
            VaultCreateOptions options;
            options.kdf = Argon2Params::fastForTests();
            options.duressPassphrase = secret("duress passphrase");
            auto created = Vault::create(vaultDir, secret(passphrase), options);
            REQUIRE(created);
            Vault& vault = created->vault;
            auto db = vault.database();
            auto blobs = vault.blobs();
            REQUIRE((db && blobs));
            auto store = std::make_unique<TestimonyStore>(**db, **blobs);
            const QString narrative = QStringLiteral("The witness said %1 at the checkpoint.")
                                          .arg(QString::fromLatin1(kCanary.data(), kCanary.size()));
            auto id = store->add(fvtest::minimalTestimony(
                QStringLiteral("Interview %1").arg(QLatin1StringView(kCanary)), narrative));
            REQUIRE(id);
            for (int v = 0; v < 6; ++v)
                REQUIRE(store->edit(
                    *id, fvtest::minimalTestimony(QStringLiteral("Interview v%1").arg(v), narrative)));
            QBuffer photo;
            photo.setData(QByteArray(200 * 1024, 'x'));
            REQUIRE(photo.open(QIODevice::ReadOnly));
            auto attached = store->attach(*id, photo, {.mediaType = QStringLiteral("image/jpeg")});
            REQUIRE(attached);
            // Something that stays, so the store is not empty afterwards.
            REQUIRE(store->add(
                fvtest::minimalTestimony(QStringLiteral("kept"), QStringLiteral("not delivered"))));
            purgedId = id->toStdString();
            for (int v = 1; v <= 7; ++v)
                REQUIRE(markDelivered(**db, "version", purgedId, std::to_string(v)));
            REQUIRE(markDelivered(**db, "attachment", purgedId, attached->id.toStdString()));
            auto name = (*db)->prepare("SELECT blob_name FROM attachments WHERE testimony_id = ?1");
            REQUIRE(name);
            name->bind(1, std::string_view(purgedId));
            auto row = name->step();
            REQUIRE((row && *row));
            blobHeader = readFile((*blobs)->directory() / name->columnText(0));
            blobHeader.resize(24); // the stream's random header: unique to this blob
            // The frame carving works: the log of this open session, read as a file, gives
            // frames with the canary back (the lock below overwrites it before freeing it).
            const fs::path wal = vaultDir / (fs::exists(vaultDir / "1-wal") ? "1-wal" : "2-wal");
            const Bytes log = readFile(wal);
            REQUIRE(log.size() > 72 + 4120);
            const Carved inLog = carve(log, pageKeyOf(vaultDir, passphrase), 1, 400, blobHeader);
            CHECK(inLog.framesWithCanary > 0);
            name = fail(ErrorCode::Internal, "finalised");
            store.reset();
            const Status locked = vault.lock();
            INFO((locked ? std::string() : locked.error().message));
            REQUIRE(locked);
        }
        const SecretBuffer pageKey = pageKeyOf(vaultDir, passphrase);
        const auto storePages = [&]() {
            return static_cast<std::uint32_t>(
                std::max(fs::file_size(vaultDir / "1"), fs::file_size(vaultDir / "2")) / kBlock + 8);
        };
        const std::uint32_t maxPage = storePages();
        constexpr std::uint64_t kMaxFrame = 400;

        // The carving works: before the purge, the canary is there to find.
        disk.unmount();
        const Carved before = carve(readFile(disk.image()), pageKey, maxPage, kMaxFrame, blobHeader);
        INFO("before: " << before.pagesOpened << " pages, " << before.framesOpened << " frames opened");
        CHECK(before.pagesWithCanary > 0);
        CHECK(before.blobHeaderFound);
        disk.mount();

        {
            auto vault = Vault::unlock(vaultDir, secret(passphrase));
            REQUIRE(vault);
            auto report = purgeDelivered(**vault->database(), **vault->blobs(),
                                         {.keepStub = false, .forgetWithheld = true});
            REQUIRE(report);
            CHECK(report->testimonies.size() == 1);
            REQUIRE(vault->lock());
        }
        const std::uint32_t maxPageAfter = std::max(maxPage, storePages());
        disk.unmount();
        const Carved after = carve(readFile(disk.image()), pageKey, maxPageAfter, kMaxFrame, blobHeader);
        INFO("after: " << after.pagesOpened << " pages, " << after.framesOpened << " frames opened");
        CHECK(after.pagesOpened > 0); // the store is still there and carvable
        CHECK(after.pagesWithCanary == 0);
        CHECK(after.framesWithCanary == 0);
        CHECK_FALSE(after.blobHeaderFound);
    }
    std::error_code ec;
    fs::remove_all(root, ec);
}
