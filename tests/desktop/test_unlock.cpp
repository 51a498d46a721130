// Getting in and out: first-run creation, unlock, wrong passphrase, recovery key, lock by
// shortcut and on idle (returning to the same testimony), quick exit.
#include "DesktopTestSupport.h"
#include "browse/TestimonyBrowser.h"
#include "core/TestimonyStore.h"
#include "editor/TestimonyEditor.h"
#include "main/MainWindow.h"
#include "unlock/CreateVaultWizard.h"
#include "unlock/UnlockScreen.h"
#include "widgets/SecretField.h"

#include <QCheckBox>
#include <QLineEdit>
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
    REQUIRE(waitFor([&] { return wizard->currentId() == CreateVaultWizard::RecoveryKeyPage; }));
    CHECK(wizard->vaultCreated());
    CHECK(session.isUnlocked());
    CHECK(Vault::exists(location));
    const QString recoveryKey = wizard->recoveryKeyText();
    CHECK(recoveryKey.size() >= 30);
    CHECK_FALSE(wizard->button(QWizard::CancelButton)->isEnabled());
    CHECK_FALSE(wizard->button(QWizard::NextButton)->isEnabled()); // must say it is written down
    child<QCheckBox>(wizard, "recoveryWritten")->setChecked(true);
    REQUIRE(wizard->button(QWizard::NextButton)->isEnabled());
    wizard->next();
    REQUIRE(wizard->currentId() == CreateVaultWizard::HqCardPage);
    wizard->accept(); // enrol later
    CHECK(window.showsWorkspace());

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
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    Session session;
    MainWindow window(session, dir / "vault");
    window.show();
    window.activateWindow();
    window.start();
    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());

    window.newTestimony();
    auto* title = child<QLineEdit>(window.editor(), "editorTitle");
    type(title, QStringLiteral("Night raid in the old market"));
    CHECK(window.editor()->saveState() == TestimonyEditor::SaveState::Pending);

    // Ctrl+L before the autosave fires: the edit is saved, then the keys go.
    QTest::keyClick(&window, Qt::Key_L, Qt::ControlModifier);
    REQUIRE_FALSE(session.isUnlocked());
    CHECK_FALSE(window.showsWorkspace());
    CHECK(title->text().isEmpty()); // nothing left on screen
    {
        auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
        REQUIRE(vault);
        TestimonyStore store(**vault->database(), **vault->blobs());
        auto list = store.list();
        REQUIRE(list);
        REQUIRE(list->size() == 1);
        CHECK(list->front().title == QStringLiteral("Night raid in the old market"));
    }

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
    TempDir dir;
    makeVault(dir / "vault", kPassphrase);
    Session session;
    MainWindow window(session, dir / "vault");
    window.show();
    window.start();
    unlockWith(window, kPassphrase);
    REQUIRE(session.isUnlocked());
    window.newTestimony();
    type(child<QLineEdit>(window.editor(), "editorTitle"),
         QStringLiteral("Typed just before the checkpoint"));

    int exitCode = -1;
    QTimer::singleShot(0, [&] { QTest::keyClick(&window, Qt::Key_F12); });
    exitCode = QApplication::exec();
    CHECK(exitCode == 0);
    CHECK_FALSE(session.isUnlocked());
    auto vault = Vault::unlock(dir / "vault", secret(kPassphrase));
    REQUIRE(vault);
    TestimonyStore store(**vault->database(), **vault->blobs());
    auto list = store.list();
    REQUIRE(list);
    REQUIRE(list->size() == 1);
    CHECK(list->front().title == QStringLiteral("Typed just before the checkpoint"));
}
