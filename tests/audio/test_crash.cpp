// A recording process killed with SIGKILL mid-recording (under a real PulseAudio server): the
// vault keeps no attachment row and no custody event of it, only an encrypted temporary blob that
// the next open removes, and no plaintext audio is left anywhere.
#include "AudioTestSupport.h"
#include "audio/AudioRecorder.h"
#include "core/Schema.h"
#include "core/test_domain_support.h"
#include "crypto/Bytes.h"
#include "crypto/Crypto.h"

#include <QTemporaryDir>
#include <csignal>

using namespace fv;
using namespace fv::desktop;
using namespace fvaudio;
using namespace Qt::StringLiterals;

namespace {

struct OpenedVault
{
    std::optional<Database> db;
    std::optional<BlobStore> blobs;
};

OpenedVault openVault(const QString& dir, const SecretBuffer& key, bool create)
{
    const std::filesystem::path root = dir.toStdString();
    OpenedVault v;
    auto db = Database::open(root / "store", key, {.create = create});
    if (!db)
        FAIL(db.error().message);
    v.db.emplace(std::move(*db));
    auto migrated = migrate(*v.db, vaultMigrations());
    if (!migrated)
        FAIL(migrated.error().message);
    auto blobs = BlobStore::open(root / "blobs");
    if (!blobs)
        FAIL(blobs.error().message);
    v.blobs.emplace(std::move(*blobs));
    return v;
}

SecretBuffer keyFromEnvironment()
{
    Bytes key;
    REQUIRE(fromHex(qEnvironmentVariable("FV_CRASH_KEY").toStdString(), key));
    REQUIRE(key.size() == 32);
    SecretBuffer secret = SecretBuffer::copyOf(key);
    wipeMemory(key);
    return secret;
}

} // namespace

// Run only as the child of the test below (hidden: not selected by "[pulse]").
TEST_CASE("records into the vault in FV_CRASH_DIR until killed", "[.crash-child]")
{
    OpenedVault v = openVault(qEnvironmentVariable("FV_CRASH_DIR"), keyFromEnvironment(), true);
    TestimonyStore store(*v.db, *v.blobs);
    auto id = store.add(fvtest::minimalTestimony(u"interview"_s));
    REQUIRE(id);
    AudioRecorder recorder;
    REQUIRE(recorder.start(store, *id));
    playIntoSink(speak(u"The men in uniform searched every house in the street."_s));
    REQUIRE(recorder.elapsedMs() > 1000);
    std::fflush(nullptr);
    ::raise(SIGKILL);
}

TEST_CASE("a recording killed mid-way leaves nothing half-saved and no plaintext", "[pulse]")
{
    QTemporaryDir dir;
    REQUIRE(dir.isValid());
    const SecretBuffer key = SecretBuffer::random(32);
    QProcess child;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(u"FV_CRASH_DIR"_s, dir.path());
    env.insert(u"FV_CRASH_KEY"_s, QString::fromStdString(toHex(key.view())));
    child.setProcessEnvironment(env);
    child.setProcessChannelMode(QProcess::ForwardedChannels);
    child.start(QCoreApplication::applicationFilePath(), {u"[.crash-child]"_s});
    REQUIRE(child.waitForFinished(120000));
    REQUIRE(child.exitStatus() == QProcess::CrashExit);

    OpenedVault v = openVault(dir.path(), key, false);
    TestimonyStore store(*v.db, *v.blobs);
    auto list = store.list();
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    CHECK(store.attachments(list->first().id)->isEmpty());
    auto history = store.history(list->first().id);
    REQUIRE(history);
    CHECK(history->events.size() == 1); // "created" only: no "attached"

    const QDir blobDir(QString::fromStdString(v.blobs->directory().string()));
    const QStringList left = blobDir.entryList(QDir::Files | QDir::Hidden | QDir::System);
    REQUIRE(left.size() == 1);
    CHECK(left.first().startsWith(u".tmp-"));
    CHECK(plaintextAudioFiles({dir.path(), QDir::tempPath(), QDir::homePath()}).isEmpty());

    // What the next open of the vault does.
    auto removed = v.blobs->removeOrphans(*referencedBlobNames(*v.db));
    REQUIRE(removed);
    CHECK(*removed == 1);
    CHECK(blobDir.entryList(QDir::Files | QDir::Hidden | QDir::System).isEmpty());
}
