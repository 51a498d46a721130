// The session's exclusive runner (Session::runExclusive): while slow work runs on an open vault
// (export, import, adding files, a passphrase change) the GUI thread does not touch the store;
// the editor keeps an edit pending and saves it afterwards, the list waits and queries once; a
// lock waits for the work before the keys go; an import stops between two bundles.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "browse/TestimonyListModel.h"
#include "core/Identity.h"
#include "core/TestimonyStore.h"
#include "core/sync/BundleWriter.h"
#include "editor/AttachmentsPage.h"
#include "editor/HistoryPage.h"
#include "editor/TestimonyEditor.h"
#include "handoff/ExportWizard.h"
#include "handoff/ImportWindow.h"
#include "main/MainWindow.h"
#include "session/Session.h"
#include "settings/SettingsDialog.h"
#include "widgets/SecretField.h"

#include <QAction>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTimer>
#include <QTreeWidget>
#include <atomic>
#include <catch2/catch.hpp>
#include <fcntl.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;
using namespace std::chrono_literals;
namespace fs = std::filesystem;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";
constexpr int kPipeSize = 1 << 20;

void open(Session& session, const fs::path& where, VaultRole role = VaultRole::Field)
{
    makeVault(where, kPassphrase, role);
    auto vault = Vault::unlock(where, secret(kPassphrase));
    REQUIRE(vault.has_value());
    REQUIRE(session.adopt(std::move(*vault)).has_value());
}

QString addTestimony(Session& session, const QString& title, const QString& narrative = QStringLiteral("n"))
{
    Testimony t;
    t.title = title;
    t.narrative = narrative;
    t.interviewDate = QStringLiteral("2013-04-02");
    t.witness.pseudonym = QStringLiteral("W-2");
    auto id = session.testimonies()->add(t);
    REQUIRE(id.has_value());
    return *id;
}

/// A work that holds the runner until `release` is set (from the test, or by a cancel).
struct Gate
{
    std::atomic<bool> release{false};
    std::atomic<bool> ended{false};

    std::function<void()> work()
    {
        return [this] {
            while (!release)
                std::this_thread::sleep_for(2ms);
            ended = true;
        };
    }
};

void retype(QLineEdit* edit, const QString& text)
{
    edit->clear();
    type(edit, text);
}

} // namespace

TEST_CASE("store worker: an edit whose autosave fires during an exclusive work is saved after it",
          "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    const QString id = addTestimony(session, QStringLiteral("Before"));
    const QString other = addTestimony(session, QStringLiteral("Other"));
    TestimonyEditor editor(session);
    editor.setAutosaveDelay(50ms);
    REQUIRE(editor.open(id));

    // Typed right before the work starts; the autosave timer runs.
    const QString typed = QStringLiteral("Typed just before the export, شاهد");
    retype(child<QLineEdit>(&editor, "editorTitle"), typed);
    REQUIRE(editor.saveState() == TestimonyEditor::SaveState::Pending);

    QSignalSpy busy(&session, &Session::busyChanged);
    Gate gate;
    QObject context;
    bool done = false;
    REQUIRE(session.runExclusive(&context, gate.work(), [&] { done = true; }));
    CHECK(session.isBusy());
    CHECK_FALSE(session.runExclusive(
        &context, [] {}, [] {})); // one at a time

    QTest::qWait(300); // the autosave fires (50 ms) while the work runs: nothing is saved, nothing lost
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);
    CHECK(editor.flush()); // kept for later: nothing is lost
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);
    CHECK_FALSE(editor.open(other)); // opening another testimony waits too
    CHECK(editor.currentId() == id);
    CHECK(child<QLineEdit>(&editor, "editorTitle")->text() == typed);
    CHECK_FALSE(done);

    gate.release = true;
    REQUIRE(waitFor([&] { return !session.isBusy(); }));
    CHECK(done);
    REQUIRE(busy.size() == 2);
    CHECK(busy.at(0).at(0).toBool());
    CHECK_FALSE(busy.at(1).at(0).toBool());
    REQUIRE(waitFor([&] { return editor.saveState() == TestimonyEditor::SaveState::Saved; }));
    auto saved = session.testimonies()->current(id);
    REQUIRE(saved.has_value());
    CHECK(saved->title == typed);
    auto history = session.testimonies()->history(id);
    REQUIRE(history.has_value());
    CHECK(history->versions.size() == 2);
}

TEST_CASE("store worker: done is skipped when its context is gone", "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    Gate gate;
    bool done = false;
    {
        QObject context;
        REQUIRE(session.runExclusive(&context, gate.work(), [&] { done = true; }));
    }
    gate.release = true;
    session.waitUntilIdle();
    CHECK(gate.ended);
    CHECK_FALSE(done);
    CHECK_FALSE(session.isBusy());
    session.lock();
    QObject context;
    CHECK_FALSE(session.runExclusive(
        &context, [] {}, [] {})); // locked: refused
}

TEST_CASE("store worker: a lock waits for the running work, then saves the pending edit, then locks",
          "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    const QString id = addTestimony(session, QStringLiteral("Before the lock"));
    TestimonyEditor editor(session);
    editor.setAutosaveDelay(50ms);
    REQUIRE(editor.open(id));
    const QString typed = QStringLiteral("Saved before the keys go");
    retype(child<QLineEdit>(&editor, "editorTitle"), typed);

    std::atomic<bool> ended{false};
    bool cancelAsked = false;
    bool done = false;
    QObject context;
    REQUIRE(session.runExclusive(
        &context,
        [&ended] {
            std::this_thread::sleep_for(400ms); // cannot be cut short, like a passphrase change
            ended = true;
        },
        [&] { done = true; }, [&] { cancelAsked = true; }));
    QTest::qWait(150); // the autosave fires during the work
    REQUIRE(editor.saveState() == TestimonyEditor::SaveState::Pending);

    bool sawAboutToLock = false;
    QObject::connect(&session, &Session::aboutToLock, &context, [&] {
        sawAboutToLock = true;
        CHECK(ended);
        CHECK(done);
        CHECK_FALSE(session.isBusy());
        CHECK(editor.saveState() == TestimonyEditor::SaveState::Saved);
        auto current = session.testimonies()->current(id);
        CHECK((current.has_value() && current->title == typed));
    });
    session.lock();
    CHECK(sawAboutToLock);
    CHECK(cancelAsked);
    CHECK_FALSE(session.isUnlocked());

    auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
    REQUIRE(vault.has_value());
    REQUIRE(session.adopt(std::move(*vault)).has_value());
    auto current = session.testimonies()->current(id);
    REQUIRE(current.has_value());
    CHECK(current->title == typed);
}

TEST_CASE("store worker: the list does not query while busy and runs the newest request once after",
          "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    for (int i = 0; i < 230; ++i)
        addTestimony(session, QStringLiteral("Testimony %1").arg(i),
                     i % 10 == 0 ? QStringLiteral("الرصاص الحي في السوق") : QStringLiteral("checkpoint"));
    TestimonyBrowser browser(session);
    TestimonyListModel* model = browser.model();
    browser.applyNow();
    REQUIRE(model->rowCount() == TestimonyListModel::kPageSize);
    REQUIRE(model->canFetchMore({}));
    const quint64 before = model->queryCount();

    Gate gate;
    QObject context;
    REQUIRE(session.runExclusive(&context, gate.work(), [] {}));
    type(browser.searchBox(), QStringLiteral("الرصاص"));
    QTest::qWait(400); // past the typing pause
    model->fetchMore({});
    session.notifyChanged({});
    model->sort(TestimonyListModel::TitleColumn, Qt::AscendingOrder);
    CHECK(model->queryCount() == before);
    CHECK(model->rowCount() == TestimonyListModel::kPageSize);

    gate.release = true;
    REQUIRE(waitFor([&] { return !session.isBusy() && model->rowCount() == 23; }));
    QTest::qWait(100); // anything queued after the busy end
    CHECK(model->queryCount() == before + 1);
    CHECK(model->query().text == QStringLiteral("الرصاص"));
    CHECK(model->query().order == SearchOrder::ByTitle);
}

TEST_CASE("store worker: an import stops between bundles; the edit typed before it is saved after it",
          "[storeworker]")
{
    TempDir dir;
    Session field, hq;
    open(field, dir / "field", VaultRole::Field);
    open(hq, dir / "hq", VaultRole::Hq);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    REQUIRE(enrolCard(*field.database(), hq.identity()->card(), VaultRole::Field, *field.identity(), now));
    REQUIRE(enrolCard(*hq.database(), field.identity()->card(), VaultRole::Hq, *hq.identity(), now));

    // Three bundles of one testimony each.
    std::vector<QString> files;
    for (int i = 0; i < 3; ++i) {
        const QString id = addTestimony(field, QStringLiteral("Bundle testimony %1").arg(i));
        const fs::path out = dir / ("out" + std::to_string(i)).c_str();
        fs::create_directories(out);
        ExportOptions options;
        options.destination = out;
        options.testimonyIds = QStringList{id};
        auto exported = exportBundle(*field.database(), *field.blobs(), *field.identity(), options);
        REQUIRE(exported.has_value());
        REQUIRE(exported->files.size() == 1);
        files.push_back(QFile::decodeName(exported->files.front().c_str()));
    }
    // The first bundle comes through a named pipe, so the import is held inside it until the
    // test has pressed Stop.
    QFile firstFile(files[0]);
    REQUIRE(firstFile.open(QIODevice::ReadOnly));
    const QByteArray firstBytes = firstFile.readAll();
    REQUIRE(firstBytes.size() < kPipeSize); // fits the pipe's buffer: written at once
    const fs::path pipe = dir / "slow-bundle";
    REQUIRE(::mkfifo(pipe.c_str(), 0600) == 0);

    TestimonyEditor editor(hq);
    editor.setAutosaveDelay(50ms);
    REQUIRE(editor.startNew());
    const QString typed = QStringLiteral("Note typed at HQ before the import");
    retype(child<QLineEdit>(&editor, "editorTitle"), typed);
    REQUIRE(editor.saveState() == TestimonyEditor::SaveState::Pending);

    ImportWindow import(hq);
    import.addFiles({QFile::decodeName(pipe.c_str()), files[1], files[2]});
    REQUIRE(import.startImport());
    CHECK(hq.isBusy());
    CHECK(child<QPushButton>(&import, "importCancel")->isEnabled());

    std::atomic<bool> readerAttached{false};
    std::atomic<bool> stopPressed{false};
    std::atomic<bool> written{false};
    std::thread writer([&] {
        const auto deadline = std::chrono::steady_clock::now() + 30s;
        int fd = -1;
        while (fd < 0 && std::chrono::steady_clock::now() < deadline) {
            fd = ::open(pipe.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC); // ENXIO until the import opens it
            if (fd < 0)
                std::this_thread::sleep_for(2ms);
        }
        if (fd < 0)
            return;
        readerAttached = true;
        while (!stopPressed && std::chrono::steady_clock::now() < deadline)
            std::this_thread::sleep_for(2ms);
        ::fcntl(fd, F_SETPIPE_SZ, kPipeSize);
        ::fcntl(fd, F_SETFL, 0);
        written = ::write(fd, firstBytes.constData(), std::size_t(firstBytes.size())) == firstBytes.size();
        ::close(fd);
    });

    const bool attached = waitFor([&] { return readerAttached.load(); }, 30s);
    QTest::qWait(200); // the editor's autosave fires while the import runs
    CHECK(editor.saveState() == TestimonyEditor::SaveState::Pending);
    QTest::mouseClick(child<QPushButton>(&import, "importCancel"), Qt::LeftButton);
    stopPressed = true;
    writer.join();
    REQUIRE(attached);
    REQUIRE(written);
    REQUIRE(waitFor([&] { return !import.isImporting(); }, 60s));

    // The bundle under way was imported; the other two were not started and wait again.
    QTableWidget* table = import.results();
    REQUIRE(table->rowCount() == 3);
    CHECK(table->item(0, ImportWindow::ResultColumn)->data(Qt::UserRole).toString() ==
          QStringLiteral("verified"));
    CHECK(table->item(0, ImportWindow::TestimoniesColumn)->text() == QStringLiteral("1"));
    for (int row : {1, 2}) {
        CHECK(table->item(row, ImportWindow::ResultColumn)->data(Qt::UserRole).toString() ==
              QStringLiteral("notStarted"));
        CHECK(table->item(row, ImportWindow::ImportedColumn)->text().isEmpty());
    }
    CHECK(import.pendingFiles() == QStringList({files[1], files[2]}));
    CHECK(child<QLabel>(&import, "importStatus")->text().contains(QStringLiteral("stopped")));
    CHECK_FALSE(child<QPushButton>(&import, "importCancel")->isEnabled());

    // The HQ note is saved after the import, not lost in it.
    REQUIRE(waitFor([&] { return editor.saveState() == TestimonyEditor::SaveState::Saved; }));
    REQUIRE_FALSE(editor.currentId().isEmpty());
    auto note = hq.testimonies()->current(editor.currentId());
    REQUIRE(note.has_value());
    CHECK(note->title == typed);

    // Importing again brings the two bundles not started.
    REQUIRE(import.startImport());
    REQUIRE(waitFor([&] { return !import.isImporting(); }, 60s));
    REQUIRE(table->rowCount() == 5);
    for (int row : {3, 4}) {
        CHECK(table->item(row, ImportWindow::ResultColumn)->data(Qt::UserRole).toString() ==
              QStringLiteral("verified"));
        CHECK(table->item(row, ImportWindow::TestimoniesColumn)->text() == QStringLiteral("1"));
    }
    CHECK(import.pendingFiles().isEmpty());
}

TEST_CASE("store worker: other slow work is refused while one runs; the history reads again after",
          "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    const QString id = addTestimony(session, QStringLiteral("One version"));
    TestimonyEditor editor(session);
    REQUIRE(editor.open(id));
    auto* versions = child<QTreeWidget>(editor.historyPage(), "versionsList");
    REQUIRE(versions->topLevelItemCount() == 1);
    SettingsDialog settings(session, nullptr);
    const QString file = QString::fromStdString((dir / "note.txt").string());
    {
        QFile f(file);
        REQUIRE(f.open(QIODevice::WriteOnly));
        f.write("a note");
    }

    // The work itself writes a second version, as an import would.
    Gate gate;
    QObject context;
    TestimonyStore* store = session.testimonies();
    REQUIRE(session.runExclusive(
        &context,
        [&gate, store, id] {
            gate.work()();
            Testimony t = *store->current(id);
            t.summary = QStringLiteral("Changed by the work");
            (void)store->edit(id, t);
        },
        [] {}));

    CHECK(editor.attachmentsPage()->addFiles({file}) == 0);
    CHECK(child<QLabel>(editor.attachmentsPage(), "attachmentsMessage")
              ->text()
              .contains(QStringLiteral("Another operation")));
    type(child<SecretField>(&settings, "newPassphraseField"),
         QStringLiteral("ولد يركض تحت المطر الغزير صباحا"));
    type(child<SecretField>(&settings, "repeatPassphraseField"),
         QStringLiteral("ولد يركض تحت المطر الغزير صباحا"));
    CHECK_FALSE(settings.changePassphrase());
    CHECK_FALSE(settings.isChangingPassphrase());
    CHECK(
        child<QLabel>(&settings, "passphraseMessage")->text().contains(QStringLiteral("Another operation")));
    ImportWindow import(session);
    import.addFiles({file});
    CHECK_FALSE(import.startImport()); // a field vault, and busy: nothing starts either way
    CHECK_FALSE(import.isImporting());

    session.notifyChanged(id); // a reload asked for while busy waits
    CHECK(versions->topLevelItemCount() == 1);
    gate.release = true;
    REQUIRE(waitFor([&] { return !session.isBusy(); }));
    REQUIRE(waitFor([&] { return versions->topLevelItemCount() == 2; }));

    // Idle again: the same requests go through.
    CHECK(editor.attachmentsPage()->addFiles({file}) == 1);
}

TEST_CASE("store worker: the hand-off menu does not open a screen over a running work", "[storeworker]")
{
    TempDir dir;
    Session session;
    open(session, dir / "vault");
    MainWindow window(session, dir / "vault");
    window.show();
    QAction* exportAction = window.findChild<QAction*>(QStringLiteral("actionExport"));
    REQUIRE(exportAction != nullptr);

    Gate gate;
    QObject context;
    REQUIRE(session.runExclusive(&context, gate.work(), [] {}));
    QString said;
    QTimer poll;
    poll.setInterval(10);
    QObject::connect(&poll, &QTimer::timeout, [&] {
        if (auto* box = qobject_cast<QMessageBox*>(QApplication::activeModalWidget())) {
            said = box->text();
            box->close();
        }
    });
    poll.start();
    exportAction->trigger(); // returns when the message is closed
    poll.stop();
    CHECK(said.contains(QStringLiteral("Another operation")));
    CHECK(window.findChild<ExportWizard*>() == nullptr);

    gate.release = true;
    REQUIRE(waitFor([&] { return !session.isBusy(); }));
    exportAction->trigger();
    ExportWizard* wizard = window.findChild<ExportWizard*>();
    REQUIRE(wizard != nullptr);
    wizard->reject();
}
