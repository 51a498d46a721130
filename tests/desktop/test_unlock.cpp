// Getting in and out: first-run creation, unlock, wrong passphrase, recovery key, lock by
// shortcut and on idle (returning to the same testimony), quick exit, with and without a modal
// dialog open; the clipboard on lock.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "core/TestimonyStore.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "storage/FaultInjection.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#ifdef FV_HAVE_AUDIO
#include "audio/AudioRecorderWidget.h"
#endif
#include "widgets/SecretField.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTableView>
#include <catch2/catch.hpp>

using namespace fv;
using namespace fv::desktop;
using namespace fv::test;

namespace {

constexpr const char* kPassphrase = "correct horse battery staple river";

void unlockWith(MainWindow& window, const char* passphrase)
{
    auto* field = child<SecretField>(window.unlockScreen(), "unlockSecret");
    type(field, QString::fromUtf8(passphrase));
    QTest::keyClick(field, Qt::Key_Return);
    REQUIRE(waitFor([&] { return !window.unlockScreen()->isBusy(); }));
}

// A field vault with passphrase kPassphrase, its window shown and unlocked.
struct UnlockedWindow
{
    TempDir dir;
    Session session;
    std::unique_ptr<MainWindow> window;

    UnlockedWindow()
    {
        makeVault(dir / "vault", kPassphrase);
        window = std::make_unique<MainWindow>(session, dir / "vault");
        window->show();
        window->activateWindow();
        window->start();
        unlockWith(*window, kPassphrase);
        REQUIRE(session.isUnlocked());
    }

    /// The titles saved in the vault, read with a fresh unlock (the window must be locked).
    QStringList savedTitles() const
    {
        auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
        REQUIRE(vault);
        TestimonyStore store(**vault->database(), **vault->blobs());
        auto list = store.list();
        REQUIRE(list);
        QStringList titles;
        for (const auto& item : *list)
            titles << item.title;
        return titles;
    }
};

// Runs `then` with the modal dialog once one is shown (from inside its event loop).
void whenModalShown(std::function<void(QWidget*)> then)
{
    auto* poll = new QTimer;
    poll->setInterval(10);
    QObject::connect(poll, &QTimer::timeout, [poll, then = std::move(then)] {
        QWidget* modal = QApplication::activeModalWidget();
        if (!modal)
            return;
        poll->stop();
        const auto run = then; // the lambda goes with the timer
        poll->deleteLater();
        run(modal);
    });
    poll->start();
}

// Opens the Settings dialog (modal, exec()) and returns when it has closed.
void openSettings(MainWindow& window)
{
    QAction* settings = window.findChild<QAction*>(QStringLiteral("actionSettings"));
    REQUIRE(settings != nullptr);
    settings->trigger();
}

} // namespace

TEST_CASE("first run: the wizard creates a vault, shows the recovery key once and opens the workspace")
{
    TempDir dir;
    const auto location = dir / "vault";
    Session session;
    MainWindow window(session, location);
    window.setCreateKdf(Argon2Params::fastForTests());
    window.show();
    window.start();

    CreateVaultWizard* wizard = window.createWizard();
    REQUIRE(wizard != nullptr);
    REQUIRE(wizard->isVisible());
    CHECK(child<QLineEdit>(wizard, "createFolder")->text() == QString::fromStdString(location.string()));
    wizard->next();
    REQUIRE(wizard->currentId() == CreateVaultWizard::PassphrasePage);

    // A weak passphrase cannot go on; a strong one typed twice can.
    auto* first = child<SecretField>(wizard, "createPassphrase1");
    auto* second = child<SecretField>(wizard, "createPassphrase2");
    type(first, QStringLiteral("abc123"));
    type(second, QStringLiteral("abc123"));
    CHECK_FALSE(wizard->button(QWizard::NextButton)->isEnabled());
    first->clear();
    second->clear();
    type(first, QString::fromUtf8(kPassphrase));
    type(second, QString::fromUtf8("correct horse battery staple rivet"));
    CHECK_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // they differ
    QTest::keyClick(second, Qt::Key_Backspace);
    type(second, QStringLiteral("r"));
    REQUIRE(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->next();
    REQUIRE(wizard->currentId() == CreateVaultWizard::DuressPage);

    wizard->next(); // no duress passphrase: creates the vault off-thread, then moves on
    // While it is being created, Cancel and Esc would drop the recovery key on the floor.
    CHECK_FALSE(wizard->button(QWizard::CancelButton)->isEnabled());
    QTest::keyClick(wizard, Qt::Key_Escape);
    CHECK(wizard->isVisible());
    REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
    CHECK(wizard->vaultCreated());
    CHECK(session.isUnlocked());
    CHECK(Vault::exists(location));
    const QString recoveryKey = wizard->recoveryKeyText();
    CHECK(recoveryKey.size() >= 30);
    CHECK_FALSE(wizard->button(QWizard::CancelButton)->isEnabled());

    // The key page does not go away before the key is acknowledged: not by Esc, not by closing
    // the window, not by Ctrl+L, and not by the idle lock.
    QTest::keyClick(wizard, Qt::Key_Escape);
    wizard->close();
    QTest::keyClick(wizard, Qt::Key_L, Qt::ControlModifier);
    window.idleWatcher().setTimeout(std::chrono::milliseconds(100));
    QTest::qWait(400);
    CHECK(wizard->isVisible());
    CHECK(wizard->currentId() == CreateVaultWizard::RecoveryKeyPage);
    CHECK(session.isUnlocked());
    CHECK(wizard->recoveryKeyText() == recoveryKey);
    CHECK_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // must say it is written down
    child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
    REQUIRE(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->next();
    REQUIRE(wizard->currentId() == CreateVaultWizard::HqCardPage);
    wizard->accept(); // enrol later
    CHECK(window.showsWorkspace());
    // With the wizard gone, the idle lock counts again.
    REQUIRE(waitFor([&] { return !session.isUnlocked(); }, std::chrono::seconds(5)));
    window.idleWatcher().setTimeout(std::chrono::minutes(5));
    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());

    // The recovery key opens the vault, and then a new passphrase is asked for.
    window.lock();
    CHECK_FALSE(session.isUnlocked());
    CHECK_FALSE(window.showsWorkspace());
    window.unlockScreen()->setRecoveryMode(true);
    bool recovered = false;
    QObject::connect(window.unlockScreen(), &UnlockScreen::recoveredWithKey, [&] { recovered = true; });
    unlockWith(window, recoveryKey.toLower().toUtf8().constData()); // case does not matter
    CHECK(session.isUnlocked());
    CHECK(recovered);
}

TEST_CASE("unlock: a wrong passphrase says so and keeps the vault locked; the right one opens it")
{
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    Session session;
    MainWindow window(session, dir / "vault");
    window.show();
    window.start();
    CHECK(window.createWizard() == nullptr);

    unlockWith(window, "not the passphrase at all");
    CHECK_FALSE(session.isUnlocked());
    CHECK(window.unlockScreen()->message().contains(QStringLiteral("does not open this vault")));
    CHECK(window.unlockScreen()->message().contains(QStringLiteral("recovery key")));
    CHECK(child<SecretField>(window.unlockScreen(), "unlockSecret")->isEmpty());

    unlockWith(window, kPassphrase);
    CHECK(session.isUnlocked());
    CHECK(window.showsWorkspace());
    CHECK(window.unlockScreen()->message().isEmpty());
}

TEST_CASE("unlock: a vault open in another process is reported as such, not as a wrong passphrase")
{
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    auto held = Vault::unlock(dir / "vault", secret(kPassphrase));
    REQUIRE(held);
    Session session;
    MainWindow window(session, dir / "vault");
    window.show();
    window.start();
    unlockWith(window, kPassphrase);
    CHECK_FALSE(session.isUnlocked());
    CHECK(window.unlockScreen()->message().contains(QStringLiteral("already open")));
}

TEST_CASE("lock: Ctrl+L and idle lock save the pending edit, hide everything, and unlocking returns to it")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    Session& session = fixture.session;

    window.newTestimony();
    auto* title = child<QLineEdit>(window.editor(), "editorTitle");
    type(title, QStringLiteral("Night raid in the old market"));
    CHECK(window.editor()->saveState() == TestimonyEditor::SaveState::Pending);

    // Ctrl+L before the autosave fires: the edit is saved, then the keys go.
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE_FALSE(session.isUnlocked());
    CHECK_FALSE(window.showsWorkspace());
    CHECK(title->text().isEmpty()); // nothing left on screen
    CHECK(fixture.savedTitles() == QStringList{QStringLiteral("Night raid in the old market")});

    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());
    CHECK(title->text() == QStringLiteral("Night raid in the old market"));
    CHECK(window.browser()->selectedId() == window.editor()->currentId());

    // Idle: no input for the timeout locks.
    window.idleWatcher().setTimeout(std::chrono::milliseconds(300));
    REQUIRE(waitFor([&] { return !session.isUnlocked(); }, std::chrono::seconds(5)));
    CHECK_FALSE(window.showsWorkspace());
}

TEST_CASE("quick exit: F12 saves, locks and quits without a question")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    Session& session = fixture.session;
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"),
         QStringLiteral("Typed just before the checkpoint"));

    int exitCode = -1;
    QTimer::singleShot(0, [&] { QTest::keyClick(&window, Qt::Key_F12); });
    exitCode = QApplication::exec();
    CHECK(exitCode == 0);
    CHECK_FALSE(session.isUnlocked());
    CHECK(fixture.savedTitles() == QStringList{QStringLiteral("Typed just before the checkpoint")});
}

TEST_CASE("lock and quick exit: Ctrl+L and F12 work while a modal dialog is open")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    Session& session = fixture.session;
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"), QStringLiteral("Typed before Settings opened"));

    // Qt blocks the main window's shortcuts under a modal dialog; the keys must still work.
    bool dialogSeen = false;
    whenModalShown([&](QWidget* modal) {
        dialogSeen = true;
        QTest::keyClick(modal, Qt::Key_L, Qt::ControlModifier);
    });
    openSettings(window); // returns once the lock has closed the dialog
    CHECK(dialogSeen);
    CHECK_FALSE(session.isUnlocked());
    CHECK(QApplication::activeModalWidget() == nullptr);
    CHECK(fixture.savedTitles() == QStringList{QStringLiteral("Typed before Settings opened")});

    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());
    int exitCode = -1;
    QTimer::singleShot(0, [&] {
        whenModalShown([](QWidget* modal) { QTest::keyClick(modal, Qt::Key_F12); });
        openSettings(window);
    });
    exitCode = QApplication::exec();
    CHECK(exitCode == 0);
    CHECK_FALSE(session.isUnlocked());
}

TEST_CASE("lock: when the pending edit cannot be saved, Ctrl+L asks and the idle lock tells afterwards")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    Session& session = fixture.session;
    window.newTestimony();
    auto* title = child<QLineEdit>(window.editor(), "editorTitle");
    type(title, QStringLiteral("Saved before the disk filled up"));
    REQUIRE(window.editor()->flush());
    type(title, QStringLiteral(", and more"));

    // The disk is full: the edit cannot be saved. "Stay unlocked" keeps it on screen.
    armFault(FaultPlan{FaultOp::Write, FaultKind::DiskFull, 1, true});
    whenModalShown([](QWidget* modal) {
        auto* box = qobject_cast<QMessageBox*>(modal);
        REQUIRE(box != nullptr);
        CHECK(box->objectName() == QStringLiteral("lockUnsavedQuestion"));
        CHECK(box->text().contains(QStringLiteral("lost")));
        box->reject(); // "Stay unlocked"
    });
    window.lock();
    CHECK(session.isUnlocked());
    CHECK(title->text() == QStringLiteral("Saved before the disk filled up, and more"));
    CHECK(window.editor()->saveState() == TestimonyEditor::SaveState::Failed);

    // The idle lock does not wait for an answer; after unlocking the person is told.
    window.idleWatcher().setTimeout(std::chrono::milliseconds(200));
    REQUIRE(waitFor([&] { return !session.isUnlocked(); }, std::chrono::seconds(5)));
    disarmFaults();
    window.idleWatcher().setTimeout(std::chrono::minutes(5));
    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());
    REQUIRE(waitFor([&] { return window.findChild<QMessageBox*>(QStringLiteral("unsavedOnLockMessage")); }));
    auto* told = window.findChild<QMessageBox*>(QStringLiteral("unsavedOnLockMessage"));
    CHECK(told->text().contains(QStringLiteral("could not be saved")));
    told->close();
    window.lock();
    CHECK(fixture.savedTitles() == QStringList{QStringLiteral("Saved before the disk filled up")});
}

// Only where the platform has a real clipboard with ownership (X11 under Xvfb): the ctest entry
// desktop_clipboard_tests runs this case there. The offscreen platform cannot tell who owns
// the clipboard.
TEST_CASE("lock: text copied from a testimony is taken off the clipboard and the selection", "[.][xcb]")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    QClipboard* clipboard = QGuiApplication::clipboard();
    REQUIRE(clipboard->supportsSelection());
    window.newTestimony();
    auto* title = child<QLineEdit>(window.editor(), "editorTitle");
    type(title, QStringLiteral("Name of the officer in charge"));
    title->selectAll();
    title->copy();
    REQUIRE(waitFor([&] { return clipboard->text() == QStringLiteral("Name of the officer in charge"); }));
    REQUIRE(clipboard->ownsClipboard());
    // What a mouse selection in a testimony does on X11: the app owns the primary selection.
    clipboard->setText(QStringLiteral("Witness lives behind the mosque"), QClipboard::Selection);
    REQUIRE(waitFor([&] { return clipboard->ownsSelection(); }));

    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE_FALSE(fixture.session.isUnlocked());
    CHECK(clipboard->text().isEmpty());
    CHECK(clipboard->text(QClipboard::Selection).isEmpty());
}

#ifdef FV_HAVE_AUDIO
// Under a real PulseAudio server (ctest entry desktop_pulse_tests, tests/audio/with-pulse.sh).
TEST_CASE("idle lock: it waits while an interview is being recorded, and locks once it stops", "[.][pulse]")
{
    UnlockedWindow fixture;
    MainWindow& window = *fixture.window;
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"), QStringLiteral("Interview in the clinic"));
    REQUIRE(window.editor()->flush());
    window.editor()->setCurrentPage(TestimonyEditor::AttachmentsTab);
    auto* recorder = child<AudioRecorderWidget>(window.editor(), "interviewRecorder");
    child<QPushButton>(recorder, "recordButton")->click();
    REQUIRE(waitFor([&] { return recorder->recorder().state() == AudioRecorder::State::Recording; }));

    // Nobody touches the keyboard during an interview: that is not idleness.
    window.idleWatcher().setTimeout(std::chrono::milliseconds(200));
    QTest::qWait(1000);
    CHECK(fixture.session.isUnlocked());
    CHECK(recorder->recorder().state() == AudioRecorder::State::Recording);

    child<QPushButton>(recorder, "stopButton")->click();
    REQUIRE(waitFor([&] { return !fixture.session.isUnlocked(); }, std::chrono::seconds(5)));
    auto vault = Vault::unlock(fixture.dir / "vault", secret(kPassphrase));
    REQUIRE(vault);
    TestimonyStore store(**vault->database(), **vault->blobs());
    auto list = store.list();
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    auto attachments = store.attachments(list->front().id);
    REQUIRE(attachments);
    CHECK(attachments->size() == 1); // the recording was saved before the lock
}
#endif
