// The editor's Attachments and History tabs: files added through the page and by drag and drop
// are listed and stored only encrypted, a photo is previewed from memory, a decrypted copy is
// byte-identical; the history lists versions and custody events in sentences, says the chain is
// intact and names the fields that changed between two versions.
#include "DesktopTestSupport.h"
#include "core/TestimonyStore.h"
#include "editor/AttachmentsPage.h"
#include "editor/HistoryPage.h"
#include "session/Session.h"

#include <QComboBox>
#include <QDirIterator>
#include <QDropEvent>
#include <QFile>
#include <QLabel>
#include <QMimeData>
#include <QPushButton>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTreeWidget>
#include <QUrl>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";

/// An unlocked session over a fresh vault with one testimony, without the unlock screen.
struct AttachFixture
{
    TempDir dir;
    Session session;
    QString id;

    AttachFixture()
    {
        makeVault(dir / "vault", kPassphrase);
        auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
        REQUIRE(vault);
        REQUIRE(session.adopt(std::move(*vault)));
        Testimony t;
        t.title = QStringLiteral("Checkpoint at the bridge");
        t.interviewDate = QStringLiteral("2024-03-01");
        t.witness.pseudonym = QStringLiteral("W-7");
        auto added = store().add(t);
        REQUIRE(added);
        id = *added;
    }
    TestimonyStore& store() { return *session.testimonies(); }
    QString path(const char* name) const { return QString::fromStdString((dir / name).string()); }
};

void writeFile(const QString& path, const QByteArray& bytes)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::WriteOnly));
    REQUIRE(file.write(bytes) == bytes.size());
}

QByteArray readFile(const QString& path)
{
    QFile file(path);
    REQUIRE(file.open(QIODevice::ReadOnly));
    return file.readAll();
}

/// The files under `root` whose bytes contain `needle`.
QStringList filesContaining(const QString& root, const QByteArray& needle)
{
    QStringList found;
    QDirIterator it(root, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString file = it.next();
        QFile f(file);
        if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle))
            found << file;
    }
    return found;
}

QStringList column(const QTreeWidget* tree, int c)
{
    QStringList values;
    for (int i = 0; i < tree->topLevelItemCount(); ++i)
        values << tree->topLevelItem(i)->text(c);
    return values;
}

} // namespace

TEST_CASE(
    "attachments: files added by the page and by a drop are listed, stored encrypted, previewed and copied "
    "back identical",
    "[attachments]")
{
    AttachFixture f;
    AttachmentsPage page(f.session);
    page.resize(800, 700);
    page.show();
    CHECK_FALSE(page.isEnabled());
    page.setTestimony(f.id);
    REQUIRE(page.isEnabled());
    auto* list = child<QTreeWidget>(&page, "attachmentsList");
    CHECK(list->topLevelItemCount() == 0);
    QSignalSpy changedSpy(&page, &AttachmentsPage::changed);
    QSignalSpy sessionSpy(&f.session, &Session::testimonyChanged);

    // A document of several chunks with a marker that must never reach the disk in clear.
    const QByteArray marker =
        "PLAINTEXT-MARKER-" + QByteArray::number(QRandomGenerator::global()->generate64(), 16);
    QByteArray document;
    while (document.size() < 700 * 1024)
        document += marker + " witness statement line, kept only encrypted.\n";
    const QString docPath = f.path("statement.txt");
    writeFile(docPath, document);

    REQUIRE(page.addFiles({docPath}) == 1);
    REQUIRE(list->topLevelItemCount() == 1);
    CHECK(list->topLevelItem(0)->text(1) == QStringLiteral("statement.txt"));
    CHECK(list->topLevelItem(0)->text(0) == QStringLiteral("Document"));
    CHECK(changedSpy.count() == 1);
    CHECK(sessionSpy.count() >= 1);
    CHECK(sessionSpy.constLast().at(0).toString() == f.id);
    auto stored = f.store().attachments(f.id);
    REQUIRE(stored);
    REQUIRE(stored->size() == 1);
    CHECK(stored->first().size == static_cast<std::uint64_t>(document.size()));
    const QString docId = stored->first().id;

    // Dropping a PNG made here adds it as a photo.
    QImage image(37, 23, QImage::Format_RGB32);
    image.fill(QColor(200, 30, 60));
    const QString photoPath = f.path("checkpoint.png");
    REQUIRE(image.save(photoPath, "PNG"));
    QMimeData mime;
    mime.setUrls({QUrl::fromLocalFile(photoPath)});
    QDragEnterEvent enter(QPoint(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &enter);
    CHECK(enter.isAccepted());
    QDropEvent drop(QPointF(50, 50), Qt::CopyAction, &mime, Qt::LeftButton, Qt::NoModifier);
    QApplication::sendEvent(&page, &drop);
    CHECK(drop.isAccepted());
    REQUIRE(waitFor([&] { return list->topLevelItemCount() == 2; }));
    CHECK(column(list, 1).contains(QStringLiteral("checkpoint.png")));
    CHECK(changedSpy.count() == 2);

    // The photo is previewed at its size, decoded in memory.
    auto photos = f.store().attachments(f.id);
    REQUIRE(photos);
    QString photoId;
    for (const AttachmentInfo& info : *photos)
        if (info.kind == AttachmentKind::Photo)
            photoId = info.id;
    REQUIRE_FALSE(photoId.isEmpty());
    page.selectAttachment(photoId);
    CHECK(page.selectedAttachment() == photoId);
    CHECK(page.previewImage().size() == QSize(37, 23));
    CHECK(page.previewImage().pixelColor(5, 5) == QColor(200, 30, 60));
    auto* preview = child<QLabel>(&page, "photoPreview");
    CHECK(preview->isVisible());
    CHECK_FALSE(preview->pixmap().isNull());

    // A document is not shown; the page says to save a decrypted copy.
    page.selectAttachment(docId);
    CHECK(page.previewImage().isNull());
    CHECK(child<QLabel>(&page, "previewNote")->text().contains(QStringLiteral("Save a decrypted copy")));
    CHECK(child<QPushButton>(&page, "saveCopyButton")->isEnabled());

    // Nothing in the vault folder or TMPDIR holds the plaintext once the original is gone.
    REQUIRE(QFile::remove(docPath));
    const QString vaultFolder = QString::fromStdString((f.dir / "vault").string());
    CHECK(filesContaining(vaultFolder, marker).isEmpty());
    CHECK(filesContaining(QString::fromStdString((privateHome() / "tmp").string()), marker).isEmpty());
    CHECK(filesContaining(QString::fromStdString(f.dir.path().string()), marker).isEmpty());

    // The decrypted copy is the original, byte for byte.
    const QString copyPath = f.path("copy.txt");
    REQUIRE(page.saveDecryptedCopy(docId, copyPath));
    CHECK(readFile(copyPath) == document);
    CHECK(child<QLabel>(&page, "attachmentsMessage")->text().contains(QStringLiteral("not protected")));

    // A file that cannot be read is reported on the page; nothing is added.
    CHECK(page.addFiles({f.path("missing.pdf")}) == 0);
    CHECK(list->topLevelItemCount() == 2);
    CHECK(child<QLabel>(&page, "attachmentsMessage")->text().contains(QStringLiteral("missing.pdf")));
    CHECK(changedSpy.count() == 2);

    // An empty id shows nothing.
    page.setTestimony({});
    CHECK_FALSE(page.isEnabled());
    CHECK(list->topLevelItemCount() == 0);
}

TEST_CASE("history: versions, custody events in sentences, chain status and what changed", "[attachments]")
{
    AttachFixture f;
    auto v1 = f.store().current(f.id);
    REQUIRE(v1);
    Testimony edited = *v1;
    edited.title = QStringLiteral("Checkpoint at the old bridge");
    REQUIRE(f.store().edit(f.id, edited));
    edited.narrative = QStringLiteral("They stopped the bus.\nThey took two men away.");
    REQUIRE(f.store().edit(f.id, edited));

    HistoryPage page(f.session);
    page.resize(900, 800);
    page.show();
    CHECK_FALSE(page.isEnabled());
    page.setTestimony(f.id);
    REQUIRE(page.isEnabled());

    auto* versions = child<QTreeWidget>(&page, "versionsList");
    REQUIRE(versions->topLevelItemCount() == 3);
    CHECK(column(versions, 0) ==
          QStringList{QStringLiteral("Version 3"), QStringLiteral("Version 2"), QStringLiteral("Version 1")});
    CHECK(child<QLabel>(&page, "chainStatus")->text().startsWith(QStringLiteral("History intact")));

    auto* events = child<QTreeWidget>(&page, "custodyList");
    const QStringList sentences = column(events, 2);
    REQUIRE(sentences.size() == 3);
    CHECK(sentences[0] == QStringLiteral("Testimony created (version 1)."));
    CHECK(sentences[1] == QStringLiteral("Edited: version 2 saved."));
    CHECK(sentences[2] == QStringLiteral("Edited: version 3 saved."));

    // By default: the newest version against the one before.
    auto* diff = child<QTreeWidget>(&page, "diffTable");
    CHECK(child<QComboBox>(&page, "diffFrom")->currentData().toInt() == 2);
    CHECK(child<QComboBox>(&page, "diffTo")->currentData().toInt() == 3);
    REQUIRE(diff->topLevelItemCount() == 1);
    CHECK(diff->topLevelItem(0)->text(0) == QStringLiteral("Narrative"));
    CHECK(diff->topLevelItem(0)->text(2).contains(QStringLiteral("They took two men away.")));

    // Selecting version 2 compares it with version 1: the title changed.
    versions->setCurrentItem(versions->topLevelItem(1));
    REQUIRE(diff->topLevelItemCount() == 1);
    CHECK(diff->topLevelItem(0)->text(0) == QStringLiteral("Title"));
    CHECK(diff->topLevelItem(0)->text(1) == QStringLiteral("Checkpoint at the bridge"));
    CHECK(diff->topLevelItem(0)->text(2) == QStringLiteral("Checkpoint at the old bridge"));

    // Any two versions: 1 against 3 names both fields.
    child<QComboBox>(&page, "diffFrom")->setCurrentIndex(0);
    child<QComboBox>(&page, "diffTo")->setCurrentIndex(2);
    CHECK(column(diff, 0) == QStringList{QStringLiteral("Title"), QStringLiteral("Narrative")});

    // An attachment added through the Attachments page shows up as a custody event.
    AttachmentsPage attachments(f.session);
    attachments.setTestimony(f.id);
    const QString path = f.path("note.txt");
    writeFile(path, "a short note\n");
    REQUIRE(attachments.addFiles({path}) == 1);
    REQUIRE(events->topLevelItemCount() == 4);
    CHECK(events->topLevelItem(3)->text(2).startsWith(QStringLiteral("Document attached (")));

    page.setTestimony({});
    CHECK_FALSE(page.isEnabled());
    CHECK(versions->topLevelItemCount() == 0);
}

TEST_CASE("history: a status change and an export are told in sentences", "[attachments]")
{
    CustodyEvent status;
    status.kind = QStringLiteral("status");
    status.detail = QStringLiteral(R"({"from":"draft","to":"complete"})");
    CHECK(HistoryPage::describe(status) == QStringLiteral("Status changed from draft to complete."));
    CustodyEvent exported;
    exported.kind = QStringLiteral("exported");
    exported.detail = QStringLiteral(R"({"bundle":"b-17","recipients":["HQ Geneva"]})");
    CHECK(HistoryPage::describe(exported) == QStringLiteral("Exported in bundle b-17 for HQ Geneva."));
    CustodyEvent received;
    received.kind = QStringLiteral("received");
    received.detail = QStringLiteral(R"({"bundle":"b-17"})");
    CHECK(HistoryPage::describe(received) == QStringLiteral("HQ confirmed it received bundle b-17."));
}
